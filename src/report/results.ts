/**
 * A run's results as the reports read them: each test is a contract clause with one outcome, and a
 * failure says which family it belongs to (STYLE.md "Failures are typed"): the Broker broke the
 * contract, the environment could not be reached, a wait ran out, or the suite itself is wrong. The
 * family is read from the thrown value (src/errors.ts), never from its message. A test that stopped
 * because something it depends on failed, or because the environment cannot run it, is skipped with
 * that reason rather than failed.
 */
import { FAILURE_FAMILIES, familyOfCode, SKIPPED, type FailureFamily } from '../errors.js';
import { redact } from '../redact.js';

/** The subset of Jest's AggregatedResult the reports use. */
export interface JestCase {
  ancestorTitles: string[];
  title: string;
  fullName: string;
  status: string;
  duration?: number | null;
  failureMessages: string[];
  /** The thrown values, in the order of `failureMessages` (see `Thrown`). */
  failureDetails?: unknown[];
}
export interface JestFile {
  testFilePath: string;
  testResults: JestCase[];
  /** A failure outside the tests: the file did not load, or an afterAll threw (see `Thrown`). */
  testExecError?: ({ message?: string } & Record<string, unknown>) | null;
  failureMessage?: string | null;
}

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface CaseResult {
  /** The suite file, relative, e.g. `suites/05a-happy-path.test.ts`. */
  file: string;
  /** The getting-started step (the describe titles). */
  step: string;
  /** The clause the test checks (its title). */
  clause: string;
  fullName: string;
  outcome: Outcome;
  family?: FailureFamily;
  /** Why it was skipped, or the first line of why it failed. */
  reason?: string;
  /** The whole failure message, redacted, without Jest's stack frames. */
  message?: string;
  durationMs: number;
  /** The operations the clause called, by operationId, in the order first called (a run's results only). */
  operations?: string[];
}

/** Jest's message without its stack frames and colour codes. */
export function cleanMessage(raw: string): string {
  return redact(
    raw
      // eslint-disable-next-line no-control-regex -- Jest colours its messages with ANSI escapes.
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
      .filter((line) => !/^\s+at .+(\(.+\)|:\d+:\d+)$/.test(line))
      .join('\n')
      .trim(),
  );
}

/**
 * A thrown value as Jest hands it over. In band it is the error itself; from a worker, a test's error
 * arrives as its own enumerable properties (our class fields `family`, `name`, `code`; Jest's
 * `matcherResult`), without its prototype, and a file that failed to load keeps only `code`, `message`
 * and `stack`. An afterAll's error reaches Jest's result as text alone, so it is a suite failure.
 */
interface Thrown {
  family?: unknown;
  name?: unknown;
  code?: unknown;
  reason?: unknown;
  matcherResult?: unknown;
}

/**
 * A skip (`Skipped`, src/errors.ts) or a failure's family, from the thrown value alone: its `family`,
 * else its `code`, else an `expect()` mismatch (Jest's assertion error carries `matcherResult`) is a
 * contract failure; anything else (a TypeError, a plain Error) is the suite's own.
 */
export function classifyThrown(thrown: unknown): { family: FailureFamily } | { skipped: string } {
  const t: Thrown = typeof thrown === 'object' && thrown !== null ? thrown : {};
  if (t.name === SKIPPED) return { skipped: typeof t.reason === 'string' ? t.reason : '' };
  if ((FAILURE_FAMILIES as readonly unknown[]).includes(t.family))
    return { family: t.family as FailureFamily };
  const byCode = familyOfCode(t.code);
  if (byCode) return { family: byCode };
  return { family: t.matcherResult === undefined ? 'suite' : 'contract' };
}

/**
 * The outcome of a failed test from its thrown values: the first that is not a skip decides the family
 * (a failing afterEach after a skip is still a failure), and its message's first line is the reason.
 */
export function classifyFailure(
  details: unknown[],
  messages: string[],
): { family: FailureFamily; reason: string } | { skipped: string } {
  const skips: string[] = [];
  for (const [index, detail] of (details.length > 0 ? details : [undefined]).entries()) {
    const found = classifyThrown(detail);
    if ('skipped' in found) {
      skips.push(found.skipped);
      continue;
    }
    const line = cleanMessage(messages[index] ?? messages.join('\n')).split('\n')[0] ?? '';
    // Jest starts the message with the error's name; the family already says what kind it was.
    return { family: found.family, reason: line.replace(/^\w+: /, '') };
  }
  return { skipped: skips[0] ?? '' };
}

export function caseResults(files: JestFile[], root: string): CaseResult[] {
  const cases: CaseResult[] = [];
  for (const file of files) {
    const path = file.testFilePath.startsWith(root)
      ? file.testFilePath.slice(root.length + 1)
      : file.testFilePath;
    if (file.testExecError) {
      const message = cleanMessage(
        file.testExecError.message || file.failureMessage || 'the suite did not load',
      )
        .replace(/^(\s*●.*\n|\s*\n)+/, '')
        .replace(/^\s+/gm, '');
      const found = classifyFailure([file.testExecError], [message]);
      cases.push({
        file: path,
        step: path,
        clause: '(suite set-up)',
        fullName: `${path} (suite set-up)`,
        outcome: 'skipped' in found ? 'skipped' : 'failed',
        ...('skipped' in found ? { reason: found.skipped } : { family: found.family, reason: found.reason }),
        message,
        durationMs: 0,
      });
    }
    for (const test of file.testResults) {
      const base = {
        file: path,
        step: test.ancestorTitles.join(' › '),
        clause: test.title,
        fullName: test.fullName,
        durationMs: test.duration ?? 0,
      };
      if (test.status === 'passed') {
        cases.push({ ...base, outcome: 'passed' });
      } else if (test.status === 'failed') {
        const found = classifyFailure(test.failureDetails ?? [], test.failureMessages);
        cases.push(
          'skipped' in found
            ? { ...base, outcome: 'skipped', reason: found.skipped }
            : {
                ...base,
                outcome: 'failed',
                family: found.family,
                reason: found.reason,
                message: cleanMessage(test.failureMessages.join('\n')),
              },
        );
      }
      // Any other status (pending, todo) is a test Jest did not select (`run --grep`): not part of the run.
    }
  }
  return cases;
}

export interface Verdict {
  passed: number;
  failed: number;
  skipped: number;
  byFamily: Record<FailureFamily, number>;
  /** 0: conformant; 1: a contract failure or a failed wait; 2: the environment or the suite itself failed. */
  exitCode: number;
}

export function verdict(cases: CaseResult[]): Verdict {
  const byFamily: Record<FailureFamily, number> = { contract: 0, environment: 0, wait: 0, suite: 0 };
  for (const c of cases) if (c.outcome === 'failed' && c.family) byFamily[c.family] += 1;
  const count = (outcome: Outcome) => cases.filter((c) => c.outcome === outcome).length;
  const failed = count('failed');
  const exitCode = byFamily.contract + byFamily.wait > 0 ? 1 : failed > 0 ? 2 : 0;
  return { passed: count('passed'), failed, skipped: count('skipped'), byFamily, exitCode };
}
