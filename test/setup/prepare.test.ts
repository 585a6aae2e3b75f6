/**
 * The setup in the guide's order, from every starting state an environment can be in (CONTRACT.md
 * §8.1–§8.3): a stand-in Broker that keeps the three facts the setup reads (service owner, storage,
 * resource) and answers as §4.10 and §4.11 say, with the clock and sleep injected so each wait is exact.
 */
import { describe, expect, it } from '@jest/globals';
import { EnvironmentError } from '../../src/errors.js';
import { prepareEnvironment, type SetupAnswer, type SetupCalls } from '../../src/setup/prepare.js';

interface State {
  registered: boolean;
  /** GET /serviceowner reads before the storage is Ready (counted from registration, or from the start). */
  readsUntilReady: number;
  configured: boolean;
  /** Overrides, by call name: what that call answers instead. */
  answers?: Partial<Record<keyof SetupCalls, SetupAnswer | Error>>;
}

function standIn(initial: State) {
  const state = { ...initial };
  const calls: string[] = [];
  const sleeps: number[] = [];
  let clock = 0;
  const override = (name: keyof SetupCalls): SetupAnswer | undefined => {
    const given = state.answers?.[name];
    if (given instanceof Error) throw given;
    return given;
  };
  const broker: SetupCalls = {
    readServiceOwner: () => {
      calls.push('GET serviceowner');
      const given = override('readServiceOwner');
      if (given) return Promise.resolve(given);
      if (!state.registered) return Promise.resolve({ status: 404, code: 'BRO-07004' });
      const ready = state.readsUntilReady <= 0;
      state.readsUntilReady -= 1;
      const providers = ready ? [{ type: 'AltinnAzure', deploymentStatus: 'Ready' }] : [];
      return Promise.resolve({ status: 200, body: { name: 'x', storageProviders: providers } });
    },
    registerServiceOwner: () => {
      calls.push('POST serviceowner');
      const given = override('registerServiceOwner');
      if (given) return Promise.resolve(given);
      if (state.registered) return Promise.resolve({ status: 409, code: 'BRO-07002' });
      state.registered = true;
      return Promise.resolve({ status: 200 });
    },
    readResource: () => {
      calls.push('GET resource');
      const given = override('readResource');
      if (given) return Promise.resolve(given);
      return Promise.resolve(
        state.configured ? { status: 200, body: {} } : { status: 400, code: 'BRO-00025' },
      );
    },
    createResource: () => {
      calls.push('PUT resource {}');
      const given = override('createResource');
      if (given) return Promise.resolve(given);
      if (!state.registered) return Promise.resolve({ status: 400, code: 'BRO-00024' });
      state.configured = true;
      return Promise.resolve({ status: 204 });
    },
  };
  const run = (writesForbidden?: string) =>
    prepareEnvironment(broker, {
      resourceId: 'res',
      serviceOwnerName: 'broker-contract test',
      ...(writesForbidden ? { writesForbidden } : {}),
      storageTimeoutMs: 5_000,
      now: () => clock,
      sleep: (ms) => {
        sleeps.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    });
  return { run, calls, sleeps, state };
}

const PROVISIONED: State = { registered: true, readsUntilReady: 0, configured: true };
const FRESH: State = { registered: false, readsUntilReady: 2, configured: false };
const GUARD = 'the production guard is on (BROKER_ENV_NAME=prod); set BROKER_ALLOW_WRITES=true to write';

describe('the setup from each starting state, in the guide order (§8.1–§8.3)', () => {
  it.each([
    [
      'provisioned: reads only, writes nothing',
      PROVISIONED,
      ['GET serviceowner', 'GET resource'],
      ['found', 'found', 'found'],
      [],
    ],
    [
      'fresh: registers, waits for storage, then configures the resource',
      FRESH,
      [
        'GET serviceowner',
        'POST serviceowner',
        'GET serviceowner',
        'GET serviceowner',
        'GET serviceowner',
        'GET resource',
        'PUT resource {}',
        'GET resource',
      ],
      ['made', 'found', 'made'],
      [100, 200],
    ],
    [
      'registered but storage not yet ready: waits, registers nothing',
      { registered: true, readsUntilReady: 3, configured: true },
      ['GET serviceowner', 'GET serviceowner', 'GET serviceowner', 'GET serviceowner', 'GET resource'],
      ['found', 'found', 'found'],
      [100, 200, 400],
    ],
    [
      'registered and ready, resource never configured: creates it with PUT {}',
      { ...PROVISIONED, configured: false },
      ['GET serviceowner', 'GET resource', 'PUT resource {}', 'GET resource'],
      ['found', 'found', 'made'],
      [],
    ],
  ] as const)('%s', async (_name, state, calls, outcomes, sleeps) => {
    const setup = standIn(state);
    const record = await setup.run();
    expect(setup.calls).toEqual(calls);
    expect(record.steps.map((s) => s.outcome)).toEqual(outcomes);
    expect(record.steps.map((s) => s.name)).toEqual(['service owner', 'storage', 'resource']);
    expect(setup.sleeps).toEqual(sleeps);
    expect(record.blocked).toBeUndefined();
  });

  it('says what it changed, and keeps the first registration for suite 00', async () => {
    const record = await standIn(FRESH).run();
    expect(record).toMatchObject({
      serviceOwnerBefore: 'absent',
      registration: { status: 200 },
      serviceOwnerName: 'broker-contract test',
      resourceBefore: 'absent',
      creation: { status: 204 },
    });
    expect(record.changes).toEqual([
      'registered the service owner as "broker-contract test" (POST /serviceowner)',
      'configured res in Broker with its defaults (PUT /resource/{id} with {})',
    ]);
  });
});

describe('what stops the setup, and how the stop reads', () => {
  it.each([
    [
      'writes forbidden, service owner absent: skipped, nothing written',
      FRESH,
      GUARD,
      ['GET serviceowner'],
      { name: 'service owner', outcome: 'skipped' },
      /not registered, and this run may not register it \(the production guard is on/,
    ],
    [
      'writes forbidden, resource never configured: skipped at the resource',
      { ...PROVISIONED, configured: false },
      GUARD,
      ['GET serviceowner', 'GET resource'],
      { name: 'resource', outcome: 'skipped' },
      /res is not configured in Broker, and this run may not configure it/,
    ],
    [
      'storage never Ready: a wait that ran out, naming the variable and what was last seen',
      { registered: true, readsUntilReady: 1_000, configured: true },
      undefined,
      undefined,
      { name: 'storage', outcome: 'failed', family: 'wait' },
      /no AltinnAzure storage provider was Ready within 5000 ms \(BROKER_POLL_TIMEOUT_MS\); last seen: no storage providers yet/,
    ],
    [
      'a registration that answers 500: a contract failure',
      { ...FRESH, answers: { registerServiceOwner: { status: 500, code: 'BRO-07003' } } },
      undefined,
      ['GET serviceowner', 'POST serviceowner'],
      { name: 'service owner', outcome: 'failed', family: 'contract' },
      /registering answered 500 BRO-07003, not 200/,
    ],
    [
      'the resource owned by another organisation (401 BRO-00006): an environment failure',
      { ...PROVISIONED, answers: { readResource: { status: 401, code: 'BRO-00006' } } },
      undefined,
      ['GET serviceowner', 'GET resource'],
      { name: 'resource', outcome: 'failed', family: 'environment' },
      /answered 401 BRO-00006, neither 200 nor 400 BRO-00025/,
    ],
    [
      'no registry resource (PUT 403 BRO-00005): an environment failure',
      { ...PROVISIONED, configured: false, answers: { createResource: { status: 403, code: 'BRO-00005' } } },
      undefined,
      ['GET serviceowner', 'GET resource', 'PUT resource {}'],
      { name: 'resource', outcome: 'failed', family: 'environment' },
      /PUT \{\} answered 403 BRO-00005, not 204/,
    ],
    [
      'a call that throws (credentials refused): fails the step it was in, in its family',
      {
        ...PROVISIONED,
        answers: { readServiceOwner: new EnvironmentError('AUTH_INVALID_GRANT', 'Maskinporten said no.') },
      },
      undefined,
      ['GET serviceowner'],
      { name: 'service owner', outcome: 'failed', family: 'environment' },
      /Maskinporten said no\./,
    ],
  ] as const)('%s', async (_name, state, forbidden, calls, step, detail) => {
    const setup = standIn(state);
    const record = await setup.run(forbidden);
    if (calls) expect(setup.calls).toEqual(calls);
    expect(record.steps.at(-1)).toMatchObject(step);
    expect(record.steps.at(-1)?.detail).toMatch(detail);
    expect(record.blocked).toMatch(new RegExp(`^the environment is not ready: ${step.name}: `));
    if (forbidden) expect(record.changes).toEqual([]);
  });
});
