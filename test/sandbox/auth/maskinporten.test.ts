/**
 * The Maskinporten stand-in over HTTP, as the suite calls it (ENVIRONMENT.md "Maskinporten mode",
 * steps 1 and 2): what it grants, and one row per reason it refuses an assertion.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify from 'fastify';
import { maskinportenRoutes } from '../../../sandbox/auth/maskinporten.js';
import { JWT_BEARER, signAssertion, systemUser } from './assertion.js';
import {
  CLIENT,
  FORM,
  ORIGIN,
  startAuth,
  SYSTEM_USER_ORG,
  TOKEN_URL,
  VENDOR,
  type AuthHarness,
} from './harness.js';

let h: AuthHarness;
beforeAll(async () => {
  h = await startAuth();
});
afterAll(() => h.close());

describe('POST /maskinporten/token grants', () => {
  it.each([
    ['aud = the origin followed by / (ENVIRONMENT.md default)', `${ORIGIN}/`],
    ["aud = Maskinporten's issuer", `${ORIGIN}/maskinporten/`],
    ['aud = the token URL', TOKEN_URL],
  ])('%s', async (_rule, aud) => {
    const res = await h.postToken({ grant_type: JWT_BEARER, assertion: await h.assertion({ aud }) });
    expect(res.statusCode).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = res.json<{ access_token: string }>();
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 120,
      scope: 'altinn:broker.write',
    });
    expect(await h.caller(body.access_token)).toMatchObject({
      tokenKind: 'maskinporten',
      clientId: CLIENT,
      org: VENDOR,
    });
  });

  it.each([
    [
      'every requested scope allowed: all granted',
      'altinn:broker.write altinn:events.subscribe',
      'altinn:broker.write altinn:events.subscribe',
    ],
    [
      'some not allowed: the allowed ones granted',
      'altinn:broker.read altinn:broker.write',
      'altinn:broker.write',
    ],
    ['a repeated scope granted once', 'altinn:broker.write altinn:broker.write', 'altinn:broker.write'],
  ])('scope: %s', async (_rule, scope, granted) => {
    const res = await h.postToken({ grant_type: JWT_BEARER, assertion: await h.assertion({ scope }) });
    expect(res.json()).toMatchObject({ scope: granted });
    expect((await h.caller(res.json<{ access_token: string }>().access_token)).scopes).toEqual(
      granted.split(' '),
    );
  });

  it('system user: an allowed org is granted and becomes the caller org (§3.3)', async () => {
    const token = await h.accessToken({ authorization_details: systemUser(SYSTEM_USER_ORG) });
    expect(await h.caller(token)).toMatchObject({ org: SYSTEM_USER_ORG, consumerOrg: VENDOR });
  });

  it('keeps an app form parser registered before it', async () => {
    const other = Fastify();
    other.addContentTypeParser(FORM, { parseAs: 'string' }, (_req, body, done) => done(null, body));
    maskinportenRoutes(other, { config: { origin: ORIGIN, clients: [] }, authority: h.authority });
    const otherBase = await other.listen({ port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`${otherBase}/maskinporten/token`, {
        method: 'POST',
        headers: { 'content-type': FORM },
        body: 'grant_type=x',
      });
      expect(await res.json()).toMatchObject({ error: 'unsupported_grant_type' });
    } finally {
      await other.close();
    }
  });
});

describe('POST /maskinporten/token refuses', () => {
  const now = () => Math.floor(Date.now() / 1000);
  interface Case {
    claims?: () => Record<string, unknown>;
    kid?: string | null;
    signedBy?: 'impostor';
    form?: (assertion: string) => Record<string, string>;
    /** Present the assertion once first, successfully. */
    replayed?: boolean;
    contentType?: string;
  }
  const rows: [string, Case, string, RegExp][] = [
    [
      'an unknown client',
      { claims: () => ({ iss: 'nobody', sub: 'nobody' }) },
      'invalid_client',
      /^unknown client 'nobody'$/,
    ],
    ['sub other than iss', { claims: () => ({ sub: 'someone' }) }, 'invalid_grant', /sub must equal iss/],
    [
      'an unknown kid',
      { kid: 'nope' },
      'invalid_grant',
      /^kid 'nope' is not registered for client 'sender-client'$/,
    ],
    ['no kid', { kid: null }, 'invalid_grant', /no kid/],
    ['a bad signature (another key under the kid)', { signedBy: 'impostor' }, 'invalid_grant', /signature/],
    [
      'a wrong aud',
      { claims: () => ({ aud: 'https://test.maskinporten.no/' }) },
      'invalid_grant',
      /^aud must be one of/,
    ],
    [
      'exp more than 120 s after iat',
      { claims: () => ({ iat: now(), exp: now() + 121 }) },
      'invalid_grant',
      /at most 120 s/,
    ],
    ['no exp', { claims: () => ({ exp: undefined }) }, 'invalid_grant', /no exp/],
    [
      'an expired assertion',
      { claims: () => ({ iat: now() - 100, exp: now() - 1 }) },
      'invalid_grant',
      /^assertion expired$/,
    ],
    [
      'iat in the future (beyond 5 s)',
      { claims: () => ({ iat: now() + 30, exp: now() + 90 }) },
      'invalid_grant',
      /iat is in the future/,
    ],
    ['a reused jti', { replayed: true }, 'invalid_grant', /^jti has already been used$/],
    ['no jti', { claims: () => ({ jti: undefined }) }, 'invalid_grant', /no jti/],
    [
      'a malformed assertion',
      { form: () => ({ grant_type: JWT_BEARER, assertion: 'not-a-jwt' }) },
      'invalid_grant',
      /well-formed/,
    ],
    [
      'a wrong grant_type',
      { form: (a) => ({ grant_type: 'client_credentials', assertion: a }) },
      'unsupported_grant_type',
      /grant_type must be/,
    ],
    ['no grant_type', { form: (a) => ({ assertion: a }) }, 'invalid_request', /grant_type is missing/],
    [
      'no assertion',
      { form: () => ({ grant_type: JWT_BEARER }) },
      'invalid_request',
      /^assertion is missing$/,
    ],
    ['a JSON body', { contentType: 'application/json' }, 'invalid_request', /x-www-form-urlencoded/],
    [
      'no allowed scope',
      { claims: () => ({ scope: 'altinn:serviceowner' }) },
      'invalid_scope',
      /none of the requested scopes/,
    ],
    ['no scope', { claims: () => ({ scope: undefined }) }, 'invalid_scope', /no scope/],
    [
      'a system user org the client may not act for',
      { claims: () => ({ authorization_details: systemUser('310000009') }) },
      'invalid_grant',
      /may not act as a system user of org '310000009'/,
    ],
    [
      'authorization_details of another shape',
      { claims: () => ({ authorization_details: [{ type: 'urn:altinn:systemuser' }] }) },
      'invalid_grant',
      /^authorization_details must be/,
    ],
  ];
  it.each(rows)('%s', async (_rule, row, error, description) => {
    const claims = row.claims?.() ?? {};
    const jwt =
      row.signedBy === 'impostor'
        ? await signAssertion(h.impostor, {
            clientId: CLIENT,
            aud: `${ORIGIN}/`,
            scope: 'altinn:broker.write',
          })
        : await h.assertion(claims, row.kid === undefined ? {} : { kid: row.kid });
    const form = row.form?.(jwt) ?? { grant_type: JWT_BEARER, assertion: jwt };
    if (row.replayed) expect((await h.postToken(form)).statusCode).toBe(200);
    const res = await h.postToken(form, row.contentType);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error, error_description: expect.stringMatching(description) });
    // The answer never echoes the assertion, not even its signature.
    expect(res.body).not.toContain(jwt.slice(jwt.lastIndexOf('.') + 1));
    expect(res.body).not.toContain(jwt.slice(0, jwt.indexOf('.')));
  });
});
