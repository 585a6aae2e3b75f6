/**
 * One persona's variables (ENVIRONMENT.md "Authentication"): organisation, credentials for the auth
 * mode, scopes, system user and events subscription. Private keys and tokens are registered as secrets
 * before they are checked, and no problem line quotes them.
 */
import type { JWK } from 'jose';
import { registerSecret } from '../redact.js';
import type { PersonaName, PersonaProfile, PrivateKeySource } from './types.js';
import { DEFAULT_SCOPES, EXAMPLE_ORGS, parseJson, type VariableReader } from './variables.js';

/** Private members of an RSA JWK: each is a secret on its own. */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

/** Personas that subscribe to events (ENVIRONMENT.md "Events"); only they may name a subscription. */
const SUBSCRIBERS: readonly PersonaName[] = ['SENDER', 'RECIPIENT'];

/** Registers every secret a persona's variables hold, whether or not they turn out valid. */
export function registerPersonaSecrets(reader: VariableReader, name: PersonaName): void {
  registerSecret(reader.get(`${name}_TOKEN`));
  const pem = reader.get(`${name}_PEM`);
  registerSecret(pem);
  if (pem !== undefined) registerSecret(normalisePem(pem));
  const jwkText = reader.get(`${name}_JWK`);
  registerSecret(jwkText);
  const jwk = jwkText === undefined ? undefined : parseJson(jwkText);
  if (typeof jwk === 'object' && jwk !== null) {
    for (const member of PRIVATE_JWK_MEMBERS) {
      const value: unknown = (jwk as Record<string, unknown>)[member];
      if (typeof value === 'string') registerSecret(value);
    }
  }
}

const PKCS8 = 'PRIVATE KEY';
/** A PEM boundary line, built so that no literal key marker sits in the source (key scanners flag those). */
const pemLine = (edge: 'BEGIN' | 'END', label: string): string =>
  `${'-'.repeat(5)}${edge} ${label}${'-'.repeat(5)}`;

export function readPersona(
  reader: VariableReader,
  name: PersonaName,
  authMode: 'maskinporten' | 'static' | undefined,
): PersonaProfile | undefined {
  const v = (suffix: string) => `${name}_${suffix}`;
  const problemsBefore = reader.problems.length;
  // OUTSIDER is easy to leave out; the authorization checks cannot run without it.
  const note =
    name === 'OUTSIDER'
      ? ' (all four personas are required: OUTSIDER is a valid client whose organisation is on no access list)'
      : '';
  const org = reader.org(
    v('ORG'),
    EXAMPLE_ORGS[name],
    reader.required(v('ORG'), `9 digits, e.g. ${EXAMPLE_ORGS[name]}`, note),
  );
  const scopes = readScopes(reader, name);
  const systemUserOrg = reader.org(v('SYSTEMUSER_ORG'), EXAMPLE_ORGS[name]);
  const eventsSubscriptionId = reader.get(v('EVENTS_SUBSCRIPTION_ID'));
  if (eventsSubscriptionId !== undefined && !SUBSCRIBERS.includes(name)) {
    reader.problem(
      v('EVENTS_SUBSCRIPTION_ID'),
      `set for ${name}`,
      'only SENDER_EVENTS_SUBSCRIPTION_ID and RECIPIENT_EVENTS_SUBSCRIPTION_ID exist; unset it',
    );
  }
  const persona: Partial<PersonaProfile> = {
    name,
    org,
    scopes,
    ...(systemUserOrg === undefined ? {} : { systemUserOrg }),
    ...(eventsSubscriptionId === undefined ? {} : { eventsSubscriptionId }),
  };
  if (authMode === 'static') {
    const token = reader.required(v('TOKEN'), 'a bearer token for this persona (AUTH_MODE=static)', note);
    if (token !== undefined) persona.token = token;
  } else if (authMode === 'maskinporten') {
    persona.clientId = reader.required(v('CLIENT_ID'), 'the Maskinporten client id of this persona', note);
    persona.kid = reader.required(v('KID'), "the key id registered for the client's key", note);
    persona.key = readKey(reader, name, note);
  }
  return reader.problems.length === problemsBefore ? (persona as PersonaProfile) : undefined;
}

/** An empty `P_SCOPE` counts as unset, like every other variable. */
function readScopes(reader: VariableReader, name: PersonaName): string[] {
  return reader.get(`${name}_SCOPE`)?.split(/\s+/) ?? DEFAULT_SCOPES[name];
}

/** Exactly one of `P_JWK` (a private RSA JWK) and `P_PEM` (PKCS#8). */
function readKey(reader: VariableReader, name: PersonaName, note: string): PrivateKeySource | undefined {
  const jwkVar = `${name}_JWK`;
  const pemVar = `${name}_PEM`;
  const jwkText = reader.get(jwkVar);
  const pem = reader.get(pemVar);
  if (jwkText !== undefined && pem !== undefined) {
    return reader.problem(`${jwkVar} and ${pemVar}`, 'both set', 'set exactly one of them');
  }
  if (jwkText === undefined && pem === undefined) {
    return reader.problem(
      `${jwkVar} or ${pemVar}`,
      'missing',
      'the client\'s private key: a JWK as JSON, e.g. {"kty":"RSA","n":"…","e":"AQAB","d":"…",…}, or PKCS#8 PEM' +
        note,
    );
  }
  if (jwkText !== undefined) {
    const jwk = parseJson(jwkText);
    if (jwk === undefined) return reader.problem(jwkVar, 'not valid JSON', 'a private RSA JWK as JSON');
    if (!isPrivateRsaJwk(jwk)) {
      return reader.problem(
        jwkVar,
        'not a private RSA JWK',
        'a JSON object with "kty":"RSA" and the members n, e and d (the public key alone cannot sign)',
      );
    }
    return { kind: 'jwk', jwk };
  }
  const text = normalisePem(pem ?? '');
  if (new RegExp(pemLine('BEGIN', 'RSA PRIVATE KEY')).test(text)) {
    return reader.problem(
      pemVar,
      'a PKCS#1 key',
      `PKCS#8 (${pemLine('BEGIN', PKCS8)}); convert with \`openssl pkcs8 -topk8 -nocrypt\``,
    );
  }
  if (!new RegExp(`^${pemLine('BEGIN', PKCS8)}\\n[\\s\\S]+\\n${pemLine('END', PKCS8)}\\s*$`).test(text)) {
    return reader.problem(
      pemVar,
      'not a PKCS#8 PEM private key',
      `text from ${pemLine('BEGIN', PKCS8)} to ${pemLine('END', PKCS8)}`,
    );
  }
  return { kind: 'pem', pem: text };
}

function isPrivateRsaJwk(value: unknown): value is JWK {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const jwk = value as Record<string, unknown>;
  return (
    jwk.kty === 'RSA' && typeof jwk.n === 'string' && typeof jwk.e === 'string' && typeof jwk.d === 'string'
  );
}

/** A PEM put on one line of a dotenv file or CI secret often carries `\n` escapes instead of newlines. */
function normalisePem(pem: string): string {
  return pem.replace(/\\n/g, '\n').replace(/\r\n/g, '\n').trim();
}
