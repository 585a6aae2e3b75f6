/**
 * The auth part of the sandbox on a loopback port, wired as the launcher wires it: Maskinporten and the
 * exchange sharing one authority, with one client that may act as one system user.
 */
import Fastify from 'fastify';
import { exchangeRoutes } from '../../../sandbox/auth/exchange.js';
import { maskinportenRoutes } from '../../../sandbox/auth/maskinporten.js';
import { TokenAuthority, type Caller } from '../../../sandbox/auth/tokens.js';
import { clientKey, JWT_BEARER, signAssertion, type ClientKey } from './assertion.js';

/** The name the sandbox goes by (issuers, audiences); requests go to wherever it listens. */
export const ORIGIN = 'http://sandbox.test';
export const TOKEN_URL = `${ORIGIN}/maskinporten/token`;
export const EXCHANGE = '/authentication/api/v1/exchange/maskinporten';
export const FORM = 'application/x-www-form-urlencoded';
export const CLIENT = 'sender-client';
export const VENDOR = '310000001';
export const SYSTEM_USER_ORG = '310000002';
export const ALLOWED_SCOPES = ['altinn:broker.write', 'altinn:events.subscribe'];

export interface Answer {
  statusCode: number;
  headers: Headers;
  body: string;
  json<T = unknown>(): T;
}

export interface AuthHarness {
  authority: TokenAuthority;
  /** The client's registered key, and another key under the same kid. */
  key: ClientKey;
  impostor: ClientKey;
  /** The authority's clock (ms): move it on to expire tokens, and back. */
  clock: { now: number };
  call(path: string, init?: RequestInit): Promise<Answer>;
  postToken(form: Record<string, string>, contentType?: string): Promise<Answer>;
  /** A valid assertion of CLIENT, with overrides (`undefined` leaves a claim out). */
  assertion(overrides?: Record<string, unknown>, header?: { kid?: string | null }): Promise<string>;
  accessToken(overrides?: Record<string, unknown>): Promise<string>;
  caller(token: string): Promise<Caller>;
  close(): Promise<void>;
}

export async function startAuth(): Promise<AuthHarness> {
  const [key, impostor] = await Promise.all([clientKey('sender-key'), clientKey('sender-key')]);
  const clock = { now: Date.now() };
  const authority = await TokenAuthority.create(ORIGIN, { now: () => clock.now });
  const app = Fastify();
  const client = { clientId: CLIENT, org: VENDOR, jwks: [key.publicJwk], allowedScopes: ALLOWED_SCOPES };
  maskinportenRoutes(app, {
    config: { origin: ORIGIN, clients: [{ ...client, systemUserOrgs: [SYSTEM_USER_ORG] }] },
    authority,
  });
  exchangeRoutes(app, { authority });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });

  /** light-my-request (app.inject) cannot load under Jest's ESM mode, so requests go over the wire. */
  const call = async (path: string, init: RequestInit = {}): Promise<Answer> => {
    const res = await fetch(new URL(path, base), init);
    const body = await res.text();
    return { statusCode: res.status, headers: res.headers, body, json: <T>() => JSON.parse(body) as T };
  };
  const postToken = (form: Record<string, string>, contentType = FORM) =>
    call('/maskinporten/token', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: contentType === FORM ? new URLSearchParams(form).toString() : JSON.stringify(form),
    });
  const assertion = (overrides: Record<string, unknown> = {}, header: { kid?: string | null } = {}) =>
    signAssertion(
      key,
      { clientId: CLIENT, aud: `${ORIGIN}/`, scope: ALLOWED_SCOPES[0] ?? '' },
      overrides,
      header,
    );

  return {
    authority,
    key,
    impostor,
    clock,
    call,
    postToken,
    assertion,
    async accessToken(overrides = {}) {
      const res = await postToken({ grant_type: JWT_BEARER, assertion: await assertion(overrides) });
      if (res.statusCode !== 200) throw new Error(`token endpoint answered ${res.statusCode}: ${res.body}`);
      return res.json<{ access_token: string }>().access_token;
    },
    async caller(token) {
      const result = await authority.verify(`Bearer ${token}`);
      if (!result.ok) throw new Error(`verify failed: ${result.reason}`);
      return result.caller;
    },
    close: () => app.close(),
  };
}
