/** Client keys and client assertions, signed as ENVIRONMENT.md "Maskinporten mode" step 1 says. */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { signJwt } from '../../helpers/jwt.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface ClientKey {
  kid: string;
  privateKey: CryptoKey;
  /** What the client registers with Maskinporten. */
  publicJwk: JWK;
}

export async function clientKey(kid: string): Promise<ClientKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256' } };
}

export function systemUser(org: string): unknown[] {
  return [
    {
      type: 'urn:altinn:systemuser',
      systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${org}` },
    },
  ];
}

/**
 * A valid assertion for `clientId`, then `overrides` on top: a claim set to `undefined` is left out.
 * `kid: null` leaves the header without a kid.
 */
export function signAssertion(
  key: ClientKey,
  claims: { clientId: string; aud: string; scope: string },
  overrides: Record<string, unknown> = {},
  header: { kid?: string | null } = {},
): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  const payload = {
    iss: claims.clientId,
    sub: claims.clientId,
    aud: claims.aud,
    scope: claims.scope,
    iat,
    exp: iat + 60,
    jti: randomUUID(),
    ...overrides,
  };
  const kid = header.kid === undefined ? key.kid : header.kid;
  return signJwt(payload, key.privateKey, kid === null ? {} : { kid });
}
