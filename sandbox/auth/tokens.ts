/**
 * The sandbox's token authority: one RS256 key signs the Maskinporten tokens and the Altinn tokens of
 * the exchange, and `verify` is the check the Broker applies to either scheme (CONTRACT.md §3.1).
 */
import { randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  compactVerify,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  SignJWT,
} from 'jose';
import type { GenerateKeyPairResult, JWK, JWTPayload, ProtectedHeaderParameters } from 'jose';
import { orgClaim, systemUserDetails, toCaller, type Caller } from './caller.js';

export type { Caller } from './caller.js';

export type VerifyFailure =
  'missing' | 'malformed' | 'bad-signature' | 'wrong-issuer' | 'expired' | 'alg-not-allowed';

export type VerifyResult = { ok: true; caller: Caller } | { ok: false; reason: VerifyFailure };

export interface TokenAuthorityOptions {
  /** The clock (ms) for iat, exp and lifetime checks; the launcher passes its time-scaled clock. @default Date.now */
  now?: () => number;
  /** The signing key pair. @default a fresh RS256 pair. Two authorities given one pair differ only in issuer. */
  signingKey?: GenerateKeyPairResult;
}

/** Maskinporten's default access-token lifetime. */
const MASKINPORTEN_LIFETIME_S = 120;
/** Altinn Authentication's token lifetime (JwtValidityMinutes 30). */
const ALTINN_LIFETIME_S = 1800;

export class TokenAuthority {
  readonly maskinportenIssuer: string;
  readonly altinnIssuer: string;
  readonly #key: GenerateKeyPairResult;
  readonly #jwk: JWK & { kid: string };
  readonly #now: () => number;
  /** The claims behind each Caller `verify` returned, so the exchange can carry authorization_details over. */
  readonly #claims = new WeakMap<Caller, JWTPayload>();

  private constructor(
    origin: string,
    key: GenerateKeyPairResult,
    jwk: JWK & { kid: string },
    now: () => number,
  ) {
    const base = origin.replace(/\/+$/, '');
    this.maskinportenIssuer = `${base}/maskinporten/`;
    this.altinnIssuer = `${base}/authentication/api/v1/openid/`;
    this.#key = key;
    this.#jwk = jwk;
    this.#now = now;
  }

