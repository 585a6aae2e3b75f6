import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import { createTokenProvider } from '../../src/auth/tokens.js';
import { buildProfile } from '../../src/profile/load.js';
import { PERSONAS } from '../../src/profile/types.js';
import { redact } from '../../src/redact.js';
import { staticVars } from '../profile/vars.js';
import { countingFetch, sandboxProfile } from './standin.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

const search = (token: string) =>
  fetch(`${sandbox.origin}/broker/api/v1/filetransfer?resourceId=${sandbox.env.BROKER_RESOURCE_ID}`, {
    headers: { authorization: `Bearer ${token}` },
  });

describe('tokens from the sandbox, through the same variables as any deployment', () => {
  // prettier-ignore
  const modes: [string, Record<string, string | undefined>, string][] = [
    ['exchanged for an Altinn token', {}, '/authentication/api/v1/openid/'],
    ['used as is without ALTINN_EXCHANGE_URL', { ALTINN_EXCHANGE_URL: undefined }, '/maskinporten/'],
  ];
  describe.each(modes)('Maskinporten token %s', (_mode, changes, issuerPath) => {
    it.each(PERSONAS)('%s gets a token the Broker accepts', async (persona) => {
      const provider = createTokenProvider(sandboxProfile(sandbox, changes));
      const token = await provider.token(persona);
      const claims = decodeJwt(token);
      expect(claims.iss).toBe(`${sandbox.origin}${issuerPath}`);
      expect(String(claims.scope).split(' ')).toEqual(expect.arrayContaining(['altinn:events.subscribe']));
      expect(redact(token)).toBe('[redacted]');
      if (persona === 'SENDER' || persona === 'RECIPIENT') expect((await search(token)).status).toBe(200);
    });
  });

  it('a system user token carries the org (P_SYSTEMUSER_ORG) and is accepted', async () => {
    const profile = sandboxProfile(sandbox, { SENDER_SYSTEMUSER_ORG: sandbox.env.SENDER_ORG });
    const token = await createTokenProvider(profile).token('SENDER');
    expect(decodeJwt(token).authorization_details).toEqual([
      expect.objectContaining({
        systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${sandbox.env.SENDER_ORG}` },
      }),
    ]);
    expect((await search(token)).status).toBe(200);
  });

  it('maskinportenToken is the raw token, never exchanged', async () => {
    const provider = createTokenProvider(sandboxProfile(sandbox));
    const raw = decodeJwt(await provider.maskinportenToken('SENDER'));
    expect(raw.iss).toBe(`${sandbox.origin}/maskinporten/`);
    expect(raw.scope).toBe('altinn:broker.write altinn:events.subscribe');
  });

  it('scopes override the persona scopes, under a cache key of their own', async () => {
    const provider = createTokenProvider(sandboxProfile(sandbox));
    const usual = decodeJwt(await provider.token('SENDER'));
    const other = decodeJwt(await provider.token('SENDER', { scopes: ['altinn:events.subscribe'] }));
    expect([usual.scope, other.scope]).toEqual([
      'altinn:broker.write altinn:events.subscribe',
      'altinn:events.subscribe',
    ]);
  });
});

describe('the token cache', () => {
  it('answers a second call from the cache, and concurrent calls share one request', async () => {
    const counting = countingFetch();
    const provider = createTokenProvider(sandboxProfile(sandbox), { fetch: counting.fetch });
    const concurrent = await Promise.all([
      provider.token('SENDER'),
      provider.token('SENDER'),
      provider.token('SENDER'),
    ]);
    const again = await provider.token('SENDER');
    expect(new Set([...concurrent, again]).size).toBe(1);
    expect(counting.calls).toEqual([
      'POST /maskinporten/token',
      'GET /authentication/api/v1/exchange/maskinporten',
    ]);
  });

  it('renews a token 30 s before its exp, not earlier', async () => {
    const counting = countingFetch();
    let clock = Date.now();
    const provider = createTokenProvider(sandboxProfile(sandbox, { ALTINN_EXCHANGE_URL: undefined }), {
      fetch: counting.fetch,
      now: () => clock,
    });
    const first = await provider.token('RECIPIENT');
    const expMs = Number(decodeJwt(first).exp) * 1000;
    clock = expMs - 30_001;
    expect(await provider.token('RECIPIENT')).toBe(first);
    expect(counting.calls).toHaveLength(1);
    clock = expMs - 30_000;
    const renewed = await provider.token('RECIPIENT');
    expect(renewed).not.toBe(first);
    expect(counting.calls).toHaveLength(2);
  });

  it('judges an exchanged token by its own exp, not by the Maskinporten token it came from', async () => {
    const counting = countingFetch();
    let clock = Date.now();
    const provider = createTokenProvider(sandboxProfile(sandbox), {
      fetch: counting.fetch,
      now: () => clock,
    });
    const altinn = await provider.token('SENDER');
    const raw = await provider.maskinportenToken('SENDER');
    clock = Number(decodeJwt(raw).exp) * 1000 + 1;
    expect(await provider.token('SENDER')).toBe(altinn);
    expect(counting.calls).toHaveLength(2);
    clock = Number(decodeJwt(altinn).exp) * 1000 - 30_000;
    expect(await provider.token('SENDER')).not.toBe(altinn);
    // The raw token had expired too, so both steps ran again.
    expect(counting.calls).toHaveLength(4);
  });
});

describe('static mode', () => {
  it('hands out P_TOKEN, and refuses what only Maskinporten can do', async () => {
    const provider = createTokenProvider(buildProfile(staticVars()));
    expect(await provider.token('SENDER')).toMatch(/-SENDER$/);
    await expect(provider.token('SENDER', { scopes: ['altinn:broker.read'] })).rejects.toMatchObject({
      code: 'AUTH_STATIC_MODE',
    });
    await expect(provider.maskinportenToken('SENDER')).rejects.toMatchObject({ code: 'AUTH_STATIC_MODE' });
  });
});

describe('tokens that live as long as real ones (sandbox condition real-tokens)', () => {
  let real: RunningSandbox;
  beforeAll(async () => {
    real = await startSandbox({ conditions: ['real-tokens'] });
  });
  afterAll(() => real.stop());

  it('a token obtained before a 2-minute wait is renewed, from its own exp, before it is used again', async () => {
    const counting = countingFetch();
    let clock = Date.now();
    const provider = createTokenProvider(sandboxProfile(real), { fetch: counting.fetch, now: () => clock });
    const before = await provider.token('SENDER');
    const raw = await provider.maskinportenToken('SENDER');
    // Altinn's exchange: the exchanged token expires with the Maskinporten token it came from.
    expect(decodeJwt(before).exp).toBe(decodeJwt(raw).exp);
    // Issued within these calls, so it expires at most 120 s after them (the sandbox's clock runs on
    // during the calls: measured from before them, floor(now/1000)+120 can pass it by milliseconds).
    clock = Date.now();
    expect(Number(decodeJwt(raw).exp) * 1000 - clock).toBeLessThanOrEqual(120_000);
    clock += 120_000;
    const after = await provider.token('SENDER');
    expect(after).not.toBe(before);
    expect(counting.calls).toEqual([
      'POST /maskinporten/token',
      'GET /authentication/api/v1/exchange/maskinporten',
      'POST /maskinporten/token',
      'GET /authentication/api/v1/exchange/maskinporten',
    ]);
    const answer = await fetch(
      `${real.origin}/broker/api/v1/filetransfer?resourceId=${real.env.BROKER_RESOURCE_ID}`,
      { headers: { authorization: `Bearer ${after}` } },
    );
    expect(answer.status).toBe(200);
  });
});
