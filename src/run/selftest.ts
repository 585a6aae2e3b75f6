/**
 * The self-test (issue 5, "Proof that it works"): the full suite once against the conformant sandbox,
 * which must pass, then once per fault of the sandbox's catalogue, each of which must be caught. A
 * fault that survives means a missing check; the fix is a new check, never a change to the fault.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FAULTS } from '../../sandbox/faults.js';

type FaultInfo = (typeof FAULTS)[number];
import { SANDBOX_CONDITIONS, startSandbox, type SandboxOptions } from '../../sandbox/launcher.js';
import { onInterrupt } from '../interrupt.js';
import { ROOT, runSuites, type RunOutcome } from './run.js';

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
  /** Faulty runs at once, beside the conformant run; each run's Jest uses one worker. @default 2 */
  parallel?: number;
  reportDir?: string;
  log?: (line: string) => void;
}

/**
 * A faulty run must fail in seconds: the sandbox's clock runs 10,000 times faster (a PT2H grace period
 * passes in 0.7 s), its Maskinporten tokens live 2 s (an expired token in 3 s), waits are bounded at
 * 5 s for a status and 3 s for an event (the sandbox publishes and delivers in milliseconds), and the
 * large file is 8 MiB, and the watch for an event that must not come lasts 0.5 s. The conformant run uses the same settings, so a check too tight for them shows
 * there as a failure, not as a false kill.
 *
 * The malware scan alone is slow: 3,000,000 sandbox ms are 0.3 s of wall time, so suite 06c's probes
 * of UploadProcessing (made within milliseconds of the read that sees it) always run, and a fault of
 * that status's gate is killed every time rather than when a race allows. Measured on a full faulty
 * run: no slower than with a 0.02 ms scan (about 38 s either way); 0.5 s made it 60 s.
 */
const SELFTEST_SANDBOX = { timeScale: 10_000, processingDelayMs: 3_000_000, maskinportenTokenLifetimeS: 2 };
const SELFTEST_WAITS = { BROKER_POLL_TIMEOUT_MS: '5000', BROKER_EVENT_TIMEOUT_MS: '3000' };
const SELFTEST_SETTINGS = { BROKER_CONTRACT_LARGE_FILE_MB: '8', BROKER_CONTRACT_QUIET_MS: '500' };

/**
 * The conformant run is judged as a deployment would be: under every condition at once in which Altinn's
 * environments differ from the sandbox's defaults (sandbox/conditions.ts: fresh, 120 s tokens, the
 * service owner off the access list, a 3 s malware scan at wall speed). Its waits are the sandbox's
 * ordinary ones, since publication alone takes 3 s; it takes as long as the expired-token rows need.
 */
const BASELINE_SANDBOX: SandboxOptions = { conditions: SANDBOX_CONDITIONS.map((c) => c.name) };
const BASELINE_WAITS = { BROKER_POLL_TIMEOUT_MS: '30000', BROKER_EVENT_TIMEOUT_MS: '15000' };

interface Target {
  fault?: string;
  sandbox: SandboxOptions;
  waits: Record<string, string>;
}

const BASELINE: Target = { sandbox: BASELINE_SANDBOX, waits: BASELINE_WAITS };
const faulty = (fault: string): Target => ({
  fault,
  sandbox: { ...SELFTEST_SANDBOX, fault },
  waits: SELFTEST_WAITS,
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
      maxWorkers: '1',
      reportDir,
      // A fault caught by the settings phase needs no transfers phase: the verdict is the same.
      stopAtFailingPhase: target.fault !== undefined,
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
  if (unknown.length > 0)
    throw new Error(`unknown fault(s): ${unknown.join(', ')}; see npm run sandbox -- --list-faults`);

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
  const verdicts = await pool(chosen, options.parallel ?? 2, async (fault): Promise<FaultVerdict> => {
    const t0 = Date.now();
    const outcome = await runAgainst(faulty(fault.name), join(reportDir, fault.name));
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
    'Caught by: the failing clauses of the first phase that failed (a faulty run stops there).',
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
