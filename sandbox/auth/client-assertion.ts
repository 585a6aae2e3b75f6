/**
 * Maskinporten's check of a JWT-bearer client assertion (RFC 7523 §3; ENVIRONMENT.md "Maskinporten mode"
 * step 1): which client, which key, which audience, how long, used once, which scopes, which system user.
 * Descriptions name the claim at fault and never echo the assertion.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK } from 'jose';
import type { JWTPayload, ProtectedHeaderParameters } from 'jose';
import type { ClientRegistration } from '../config.js';
import { SYSTEM_USER_TYPE } from './caller.js';

export interface OAuthError {
  error: 'invalid_request' | 'unsupported_grant_type' | 'invalid_grant' | 'invalid_client' | 'invalid_scope';
  error_description: string;
}

export interface Grant {
  client: ClientRegistration;
  /** The requested scopes the client may have, in the order asked for. */
  scopes: string[];
  systemUserOrg?: string;
}

/** Maskinporten's ceiling on an assertion's lifetime. */
const MAX_LIFETIME_S = 120;
/** Clock skew allowed between the client's `iat` and ours. */
const IAT_SKEW_MS = 5_000;

/** Used jtis per client, each remembered until its assertion expires (then it could not be replayed anyway). */
export class JtiRegistry {
  readonly #expiry = new Map<string, number>();

  /** Records the jti; false when it was already used. */
  use(clientId: string, jti: string, expMs: number, nowMs: number): boolean {
    for (const [key, exp] of this.#expiry) if (exp < nowMs) this.#expiry.delete(key);
    const key = `${clientId}\n${jti}`;
    if (this.#expiry.has(key)) return false;
    this.#expiry.set(key, expMs);
    return true;
  }
}

export interface AssertionContext {
  clients: ClientRegistration[];
  /** Accepted `aud` values: Maskinporten's issuer, the origin followed by `/`, and the token URL. */
  audiences: string[];
  jtis: JtiRegistry;
  nowMs: number;
}

type Checked = { ok: true; grant: Grant } | { ok: false; error: OAuthError };

const reject = (error: OAuthError['error'], description: string): Checked => ({
  ok: false,
  error: { error, error_description: description },
});

/** Claim values quoted in descriptions are cut short: they come from the caller. */
const quote = (value: unknown): string => `'${String(value).slice(0, 100)}'`;

export async function checkAssertion(assertion: string, ctx: AssertionContext): Promise<Checked> {
  let header: ProtectedHeaderParameters;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(assertion);
    claims = decodeJwt(assertion);
  } catch {
    return reject('invalid_grant', 'assertion is not a well-formed JWT');
  }
  if (typeof claims.iss !== 'string') return reject('invalid_client', 'assertion has no iss (the client id)');
  const client = ctx.clients.find((c) => c.clientId === claims.iss);
  if (client === undefined) return reject('invalid_client', `unknown client ${quote(claims.iss)}`);
  if (claims.sub !== claims.iss) return reject('invalid_grant', 'sub must equal iss (the client id)');
  if (header.alg !== 'RS256')
    return reject('invalid_grant', `assertion alg must be RS256, not ${quote(header.alg)}`);
  if (typeof header.kid !== 'string') return reject('invalid_grant', 'assertion header has no kid');
  const jwk = client.jwks.find((k) => k.kid === header.kid);
  if (jwk === undefined) {
    return reject(
      'invalid_grant',
      `kid ${quote(header.kid)} is not registered for client ${quote(client.clientId)}`,
    );
  }
  try {
    await compactVerify(assertion, await importJWK(jwk, 'RS256'), { algorithms: ['RS256'] });
  } catch {
    return reject('invalid_grant', `assertion signature does not verify with kid ${quote(header.kid)}`);
  }
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : (claims.aud ?? []);
  if (!audiences.some((aud) => ctx.audiences.includes(aud))) {
    return reject('invalid_grant', `aud must be one of ${ctx.audiences.map(quote).join(', ')}`);
  }
  const lifetime = checkLifetime(claims, ctx.nowMs);
  if (lifetime !== undefined) return reject('invalid_grant', lifetime);
  if (typeof claims.jti !== 'string' || claims.jti === '')
    return reject('invalid_grant', 'assertion has no jti');
  if (!ctx.jtis.use(client.clientId, claims.jti, (claims.exp ?? 0) * 1000, ctx.nowMs)) {
    return reject('invalid_grant', 'jti has already been used');
  }
  return grantFor(client, claims);
}

/** `exp` and `iat` present, at most 120 s apart, the assertion not expired and not from the future. */
function checkLifetime(claims: JWTPayload, nowMs: number): string | undefined {
  const { iat, exp } = claims;
  if (typeof exp !== 'number') return 'assertion has no exp';
  if (typeof iat !== 'number') return 'assertion has no iat';
  if (exp - iat > MAX_LIFETIME_S) return `exp must be at most ${MAX_LIFETIME_S} s after iat`;
  if (exp * 1000 <= nowMs) return 'assertion expired';
  if (iat * 1000 > nowMs + IAT_SKEW_MS) return 'iat is in the future';
  return undefined;
}

/** Maskinporten grants the requested scopes the client may have, and refuses only when none is left. */
function grantFor(client: ClientRegistration, claims: JWTPayload): Checked {
  const requested = typeof claims.scope === 'string' ? claims.scope.split(/\s+/).filter((s) => s !== '') : [];
  if (requested.length === 0) return reject('invalid_scope', 'assertion requests no scope');
  const scopes = [...new Set(requested)].filter((s) => client.allowedScopes.includes(s));
  if (scopes.length === 0) {
    return reject(
      'invalid_scope',
      `none of the requested scopes is allowed for client ${quote(client.clientId)}`,
    );
  }
  if (claims.authorization_details === undefined) return { ok: true, grant: { client, scopes } };
  const systemUserOrg = requestedSystemUserOrg(claims.authorization_details);
  if (systemUserOrg === undefined) {
    return reject(
      'invalid_grant',
      `authorization_details must be [{"type":"${SYSTEM_USER_TYPE}","systemuser_org":{"ID":"0192:<org>"}}]`,
    );
  }
  if (!(client.systemUserOrgs ?? []).includes(systemUserOrg)) {
    return reject(
      'invalid_grant',
      `client ${quote(client.clientId)} may not act as a system user of org ${quote(systemUserOrg)}`,
    );
  }
  return { ok: true, grant: { client, scopes, systemUserOrg } };
}

/** ENVIRONMENT.md step 1's shape: one system-user entry naming `0192:<org>`. */
function requestedSystemUserOrg(details: unknown): string | undefined {
  if (!Array.isArray(details) || details.length !== 1) return undefined;
  const entry: unknown = details[0];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { type, systemuser_org: org } = entry as Record<string, unknown>;
  if (type !== SYSTEM_USER_TYPE || typeof org !== 'object' || org === null) return undefined;
  const id = (org as Record<string, unknown>).ID;
  return typeof id === 'string' ? /^0192:(\d{9})$/.exec(id)?.[1] : undefined;
}
