/**
 * `results.json`: everything a run found, for tools and for `broker-contract merge`, which rebuilds
 * every report from these files alone. The calls kept are those of failed clauses (the evidence the
 * reports show); the coverage and the transfers' timelines were computed from all of them.
 */
import { readFile } from 'node:fs/promises';
import type { LoggedCall } from '../client/request-log.js';
import { EnvironmentError } from '../errors.js';
import type { SetupStep } from '../setup/record.js';
import type { Coverage } from './coverage.js';
import type { CaseResult, Verdict } from './results.js';
import type { SecurityObservation } from './side-channel.js';
import type { TransferTimelines } from './timeline.js';

export const RESULTS_FORMAT = 'broker-contract/results/1';

export interface ResultsFile {
  format: typeof RESULTS_FORMAT;
  title: string;
  profile: string;
  /** The deployment, as the reports describe it (src/profile/describe.ts). */
  environment: string[];
  /** Set when the run was one shard of a profile (`run --shard i/n`). */
  shard?: { index: number; total: number };
  /** An ISO 8601 instant. */
  startedAt: string;
  durationMs: number;
  verdict: Verdict;
  setup: SetupStep[];
  changes: string[];
  cases: CaseResult[];
  observations: SecurityObservation[];
  coverage: Coverage;
  timelines: TransferTimelines;
  /** The calls of the failed clauses, redacted as they were logged. */
  calls: LoggedCall[];
}

/** The calls the reports show as evidence: those of failed clauses. */
export function evidenceCalls(cases: readonly CaseResult[], calls: readonly LoggedCall[]): LoggedCall[] {
  const failed = new Set(cases.filter((c) => c.outcome === 'failed').map((c) => c.fullName));
  return calls.filter((call) => call.test !== undefined && failed.has(call.test));
}

/** Each clause's operations, as `operationId`s in the order first called (for `broker-contract list`). */
export function operationsByClause(calls: readonly LoggedCall[]): Map<string, string[]> {
  const byTest = new Map<string, string[]>();
  for (const call of calls) {
    if (call.test === undefined || call.operation === undefined) continue;
    const list = byTest.get(call.test) ?? [];
    if (!list.includes(call.operation)) list.push(call.operation);
    byTest.set(call.test, list);
  }
  return byTest;
}

const REQUIRED: (keyof ResultsFile)[] = ['title', 'profile', 'verdict', 'cases', 'coverage'];

/** A results.json read back; an unreadable or foreign file is an EnvironmentError that names it. */
export async function readResultsFile(path: string): Promise<ResultsFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
    throw new EnvironmentError(
      'RESULTS_UNREADABLE',
      `${path} cannot be read: ${reason}.`,
      'Give the results.json a run wrote.',
    );
  }
  const file = parsed as Partial<ResultsFile> | null;
  if (file?.format !== RESULTS_FORMAT) {
    throw new EnvironmentError(
      'RESULTS_FOREIGN',
      `${path} is not a broker-contract results file (format ${JSON.stringify(file?.format)}, expected ${RESULTS_FORMAT}).`,
      'Give the results.json a run of this version wrote.',
    );
  }
  const missing = REQUIRED.filter((key) => file[key] === undefined);
  if (missing.length > 0) {
    throw new EnvironmentError(
      'RESULTS_FOREIGN',
      `${path} lacks ${missing.join(', ')}.`,
      'Give the results.json a run wrote.',
    );
  }
  return file as ResultsFile;
}
