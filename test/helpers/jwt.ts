/**
 * The one place the tests sign a JWT (RFC 7519 §7.1): client assertions, the tokens a stand-in
 * Maskinporten hands out, and tokens the sandbox's authority would never issue. Every claim and the
 * header are the caller's to choose, so that a test can break exactly one thing about the token.
 */
import { SignJWT, type JWTPayload, type KeyInput } from 'jose';

export interface JwtOptions {
  /** The header's `kid`. @default none */
  kid?: string;
  /** The header's `alg`, which must suit the key. @default 'RS256' */
  alg?: string;
  /** `exp` this many seconds from now, unless the claims carry an `exp` of their own. @default no `exp` */
  expiresIn?: number;
}

/** `claims` signed with `key`; a claim set to `undefined` is left out of the token. */
export function signJwt(claims: JWTPayload, key: KeyInput, options: JwtOptions = {}): Promise<string> {
  const { kid, alg = 'RS256', expiresIn } = options;
  const payload =
    expiresIn === undefined ? claims : { exp: Math.floor(Date.now() / 1000) + expiresIn, ...claims };
  return new SignJWT(payload).setProtectedHeader(kid === undefined ? { alg } : { alg, kid }).sign(key);
}
