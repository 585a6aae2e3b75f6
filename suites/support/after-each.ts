/**
 * After each test, the calls it made go to the report's side channel, so a failure in the report shows
 * the exchange that led to it (redacted by the client before logging).
 */
import { afterEach, expect } from '@jest/globals';
import { recordCalls } from '../../src/report/side-channel.js';
import { suiteContext } from '../../src/suite/context.js';

afterEach(async () => {
  const ctx = await suiteContext();
  const name = expect.getState().currentTestName;
  if (name === undefined) return;
  recordCalls(ctx.reportDir, ctx.broker.log.forTest(name));
});
