/**
 * One verdict from the shards of a run (`run --shard i/n`, then `broker-contract merge`): the clauses
 * of every shard, the verdict recomputed from them, the coverage of all shards together (a status is
 * exercised when any shard exercised it), and the rest gathered. The shards must be the n shards of
 * one profile, each once: a missing shard would make a verdict of part of the run.
 */
import { EnvironmentError } from '../errors.js';
import type { Coverage, Ratio } from './coverage.js';
import { RESULTS_FORMAT, type ResultsFile } from './results-file.js';
import { verdict } from './results.js';

function checkShards(files: readonly { path: string; results: ResultsFile }[]): void {
  const [first] = files;
  if (!first) throw new EnvironmentError('SHARDS_INCOMPLETE', 'merge was given no results files.');
  const profiles = new Set(files.map((f) => f.results.profile));
  if (profiles.size > 1)
    throw new EnvironmentError(
      'SHARDS_INCOMPLETE',
      `the results are of different profiles: ${[...profiles].join(', ')}.`,
    );
  const total = first.results.shard?.total;
  if (total === undefined) {
    if (files.length === 1) return;
    throw new EnvironmentError(
      'SHARDS_INCOMPLETE',
      `${first.path} is not a shard (no --shard), so it cannot be merged with others.`,
    );
  }
  const seen = new Map<number, string>();
  for (const { path, results } of files) {
    const shard = results.shard;
    if (shard?.total !== total)
      throw new EnvironmentError(
        'SHARDS_INCOMPLETE',
        `${path} is ${shard ? `shard ${shard.index}/${shard.total}` : 'not a shard'}, the others are of ${total}.`,
      );
    const before = seen.get(shard.index);
    if (before !== undefined)
      throw new EnvironmentError(
        'SHARDS_INCOMPLETE',
        `shard ${shard.index}/${total} was given twice: ${before} and ${path}.`,
      );
    seen.set(shard.index, path);
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw new EnvironmentError(
      'SHARDS_INCOMPLETE',
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${total}`).join(', ')} missing: the merged verdict would be of part of the run.`,
      'Give the results.json of every shard; a shard whose job failed to start must be re-run.',
    );
}

const sum = (a: Ratio, exercised: number, total: number): Ratio => ({
  exercised: a.exercised + exercised,
  total: a.total + total,
});

export function mergeCoverage(all: readonly Coverage[]): Coverage {
  const [first, ...rest] = all;
  if (!first) throw new Error('mergeCoverage needs one coverage at least');
  const merged: Coverage = structuredClone(first);
  for (const next of rest) {
    for (const op of next.operations) {
      const mine = merged.operations.find(
        (o) => o.operationId === op.operationId && o.method === op.method && o.path === op.path,
      );
      if (!mine) {
        merged.operations.push(structuredClone(op));
        continue;
      }
      mine.exercised ||= op.exercised;
      mine.calls += op.calls;
      for (const status of op.statuses) {
        const s = mine.statuses.find((x) => x.status === status.status);
        if (s) {
          s.exercised ||= status.exercised;
          s.calls += status.calls;
        } else mine.statuses.push({ ...status });
      }
      for (const u of op.undocumented) {
        const x = mine.undocumented.find((y) => y.status === u.status);
        if (x) x.calls += u.calls;
        else mine.undocumented.push({ ...u });
      }
    }
    for (const event of next.events) {
      const mine = merged.events.find((e) => e.type === event.type);
      if (mine) {
        mine.received ||= event.received;
        mine.count += event.count;
      } else merged.events.push({ ...event });
    }
    for (const u of next.unmatched) {
      const x = merged.unmatched.find((y) => y.call === u.call);
      if (x) x.calls += u.calls;
      else merged.unmatched.push({ ...u });
    }
    for (const u of next.undocumentedEvents) {
      const x = merged.undocumentedEvents.find((y) => y.type === u.type);
      if (x) x.count += u.count;
      else merged.undocumentedEvents.push({ ...u });
    }
  }
  const statuses = merged.operations.flatMap((o) => o.statuses);
  merged.totals = {
    operations: sum(
      { exercised: 0, total: 0 },
      merged.operations.filter((o) => o.exercised).length,
      merged.operations.length,
    ),
    statuses: sum({ exercised: 0, total: 0 }, statuses.filter((s) => s.exercised).length, statuses.length),
    events: sum(
      { exercised: 0, total: 0 },
      merged.events.filter((e) => e.received).length,
      merged.events.length,
    ),
  };
  return merged;
}

/** The shards' results as one; throws SHARDS_INCOMPLETE unless they are the n shards of one profile. */
export function mergeResults(files: readonly { path: string; results: ResultsFile }[]): ResultsFile {
  checkShards(files);
  const all = [...files]
    .sort((a, b) => (a.results.shard?.index ?? 0) - (b.results.shard?.index ?? 0))
    .map((f) => f.results);
  const first = all[0] as ResultsFile;
  const cases = all.flatMap((r) => r.cases);
  const seen = new Set<string>();
  return {
    format: RESULTS_FORMAT,
    title: first.title.replace(/ \(shard \d+\/\d+\)/, ` (${all.length} shards merged)`),
    profile: first.profile,
    environment: first.environment,
    startedAt: all.map((r) => r.startedAt).sort()[0] ?? first.startedAt,
    // The shards ran side by side: the merged run took as long as its longest shard.
    durationMs: Math.max(...all.map((r) => r.durationMs)),
    verdict: verdict(cases),
    setup: all.flatMap((r) => r.setup),
    changes: [...new Set(all.flatMap((r) => r.changes))],
    cases,
    observations: all
      .flatMap((r) => r.observations)
      .filter((o) => {
        const key = `${o.title}\n${o.detail}`;
        return !seen.has(key) && Boolean(seen.add(key));
      }),
    coverage: mergeCoverage(all.map((r) => r.coverage)),
    timelines: {
      transfers: all.flatMap((r) => r.timelines.transfers),
      omitted: all.reduce((n, r) => n + r.timelines.omitted, 0),
    },
    calls: all.flatMap((r) => r.calls),
  };
}
