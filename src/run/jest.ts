/**
 * How the runner drives Jest over `suites/`: in a child process (so an interrupt can stop it and clean
 * up), with the unit tests' ESM set-up (docs/decisions/0001), our own reporters, and an environment
 * that holds the resolved deployment's variables and the run's settings only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_WORKERS, SUITE_TEST_TIMEOUT_MS, WORKER_ENV } from '../defaults.js';
import { EnvironmentError } from '../errors.js';
import { onInterrupt } from '../interrupt.js';
import type { ResolvedProfile } from '../profile/resolve.js';
import { VARIABLES } from '../profile/variables.js';
import { RUN_ENV } from '../suite/run-env.js';
import type { JestFile } from '../report/results.js';
import unitConfig from '../../jest.config.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

/**
 * The suites' Jest configuration. A stalled Broker is bounded by the client's and the poller's own
 * limits, which say what they waited for, and by the run's circuit (src/client/circuit.ts). The test
 * environment, file runner and sequencer (suites/support) are Jest's own but for a cache the files of
 * one worker share, and for what the runner asks through its variables: a gate to wait for
 * (src/run/phase-gate.mjs), a stop at the first failed clause (src/run/stop-marker.mjs), an order of
 * the files (src/run/file-order.mjs).
 */
const SUITES_CONFIG = {
  ...unitConfig,
  rootDir: ROOT,
  testMatch: ['<rootDir>/suites/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  setupFilesAfterEnv: ['<rootDir>/suites/support/hooks.ts'],
  testEnvironment: '<rootDir>/suites/support/environment.mjs',
  runner: '<rootDir>/suites/support/runner.mjs',
  testSequencer: '<rootDir>/suites/support/sequencer.mjs',
  testTimeout: SUITE_TEST_TIMEOUT_MS,
};

/** How much of a quiet Jest's stderr is kept for when it writes no results. */
const STDERR_TAIL_CHARS = 8_000;

/** A test name pattern no name matches: the files load and their clauses are listed, none runs. */
export const COLLECT_ONLY = '(?!)';

export interface JestRun {
  /** Suite file names, e.g. `05a-happy-path.test.ts`. */
  files: readonly string[];
  /** Jest workers, or a percentage. @default DEFAULT_MAX_WORKERS */
  workers?: string;
  /** Jest's test name pattern (`run --grep`, or COLLECT_ONLY). */
  testNamePattern?: string;
  /** No progress on the terminal (the self-test, `list`). */
  quiet: boolean;
  /** Where our results reporter writes the run's JestFile[]. */
  outputFile: string;
}

/** A suite file name as a path pattern that matches only it. */
const exactly = (file: string) => `/suites/${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;

export function jestArgs(run: JestRun): string[] {
  // Progress for the person watching, and the results for the reports from our own reporter rather
  // than `--json`, which keeps a file's failure outside its tests as text only.
  const reporters = [
    run.quiet ? 'summary' : join(ROOT, 'suites/support/progress.mjs'),
    [join(ROOT, 'suites/support/results.mjs'), { outputFile: run.outputFile }],
  ];
  return [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    join(ROOT, 'node_modules/jest/bin/jest.js'),
    '--config',
    JSON.stringify({ ...SUITES_CONFIG, reporters }),
    '--maxWorkers',
    run.workers ?? String(DEFAULT_MAX_WORKERS),
    '--silent',
    ...(run.testNamePattern === undefined ? [] : ['--testNamePattern', run.testNamePattern]),
    ...run.files.flatMap((file) => ['--testPathPatterns', exactly(file)]),
  ];
}

/**
 * The workers' environment: the resolved deployment's variables and the run's settings only, so a
 * stray shell variable can't mix in (a stop marker or a file order left exported would change a run).
 */
export function workerEnv(
  resolved: Pick<ResolvedProfile, 'variables'>,
  extra: Record<string, string>,
): NodeJS.ProcessEnv {
  const names = new Set<string>([...VARIABLES, ...Object.values(WORKER_ENV), ...Object.values(RUN_ENV)]);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !names.has(name)));
  return { ...env, ...resolved.variables, ...extra };
}

/** Signals Jest's process group: Jest and whichever of its workers are still there. */
function stopGroup(child: ChildProcess): void {
  // No pid: it never started, and its 'error' says so.
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // The group is gone already, or the platform has no process groups.
    child.kill('SIGTERM');
  }
}

interface Spawned {
  exit: Promise<number>;
  /** In quiet mode, the end of what Jest wrote to stderr (the terminal had it otherwise). */
  stderrTail(): string;
  /** Stops Jest and its workers; resolves once Jest has exited. */
  stop(): Promise<void>;
}

function spawnJest(args: string[], env: NodeJS.ProcessEnv, quiet: boolean): Spawned {
  // In a process group of its own, which its workers join: stopping Jest alone left its workers
  // running their test files on their own (against the Broker) for seconds to minutes after the
  // run had ended. None of them handles SIGTERM, so once the group is signalled none runs another
  // line. The group also keeps the terminal's Ctrl-C to us: the interrupt below stops Jest.
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    // Quiet: no progress, but Jest's stderr is kept (its end only) to show should it write no results.
    stdio: quiet ? ['ignore', 'ignore', 'pipe'] : 'inherit',
    detached: true,
  });
  let tail = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    stopGroup(child);
    await exited;
  };
  // On an interrupt the Jest child is stopped along with everything else registered.
  const forget = onInterrupt(stop);
  const exit = new Promise<number>((done, failed) => {
    child.on('error', (error) => {
      forget();
      failed(error);
    });
    child.on('exit', (code, signal) => {
      forget();
      // However Jest ended (a bail, a crash), none of its workers outlives it.
      stopGroup(child);
      done(signal ? 130 : (code ?? 1));
    });
  });
  return { exit, stop, stderrTail: () => tail };
}

/** A Jest run under way: its files' results, or a stop that discards them. */
export interface JestHandle {
  results: Promise<JestFile[]>;
  /** Stops it (Jest and its workers) and discards what it wrote; its `results` then reject. */
  cancel(): Promise<void>;
}

/** Starts Jest once; `label` names the run in errors. */
export function startJest(run: JestRun, env: NodeJS.ProcessEnv, label: string): JestHandle {
  let spawned: Spawned | undefined;
  const started = rm(run.outputFile, { force: true }).then(() => {
    spawned = spawnJest(jestArgs(run), env, run.quiet);
    return spawned;
  });
  const results = started.then(async ({ exit, stderrTail }) => {
    const code = await exit;
    const files = await readFile(run.outputFile, 'utf8')
      .then((text) => JSON.parse(text) as JestFile[])
      .catch(() => undefined);
    await rm(run.outputFile, { force: true });
    if (files) return files;
    // Quiet, the terminal has not seen why: its end now, as "see its output above" says.
    if (run.quiet && code !== 130 && stderrTail() !== '') process.stderr.write(stderrTail());
    throw code === 130
      ? new EnvironmentError(
          'RUN_INTERRUPTED',
          'The run was interrupted before the suites finished.',
          'Nothing is left behind: the subscriptions it made were deleted and the sandbox stopped.',
        )
      : new EnvironmentError(
          'JEST_NO_RESULTS',
          `Jest wrote no results to ${run.outputFile} (${label}).`,
          'See its output above: the suites could not be run.',
        );
  });
  // Handled by whoever awaits it later: a phase started early may fail before the runner reads it.
  results.catch(() => undefined);
  return {
    results,
    async cancel() {
      await (await started).stop();
      await rm(run.outputFile, { force: true });
    },
  };
}

/** Runs Jest once and returns what its results reporter wrote; `label` names the run in errors. */
export function runJest(run: JestRun, env: NodeJS.ProcessEnv, label: string): Promise<JestFile[]> {
  return startJest(run, env, label).results;
}
