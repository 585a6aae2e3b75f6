/**
 * The self-test: the full suite once against the conformant sandbox,
 * which must pass, then once per fault of the sandbox's catalogue, each of which must be caught. A
 * fault that survives means a missing check; the fix is a new check, never a change to the fault.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FAULTS } from '../../sandbox/faults.js';

type FaultInfo = (typeof FAULTS)[number];
import { SANDBOX_CONDITIONS, startSandbox, type SandboxOptions } from '../../sandbox/launcher.js';
import {
  SANDBOX_EVENT_TIMEOUT_MS,
  SANDBOX_POLL_TIMEOUT_MS,
  SELFTEST_BASELINE_WORKERS,
  SELFTEST_EVENT_TIMEOUT_MS,
  SELFTEST_HANDSHAKE_WAIT_MS,
  SELFTEST_LARGE_FILE_MB,
  SELFTEST_PARALLEL,
  SELFTEST_POLL_TIMEOUT_MS,
  SELFTEST_QUIET_MS,
  SELFTEST_SANDBOX,
} from '../defaults.js';
import { EnvironmentError } from '../errors.js';
import { onInterrupt } from '../interrupt.js';
import { FAULT_ORDER } from './fault-order.js';
import { ROOT } from './jest.js';
import type { RunOrder } from './phases.js';
import { runSuites, type RunOutcome } from './run.js';

export interface FaultVerdict {
  fault: string;
  category: string;
  killed: boolean;
  /** The clauses that failed (the tests that caught it). */
  caughtBy: string[];
  durationMs: number;
}

export interface SelftestOptions {
  faults?: string[];
  /** Faulty runs at once, beside the conformant run; each run's Jest uses one worker. @default SELFTEST_PARALLEL */
  parallel?: number;
  reportDir?: string;
  log?: (line: string) => void;
}

/**
 * A faulty run must fail in seconds: a fast sandbox clock, short-lived tokens, short waits, a small
 * large file, a short quiet period and a short wait for subscription handshakes (each value and its
 * reason: src/defaults.ts). The conformant run uses the same worker settings and handshake wait, so a
 * check too tight for them shows there as a failure, not as a false kill.
 */
const SELFTEST_WAITS = {
  BROKER_POLL_TIMEOUT_MS: String(SELFTEST_POLL_TIMEOUT_MS),
  BROKER_EVENT_TIMEOUT_MS: String(SELFTEST_EVENT_TIMEOUT_MS),
};
const SELFTEST_SETTINGS = { largeFileMb: SELFTEST_LARGE_FILE_MB, quietMs: SELFTEST_QUIET_MS };

/**
 * The conformant run is judged as a deployment would be: under every condition at once in which Altinn's
 * environments differ from the sandbox's defaults (sandbox/conditions.ts: fresh, 120 s tokens, the
 * service owner off the access list, a 3 s malware scan at wall speed). Its waits are the sandbox's
 * ordinary ones, since publication alone takes 3 s; it takes as long as the expired-token rows need,
 * so their file (07b) starts the transfers phase and waits beside the others. It runs every clause.
 */
const BASELINE_SANDBOX: SandboxOptions = { conditions: SANDBOX_CONDITIONS.map((c) => c.name) };
const BASELINE_WAITS = {
  BROKER_POLL_TIMEOUT_MS: String(SANDBOX_POLL_TIMEOUT_MS),
  BROKER_EVENT_TIMEOUT_MS: String(SANDBOX_EVENT_TIMEOUT_MS),
};

interface Target {
  fault?: FaultInfo;
  sandbox: SandboxOptions;
  waits: Record<string, string>;
  workers: number;
  order: RunOrder;
}

const BASELINE: Target = {
  sandbox: BASELINE_SANDBOX,
  waits: BASELINE_WAITS,
  workers: SELFTEST_BASELINE_WORKERS,
  order: { first: ['07b'] },
};
/** A faulty run starts with the files most likely to catch its fault (src/run/fault-order.ts). */
const faulty = (fault: FaultInfo): Target => ({
  fault,
  sandbox: { ...SELFTEST_SANDBOX, fault: fault.name },
  waits: SELFTEST_WAITS,
  workers: 1,
  order: FAULT_ORDER[fault.category],
});

