import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPublicKey } from 'node:crypto';
import { jwtVerify, type JWTPayload } from 'jose';
import { createTokenProvider } from '../../src/auth/tokens.js';
import { ASSERTION_LIFETIME_S } from '../../src/defaults.js';
import { serve, type TestServer } from '../helpers/http.js';
import { testKeys, type TestKeys } from '../profile/vars.js';
import { readBody, standInProfile, standInToken } from './standin.js';

/** A stand-in Maskinporten that records each form it receives and answers with a token. */
let server: TestServer;
const forms: URLSearchParams[] = [];
const contentTypes: string[] = [];
let keys: TestKeys;

beforeAll(async () => {
  keys = await testKeys();
  server = await serve((req, res) => {
    void readBody(req).then(async (body) => {
      forms.push(new URLSearchParams(body));
      contentTypes.push(req.headers['content-type'] ?? '');
      const token = await standInToken({ scope: 'x' }, Math.floor(Date.now() / 1000) + 120);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 120, scope: 'x' }));
    });
  });
});
afterAll(() => server.close());

async function capturedAssertion(
  changes: Record<string, string | undefined>,
): Promise<JWTPayload & { header: unknown }> {
  const profile = standInProfile(keys, server.url, changes);
  await createTokenProvider(profile).token('SENDER');
  const form = forms.at(-1);
  expect(form?.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
  expect(contentTypes.at(-1)).toBe('application/x-www-form-urlencoded');
  const publicKey = createPublicKey({ key: keys.pem, format: 'pem' });
  const { payload, protectedHeader } = await jwtVerify(form?.get('assertion') ?? '', publicKey, {
    algorithms: ['RS256'],
  });
  return { ...payload, header: protectedHeader };
}

describe('the client assertion (ENVIRONMENT.md "Maskinporten mode" step 1), verified with the public key', () => {
  // prettier-ignore
  const keyRows: [string, (k: TestKeys) => Record<string, string | undefined>][] = [
    ['a JWK', () => ({})],
    ['a PKCS#8 PEM', (k) => ({ SENDER_JWK: undefined, SENDER_PEM: k.pem })],
  ];
  it.each(keyRows)(
    'is signed RS256 with the key from %s, with every required claim',
    async (_source, changes) => {
      const before = Math.floor(Date.now() / 1000);
      const claims = await capturedAssertion(changes(keys));
      expect(claims.header).toEqual({ alg: 'RS256', kid: 'kid-sender' });
      expect(claims).toMatchObject({
        iss: 'client-sender',
        sub: 'client-sender',
        aud: `${server.url}/`,
        scope: 'altinn:broker.write altinn:events.subscribe',
      });
      expect(claims.iat).toBeGreaterThanOrEqual(before);
      expect(Number(claims.exp) - Number(claims.iat)).toBe(ASSERTION_LIFETIME_S);
      expect(ASSERTION_LIFETIME_S).toBeLessThanOrEqual(120);
      expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
      expect(claims).not.toHaveProperty('authorization_details');
    },
  );

  it('carries the system-user authorization_details when P_SYSTEMUSER_ORG is set', async () => {
    const claims = await capturedAssertion({
      SENDER_SYSTEMUSER_ORG: '310000111',
      SENDER_SCOPE: 'altinn:broker.read',
    });
    expect(claims.authorization_details).toEqual([
      {
        type: 'urn:altinn:systemuser',
        systemuser_org: { authority: 'iso6523-actorid-upis', ID: '0192:310000111' },
      },
    ]);
    expect(claims.scope).toBe('altinn:broker.read');
  });

  it('uses MASKINPORTEN_AUDIENCE when given, and a fresh jti every time', async () => {
    const first = await capturedAssertion({ MASKINPORTEN_AUDIENCE: 'https://test.maskinporten.no/' });
    const second = await capturedAssertion({ MASKINPORTEN_AUDIENCE: 'https://test.maskinporten.no/' });
    expect(first.aud).toBe('https://test.maskinporten.no/');
    expect(first.jti).not.toBe(second.jti);
  });

  // prettier-ignore
  const badKeys: [string, (k: TestKeys) => object][] = [
    ['cannot be imported (a private member missing)', (k) => ({ ...k.jwk, p: undefined })],
    ['cannot sign RS256 (modulus too short)', (k) => ({ ...k.jwk, n: 'AQAB' })],
  ];
  it.each(badKeys)(
    'a key that %s is AUTH_KEY_INVALID, naming the variable, not the key',
    async (_why, jwk) => {
      const profile = standInProfile(keys, server.url, { SENDER_JWK: JSON.stringify(jwk(keys)) });
      const failure = createTokenProvider(profile).token('SENDER');
      await expect(failure).rejects.toMatchObject({ code: 'AUTH_KEY_INVALID' });
      const message = await failure.catch((e: Error) => e.message);
      expect(message).toContain('SENDER_JWK');
      expect(message).not.toContain(keys.jwk.d);
    },
  );
});
