// @ts-check
/**
 * The stop marker of a run that stops at its first failed clause (the self-test's faulty runs,
 * `stopAtFirstFailure` in src/run/run.ts): a file that the suites' test environment writes when a
 * clause fails (suites/support/environment.mjs), and that the file runner (suites/support/runner.mjs),
 * the suites' hooks and the runner between phases read. A skip is no failure (decision 0011): it never
 * writes the marker, which is why Jest's `--bail`, counting a skip as a failed test, stopped runs
 * before anything was caught. Plain JavaScript, so that the Jest plug-ins, which Jest loads without a
 * transform, import it as the TypeScript does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SKIPPED } from '../skip-marker.mjs';

/** The variable that names the marker file; unset, nothing stops early and no handler is installed. */
export const STOP_ENV = 'BROKER_CONTRACT_STOP_FILE';

/**
 * The marker file of this run, or undefined when the run does not stop early.
 * @param {Record<string, string | undefined>} env
 * @returns {string | undefined}
 */
export function stopFile(env) {
  const file = env[STOP_ENV];
  return file === undefined || file === '' ? undefined : file;
}

/**
 * Whether a thrown value fails its clause: anything but a skip, read from its own `name` as every
 * reader of Jest's results does (src/report/results.ts).
 * @param {unknown} thrown
 */
export function isFailure(thrown) {
  return !(
    typeof thrown === 'object' &&
    thrown !== null &&
    /** @type {{ name?: unknown }} */ (thrown).name === SKIPPED
  );
}

/**
 * Writes the marker naming the clause that failed. The first writer wins: with two workers, both may
 * fail at once, and the marker names one of them.
 * @param {string} file
 * @param {string} clause
 */
export function markStopped(file, clause) {
  try {
    writeFileSync(file, clause, { flag: 'wx' });
  } catch (error) {
    if (/** @type {{ code?: unknown }} */ (error).code !== 'EEXIST') throw error;
  }
}

/**
 * The skip reason of everything the run leaves out once the marker is there, or undefined while it is
 * not (or the run does not stop early).
 * @param {Record<string, string | undefined>} env
 * @returns {string | undefined}
 */
export function stopReason(env) {
  const file = stopFile(env);
  if (file === undefined) return undefined;
  let clause;
  try {
    clause = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return `not run: this run stops at its first failed clause, and ${clause} failed`;
}
