/**
 * The `real-tokens` condition: token lifetimes as on Altinn's environments (ENVIRONMENT.md
 * "Maskinporten mode", CONTRACT.md §3.1). Maskinporten tokens live 120 s, even when the options ask
 * for shorter ones, and the exchange's Altinn token expires when its Maskinporten token does.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { startSandbox, type RunningSandbox } from '../../../sandbox/launcher.js';
import { call, token, tokenAnswer } from '../client.js';
import { API, expectAnswer, publish, START_TIMEOUT_MS } from '../fixtures.js';

let real: RunningSandbox;
let plain: RunningSandbox;
beforeAll(async () => {
  // Both asked for 5 s tokens, as `npm start` does.
  [real, plain] = await Promise.all([
    startSandbox({ conditions: ['real-tokens'], maskinportenTokenLifetimeS: 5, processingDelayMs: 1 }),
    startSandbox({ maskinportenTokenLifetimeS: 5 }),
  ]);
}, START_TIMEOUT_MS);
afterAll(() => Promise.all([real?.stop(), plain?.stop()]));

async function exchange(sandbox: RunningSandbox, maskinporten: string): Promise<string> {
  const response = await fetch(sandbox.env.ALTINN_EXCHANGE_URL ?? '', {
    headers: { authorization: `Bearer ${maskinporten}` },
  });
  expect(response.status).toBe(200);
  return response.text();
}

const lifetime = (jwt: string) => {
  const { iat = 0, exp = 0 } = decodeJwt(jwt);
  return exp - iat;
};

describe('real-tokens', () => {
  it.each<[string, () => RunningSandbox, number, 'its Maskinporten exp' | number]>([
    [
      'with it: 120 s, and the Altinn token ends with its Maskinporten token',
      () => real,
      120,
      'its Maskinporten exp',
    ],
    ['without it: the 5 s asked for, and 30 minutes from the exchange', () => plain, 5, 1800],
  ])('%s', async (_rule, sandbox, maskinportenLifetime, altinn) => {
    const { status, body } = await tokenAnswer(sandbox(), 'SENDER');
    expect({ status, expiresIn: body.expires_in }).toEqual({ status: 200, expiresIn: maskinportenLifetime });
    const maskinporten = body.access_token ?? '';
    expect(lifetime(maskinporten)).toBe(maskinportenLifetime);
    const exchanged = await exchange(sandbox(), maskinporten);
    if (altinn === 'its Maskinporten exp') expect(decodeJwt(exchanged).exp).toBe(decodeJwt(maskinporten).exp);
    else expect(lifetime(exchanged)).toBe(altinn);
  });

  it('says which option it overrode', () => {
    expect(real.settings.overridden).toEqual([
      'real-tokens sets maskinportenTokenLifetimeS to 120 (5 was given)',
    ]);
  });

  it('the Broker accepts the exchanged tokens', async () => {
    const sender = await exchange(real, await token(real, 'SENDER'));
    const id = await publish(real, sender);
    const recipient = await exchange(real, await token(real, 'RECIPIENT'));
    expectAnswer(await call(real, 'GET', `${API}/filetransfer/${id}`, { token: recipient }), 200);
  });
});
