// @ts-check
/**
 * The suites' file runner: Jest's own, except that it ends its Jest, workers and all, should the run
 * that started it be gone before opening the phase's gate (src/run/phase-gate.mjs: the files wait for
 * the gate themselves, loaded), and that in a run that stops at its first failed clause (the
 * self-test's faulty runs, src/run/stop-marker.mjs) it starts no further file once the stop marker is
 * there. Files already running finish their current clause; the suites' hooks
 * skip the rest of them. A file it did not start is reported as skipped with the marker's reason, as
 * one case outside its clauses (the file is never loaded, so its clauses are not known), where Jest's
 * own cancellation would report it as a file that failed to load. It also marks each file released
 * when it ends (src/run/phase-release.mjs), so that the runner knows when the next phase may start.
 * Plain JavaScript because Jest loads it without a transform.
 */
import { basename } from 'node:path';
import TestRunner from 'jest-runner';
import { markReleased } from '../../src/run/phase-release.mjs';
import { SKIPPED } from '../../src/skip-marker.mjs';
import { gateFile, waitForGate } from '../../src/run/phase-gate.mjs';
import { markStopped, stopFile, stopReason } from '../../src/run/stop-marker.mjs';

/**
 * Ends this Jest and its workers (its process group: the runner starts Jest as a group leader), or
 * this process alone when it is not one.
 * @param {Error} error
 */
function endOrphaned(error) {
  process.stderr.write(`${error.message}\n`);
  try {
    process.kill(-process.pid, 'SIGTERM');
  } catch {
    process.exit(1);
  }
}
/**
 * `watcher`, interrupted also once the stop marker is there: Jest's runner asks the watcher before it
 * starts each file, in band and in workers alike.
 * @param {import('jest-runner').TestWatcher} watcher
 * @returns {import('jest-runner').TestWatcher}
 */
function stopping(watcher) {
  const stopped = {
    isInterrupted: () => watcher.isInterrupted() || stopReason(process.env) !== undefined,
    isWatchMode: () => watcher.isWatchMode(),
    on: (/** @type {Parameters<typeof watcher.on>} */ ...args) => watcher.on(...args),
    setState: (/** @type {Parameters<typeof watcher.setState>} */ ...args) => watcher.setState(...args),
  };
  return /** @type {typeof watcher} */ (/** @type {unknown} */ (stopped));
}

export default class SuiteRunner extends TestRunner {
  /** @type {Set<string>} */
  #started = new Set();

  /**
   * @param {import('@jest/test-result').Test[]} tests
   * @param {import('jest-runner').TestWatcher} watcher
   * @param {import('jest-runner').TestRunnerOptions} options
   */
  async runTests(tests, watcher, options) {
    // A phase started early: its workers start and load their first files at once, and each file
    // waits for the gate before its first clause. Should the runner die before opening it, the files
    // would wait for ever (a worker's parent is this Jest, still alive): this ends them.
    const gate = gateFile(process.env);
    if (gate !== undefined) waitForGate(gate).catch(endOrphaned);
    const marker = stopFile(process.env);
    const forget = this.#markEnds(marker);
    try {
      return await super.runTests(tests, marker === undefined ? watcher : stopping(watcher), options);
    } finally {
      forget();
    }
  }

  /**
   * Marks each file released as it ends (src/run/phase-release.mjs), whether its clauses passed or it
   * did not run to its end; in a run that stops at its first failure, a file that started and did not
   * run to its end (it did not load, its worker died) writes the stop marker first, as a failed clause
   * would, so that the runner sees the stop before the release. Returns what ends the listening.
   * @param {string | undefined} marker
   * @returns {() => void}
   */
  #markEnds(marker) {
    const env = process.env;
    const forgets = [
      super.on('test-file-start', ([test]) => {
        this.#started.add(test.path);
      }),
      super.on('test-file-success', ([test]) => markReleased(env, test.path)),
      super.on('test-file-failure', ([test]) => {
        if (marker !== undefined && this.#started.has(test.path))
          markStopped(marker, `the file "${basename(test.path)}" (it did not run to its end)`);
        markReleased(env, test.path);
      }),
    ];
    return () => {
      for (const forget of forgets) forget();
    };
  }

  /**
   * A file cancelled before it started becomes a skip, by the skip marker (decision 0011).
   * @type {TestRunner['on']}
   */
  on(eventName, listener) {
    if (eventName !== 'test-file-failure' || stopFile(process.env) === undefined)
      return super.on(eventName, listener);
    const failure = /** @type {(data: [import('@jest/test-result').Test, unknown]) => unknown} */ (listener);
    return super.on('test-file-failure', ([test, error]) => {
      const reason = this.#started.has(test.path) ? undefined : stopReason(process.env);
      return failure([
        test,
        reason === undefined ? error : Object.assign(new Error(reason), { name: SKIPPED, reason }),
      ]);
    });
  }
}
