/** The token authority: what it issues, and the Broker's check of it (CONTRACT.md §3.1, §3.3). */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { base64url, decodeJwt, generateKeyPair } from 'jose';
import type { GenerateKeyPairResult, JWTPayload } from 'jose';
import { TokenAuthority, type Caller, type VerifyFailure } from '../../../sandbox/auth/tokens.js';
import { signJwt } from '../../helpers/jwt.js';

const ORIGIN = 'http://sandbox.test';
const VENDOR = '310000001';
const SYSTEM_USER_ORG = '310000002';
const SCOPES = ['altinn:broker.write', 'altinn:events.subscribe'];

let key: GenerateKeyPairResult;
let authority: TokenAuthority;
let kid: string;

beforeAll(async () => {
  key = await generateKeyPair('RS256', { extractable: true });
  authority = await TokenAuthority.create(ORIGIN, { signingKey: key });
  kid = authority.publicJwks().keys[0]?.kid ?? '';
});

/** A token with exactly these claims, signed with the authority's own key (what it would never issue). */
function signed(claims: JWTPayload): Promise<string> {
  return signJwt({ iss: authority.maskinportenIssuer, ...claims }, key.privateKey, { kid, expiresIn: 60 });
}

async function maskinportenToken(systemUserOrg?: string): Promise<string> {
  const claims = { clientId: 'sender-client', consumerOrg: VENDOR, scopes: SCOPES };
  return (await authority.issueMaskinporten(systemUserOrg ? { ...claims, systemUserOrg } : claims)).token;
}

async function verified(token: string): Promise<Caller> {
  const result = await authority.verify(`Bearer ${token}`);
  if (!result.ok) throw new Error(`verify failed: ${result.reason}`);
  return result.caller;
}

