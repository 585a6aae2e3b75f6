// @ts-check
/**
 * Jest progress for conformance runs: one line per suite file, then each failed clause and each
 * skipped one with its reason. Jest's default reporter would show a skip (a thrown `Skipped`, see
 * src/errors.ts) as a failure, which misleads the person on call. Plain JavaScript because Jest
 * loads reporters without a transform.
 */

import { SKIPPED } from '../../src/skip-marker.mjs';

/**
 * The reason of a skip, or undefined when `thrown` is no skip. Read from the thrown value's own
 * properties, which survive Jest's workers where its prototype does not.
 * @param {unknown} thrown
 */
function skipReason(thrown) {
  if (typeof thrown !== 'object' || thrown === null) return undefined;
  const { name, reason } = /** @type {{ name?: unknown, reason?: unknown }} */ (thrown);
  return name === SKIPPED ? String(reason ?? '') : undefined;
}

/** @param {string} message */
function firstLine(message) {
  // eslint-disable-next-line no-control-regex -- Jest colours its messages with ANSI escapes.
  const plain = message.replace(/\u001b\[[0-9;]*m/g, '');
  return (plain.split('\n').find((line) => line.trim() !== '') ?? '').trim();
}

export default class ProgressReporter {
  /**
   * @param {unknown} _test
   * @param {{ testFilePath: string, testExecError?: { message: string }, failureMessage?: string | null,
   *   testResults: { fullName: string, status: string, failureMessages: string[],
   *   failureDetails?: unknown[] }[] }} result
   */
  onTestResult(_test, result) {
    const file = result.testFilePath.replace(/^.*\/suites\//, 'suites/');
    const lines = [];
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const test of result.testResults) {
      const details = test.failureDetails ?? [];
      // A skip only when every thrown value is one: a failing hook after a skip is still a failure.
      const reasons = details.map(skipReason);
      const skip = details.length > 0 && reasons.every((r) => r !== undefined) ? reasons[0] : undefined;
      if (test.status === 'passed') passed += 1;
      else if (test.status === 'failed' && skip === undefined) {
        failed += 1;
        const index = reasons.findIndex((r) => r === undefined);
        lines.push(
          `    ✗ ${test.fullName}\n        ${firstLine(test.failureMessages[Math.max(index, 0)] ?? '')}`,
        );
      } else {
        skipped += 1;
        // The first line only: a reason's hint ("→ check …") is in the reports, once is enough here.
        lines.push(`    ○ ${test.fullName}: ${(skip ?? 'not run').split('\n')[0]}`);
      }
    }
    if (result.testExecError) {
      const skip = skipReason(result.testExecError);
      if (skip === undefined) {
        failed += 1;
        lines.push(
          `    ✗ the file failed outside its tests\n        ${firstLine(result.failureMessage ?? result.testExecError.message)}`,
        );
      } else {
        skipped += 1;
        lines.push(`    ○ the whole file: ${skip.split('\n')[0]}`);
      }
    }
    const mark = failed > 0 ? 'FAIL' : 'ok  ';
    // One write: two phases' Jests may report at once (src/run/phase-release.mjs), and a file's lines stay together.
    console.log(
      [`${mark} ${file}: ${passed} passed, ${failed} failed, ${skipped} skipped`, ...lines].join('\n'),
    );
  }
}
