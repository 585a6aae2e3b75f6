/**
 * Bearer tokens per persona (ENVIRONMENT.md "Authentication"): `P_TOKEN` in static mode; in Maskinporten
 * mode an assertion, a token request and the optional exchange, each token cached until 30 s before it
 * expires, with concurrent requests for the same persona and scopes sharing one round trip.
 */
import { decodeJwt } from './jose.js';
import { AUTH_TIMEOUT_MS, TOKEN_RENEW_BEFORE_EXPIRY_MS } from '../defaults.js';
import { EnvironmentError } from '../errors.js';
import { traced } from '../trace.js';
import { registerSecret } from '../redact.js';
import { personaOf } from '../profile/persona.js';
import type { PersonaName, PersonaProfile, Profile } from '../profile/types.js';
import { importPrivateKey, signClientAssertion, type SigningKey } from './assertion.js';
import { exchangeToken } from './exchange.js';
import { requestMaskinportenToken } from './maskinporten.js';
import type { FetchLike } from './transport.js';
import type { TokenProvider } from './types.js';

export interface TokenProviderOptions {
  /** @default globalThis.fetch */
  fetch?: FetchLike;
  /** The clock (ms) cache expiry is judged by. Assertions are always signed on the wall clock. @default Date.now */
  now?: () => number;
  /** Per request to Maskinporten or the exchange. @default AUTH_TIMEOUT_MS (src/defaults.ts) */
  timeoutMs?: number;
}

export interface TokenOptions {
  /** Scopes to request instead of the persona's (`P_SCOPE`): for "wrong scope" tokens. Maskinporten mode only. */
  scopes?: string[];
}

export interface AuthTokenProvider extends TokenProvider {
  token(persona: PersonaName, options?: TokenOptions): Promise<string>;
  /** The raw Maskinporten token, never exchanged (cached like the others). Maskinporten mode only. */
  maskinportenToken(persona: PersonaName, scopes?: string[]): Promise<string>;
}

interface Cached {
  token: string;
  expiresAtMs: number;
}

export function createTokenProvider(profile: Profile, options: TokenProviderOptions = {}): AuthTokenProvider {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? AUTH_TIMEOUT_MS;
  const cache = new Map<string, Cached>();
  const pending = new Map<string, Promise<Cached>>();
  const keys = new Map<PersonaName, Promise<SigningKey>>();

  /** The cached token under `key`, or one obtained by `obtain`, shared by every caller while it runs. */
  async function cached(key: string, obtain: () => Promise<Cached>): Promise<Cached> {
    const hit = cache.get(key);
    if (hit !== undefined && now() < hit.expiresAtMs - TOKEN_RENEW_BEFORE_EXPIRY_MS) return hit;
    let inFlight = pending.get(key);
    if (inFlight === undefined) {
      inFlight = obtain().finally(() => pending.delete(key));
      pending.set(key, inFlight);
    }
    const fresh = await inFlight;
    cache.set(key, fresh);
    return fresh;
  }

  function signingKey(persona: PersonaProfile): Promise<SigningKey> {
    let key = keys.get(persona.name);
    if (key === undefined) {
      key = importPrivateKey(persona.name, required(persona.key, persona.name, 'JWK'));
      // A key that failed to import is tried again next time rather than remembered as failed.
      key.catch(() => keys.delete(persona.name));
      keys.set(persona.name, key);
    }
    return key;
  }

  async function obtainRaw(persona: PersonaProfile, scopes: string[]): Promise<Cached> {
    const mp = profile.maskinporten;
    if (mp === undefined) throw staticMode(persona.name, 'a Maskinporten token');
    const clientId = required(persona.clientId, persona.name, 'CLIENT_ID');
    const kid = required(persona.kid, persona.name, 'KID');
    const assertion = await signClientAssertion(
      {
        persona: persona.name,
        clientId,
        kid,
        audience: mp.audience,
        scopes,
        ...(persona.systemUserOrg === undefined ? {} : { systemUserOrg: persona.systemUserOrg }),
      },
      await signingKey(persona),
    );
    const obtainedAt = now();
    const answer = await traced(
      'auth',
      () =>
        requestMaskinportenToken({
          persona: persona.name,
          tokenUrl: mp.tokenUrl,
          assertion,
          clientId,
          kid,
          audience: mp.audience,
          scopes,
          fetch: fetchFn,
          timeoutMs,
        }),
      { label: `maskinporten ${persona.name}` },
    );
    registerSecret(answer.accessToken);
    return {
      token: answer.accessToken,
      expiresAtMs: expiry(answer.accessToken, obtainedAt + answer.expiresIn * 1000),
    };
  }

  function raw(persona: PersonaProfile, scopes: string[]): Promise<Cached> {
    return cached(`raw\n${persona.name}\n${scopes.join(' ')}`, () => obtainRaw(persona, scopes));
  }

  async function token(name: PersonaName, tokenOptions: TokenOptions = {}): Promise<string> {
    const persona = personaOf(profile, name);
    if (profile.authMode === 'static') {
      if (tokenOptions.scopes !== undefined) throw staticMode(name, 'a token with other scopes');
      return required(persona.token, name, 'TOKEN');
    }
    const scopes = tokenOptions.scopes ?? persona.scopes;
    const exchangeUrl = profile.exchangeUrl;
    if (exchangeUrl === undefined) return (await raw(persona, scopes)).token;
    const exchanged = await cached(`exchanged\n${name}\n${scopes.join(' ')}`, async () => {
      const maskinporten = await raw(persona, scopes);
      const altinn = await traced(
        'auth',
        () =>
          exchangeToken({
            persona: name,
            exchangeUrl,
            maskinportenToken: maskinporten.token,
            fetch: fetchFn,
            timeoutMs,
          }),
        { label: `exchange ${name}` },
      );
      registerSecret(altinn);
      // An exchanged token that does not decode lives no longer than the token it came from, as far as we know.
      return { token: altinn, expiresAtMs: expiry(altinn, maskinporten.expiresAtMs) };
    });
    return exchanged.token;
  }

  return {
    token,
    maskinportenToken: (name, scopes) => {
      const persona = personaOf(profile, name);
      if (profile.authMode === 'static') return Promise.reject(staticMode(name, 'a Maskinporten token'));
      return raw(persona, scopes ?? persona.scopes).then((entry) => entry.token);
    },
  };
}

/** The token's own `exp` when it decodes as a JWT; `fallback` otherwise. */
export function expiry(token: string, fallbackMs: number): number {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : fallbackMs;
  } catch {
    return fallbackMs;
  }
}

/** loadProfile guarantees these for the auth mode; this only keeps a hand-built profile honest. */
function required<T>(value: T | undefined, persona: PersonaName, suffix: string): T {
  if (value !== undefined) return value;
  throw new EnvironmentError(
    'ENV_INVALID',
    `${persona}_${suffix} is missing from the profile.`,
    'See ENVIRONMENT.md.',
  );
}

function staticMode(persona: PersonaName, what: string): EnvironmentError {
  return new EnvironmentError(
    'AUTH_STATIC_MODE',
    `${persona}: ${what} cannot be obtained with AUTH_MODE=static (only ${persona}_TOKEN is known).`,
    'Use AUTH_MODE=maskinporten for checks that need fresh tokens.',
  );
}
