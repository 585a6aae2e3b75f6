/**
 * Tokens the security suite presents to prove the Broker refuses them (CONTRACT.md §3.1, §3.2): each is
 * made from a real token of the environment under test (never from a back door) and broken one way:
 * wrong scope, altered signature, `alg: none`, signed by an unknown key, expired. A token that cannot be
 * made here is an EnvironmentError `AUTH_…_UNAVAILABLE` (src/errors.ts), whose message is the reason to
 * skip with.
 */
import { CompactSign, decodeJwt, decodeProtectedHeader, generateKeyPair } from './jose.js';
import { EXPIRED_TOKEN_MARGIN_MS, EXPIRED_TOKEN_MAX_WAIT_MS } from '../defaults.js';
import { traced } from '../trace.js';
import { EnvironmentError, type EnvironmentCode } from '../errors.js';
import { registerSecret } from '../redact.js';
import type { PersonaName, Profile } from '../profile/types.js';
import type { AuthTokenProvider } from './tokens.js';

export interface HostileTokens {
  /** A real token requested with `scopes` instead of the persona's (§3.2: 403). Maskinporten mode only. */
  wrongScope(persona: PersonaName, scopes: string[]): Promise<string>;
  /** A valid token whose signature has one byte changed in its middle (§3.1: 401). */
  tampered(persona: PersonaName): Promise<string>;
  /** Real claims, header `{"alg":"none","typ":"JWT"}`, empty signature (§3.1: 401). */
  algNone(persona: PersonaName): Promise<string>;
  /** Real claims and kid, signed by a freshly generated RSA key (§3.1: 401). */
  unknownKey(persona: PersonaName): Promise<string>;
  /**
   * A raw Maskinporten token, handed out 1 s after its `exp` (§3.1: zero clock skew, so 401). Rejects with
   * `AUTH_EXPIRED_UNAVAILABLE` when that would mean waiting longer than `maxWaitMs`
   * (@default EXPIRED_TOKEN_MAX_WAIT_MS, src/defaults.ts).
   */
  expired(persona: PersonaName, options?: { maxWaitMs?: number }): Promise<string>;
}

export interface HostileOptions {
  /** @default Date.now */
  now?: () => number;
  /** @default a timer */
  sleep?: (ms: number) => Promise<void>;
}

export function createHostileTokens(
  provider: AuthTokenProvider,
  profile: Profile,
  options: HostileOptions = {},
): HostileTokens {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const isStatic = profile.authMode === 'static';
  // One stranger's key for every row: any key the Broker does not know will do, and a new RSA key per
  // token cost 100-600 ms of CPU each (14 rows of suite 07b, about 3 s of its run).
  let strangerKey: ReturnType<typeof generateKeyPair> | undefined;

  /** The token the persona would present, split; an opaque static token cannot be taken apart. */
  async function parts(persona: PersonaName, code: Unavailable): Promise<[string, string, string]> {
    const token = await provider.token(persona);
    const split = token.split('.');
    if (split.length !== 3 || split.some((p, i) => i < 2 && p === '')) {
      throw unavailable(code, `${persona}'s token is not a JWS compact JWT, so it cannot be altered`);
    }
    return split as [string, string, string];
  }

  return {
    async wrongScope(persona, scopes) {
      if (isStatic)
        throw unavailable(
          'AUTH_WRONG_SCOPE_UNAVAILABLE',
          'AUTH_MODE=static has no way to request other scopes',
        );
      return provider.token(persona, { scopes });
    },

    async tampered(persona) {
      const [header, payload, signature] = await parts(persona, 'AUTH_TAMPERED_UNAVAILABLE');
      const bytes = Buffer.from(signature, 'base64url');
      if (bytes.length === 0)
        throw unavailable('AUTH_TAMPERED_UNAVAILABLE', `${persona}'s token has no signature to alter`);
      // The middle, not the last character: its low bits may be padding that decoders ignore.
      const middle = Math.floor(bytes.length / 2);
      bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
      return secret(`${header}.${payload}.${bytes.toString('base64url')}`);
    },

    async algNone(persona) {
      const [, payload] = await parts(persona, 'AUTH_ALG_NONE_UNAVAILABLE');
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      return secret(`${header}.${payload}.`);
    },

    async unknownKey(persona) {
      const [header, payload] = await parts(persona, 'AUTH_UNKNOWN_KEY_UNAVAILABLE');
      const original = decodeProtectedHeader(`${header}.${payload}.`);
      strangerKey ??= generateKeyPair('RS256');
      const { privateKey } = await strangerKey;
      const signed = await new CompactSign(Buffer.from(payload, 'base64url'))
        .setProtectedHeader({
          alg: 'RS256',
          ...(original.kid === undefined ? {} : { kid: original.kid }),
          ...(original.typ === undefined ? {} : { typ: original.typ }),
        })
        .sign(privateKey);
      return secret(signed);
    },

    async expired(persona, { maxWaitMs = EXPIRED_TOKEN_MAX_WAIT_MS } = {}) {
      const token = isStatic ? await provider.token(persona) : await provider.maskinportenToken(persona);
      const exp = expOf(token);
      if (exp === undefined)
        throw unavailable('AUTH_EXPIRED_UNAVAILABLE', `${persona}'s token carries no readable exp claim`);
      const waitMs = exp * 1000 + EXPIRED_TOKEN_MARGIN_MS - now();
      if (waitMs <= 0) return token;
      if (isStatic) {
        throw unavailable(
          'AUTH_EXPIRED_UNAVAILABLE',
          `${persona}_TOKEN is still valid for ${Math.ceil(waitMs / 1000)} s; static mode cannot obtain another`,
        );
      }
      if (waitMs > maxWaitMs) {
        throw unavailable(
          'AUTH_EXPIRED_UNAVAILABLE',
          `${persona}'s Maskinporten token expires in ${Math.ceil(waitMs / 1000)} s, longer than the ` +
            `${maxWaitMs} ms this check may wait (tokens of this Maskinporten live longer than expected)`,
        );
      }
      await traced('wait', () => sleep(waitMs), { label: `${persona}'s token expiring` });
      return token;
    },
  };
}

function expOf(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

/** Hostile tokens are still real claims of the run: they never reach a report either. */
function secret(token: string): string {
  registerSecret(token);
  return token;
}

/** The codes of a hostile token this environment cannot make. */
type Unavailable = Extract<EnvironmentCode, `AUTH_${string}_UNAVAILABLE`>;

function unavailable(code: Unavailable, reason: string): EnvironmentError {
  return new EnvironmentError(code, `${reason}.`);
}
