/**
 * The Altinn platform's side over HTTP (ENVIRONMENT.md "Maskinporten mode" step 3, CONTRACT.md §3.1): the
 * exchange, and the metadata and keys each scheme validates tokens against.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { TokenAuthority } from '../../../sandbox/auth/tokens.js';
import { JWT_BEARER, systemUser } from './assertion.js';
import {
  CLIENT,
  EXCHANGE,
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

describe('GET /authentication/api/v1/exchange/maskinporten', () => {
  it.each([
    ['a Maskinporten token becomes an Altinn token for the consumer', {}, VENDOR],
    [
      'a system-user token keeps its system user org',
      { authorization_details: systemUser(SYSTEM_USER_ORG) },
      SYSTEM_USER_ORG,
    ],
  ])('%s', async (_rule, overrides, org) => {
    const res = await h.call(EXCHANGE, {
      headers: { authorization: `Bearer ${await h.accessToken(overrides)}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await h.caller(res.body)).toMatchObject({
      tokenKind: 'altinn',
      clientId: CLIENT,
      org,
      consumerOrg: VENDOR,
    });
  });

  it.each([
    ['no token', async () => undefined],
    ['garbage', async () => 'Bearer garbage'],
    [
      'an Altinn token (only Maskinporten tokens are exchanged)',
      async () => `Bearer ${(await h.authority.issueAltinn(await h.caller(await h.accessToken()))).token}`,
    ],
    [
      'a token of another authority',
      async () => {
        const foreign = await TokenAuthority.create(ORIGIN);
        const { token } = await foreign.issueMaskinporten({
          clientId: CLIENT,
          consumerOrg: VENDOR,
          scopes: [],
        });
        return `Bearer ${token}`;
      },
    ],
    [
      'an expired Maskinporten token',
      async () => {
        const header = `Bearer ${await h.accessToken()}`;
        h.clock.now += 121_000;
        return header;
      },
    ],
  ])('401 with an empty body for %s', async (_rule, authorization) => {
    const started = h.clock.now;
    try {
      const header = await authorization();
      const res = await h.call(EXCHANGE, { headers: header === undefined ? {} : { authorization: header } });
      expect(res.statusCode).toBe(401);
      expect(res.body).toBe('');
    } finally {
      h.clock.now = started;
    }
  });
});

describe('well-known metadata and keys', () => {
  it.each([
    ['Maskinporten', '/maskinporten/.well-known/oauth-authorization-server', `${ORIGIN}/maskinporten/`, {}],
    [
      'Altinn (CONTRACT.md §3.1 OpenIdWellKnown)',
      '/authentication/api/v1/openid/.well-known/openid-configuration',
      `${ORIGIN}/authentication/api/v1/openid/`,
      { exchanged: true },
    ],
  ])(
    '%s: the issuer and jwks_uri verify its tokens',
    async (_name, url, issuer, { exchanged }: { exchanged?: boolean }) => {
      const metadata = (await h.call(url)).json<{ issuer: string; jwks_uri: string }>();
      expect(metadata.issuer).toBe(issuer);
      expect(metadata.jwks_uri.startsWith(ORIGIN)).toBe(true);
      const jwks = (await h.call(metadata.jwks_uri.slice(ORIGIN.length))).json<JSONWebKeySet>();
      let token = await h.accessToken();
      if (exchanged) token = (await h.authority.issueAltinn(await h.caller(token))).token;
      const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer, algorithms: ['RS256'] });
      expect(payload.client_id).toBe(CLIENT);
    },
  );

  it('the Maskinporten metadata names the token endpoint and the JWT-bearer grant', async () => {
    const metadata = (await h.call('/maskinporten/.well-known/oauth-authorization-server')).json();
    expect(metadata).toMatchObject({ token_endpoint: TOKEN_URL, grant_types_supported: [JWT_BEARER] });
  });
});
