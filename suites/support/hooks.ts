/**
 * Hooks every suite file gets: before its tests, a file that needs the environment set up (src/run/
 * phases.ts) is skipped whole, with the setup's reason, when the setup could not finish; after each
 * test, the calls it made go to the report's side channel, so a failure in the report shows the
 * exchange that led to it (redacted by the client before logging); after the file, the calls made
 * outside any test, for the coverage.
 */
import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import { recordCalls } from '../../src/report/side-channel.js';
import { needsSetup } from '../../src/run/phases.js';
import { suiteContext } from '../../src/suite/context.js';
import { skip } from '../../src/suite/steps.js';

beforeAll(async () => {
  const ctx = await suiteContext();
  const blocked = ctx.setup?.blocked;
  if (blocked !== undefined && needsSetup(expect.getState().testPath ?? '')) skip(blocked);
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
