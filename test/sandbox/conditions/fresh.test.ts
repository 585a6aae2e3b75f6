/**
 * The `fresh` condition: a Broker environment nobody has set up (CONTRACT.md §8.1, §8.2), walked in the
 * order a suite must walk it. Provisioning is wall time, so it is shortened here through
 * `provisioningDelayMs`, and the clock runs 1000 times faster to show that it does not speed it up.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SANDBOX_RESOURCE, startSandbox, type RunningSandbox } from '../../../sandbox/launcher.js';
import { call, jsonBody, token, type Answer } from '../client.js';
import {
  API,
  NO_CODE,
  expectAnswer,
  initializeAnswer,
  party,
  START_TIMEOUT_MS,
  waitFor,
} from '../fixtures.js';

/** Long enough to observe DeployingResources on a loaded machine, short enough for a unit test. */
const PROVISIONING_MS = 1500;

let sandbox: RunningSandbox;
let owner: string;
let sender: string;

beforeAll(async () => {
  sandbox = await startSandbox({
    conditions: ['fresh'],
    provisioningDelayMs: PROVISIONING_MS,
    timeScale: 1000,
    // Would register the owner and configure the resource; `fresh` wins.
    seed: 'ready',
  });
  [owner, sender] = await Promise.all([token(sandbox, 'SERVICEOWNER'), token(sandbox, 'SENDER')]);
}, START_TIMEOUT_MS);
afterAll(() => sandbox?.stop());

const getOwner = (): Promise<Answer> => call(sandbox, 'GET', `${API}/serviceowner`, { token: owner });
const initialize = (overrides: Record<string, unknown> = {}): Promise<Answer> =>
  initializeAnswer(sandbox, sender, overrides);
const deployment = (answer: Answer) =>
  (answer.json as { storageProviders: { deploymentStatus: string }[] }).storageProviders.map(
    (p) => p.deploymentStatus,
  );

describe('fresh: setting up an environment nobody has set up (§8.1, §8.2)', () => {
  it('reports what it overrode', () => {
    expect(sandbox.settings).toMatchObject({ conditions: ['fresh'], seed: 'empty' });
    expect(sandbox.settings.overridden).toEqual(['fresh sets seed to empty (ready was given)']);
  });

  it('walks GET 404 → POST → DeployingResources and 503 BRO-00021 → Ready → initialize 200', async () => {
    expectAnswer(await getOwner(), 404, 'BRO-07004');
    // §8.3: nothing is configured, so the authorization wrapper denies (§4.1 row 1).
    expectAnswer(await initialize(), 401, 'BRO-00006');
    expectAnswer(
      await call(sandbox, 'GET', `${API}/resource/${SANDBOX_RESOURCE}`, { token: owner }),
      400,
      'BRO-00025',
    );

    const registered = Date.now();
    expectAnswer(
      await call(sandbox, 'POST', `${API}/serviceowner`, { token: owner, ...jsonBody({ name: 'Digdir' }) }),
      200,
      NO_CODE,
    );
    expect(deployment(expectAnswer(await getOwner(), 200))).toEqual([
      'DeployingResources',
      'DeployingResources',
    ]);
    // §8.2: the first PUT creates the resource once the owner is registered, Ready or not.
    expectAnswer(
      await call(sandbox, 'PUT', `${API}/resource/${SANDBOX_RESOURCE}`, { token: owner, ...jsonBody({}) }),
      204,
      NO_CODE,
    );
    expectAnswer(await initialize(), 503, 'BRO-00021');
    // §4.1: row 5 (storage) comes before row 7 (access list).
    expectAnswer(await initialize({ recipients: [party(sandbox, 'OUTSIDER')] }), 503, 'BRO-00021');

    await waitFor(getOwner, (a) => deployment(a).every((s) => s === 'Ready'), 5000, 'storage to be Ready');
    // Wall time: at a time scale of 1000 the sandbox clock alone would have taken 1.5 ms.
    expect(Date.now() - registered).toBeGreaterThanOrEqual(PROVISIONING_MS - 20);
    expectAnswer(await initialize(), 200);
    expectAnswer(await initialize({ recipients: [party(sandbox, 'OUTSIDER')] }), 400, 'BRO-00028');
  });
});
