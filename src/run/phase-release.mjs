// @ts-check
/**
 * When a phase of a run lets the next one start (src/run/run.ts, decision 0008): once each of its files
 * has either ended or said that it writes nothing more to the shared resource and has put back all it
 * wrote (`releaseSettings` in src/suite/settings.ts). The settings phase's last file then waits for its
 * purges (a grace period, a TTL: seconds on a deployment) beside the transfers, with the resource's
 * settings as it found them, instead of in front of them. A file's end is marked by the suites' file
 * runner (suites/support/runner.mjs), however the file ended; a file that releases early marks itself.
 * Each mark is a file named after the suite file in the phase's release directory. Plain JavaScript,
 * so that the file runner, which Jest loads without a transform, imports it as the TypeScript does.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';

/** The variable that names the phase's release directory; unset, nothing is marked. */
export const RELEASE_ENV = 'BROKER_CONTRACT_RELEASE_DIR';

/** How often the runner looks for the marks. */
const POLL_MS = 10;

/**
 * The release directory of this phase, or undefined when the run does not watch for releases.
 * @param {Record<string, string | undefined>} env
 * @returns {string | undefined}
 */
export function releaseDir(env) {
  const dir = env[RELEASE_ENV];
  return dir === undefined || dir === '' ? undefined : dir;
}

/**
 * Marks suite file `file` (a path or a name) as released in the directory `env` names; nothing when it
 * names none. Marking twice is harmless.
 * @param {Record<string, string | undefined>} env
 * @param {string} file
 */
export function markReleased(env, file) {
  const dir = releaseDir(env);
  if (dir === undefined) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, basename(file)), '');
}

/**
 * Whether every one of `files` (suite file names) is marked in `dir`.
 * @param {string} dir
 * @param {readonly string[]} files
 */
export function allReleased(dir, files) {
  return files.every((file) => existsSync(join(dir, basename(file))));
}

/**
 * Watches `dir` until every one of `files` is marked: `released` then resolves; it never resolves
 * once `stop()` has been called (the phase ended first, and its end is what the runner awaits then).
 * @param {string} dir
 * @param {readonly string[]} files
 * @param {{ pollMs?: number }} [options]
 * @returns {{ released: Promise<void>, stop(): void }}
 */
export function watchRelease(dir, files, options = {}) {
  const pollMs = options.pollMs ?? POLL_MS;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let stopped = false;
  const released = new Promise((resolve) => {
    const look = () => {
      if (stopped) return;
      if (allReleased(dir, files)) return resolve(undefined);
      timer = setTimeout(look, pollMs);
    };
    look();
  });
  return {
    released: released.then(() => undefined),
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