async function runAgainst(target: Target, reportDir: string): Promise<RunOutcome> {
  const sandbox = await startSandbox(target.sandbox);
  const forget = onInterrupt(() => sandbox.stop());
  try {
    return await runSuites({
      profile: 'full',
      variables: { ...sandbox.env, ...target.waits },
      workerSettings: SELFTEST_SETTINGS,
      quiet: true,
      maxWorkers: String(target.workers),
      reportDir,
      order: target.order,
      handshakeWithinMs: SELFTEST_HANDSHAKE_WAIT_MS,
      // One failed clause is a kill: the verdict is the same without the rest.
      stopAtFirstFailure: target.fault !== undefined,
    });
  } finally {
    forget();
    await sandbox.stop();
  }
}

async function pool<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

export async function selftest(options: SelftestOptions = {}) {
  const log = options.log ?? ((line: string) => console.log(line));
  const reportDir = join(resolve(ROOT, options.reportDir ?? 'reports'), 'selftest');
  await mkdir(reportDir, { recursive: true });
  const chosen: FaultInfo[] = options.faults
    ? FAULTS.filter((f) => options.faults?.includes(f.name))
    : [...FAULTS];
  const unknown = (options.faults ?? []).filter((name) => !FAULTS.some((f) => f.name === name));
  if (unknown.length > 0) {
    throw new EnvironmentError(
      'SELFTEST_UNKNOWN_FAULT',
      `unknown fault(s): ${unknown.join(', ')}`,
      'see npm run sandbox -- --list-faults',
    );
  }

  const started = Date.now();
  // The conformant run takes minutes (it waits for real token lifetimes) but little of the machine: it
  // runs beside the faults' lanes rather than before them.
  const reportBaseline = (outcome: RunOutcome) => {
    log(
      `conformant sandbox, every condition: ${outcome.verdict.passed} passed, ${outcome.verdict.failed} failed, ` +
        `${outcome.verdict.skipped} skipped (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    for (const c of outcome.cases.filter((c) => c.outcome === 'failed'))
      log(`  ✗ ${c.step} › ${c.clause}: ${c.reason ?? ''}`);
    return outcome;
  };
  const baselineRun = runAgainst(BASELINE, join(reportDir, 'conformant')).then(reportBaseline);
  const parallel = options.parallel ?? SELFTEST_PARALLEL;
  const verdicts = await pool(chosen, parallel, async (fault): Promise<FaultVerdict> => {
    const t0 = Date.now();
    const outcome = await runAgainst(faulty(fault), join(reportDir, fault.name));
    const caughtBy = outcome.cases
      .filter((c) => c.outcome === 'failed')
      .map((c) => `${c.file.replace(/^suites\//, '').replace(/\.test\.ts$/, '')}: ${c.clause}`);
    const verdict = {
      fault: fault.name,
      category: fault.category,
      killed: caughtBy.length > 0,
      caughtBy,
      durationMs: Date.now() - t0,
    };
    log(
      `${verdict.killed ? 'killed  ' : 'SURVIVED'}  ${fault.name}  (${caughtBy.length} failing, ${(verdict.durationMs / 1000).toFixed(1)} s)`,
    );
    return verdict;
  });
  const baseline = await baselineRun;
  const failedBaseline = baseline.cases.filter((c) => c.outcome === 'failed');

  const survivors = verdicts.filter((v) => !v.killed);
  const lines = [
    '# Self-test: the suite against each sandbox fault',
    '',
    `Conformant sandbox under every condition (${BASELINE_SANDBOX.conditions?.join(', ') ?? ''}): ${baseline.verdict.passed} passed, ${baseline.verdict.failed} failed, ${baseline.verdict.skipped} skipped.`,
    `Faults: ${verdicts.length - survivors.length} of ${verdicts.length} killed in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    '',
    'Caught by: the first failed clause (a faulty run stops there, src/run/fault-order.ts says where it starts).',
    '',
    '| fault | category | verdict | caught by |',
    '| --- | --- | --- | --- |',
    ...verdicts.map(
      (v) =>
        `| ${v.fault} | ${v.category} | ${v.killed ? 'killed' : '**survived**'} | ${v.caughtBy.slice(0, 3).join('<br>')}${v.caughtBy.length > 3 ? `<br>… ${v.caughtBy.length - 3} more` : ''} |`,
    ),
    '',
  ];
  await writeFile(join(reportDir, 'matrix.md'), lines.join('\n'));
  await writeFile(
    join(reportDir, 'matrix.json'),
    `${JSON.stringify({ baseline: baseline.verdict, verdicts }, null, 2)}\n`,
  );
  return { baseline, failedBaseline, verdicts, survivors, matrixFile: join(reportDir, 'matrix.md') };
}
