// @ts-check
/**
 * The gate in front of a phase of a run (src/run/run.ts). The runner starts each phase's Jest early:
 * the first while it loads the spec, runs the setup and subscribes to events, each later one while the
 * phase before it runs, so that Jest's start-up (its configuration, module map and reporters, its
 * workers, each worker's first file's modules: about a second on two cores) overlaps that work. Every
 * suite file passes the gate before its first clause and before its first call (src/suite/context.ts,
 * which the suites' hooks await): the runner opens it once the setup is done, and for a later phase
 * once the phase before it has exited, so no clause of a later phase can run beside one of an earlier
 * phase, whatever the timing (decision 0008). Meanwhile the suites' file runner
 * (suites/support/runner.mjs) ends its Jest should the runner be gone. Plain JavaScript, so that the
 * file runner, which Jest loads without a transform, imports it as the TypeScript does.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { setTimeout } from 'node:timers';

/** The variable that names the gate file; unset, the phase's files start at once. */
export const GATE_ENV = 'BROKER_CONTRACT_GATE_FILE';

/**
 * The variable that names the runner's pid: the gate's waiters end once it is gone, wherever they are
 * (Jest may have been re-parented before it started waiting). Unset, they watch their own parent.
 */
export const GATE_OWNER_ENV = 'BROKER_CONTRACT_GATE_OWNER';

/** How often a gated Jest looks for the gate file. */
const POLL_MS = 10;

/**
 * The gate file this Jest waits for, or undefined when it does not wait.
 * @param {Record<string, string | undefined>} env
 * @returns {string | undefined}
 */
export function gateFile(env) {
  const file = env[GATE_ENV];
  return file === undefined || file === '' ? undefined : file;
}

/**
 * Opens the gate: the waiting Jest adds `env` to its environment (what the runner learnt after
 * starting it: the setup's record, the event subscriptions), then starts its workers and files.
 * @param {string} file
 * @param {Record<string, string>} [env]
 */
export function openGate(file, env = {}) {
  // Written whole under another name, then renamed: the waiting Jest never reads half of it.
  writeFileSync(`${file}.part`, JSON.stringify(env));
  renameSync(`${file}.part`, file);
}

/**
 * Whether process `pid` exists (EPERM: it does, under another user).
 * @param {number} pid
 */
function exists(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/**
 * How a waiter tells that the run which started it is gone: the owner named in `env` has ended, or,
 * none named, this process's parent has changed since the call.
 * @param {Record<string, string | undefined>} env
 * @returns {() => boolean}
 */
export function runAlive(env) {
  const owner = Number(env[GATE_OWNER_ENV]);
  if (Number.isInteger(owner) && owner > 0) return () => exists(owner);
  const parent = process.ppid;
  return () => process.ppid === parent;
}

/**
 * Resolves, with the variables the runner passed, once the gate file exists. Rejects when the run
 * that started this phase is gone (`parentAlive`, by default `runAlive(process.env)`): a gated phase
 * whose runner died must end, not wait for ever.
 * @param {string} file
 * @param {{ pollMs?: number, parentAlive?: () => boolean }} [options]
 * @returns {Promise<Record<string, string>>}
 */
export function waitForGate(file, options = {}) {
  const pollMs = options.pollMs ?? POLL_MS;
  const parentAlive = options.parentAlive ?? runAlive(process.env);
  return new Promise((resolve, reject) => {
    const look = () => {
      if (existsSync(file)) return resolve(JSON.parse(readFileSync(file, 'utf8')));
      if (!parentAlive())
        return reject(new Error(`the run that started this phase has ended before opening ${file}`));
      setTimeout(look, pollMs);
    };
    look();
  });
}

/**
 * In a suite file (src/suite/context.ts): waits for the gate named in `env`, then adds the variables
 * it brought to `env` (the file's own process.env: a worker started before the gate opened lacks them).
 * No gate named: at once.
 * @param {Record<string, string | undefined>} env
 * @param {{ pollMs?: number, parentAlive?: () => boolean }} [options]
 * @returns {Promise<void>}
 */
export async function passGate(env, options) {
  const file = gateFile(env);
  if (file === undefined) return;
  Object.assign(env, await waitForGate(file, { parentAlive: runAlive(env), ...options }));
}
