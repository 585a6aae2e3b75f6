/** Helpers for auth tests: profiles for the sandbox and for stand-in endpoints, and a fetch that counts. */
import type { IncomingMessage } from 'node:http';
import { generateKeyPair } from 'jose';
import type { RunningSandbox } from '../../sandbox/launcher.js';
import { buildProfile } from '../../src/profile/load.js';
import type { Profile } from '../../src/profile/types.js';
import { signJwt } from '../helpers/jwt.js';
import { maskinportenVars, withChanges, type TestKeys } from '../profile/vars.js';

/** The profile the launcher's variables describe, as a run against the sandbox would load it. */
export function sandboxProfile(
  sandbox: RunningSandbox,
  changes: Record<string, string | undefined> = {},
): Profile {
  return buildProfile(withChanges(sandbox.env, changes), { sandbox: true });
}

/** A profile whose Maskinporten (and exchange, when given) are stand-ins at `origin`. */
export function standInProfile(
  keys: TestKeys,
  origin: string,
  changes: Record<string, string | undefined> = {},
) {
  return buildProfile(
    withChanges(maskinportenVars(keys), { MASKINPORTEN_TOKEN_URL: `${origin}/token`, ...changes }),
  );
}

export interface CountingFetch {
  fetch: typeof fetch;
  /** `METHOD path` of every call. */
  calls: string[];
}

export function countingFetch(): CountingFetch {
  const calls: string[] = [];
  return {
    calls,
    fetch: (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
      return fetch(input, init);
    },
  };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A JWT a stand-in Maskinporten hands out: signed by a key of its own, with the given claims. */
let standInKey: ReturnType<typeof generateKeyPair> | undefined;
export async function standInToken(claims: Record<string, unknown>, expSeconds: number): Promise<string> {
  standInKey ??= generateKeyPair('RS256');
  const { privateKey } = await standInKey;
  return signJwt({ ...claims, exp: expSeconds }, privateKey, { kid: 'stand-in' });
}
