/**
 * A run's results as the reports read them: each test is a contract clause with one outcome, and a
 * failure says which family it belongs to (STYLE.md "Failures are typed"): the Broker broke the
 * contract, the environment could not be reached, or a wait ran out. A test that stopped because
 * something it depends on failed, or because the environment cannot run it, is skipped with that
 * reason rather than failed.
 */
import { redact } from '../redact.js';

/** The subset of Jest's AggregatedResult the reports use. */
export interface JestCase {
  ancestorTitles: string[];
  title: string;
  fullName: string;
  status: string;
  duration?: number | null;
  failureMessages: string[];
}
export interface JestFile {
  testFilePath: string;
  testResults: JestCase[];
  testExecError?: { message: string } | null;
  failureMessage?: string | null;
}

export type Outcome = 'passed' | 'failed' | 'skipped';
export type FailureFamily = 'contract' | 'environment' | 'wait' | 'suite';

export interface CaseResult {
  /** The suite file, relative, e.g. `suites/05-lifecycle.test.ts`. */
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
}

/** The first line of a thrown `Skipped` error (see src/suite/steps.ts). */
export const SKIP_PREFIX = 'Skipped: ';

const FAMILY_BY_ERROR: Record<string, FailureFamily> = {
  ContractError: 'contract',
  EnvironmentError: 'environment',
  WaitTimeoutError: 'wait',
};

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

export function classifyFailure(
  message: string,
): { family: FailureFamily; reason: string } | { skipped: string } {
  const first = message.split('\n')[0] ?? '';
  if (first.startsWith(SKIP_PREFIX)) return { skipped: first.slice(SKIP_PREFIX.length) };
  const named = /^(\w+): /.exec(first);
  const family =
    (named && FAMILY_BY_ERROR[named[1] ?? '']) ?? (/expect\(/.test(message) ? 'contract' : 'suite');
  return { family, reason: first.replace(/^\w+: /, '') };
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
      const found = classifyFailure(message);
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
        const message = cleanMessage(test.failureMessages.join('\n'));
        const found = classifyFailure(message);
        cases.push(
          'skipped' in found
            ? { ...base, outcome: 'skipped', reason: found.skipped }
            : { ...base, outcome: 'failed', family: found.family, reason: found.reason, message },
        );
      } else {
        cases.push({ ...base, outcome: 'skipped', reason: 'not run in this profile' });
      }
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
