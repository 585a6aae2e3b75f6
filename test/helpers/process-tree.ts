/**
 * A command started the way a user starts it, and everything it started in turn, found through a
 * variable every descendant inherits (read from Linux's /proc, so it finds processes that left the
 * tree or changed process group), with the sandbox directories they own (sandbox/sweep.ts): what
 * test/cli/signals.test.ts checks is gone after a signal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_DIR_PREFIX, SANDBOX_OWNER_FILE } from '../../sandbox/sweep.js';
import { VARIABLES } from '../../src/profile/variables.js';
import { PROJECT_ROOT } from './paths.js';

export const TAG_VARIABLE = 'BROKER_CONTRACT_TEST_TAG';

/** How the started process ended: its exit code, or the signal that ended it. */
export interface Ending {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Tree {
  child: ChildProcess;
  tag: string;
  /** Its stdout and stderr so far, interleaved. */
  output(): string;
  /** Set when it has exited. */
  ended?: Ending;
}

const read = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

/** The processes whose environment holds the tag (a zombie's environment reads empty: it is gone). */
export function taggedPids(tag: string): number[] {
  const needle = `\0${TAG_VARIABLE}=${tag}\0`;
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => `\0${read(`/proc/${pid}/environ`)}`.includes(needle))
    .map(Number);
}

/** `pid command line` of each, for failure messages. */
export function commandLines(pids: number[]): string[] {
  return pids.map((pid) => `${pid} ${read(`/proc/${pid}/cmdline`).split('\0').join(' ').trim()}`);
}

/** The sandbox directories (under the temp directory) whose owner.pid is one of `pids`. */
export function ownedSandboxDirs(pids: number[]): string[] {
  return readdirSync(tmpdir())
    .filter((name) => name.startsWith(SANDBOX_DIR_PREFIX))
    .map((name) => join(tmpdir(), name))
    .filter((dir) => pids.includes(Number(read(join(dir, SANDBOX_OWNER_FILE)))));
}

/**
 * Starts `argv` in the project root with a fresh tag and without the deployment's variables, so that
 * a run uses the embedded sandbox. `group`: in a process group of its own, as a terminal starts a job.
 */
export function startTree(argv: string[], options: { group?: boolean } = {}): Tree {
  const tag = randomUUID();
  const env: NodeJS.ProcessEnv = { ...process.env, [TAG_VARIABLE]: tag };
  for (const name of [...VARIABLES, 'JEST_WORKER_ID']) delete env[name];
  const [command = 'false', ...args] = argv;
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.group ?? false,
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const tree: Tree = { child, tag, output: () => output };
  child.on('exit', (code, signal) => {
    tree.ended = { code, signal };
  });
  child.on('error', (error) => {
    output += `could not start ${command}: ${error.message}\n`;
    tree.ended ??= { code: null, signal: null };
  });
  return tree;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds or `timeoutMs` passed; returns whether it held. */
export async function until(check: () => boolean, timeoutMs: number, everyMs = 200): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(everyMs)) if (check()) return true;
  return check();
}

/** Kills what is left of the tree and removes the directories it owned: a failed test leaves nothing. */
export function killTree(tree: Tree, dirs: string[]): void {
  for (const pid of taggedPids(tree.tag)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
