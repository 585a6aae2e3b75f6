// @ts-check
/**
 * The gate in front of a phase of a run (src/run/run.ts). The runner starts each phase's Jest early:
 * the first while it loads the spec, runs the setup and subscribes to events, each later one while the
 * phase before it runs, so that Jest's own start-up (its configuration, module map and reporters: half
 * a second to a second on two cores) overlaps that work. The suites' file runner
 * (suites/support/runner.mjs) starts no worker and no file until the runner opens the gate, which it
 * does once the setup is done, and for a later phase once the phase before it has exited. The order stays the runner's: no file of a later phase can
 * run beside one of an earlier phase, whatever the timing (decision 0008). Plain JavaScript, so that
 * the file runner, which Jest loads without a transform, imports it as the TypeScript does.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { setTimeout } from 'node:timers';

/** The variable that names the gate file; unset, the phase's files start at once. */
export const GATE_ENV = 'BROKER_CONTRACT_GATE_FILE';

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
 * Resolves, with the variables the runner passed, once the gate file exists. Rejects when the process that started this Jest is gone (the
 * parent pid changed): a gated Jest whose runner died must end, not wait for ever.
 * @param {string} file
 * @param {{ pollMs?: number, parentAlive?: () => boolean }} [options]
 * @returns {Promise<Record<string, string>>}
 */
export function waitForGate(file, options = {}) {
  const pollMs = options.pollMs ?? POLL_MS;
  const parent = process.ppid;
  const parentAlive = options.parentAlive ?? (() => process.ppid === parent);
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