describe('issue and verify', () => {
  it.each([
    ['a Maskinporten token speaks for its consumer', undefined, VENDOR],
    ['a system-user token speaks for the system user org', SYSTEM_USER_ORG, SYSTEM_USER_ORG],
  ])('%s', async (_rule, systemUserOrg, org) => {
    const token = await maskinportenToken(systemUserOrg);
    expect(await verified(token)).toEqual({
      tokenKind: 'maskinporten',
      clientId: 'sender-client',
      org,
      scopes: SCOPES,
      consumerOrg: VENDOR,
      expired: false,
      subject: 'sender-client',
    });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: `${ORIGIN}/maskinporten/`,
      client_id: 'sender-client',
      scope: SCOPES.join(' '),
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${VENDOR}` },
      token_type: 'Bearer',
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(120);
    expect(typeof claims.jti).toBe('string');
    if (systemUserOrg) {
      expect(claims.authorization_details).toEqual([
        {
          type: 'urn:altinn:systemuser',
          systemuser_id: [
            expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
          ],
          systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${systemUserOrg}` },
          system_id: expect.any(String),
        },
      ]);
    } else {
      expect(claims).not.toHaveProperty('authorization_details');
    }
  });

  it.each([
    ['the exchange keeps the consumer as the org', undefined, VENDOR],
    ['the exchange carries authorization_details over', SYSTEM_USER_ORG, SYSTEM_USER_ORG],
  ])('%s', async (_rule, systemUserOrg, org) => {
    const from = await verified(await maskinportenToken(systemUserOrg));
    const { token, expiresIn } = await authority.issueAltinn(from);
    expect(expiresIn).toBe(1800);
    expect(await verified(token)).toEqual({ ...from, tokenKind: 'altinn', org });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: `${ORIGIN}/authentication/api/v1/openid/`,
      'urn:altinn:orgNumber': VENDOR,
      'urn:altinn:authlevel': 3,
      client_id: 'sender-client',
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${VENDOR}` },
    });
    expect(claims.authorization_details).toEqual(
      decodeJwt(await maskinportenToken(systemUserOrg)).authorization_details,
    );
  });

  it.each<[string, number | 'source', (maskinportenExp: number, iat: number) => number]>([
    ['the exchange: 30 minutes from now by default', 1800, (_exp, iat) => iat + 1800],
    ["the exchange with `source`: the Maskinporten token's exp (real-tokens)", 'source', (exp) => exp],
  ])('%s', async (_rule, lifetime, expectedExp) => {
    const maskinporten = await maskinportenToken();
    const { token, expiresIn } = await authority.issueAltinn(await verified(maskinporten), lifetime);
    const { exp = 0, iat = 0 } = decodeJwt(token);
    expect(exp).toBe(expectedExp(decodeJwt(maskinporten).exp ?? 0, iat));
    expect(expiresIn).toBe(exp - iat);
  });

  it('the `source` lifetime needs a Caller that verify() returned', async () => {
    const byHand = { ...(await verified(await maskinportenToken())) };
    await expect(authority.issueAltinn(byHand, 'source')).rejects.toThrow(/verify\(\)/);
  });

  it('serves one RS256 signing key whose kid is in every token header', () => {
    expect(authority.publicJwks().keys).toEqual([
      expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid }),
    ]);
    expect(authority.publicJwks().keys[0]).not.toHaveProperty('d');
  });
});

describe('verify rejects', () => {
  const flipSignatureChar = (token: string): string => {
    const at = token.lastIndexOf('.') + 10;
    return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
  };
  const rows: [string, () => Promise<string | undefined>, VerifyFailure][] = [
    ['no Authorization header is missing', async () => undefined, 'missing'],
    ['another scheme (Basic) is no bearer token, so missing', async () => 'Basic x', 'missing'],
    ['Bearer with nothing after it is missing', async () => 'Bearer ', 'missing'],
    ['garbage is malformed', async () => 'Bearer garbage', 'malformed'],
    ['three parts of garbage are malformed', async () => 'Bearer a.b.c', 'malformed'],
    [
      'a token without exp is malformed',
      async () => `Bearer ${await signed({ exp: undefined })}`,
      'malformed',
    ],
    [
      'a tampered signature',
      async () => `Bearer ${flipSignatureChar(await maskinportenToken())}`,
      'bad-signature',
    ],
    [
      'a token of another authority',
      async () => {
        const other = await TokenAuthority.create(ORIGIN);
        return `Bearer ${(await other.issueMaskinporten({ clientId: 'c', consumerOrg: VENDOR, scopes: [] })).token}`;
      },
      'bad-signature',
    ],
    [
      'another key under this authority kid',
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        const token = await signJwt({ iss: authority.maskinportenIssuer }, privateKey, {
          kid,
          expiresIn: 60,
        });
        return `Bearer ${token}`;
      },
      'bad-signature',
    ],
    [
      'alg none',
      async () => {
        const part = (value: object): string => base64url.encode(JSON.stringify(value));
        const claims = {
          iss: authority.maskinportenIssuer,
          exp: Math.floor(Date.now() / 1000) + 60,
          scope: 'x',
        };
        return `Bearer ${part({ alg: 'none' })}.${part(claims)}.`;
      },
      'alg-not-allowed',
    ],
    [
      'HS256 (a public key used as an HMAC secret)',
      async () => {
        const secret = new TextEncoder().encode(JSON.stringify(authority.publicJwks().keys[0]));
        const token = await signJwt({ iss: authority.maskinportenIssuer }, secret, {
          alg: 'HS256',
          kid,
          expiresIn: 60,
        });
        return `Bearer ${token}`;
      },
      'alg-not-allowed',
    ],
    [
      'a token of the same key under another issuer',
      async () => {
        const elsewhere = await TokenAuthority.create('http://elsewhere.test', { signingKey: key });
        return `Bearer ${(await elsewhere.issueMaskinporten({ clientId: 'c', consumerOrg: VENDOR, scopes: [] })).token}`;
      },
      'wrong-issuer',
    ],
    [
      'an expired token',
      async () => `Bearer ${await signed({ exp: Math.floor(Date.now() / 1000) - 1 })}`,
      'expired',
    ],
  ];
  it.each(rows)('%s', async (_rule, header, reason) => {
    expect(await authority.verify(await header())).toEqual({ ok: false, reason });
  });
});

describe('lifetime, with zero clock skew (§3.1)', () => {
  const start = Date.UTC(2030, 0, 1);
  it.each([
    ['valid just before exp', 59_999, false, 'ok'],
    ['still valid in the exp second (.NET: expires < now)', 60_000, false, 'ok'],
    ['expired a millisecond later', 60_001, false, 'expired'],
    ['expired but allowed when allowExpired (TUS, §4.4)', 60_001, true, 'ok'],
  ])('%s', async (_rule, elapsedMs, allowExpired, want) => {
    const timed = await TokenAuthority.create(ORIGIN, { now: () => start });
    const { token } = await timed.issueMaskinporten({ clientId: 'c', consumerOrg: VENDOR, scopes: [] }, 60);
    const result = await timed.verify(`bearer ${token}`, { allowExpired, now: () => start + elapsedMs });
    expect(result.ok ? 'ok' : result.reason).toBe(want);
    if (result.ok) expect(result.caller.expired).toBe(elapsedMs > 60_000);
  });
});
