// @ts-check
/**
 * Jest progress for conformance runs: one line per suite file, then each failed clause and each
 * skipped one with its reason. Jest's default reporter would show a skip (a thrown `Skipped`, see
 * src/suite/steps.ts) as a failure, which misleads the person on call. Plain JavaScript because
 * Jest loads reporters without a transform.
 */
const SKIP = 'Skipped: ';

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
   *   testResults: { fullName: string, status: string, failureMessages: string[] }[] }} result
   */
  onTestResult(_test, result) {
    const file = result.testFilePath.replace(/^.*\/suites\//, 'suites/');
    const lines = [];
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const test of result.testResults) {
      const first = firstLine(test.failureMessages.join('\n'));
      if (test.status === 'passed') passed += 1;
      else if (test.status === 'failed' && !first.startsWith(SKIP)) {
        failed += 1;
        lines.push(`    ✗ ${test.fullName}\n        ${first}`);
      } else {
        skipped += 1;
        lines.push(
          `    ○ ${test.fullName}: ${first.startsWith(SKIP) ? first.slice(SKIP.length) : 'not run'}`,
        );
      }
    }
    if (result.testExecError) {
      failed += 1;
      lines.push(
        `    ✗ the file failed outside its tests\n        ${firstLine(result.failureMessage ?? result.testExecError.message)}`,
      );
    }
    const mark = failed > 0 ? 'FAIL' : 'ok  ';
    console.log(`${mark} ${file}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    for (const line of lines) console.log(line);
  }
}
