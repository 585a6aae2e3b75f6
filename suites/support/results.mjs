// @ts-check
/**
 * Jest reporter that writes what the reports read of a run (`JestFile[]`, src/report/results.ts) to its
 * `outputFile` option. Not `jest --json`: that keeps a file's failure outside its tests (`testExecError`:
 * the file did not load, an afterAll threw) as text only, and the reports tell a failure's family from
 * the thrown value's properties (src/errors.ts), never from its text. Plain JavaScript because Jest
 * loads reporters without a transform.
 */
import { writeFileSync } from 'node:fs';
import { appendSpans } from '../../src/trace-file.mjs';

/**
 * A failure outside the tests as JSON. `message` and `stack` are not enumerable, so they are copied by
 * name; so are the properties the reports read (src/report/results.ts `Thrown`), because a worker's
 * load failure reaches this process rebuilt on an object whose other enumerable keys are noise.
 * @param {unknown} error
 */
function outsideTests(error) {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const { message, stack, family, name, code, reason } = /** @type {Record<string, unknown>} */ (error);
  return { message: typeof message === 'string' ? message : '', stack, family, name, code, reason };
}

/**
 * Each file's run as a `file` span of the benchmark's trace (src/trace-file.mjs): Jest's own start and
 * end of the file in its worker.
 * @param {{ testFilePath: string, perfStats?: { start?: number, end?: number } }[]} files
 */
function traceFiles(files) {
  appendSpans(
    files
      .filter((file) => file.perfStats?.start && file.perfStats.end)
      .map((file) => ({
        kind: 'file',
        start: file.perfStats?.start,
        end: file.perfStats?.end,
        label: file.testFilePath.split('/').pop(),
      })),
  );
}

export default class ResultsReporter {
  /**
   * @param {unknown} _globalConfig
   * @param {{ outputFile: string }} options
   */
  constructor(_globalConfig, options) {
    this.outputFile = options.outputFile;
  }

  /**
   * @param {unknown} _contexts
   * @param {{ testResults: { testFilePath: string, testResults: unknown[], testExecError?: unknown,
   *   failureMessage?: string | null, perfStats?: { start?: number, end?: number } }[] }} results
   */
  onRunComplete(_contexts, results) {
    traceFiles(results.testResults);
    const files = results.testResults.map((file) => ({
      testFilePath: file.testFilePath,
      // Each test's `failureDetails` are its thrown values; JSON keeps their own enumerable properties.
      testResults: file.testResults,
      testExecError: file.testExecError ? outsideTests(file.testExecError) : null,
      failureMessage: file.failureMessage ?? null,
    }));
    writeFileSync(this.outputFile, JSON.stringify(files));
  }
}
