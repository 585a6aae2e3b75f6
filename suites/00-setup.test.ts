/**
 * Steps 2 and 3 of the getting-started guide as the run's setup did them before any suite started
 * (src/setup/prepare.ts): the service owner registered, its storage provisioned, the resource
 * configured in Broker, each from whatever state the environment was in (CONTRACT.md §8.1–§8.3). The
 * calls were made by the runner; these clauses judge what they answered, so a setup that could not
 * finish fails here, in its family, while the suites that need it are skipped with the same reason.
 */
import { describe, expect, it } from '@jest/globals';
import { ContractError, EnvironmentError, WaitTimeoutError } from '../src/errors.js';
import type { SetupStep } from '../src/setup/record.js';
import { suiteContext } from '../src/suite/context.js';
import { skip } from '../src/suite/steps.js';

const ctx = await suiteContext();

function record() {
  if (!ctx.setup) skip('the setup did not run (run the suites through npm start)');
  return ctx.setup;
}

/** The step's outcome as this clause's: passed, skipped with why, or failed in the family of its cause. */
function judge(name: SetupStep['name']): SetupStep {
  const step = record().steps.find((s) => s.name === name);
  if (!step) skip(`the setup stopped before this step: ${record().blocked ?? 'no reason recorded'}`);
  if (step.outcome === 'skipped') skip(step.detail);
  if (step.outcome === 'failed') {
    const message = `setup, ${step.name}: ${step.detail}`;
    if (step.family === 'environment') throw new EnvironmentError('SETUP_ENVIRONMENT', message);
    if (step.family === 'wait') throw new WaitTimeoutError('SETUP_WAIT', message, step.detail, 0);
    throw new ContractError('SETUP', message, { step: step.name });
  }
  return step;
}

describe('00 setup: the environment brought to the state the guide needs (§8.1–§8.3)', () => {
  it('§8.1 the service owner is registered, by this run when it was not (GET 404 BRO-07004 before)', () => {
    judge('service owner');
  });

  it('§4.11 a first registration answers 200', () => {
    const { serviceOwnerBefore, registration } = record();
    if (serviceOwnerBefore === 'registered')
      skip('the service owner is already registered in this environment');
    if (!registration) skip(record().blocked ?? 'the setup did not register the service owner');
    expect(registration).toEqual({ status: 200 });
  });

  it('§8.1 the storage provider is Ready within BROKER_POLL_TIMEOUT_MS (initialize answers 503 BRO-00021 before)', () => {
    judge('storage');
  });

  it('§8.2 the resource is configured in Broker, by this run when it was not (GET 400 BRO-00025 before)', () => {
    const step = judge('resource');
    if (step.outcome === 'made') expect([200, 204]).toContain(record().creation?.status);
  });
});
