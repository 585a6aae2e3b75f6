/**
 * Hooks every suite file gets: before its tests, a file that needs the environment set up (src/run/
 * phases.ts) is skipped whole, with the setup's reason, when the setup could not finish; in a run that
 * stops at its first failed clause (src/run/stop-marker.mjs), every clause after that failure is
 * skipped, saying which clause it was; after each test, the calls it made go to the report's side
 * channel, so a failure in the report shows the exchange that led to it (redacted by the client before
 * logging); after the file, the calls made outside any test, for the coverage.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from '@jest/globals';
import { recordCalls } from '../../src/report/side-channel.js';
import { needsSetup } from '../../src/run/phases.js';
import { stopReason } from '../../src/run/stop-marker.mjs';
import { suiteContext } from '../../src/suite/context.js';
import { skip } from '../../src/suite/steps.js';
import { trace } from '../../src/trace.js';

beforeAll(async () => {
  const testPath = expect.getState().testPath ?? '';
  // The file has loaded (its imports, its context): the benchmark counts the time before as start-up.
  const ready = Date.now();
  trace({ kind: 'ready', start: ready, end: ready, label: testPath.split('/').pop() ?? '' });
  // A file that started as the run stopped (another worker's clause failed): none of its clauses runs.
  const stopped = stopReason(process.env);
  if (stopped !== undefined) skip(stopped);
  const ctx = await suiteContext();
  const blocked = ctx.setup?.blocked;
  if (blocked !== undefined && needsSetup(testPath)) skip(blocked);
});

// A file running when the run stopped finishes the clause it is at; the rest are skipped.
beforeEach(() => {
  const stopped = stopReason(process.env);
  if (stopped !== undefined) skip(stopped);
});

afterEach(async () => {
  const ctx = await suiteContext();
  const name = expect.getState().currentTestName;
  if (name === undefined) return;
  recordCalls(ctx.reportDir, ctx.broker.log.forTest(name));
});

// Calls made outside any test (a file's fixtures, started in beforeAll) count for the coverage too.
afterAll(async () => {
  const ctx = await suiteContext();
  recordCalls(
    ctx.reportDir,
    ctx.broker.log.all().filter((call) => call.test === undefined),
  );
});
