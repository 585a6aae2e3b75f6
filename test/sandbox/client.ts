/**
 * A minimal client for the sandbox's own tests: Maskinporten tokens per persona from the variables
 * the launcher wrote, and every Broker response checked against spec/ by the contract validator.
 * (The suite's real client is the harness's; this one exists so the sandbox is tested on its own.)
 */
import { randomUUID } from 'node:crypto';
import { importJWK, type JWK } from 'jose';
import { loadSpec } from '../../src/spec/load.js';
import { ContractValidator } from '../../src/spec/validator.js';
import type { Violation } from '../../src/spec/violations.js';
import type { PersonaName } from '../../sandbox/config.js';
import type { RunningSandbox } from '../../sandbox/launcher.js';
import { signJwt } from '../helpers/jwt.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  violations: Violation[];
}

let validator: ContractValidator | undefined;
export async function contractValidator(): Promise<ContractValidator> {
  validator ??= new ContractValidator(await loadSpec());
  return validator;
}

export interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  scope?: string;
  error?: string;
}

/** The Maskinporten token endpoint's whole answer for the persona's client (ENVIRONMENT.md step 2). */
export async function tokenAnswer(
  sandbox: RunningSandbox,
  persona: PersonaName,
  scope?: string,
): Promise<{ status: number; body: TokenAnswer }> {
  const env = sandbox.env;
  const jwk = JSON.parse(env[`${persona}_JWK`] ?? '{}') as JWK;
  const clientId = env[`${persona}_CLIENT_ID`] ?? '';
  const assertion = await signJwt(
    {
      scope: scope ?? SCOPE[persona],
      iss: clientId,
      sub: clientId,
      aud: env.MASKINPORTEN_AUDIENCE ?? '',
      iat: Math.floor(Date.now() / 1000),
      jti: randomUUID(),
    },
    await importJWK(jwk, 'RS256'),
    { kid: env[`${persona}_KID`] ?? '', expiresIn: 60 },
  );
  const response = await fetch(env.MASKINPORTEN_TOKEN_URL ?? '', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
  });
  return { status: response.status, body: (await response.json()) as TokenAnswer };
}

export async function token(sandbox: RunningSandbox, persona: PersonaName, scope?: string): Promise<string> {
  const { status, body } = await tokenAnswer(sandbox, persona, scope);
  if (!body.access_token) throw new Error(`no token for ${persona}: ${body.error ?? status}`);
  return body.access_token;
}

const SCOPE: Record<PersonaName, string> = {
  SERVICEOWNER: 'altinn:serviceowner altinn:broker.write altinn:broker.read altinn:events.subscribe',
  SENDER: 'altinn:broker.write altinn:events.subscribe',
  RECIPIENT: 'altinn:broker.read altinn:events.subscribe',
  RECIPIENT2: 'altinn:broker.read altinn:events.subscribe',
  OUTSIDER: 'altinn:broker.write altinn:broker.read altinn:events.subscribe',
};

/** Calls the Broker and checks the answer against the spec's operation for that method and path. */
export async function call(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  options: { token?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${sandbox.origin}${path}`, { method, headers, body: options.body ?? null });
  const text = await response.text();
  const v = await contractValidator();
  const operation = v.operations.match(method, path.split('?')[0] ?? path);
  const result = operation
    ? v.validateResponse(operation, { status: response.status, headers: response.headers, body: text })
    : { violations: [{ kind: 'unknown-operation' as const, message: `no operation for ${method} ${path}` }] };
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json, violations: result.violations };
}

export const jsonBody = (value: unknown) => ({
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json' },
});