  /** Generates the sandbox's RS256 signing key (none is ever committed); its kid is the JWK thumbprint. */
  static async create(origin: string, options: TokenAuthorityOptions = {}): Promise<TokenAuthority> {
    const key = options.signingKey ?? (await generateKeyPair('RS256', { extractable: true }));
    const jwk = await exportJWK(key.publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    return new TokenAuthority(
      origin,
      key,
      { ...jwk, kid, alg: 'RS256', use: 'sig' },
      options.now ?? Date.now,
    );
  }

  publicJwks(): { keys: JWK[] } {
    return { keys: [{ ...this.#jwk }] };
  }

  issueMaskinporten(
    claims: { clientId: string; consumerOrg: string; scopes: string[]; systemUserOrg?: string },
    lifetimeSeconds = MASKINPORTEN_LIFETIME_S,
  ): Promise<{ token: string; expiresIn: number }> {
    const { clientId, consumerOrg, scopes, systemUserOrg } = claims;
    return this.#sign(
      {
        iss: this.maskinportenIssuer,
        client_id: clientId,
        scope: scopes.join(' '),
        consumer: orgClaim(consumerOrg),
        token_type: 'Bearer',
        ...(systemUserOrg === undefined
          ? {}
          : { authorization_details: [systemUserDetails(clientId, systemUserOrg)] }),
      },
      lifetimeSeconds,
    );
  }

  /**
   * What Altinn's exchange answers for a verified Maskinporten caller (ENVIRONMENT.md step 3).
   * `lifetime` `'source'`: the token expires when the Maskinporten token `from` was verified from does,
   * as Altinn's exchange does (the `real-tokens` condition).
   */
  async issueAltinn(
    from: Caller,
    lifetime: number | 'source' = ALTINN_LIFETIME_S,
  ): Promise<{ token: string; expiresIn: number }> {
    const verified = this.#claims.get(from);
    if (lifetime === 'source' && typeof verified?.exp !== 'number')
      throw new Error('issueAltinn: the source expiry needs a Caller that verify() returned');
    // A Caller built by hand has no claims behind it; an org that is not the consumer's is a system user's.
    const details: unknown =
      verified !== undefined
        ? verified.authorization_details
        : from.org !== null && from.org !== from.consumerOrg
          ? [systemUserDetails(from.clientId, from.org)]
          : undefined;
    // The vendor's number, as Altinn's exchange sets it; a system user's org travels in
    // authorization_details, which §3.3 reads first.
    const orgNumber = details === undefined ? (from.org ?? from.consumerOrg) : (from.consumerOrg ?? from.org);
    return this.#sign(
      {
        iss: this.altinnIssuer,
        ...(orgNumber === null ? {} : { 'urn:altinn:orgNumber': orgNumber }),
        'urn:altinn:authlevel': 3,
        scope: from.scopes.join(' '),
        client_id: from.clientId,
        ...(from.consumerOrg === null ? {} : { consumer: orgClaim(from.consumerOrg) }),
        ...(details === undefined ? {} : { authorization_details: details }),
      },
      lifetime === 'source' ? { exp: verified?.exp ?? 0 } : lifetime,
    );
  }

  /**
   * `authorization` is the raw Authorization header. Signature and issuer always checked; lifetime checked
   * with zero skew unless allowExpired (then an expired token comes back with caller.expired = true).
   * Only RS256 from this authority is accepted: `alg: none`, HS256, unknown kid → failure.
   */
  async verify(
    authorization: string | undefined,
    options: { allowExpired?: boolean; now?: () => number } = {},
  ): Promise<VerifyResult> {
    const token = bearerToken(authorization);
    if (token === undefined) return { ok: false, reason: 'missing' };
    const header = protectedHeader(token);
    if (header === undefined) return { ok: false, reason: 'malformed' };
    if (header.alg !== 'RS256') return { ok: false, reason: 'alg-not-allowed' };
    if (header.kid !== this.#jwk.kid) return { ok: false, reason: 'bad-signature' };
    let bytes: Uint8Array;
    try {
      ({ payload: bytes } = await compactVerify(token, this.#key.publicKey, { algorithms: ['RS256'] }));
    } catch {
      return { ok: false, reason: 'bad-signature' };
    }
    const claims = parsePayload(bytes);
    // §3.1: expiry is required.
    if (claims === undefined || typeof claims.exp !== 'number') return { ok: false, reason: 'malformed' };
    const kind =
      claims.iss === this.maskinportenIssuer
        ? 'maskinporten'
        : claims.iss === this.altinnIssuer
          ? 'altinn'
          : undefined;
    if (kind === undefined) return { ok: false, reason: 'wrong-issuer' };
    // Zero clock skew (§3.1); like .NET's lifetime check, a token is still valid in its `exp` second.
    const expired = claims.exp * 1000 < (options.now ?? this.#now)();
    if (expired && options.allowExpired !== true) return { ok: false, reason: 'expired' };
    const caller = toCaller(claims, kind, expired);
    this.#claims.set(caller, claims);
    return { ok: true, caller };
  }

  /** `lifetime`: seconds from now, or an absolute `exp` (seconds since the epoch). */
  async #sign(
    claims: JWTPayload,
    lifetime: number | { exp: number },
  ): Promise<{ token: string; expiresIn: number }> {
    const iat = Math.floor(this.#now() / 1000);
    const exp = typeof lifetime === 'number' ? iat + lifetime : lifetime.exp;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.#jwk.kid, typ: 'JWT' })
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.#key.privateKey);
    return { token, expiresIn: exp - iat };
  }
}

/**
 * ASP.NET's JwtBearer handler takes the token after a case-insensitive `Bearer `; any other scheme, or
 * nothing after it, is no token at all (NoResult), so it is `missing` rather than `malformed`.
 */
function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || !/^bearer /i.test(authorization)) return undefined;
  const token = authorization.slice('bearer '.length).trim();
  return token === '' ? undefined : token;
}

function protectedHeader(token: string): ProtectedHeaderParameters | undefined {
  if (token.split('.').length !== 3) return undefined;
  try {
    return decodeProtectedHeader(token);
  } catch {
    return undefined;
  }
}

function parsePayload(bytes: Uint8Array): JWTPayload | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JWTPayload)
      : undefined;
  } catch {
    return undefined;
  }
}
