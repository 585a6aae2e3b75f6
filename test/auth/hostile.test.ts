import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import { createHostileTokens, type HostileTokens } from '../../src/auth/hostile.js';
import { createTokenProvider } from '../../src/auth/tokens.js';
import { buildProfile } from '../../src/profile/load.js';
import { redact } from '../../src/redact.js';
import { serve } from '../helpers/http.js';
import { staticVars, testKeys, withChanges } from '../profile/vars.js';
import { readBody, sandboxProfile, standInProfile, standInToken } from './standin.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

const get = (path: string, token: string) =>
  fetch(`${sandbox.origin}/broker/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
const overview = (token: string) => get(`/filetransfer/${randomUUID()}`, token);
const search = (token: string) => get(`/filetransfer?resourceId=${sandbox.env.BROKER_RESOURCE_ID}`, token);

// prettier-ignore
const modes: [string, Record<string, string | undefined>][] = [
  ['exchanged Altinn tokens', {}],
  ['raw Maskinporten tokens', { ALTINN_EXCHANGE_URL: undefined }],
];

describe.each(modes)('hostile tokens against the sandbox, from %s', (_mode, changes) => {
  let hostile: HostileTokens;
  let real: string;
  beforeAll(async () => {
    const provider = createTokenProvider(sandboxProfile(sandbox, changes));
    hostile = createHostileTokens(provider, sandboxProfile(sandbox, changes));
    real = await provider.token('SENDER');
  });

  it('the real token is accepted (404 for an unknown id), so each 401 below is the alteration', async () => {
    expect((await overview(real)).status).toBe(404);
  });

  // prettier-ignore
  const kinds: [string, (h: HostileTokens) => Promise<string>][] = [
    ['tampered signature', (h) => h.tampered('SENDER')],
    ['alg none', (h) => h.algNone('SENDER')],
    ['unknown signing key', (h) => h.unknownKey('SENDER')],
  ];
  it.each(kinds)('%s gets 401', async (_kind, make) => {
    const token = await make(hostile);
    expect(token).not.toBe(real);
    expect(redact(token)).toBe('[redacted]');
    expect((await overview(token)).status).toBe(401);
  });

  it('tampered keeps header and claims and changes one byte in the middle of the signature', async () => {
    const token = await hostile.tampered('SENDER');
    const [h1, p1, s1] = real.split('.');
    const [h2, p2, s2] = token.split('.');
    expect([h2, p2]).toEqual([h1, p1]);
    const a = Buffer.from(s1 ?? '', 'base64url');
    const b = Buffer.from(s2 ?? '', 'base64url');
    const changed = [...a].flatMap((byte, i) => (byte === b[i] ? [] : [i]));
    expect(changed).toEqual([Math.floor(a.length / 2)]);
  });

  it('alg none keeps the claims, with an empty signature', async () => {
    const token = await hostile.algNone('SENDER');
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'none', typ: 'JWT' });
    expect(decodeJwt(token)).toEqual(decodeJwt(real));
    expect(token.endsWith('.')).toBe(true);
  });

  it('unknown key keeps the claims and the kid', async () => {
    const token = await hostile.unknownKey('SENDER');
    expect(decodeProtectedHeader(token).kid).toBe(decodeProtectedHeader(real).kid);
    expect(decodeJwt(token)).toEqual(decodeJwt(real));
  });

  it('wrong scope: a real token without altinn:broker.* gets 403 on search, where the real one gets 200', async () => {
    const token = await hostile.wrongScope('SENDER', ['altinn:events.subscribe']);
    expect(decodeJwt(token).scope).toBe('altinn:events.subscribe');
    expect((await search(real)).status).toBe(200);
    expect((await search(token)).status).toBe(403);
  });
});

describe('expired tokens (clock and sleep injected; a stand-in issues short-lived tokens)', () => {
  async function setUp(lifetimeS: number) {
    let clock = Date.now();
    const slept: number[] = [];
    let issued = 0;
    const server = await serve((req, res) => {
      void readBody(req).then(async () => {
        issued += 1;
        const token = await standInToken(
          { scope: 'altinn:broker.write' },
          Math.floor(clock / 1000) + lifetimeS,
        );
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: lifetimeS }));
      });
    });
    const profile = standInProfile(await testKeys(), server.url);
    const provider = createTokenProvider(profile, { now: () => clock });
    const hostile = createHostileTokens(provider, profile, {
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
    });
    return { hostile, slept, now: () => clock, issued: () => issued, close: () => server.close() };
  }

  it('waits until 1 s past exp, then hands out the raw token', async () => {
    const t = await setUp(5);
    try {
      const token = await t.hostile.expired('SENDER');
      const expMs = Number(decodeJwt(token).exp) * 1000;
      expect(t.slept).toHaveLength(1);
      expect(t.now()).toBe(expMs + 1000);
      expect(t.issued()).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('is AUTH_EXPIRED_UNAVAILABLE, saying why, when the wait would exceed maxWaitMs', async () => {
    const t = await setUp(3600);
    try {
      const failure = t.hostile.expired('SENDER', { maxWaitMs: 150_000 });
      await expect(failure).rejects.toMatchObject({ code: 'AUTH_EXPIRED_UNAVAILABLE' });
      const message = await failure.catch((e: Error) => e.message);
      expect(message).toMatch(/SENDER's Maskinporten token expires in 360\d s, longer than the 150000 ms/);
      expect(t.slept).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('hostile tokens in static mode derive from P_TOKEN where they can', () => {
  const now = Math.floor(Date.now() / 1000);
  async function hostileFor(token: string): Promise<HostileTokens> {
    const profile = buildProfile(withChanges(staticVars(), { SENDER_TOKEN: token }));
    return createHostileTokens(createTokenProvider(profile), profile, {
      sleep: () => Promise.reject(new Error('no wait')),
    });
  }

  it('expired: P_TOKEN itself once it has expired', async () => {
    const old = await standInToken({ scope: 'altinn:broker.write' }, now - 60);
    expect(await (await hostileFor(old)).expired('SENDER')).toBe(old);
  });

  // prettier-ignore
  const rows: [string, () => Promise<string>, (h: HostileTokens) => Promise<string>, string, RegExp][] = [
    ['expired, while P_TOKEN is still valid', () => standInToken({}, now + 600), (h) => h.expired('SENDER'), 'AUTH_EXPIRED_UNAVAILABLE', /SENDER_TOKEN is still valid for \d+ s; static mode cannot obtain another/],
    ['wrong scope', () => standInToken({}, now + 600), (h) => h.wrongScope('SENDER', ['altinn:broker.read']), 'AUTH_WRONG_SCOPE_UNAVAILABLE', /AUTH_MODE=static has no way to request other scopes/],
    ['tampered, from an opaque token', () => Promise.resolve('opaque-static-token'), (h) => h.tampered('SENDER'), 'AUTH_TAMPERED_UNAVAILABLE', /not a JWS compact JWT/],
    ['expired, from an opaque token', () => Promise.resolve('opaque-static-token'), (h) => h.expired('SENDER'), 'AUTH_EXPIRED_UNAVAILABLE', /no readable exp claim/],
  ];
  it.each(rows)('unavailable: %s', async (_case, token, make, code, reason) => {
    const failure = make(await hostileFor(await token()));
    await expect(failure).rejects.toMatchObject({ code, message: expect.stringMatching(reason) });
  });

  it('tampered, alg none and unknown key work from a JWT P_TOKEN', async () => {
    const token = await standInToken({ scope: 'altinn:broker.write' }, now + 600);
    const hostile = await hostileFor(token);
    for (const made of await Promise.all([
      hostile.tampered('SENDER'),
      hostile.algNone('SENDER'),
      hostile.unknownKey('SENDER'),
    ])) {
      expect(made).not.toBe(token);
      expect(decodeJwt(made)).toEqual(decodeJwt(token));
    }
  });
});
