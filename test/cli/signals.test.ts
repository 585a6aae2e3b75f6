/**
 * README "Stopping": SIGINT or SIGTERM to the process the user started (`npm start`, `npm run sandbox`,
 * the bin, `npx broker-contract`) stops everything it started: the Jest child and its workers, the
 * embedded sandbox and its directory, the event subscriptions (src/interrupt.ts). Each row starts the
 * command as a user would, waits until it is really running (a run: a suite file done and Jest's
 * workers up; the sandbox: listening), signals that one pid (Ctrl-C: the terminal's whole process
 * group), then checks that nothing of its process tree, found by an inherited variable, is left.
 *
 * How each ends, observed: an interrupted run ends as the signal ends it, npm and the bin alike, after
 * it printed why (README "Exit codes" lists 0, 1 and 2 for runs that finished; a shell shows 130 for
 * SIGINT, 143 for SIGTERM). The sandbox command exits 0: being stopped is how it ends (its usage). npm
 * passes SIGINT and SIGTERM on to its script, whose `exec` (package.json) makes that our process, so
 * npm ends only after the cleanup. `npx` runs the bin under a `sh -c` of its own that dies of SIGTERM at
 * once: npx ends first and the bin, orphaned, stops itself (src/cli/parent.ts) within a moment. A SIGINT
 * to npx's pid alone is held by that shell until the run ends (dash waits for its child), so npx is
 * tested with SIGTERM only; Ctrl-C reaches the whole group and works.
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/paths.js';
import {
  commandLines,
  killTree,
  ownedSandboxDirs,
  startTree,
  taggedPids,
  until,
  type Ending,
  type Tree,
} from '../helpers/process-tree.js';

/** A loaded two-core machine: a run takes about 10 s to reach its parallel phase. */
const READY_MS = 180_000;
/** Stopping takes about a second; a cleanup is bounded at 15 s (INTERRUPT_CLEANUP_MS). */
const STOPPED_MS = 30_000;

const OPTIONS = (reportDir: string) => ['--profile', 'full', '--report-dir', reportDir];
const INTERRUPTED = 'The run was interrupted before the suites finished.';

interface Row {
  kind: 'run' | 'sandbox';
  argv: (reportDir: string) => string[];
  signal: NodeJS.Signals;
  /** To the process group, as the terminal's Ctrl-C does, rather than to the pid only. */
  group?: boolean;
  /** How the started process ends. */
  ends: Ending;
  /** Whether the cleanup was done when it ended; npx ends before its child has cleaned up. @default true */
  cleanAtExit?: boolean;
}

const run = (row: Omit<Row, 'kind' | 'ends'>): [string, Row] => [
  `${row.argv('<tmp>').join(' ')}: ${row.group ? `${row.signal} to its process group (Ctrl-C)` : row.signal}`,
  { ...row, kind: 'run', ends: { code: null, signal: row.signal } },
];
const sandbox = (signal: NodeJS.Signals): [string, Row] => [
  `npm run sandbox: ${signal}`,
  { kind: 'sandbox', argv: () => ['npm', 'run', 'sandbox'], signal, ends: { code: 0, signal: null } },
];

const ROWS: [string, Row][] = [
  run({ argv: (d) => ['npm', 'start', '--', ...OPTIONS(d)], signal: 'SIGTERM' }),
  run({ argv: (d) => ['npm', 'start', '--', ...OPTIONS(d)], signal: 'SIGINT' }),
  run({ argv: (d) => ['npm', 'start', '--', ...OPTIONS(d)], signal: 'SIGINT', group: true }),
  run({ argv: (d) => ['node', 'bin/broker-contract.js', 'run', ...OPTIONS(d)], signal: 'SIGTERM' }),
  run({ argv: (d) => ['node', 'bin/broker-contract.js', 'run', ...OPTIONS(d)], signal: 'SIGINT' }),
  run({
    argv: (d) => ['npx', '--no-install', 'broker-contract', 'run', ...OPTIONS(d)],
    signal: 'SIGTERM',
    cleanAtExit: false,
  }),
  sandbox('SIGTERM'),
  sandbox('SIGINT'),
];

