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

/**
 * Adds each of `more` into `into`: an item with the same key is combined into the one there, any
 * other is appended (a copy, so no shard's results are changed).
 */
function addInto<T>(
  into: T[],
  more: readonly T[],
  key: (item: T) => string,
  combine: (mine: T, next: T) => void,
): void {
  for (const next of more) {
    const mine = into.find((item) => key(item) === key(next));
    if (mine) combine(mine, next);
    else into.push(structuredClone(next));
  }
}

const ratio = <T>(items: readonly T[], exercised: (item: T) => boolean): Ratio => ({
  exercised: items.filter(exercised).length,
  total: items.length,
});

/** Several runs' coverage as one: exercised when any run exercised it, calls and counts added. */
export function mergeCoverage(all: readonly Coverage[]): Coverage {
  const [first, ...rest] = all;
  if (!first) throw new Error('mergeCoverage needs one coverage at least');
  const merged: Coverage = structuredClone(first);
  for (const next of rest) {
    addInto(
      merged.operations,
      next.operations,
      (o) => `${o.method} ${o.path} ${o.operationId}`,
      (mine, op) => {
        mine.exercised ||= op.exercised;
        mine.calls += op.calls;
        addInto(
          mine.statuses,
          op.statuses,
          (x) => x.status,
          (s, status) => {
            s.exercised ||= status.exercised;
            s.calls += status.calls;
          },
        );
        addInto(
          mine.undocumented,
          op.undocumented,
          (x) => String(x.status),
          (x, u) => (x.calls += u.calls),
        );
      },
    );
    addInto(
      merged.events,
      next.events,
      (e) => e.type,
      (mine, event) => {
        mine.received ||= event.received;
        mine.count += event.count;
      },
    );
    addInto(
      merged.unmatched,
      next.unmatched,
      (u) => u.call,
      (x, u) => (x.calls += u.calls),
    );
    addInto(
      merged.undocumentedEvents,
      next.undocumentedEvents,
      (u) => u.type,
      (x, u) => (x.count += u.count),
    );
  }
  merged.totals = {
    operations: ratio(merged.operations, (o) => o.exercised),
    statuses: ratio(
      merged.operations.flatMap((o) => o.statuses),
      (s) => s.exercised,
    ),
    events: ratio(merged.events, (e) => e.received),
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
