/**
 * The JWT-bearer client assertion of ENVIRONMENT.md "Maskinporten mode" step 1 (RFC 7523 §3): RS256,
 * header `kid`, `iss` = `sub` = client id, `aud`, `scope`, `iat`, `exp` 60 s later (Maskinporten allows
 * at most 120), a fresh `jti`, and Altinn system-user `authorization_details` when a system user org is set.
 */
import { randomUUID } from 'node:crypto';
import { importJWK, importPKCS8, SignJWT } from './jose.js';
import { ASSERTION_LIFETIME_S } from '../defaults.js';
import { EnvironmentError } from '../errors.js';
import { redact } from '../redact.js';
import type { PersonaName, PrivateKeySource } from '../profile/types.js';

export interface AssertionClaims {
  /** Names the key in messages. */
  persona: PersonaName;
  clientId: string;
  kid: string;
  audience: string;
  scopes: string[];
  systemUserOrg?: string;
  /** @default Date.now */
  now?: () => number;
}

export type SigningKey = Awaited<ReturnType<typeof importPKCS8>>;

/** The system-user request Maskinporten expects for a client acting for `0192:<org>`. */
export function systemUserAuthorizationDetails(org: string): unknown[] {
  return [
    {
      type: 'urn:altinn:systemuser',
      systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${org}` },
    },
  ];
}

/** Imports the persona's private key; a key jose cannot use is named by its variable, never quoted. */
export async function importPrivateKey(persona: PersonaName, source: PrivateKeySource): Promise<SigningKey> {
  try {
    if (source.kind === 'pem') return await importPKCS8(source.pem, 'RS256');
    const key = await importJWK(source.jwk, 'RS256');
    if (key instanceof Uint8Array) throw new TypeError('a symmetric key');
    return key;
  } catch {
    const variable = `${persona}_${source.kind === 'pem' ? 'PEM' : 'JWK'}`;
    throw new EnvironmentError(
      'AUTH_KEY_INVALID',
      `${variable} could not be imported as an RS256 private key.`,
      `Check that ${variable} holds the whole RSA private key of ${persona}'s Maskinporten client.`,
    );
  }
}

export async function signClientAssertion(claims: AssertionClaims, key: SigningKey): Promise<string> {
  const iat = Math.floor((claims.now ?? Date.now)() / 1000);
  const jwt = new SignJWT({
    scope: claims.scopes.join(' '),
    ...(claims.systemUserOrg === undefined
      ? {}
      : { authorization_details: systemUserAuthorizationDetails(claims.systemUserOrg) }),
  })
    .setProtectedHeader({ alg: 'RS256', kid: claims.kid })
    .setIssuer(claims.clientId)
    .setSubject(claims.clientId)
    .setAudience(claims.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ASSERTION_LIFETIME_S)
    .setJti(randomUUID());
  try {
    return await jwt.sign(key);
  } catch (error) {
    // jose says why (a short modulus, say) without quoting the key.
    throw new EnvironmentError(
      'AUTH_KEY_INVALID',
      `${claims.persona}'s private key cannot sign an RS256 client assertion: ${redact(String(error))}.`,
      `Check ${claims.persona}_JWK/${claims.persona}_PEM: Maskinporten needs an RSA key of at least 2048 bits.`,
    );
  }
}
