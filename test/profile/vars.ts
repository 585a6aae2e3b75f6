/** Valid variable sets for profile tests, with private keys generated per run (none is committed). */
import { exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';
import { PERSONAS } from '../../src/profile/types.js';

export interface TestKeys {
  jwk: JWK & { d: string };
  pem: string;
}

export async function testKeys(): Promise<TestKeys> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  if (typeof jwk.d !== 'string') throw new Error('exported JWK has no d');
  return { jwk: { ...jwk, d: jwk.d }, pem: await exportPKCS8(privateKey) };
}

const ORGS = {
  SERVICEOWNER: '991825827',
  SENDER: '314000001',
  RECIPIENT: '315000002',
  OUTSIDER: '316000003',
};

/** Maskinporten mode, every persona complete, nothing optional set. */
export function maskinportenVars(keys: TestKeys): Record<string, string> {
  const vars: Record<string, string> = {
    BROKER_BASE_URL: 'https://platform.tt02.altinn.no',
    BROKER_RESOURCE_ID: 'broker-contract-tests',
    MASKINPORTEN_TOKEN_URL: 'https://test.maskinporten.no/token',
  };
  for (const p of PERSONAS) {
    vars[`${p}_ORG`] = ORGS[p];
    vars[`${p}_CLIENT_ID`] = `client-${p.toLowerCase()}`;
    vars[`${p}_KID`] = `kid-${p.toLowerCase()}`;
    vars[`${p}_JWK`] = JSON.stringify(keys.jwk);
  }
  return vars;
}

export const STATIC_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdGF0aWMiOnRydWV9.c3RhdGljLXNpZ25hdHVyZQ';

export function staticVars(): Record<string, string> {
  const vars: Record<string, string> = {
    BROKER_BASE_URL: 'https://platform.tt02.altinn.no',
    BROKER_RESOURCE_ID: 'broker-contract-tests',
    AUTH_MODE: 'static',
  };
  for (const p of PERSONAS) {
    vars[`${p}_ORG`] = ORGS[p];
    vars[`${p}_TOKEN`] = `${STATIC_TOKEN}-${p}`;
  }
  return vars;
}

/** `base` with `changes` applied; an undefined value deletes the variable. */
export function withChanges(
  base: Record<string, string>,
  changes: Record<string, string | undefined>,
): Record<string, string> {
  const out = { ...base };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  return out;
}
