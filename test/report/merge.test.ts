/** Joining shards (src/report/merge.ts): coverage by "any shard exercised it", and shard sets refused. */
import { describe, expect, it } from '@jest/globals';
import type { Coverage } from '../../src/report/coverage.js';
import { mergeCoverage, mergeResults } from '../../src/report/merge.js';
import { RESULTS_FORMAT, type ResultsFile } from '../../src/report/results-file.js';
import { verdict, type CaseResult } from '../../src/report/results.js';

function coverage(exercised200: boolean, exercised404: boolean, received: boolean): Coverage {
  const statuses = [
    { status: '200', exercised: exercised200, calls: exercised200 ? 1 : 0 },
    { status: '404', exercised: exercised404, calls: exercised404 ? 2 : 0 },
  ];
  return {
    operations: [
      {
        operationId: 'get',
        method: 'GET',
        path: '/a',
        exercised: exercised200 || exercised404,
        calls: 3,
        statuses,
        undocumented: [{ status: 418, calls: 1 }],
      },
    ],
    events: [{ type: 'x', received, count: received ? 1 : 0 }],
    unmatched: [],
    undocumentedEvents: [],
    totals: {
      operations: { exercised: 1, total: 1 },
      statuses: { exercised: 1, total: 2 },
      events: { exercised: received ? 1 : 0, total: 1 },
    },
  };
}

describe('mergeCoverage', () => {
  it('a status or event is exercised when any shard exercised it; calls add up; totals recomputed', () => {
    const merged = mergeCoverage([coverage(true, false, false), coverage(false, true, true)]);
    expect(merged.operations[0]?.statuses.map((s) => [s.status, s.exercised, s.calls])).toEqual([
      ['200', true, 1],
      ['404', true, 2],
    ]);
    expect(merged.operations[0]?.undocumented).toEqual([{ status: 418, calls: 2 }]);
    expect(merged.totals).toEqual({
      operations: { exercised: 1, total: 1 },
      statuses: { exercised: 2, total: 2 },
      events: { exercised: 1, total: 1 },
    });
  });

  it('changes none of the shards', () => {
    const a = coverage(true, false, false);
    const before = structuredClone(a);
    mergeCoverage([a, coverage(false, true, true)]);
    expect(a).toEqual(before);
  });
});

describe('mergeResults', () => {
  const caseOf = (name: string, outcome: CaseResult['outcome']): CaseResult => ({
    file: `suites/${name}.test.ts`,
    step: name,
    clause: name,
    fullName: name,
    outcome,
    ...(outcome === 'failed' ? { family: 'contract' as const } : {}),
    durationMs: 1,
  });
  const shard = (index: number, total: number, cases: CaseResult[], profile = 'full'): ResultsFile => ({
    format: RESULTS_FORMAT,
    title: `broker-contract: ${profile} (shard ${index}/${total}) on sandbox`,
    profile,
    environment: [],
    shard: { index, total },
    startedAt: `2026-12-04T10:00:0${index}.000Z`,
    durationMs: index * 1000,
    verdict: verdict(cases),
    setup: [],
    changes: [],
    cases,
    observations: [],
    coverage: coverage(index === 1, index === 2, false),
    timelines: { transfers: [], omitted: 0 },
    calls: [],
  });
  const file = (results: ResultsFile) => ({ path: `shard${results.shard?.index}.json`, results });

  it('the verdict of all clauses, as long as the longest shard', () => {
    const merged = mergeResults([
      file(shard(2, 2, [caseOf('b', 'failed')])),
      file(shard(1, 2, [caseOf('a', 'passed')])),
    ]);
    expect(merged.cases.map((c) => c.fullName)).toEqual(['a', 'b']);
    expect(merged.verdict).toEqual(verdict([caseOf('a', 'passed'), caseOf('b', 'failed')]));
    expect(merged.durationMs).toBe(2000);
    expect(merged.title).toBe('broker-contract: full (2 shards merged) on sandbox');
    expect(merged.shard).toBeUndefined();
  });

  it.each([
    ['a missing shard', [shard(1, 3, []), shard(3, 3, [])], 'shard 2/3 missing'],
    ['a doubled shard', [shard(1, 2, []), shard(1, 2, []), shard(2, 2, [])], 'shard 1/2 was given twice'],
    ['shards of different splits', [shard(1, 2, []), shard(2, 3, [])], 'shard 2/3, the others are of 2'],
    ['different profiles', [shard(1, 2, []), shard(2, 2, [], 'smoke')], 'different profiles: full, smoke'],
  ])('refuses %s, naming it', (_what, files, message) => {
    expect(() => mergeResults(files.map(file))).toThrow(message);
  });
});