/** Until a suite file is done and Jest's workers are up, or the sandbox listens. */
function running(tree: Tree, kind: Row['kind']): boolean {
  if (kind === 'sandbox') return tree.output().includes('# listening on');
  return (
    /^(ok|FAIL) /m.test(tree.output()) &&
    commandLines(taggedPids(tree.tag)).some((line) => line.includes('jest-worker'))
  );
}

/** The subscriptions the run's ledger still lists (none when it has no ledger). */
function ledger(reportDir: string): unknown[] {
  const path = join(reportDir, '.subscriptions.json');
  if (!existsSync(path)) return [];
  return (JSON.parse(readFileSync(path, 'utf8')) as { entries: unknown[] }).entries;
}

let tree: Tree | undefined;
let dirs: string[] = [];
let reportDir = '';

beforeAll(() => {
  // These tests need the embedded sandbox; a .env naming a deployment would run them against it.
  const dotenv = join(PROJECT_ROOT, '.env');
  if (existsSync(dotenv) && /^\s*BROKER_BASE_URL\s*=/m.test(readFileSync(dotenv, 'utf8')))
    throw new Error(`${dotenv} sets BROKER_BASE_URL: move it aside to run the signal tests on the sandbox`);
});

afterEach(async () => {
  if (tree) killTree(tree, dirs);
  tree = undefined;
  dirs = [];
  if (reportDir) await rm(reportDir, { recursive: true, force: true });
});

/**
 * What is left that the cleanup should have removed. tsx's esbuild service is not counted when the
 * command ends: it holds nothing and ends by itself once its parent's pipe closes, a moment later.
 */
function leftovers(started: Tree, options: { esbuild: boolean }) {
  return {
    running: commandLines(taggedPids(started.tag)).filter((line) => options.esbuild || !/esbuild/.test(line)),
    sandboxDirs: dirs.filter((dir) => existsSync(dir)),
    subscriptions: ledger(reportDir),
  };
}
const NOTHING = { running: [], sandboxDirs: [], subscriptions: [] };

describe('a signal to the process the user started stops everything it started', () => {
  it.each(ROWS)(
    '%s',
    async (_name, row) => {
      reportDir = await mkdtemp(join(tmpdir(), 'broker-contract-signals-'));
      const argv = row.argv(reportDir);
      const started = startTree(argv, row.group ? { group: true } : {});
      tree = started;
      const ready = await until(
        () => started.ended !== undefined || running(started, row.kind),
        READY_MS,
        250,
      );
      if (!ready || started.ended)
        throw new Error(
          `${argv.join(' ')} ${started.ended ? 'ended' : `was not running after ${READY_MS} ms`}:\n${started.output()}`,
        );

      // What it started: the command, its children, the sandbox directory they own.
      const pid = started.child.pid;
      if (pid === undefined) throw new Error(`${argv.join(' ')} did not start`);
      const pids = taggedPids(started.tag);
      dirs = ownedSandboxDirs(pids);
      expect(pids).toContain(pid);
      expect(dirs).toHaveLength(1);
      let atExit: ReturnType<typeof leftovers> | undefined;
      started.child.once('exit', () => (atExit = leftovers(started, { esbuild: false })));

      process.kill(row.group ? -pid : pid, row.signal);
      const gone = () =>
        started.ended !== undefined &&
        taggedPids(started.tag).length === 0 &&
        dirs.every((dir) => !existsSync(dir));
      await until(gone, STOPPED_MS);

      expect({ ended: started.ended, ...leftovers(started, { esbuild: true }) }).toEqual({
        ended: row.ends,
        ...NOTHING,
      });
      // npm (its script `exec`s the bin) and the bin end only once the cleanup is done.
      if (row.cleanAtExit ?? true) expect(atExit).toEqual(NOTHING);
      expect(started.output()).toContain(
        row.kind === 'run' ? INTERRUPTED : `# ${row.signal}: stopping the sandbox and deleting its files`,
      );
    },
    READY_MS + STOPPED_MS + 30_000,
  );
});
