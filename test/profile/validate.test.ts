import { beforeAll, describe, expect, it } from '@jest/globals';
import { EnvironmentError } from '../../src/errors.js';
import { buildProfile } from '../../src/profile/load.js';
import type { Profile } from '../../src/profile/types.js';
import { redact } from '../../src/redact.js';
import { maskinportenVars, staticVars, testKeys, withChanges, type TestKeys } from './vars.js';

/** A PEM boundary line, built so that no literal key marker sits in the source (key scanners flag those). */
const PEM = (edge: string, label: string): string => `${'-'.repeat(5)}${edge} ${label}${'-'.repeat(5)}`;

type Changes = Record<string, string | undefined>;

let keys: TestKeys;
beforeAll(async () => {
  keys = await testKeys();
});

function problemsOf(vars: Record<string, string>): string {
  try {
    buildProfile(vars);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as EnvironmentError).code).toBe('ENV_INVALID');
    return (error as Error).message;
  }
  throw new Error('the profile was accepted');
}

describe('buildProfile: each rule reports its variable, what is wrong and what is valid', () => {
  // prettier-ignore
  const rows: [string, Changes | ((k: TestKeys) => Changes), string][] = [
    ['BROKER_BASE_URL is required', { BROKER_BASE_URL: undefined }, 'BROKER_BASE_URL: missing — the origin of the Broker API, e.g. https://'],
    ['BROKER_BASE_URL is absolute http(s)', { BROKER_BASE_URL: 'ftp://broker.example' }, "BROKER_BASE_URL: 'ftp://broker.example' is not an absolute http(s) URL — e.g. https://"],
    ['BROKER_BASE_URL is not relative', { BROKER_BASE_URL: 'broker.example' }, "BROKER_BASE_URL: 'broker.example' is not an absolute http(s) URL"],
    ['BROKER_BASE_URL is an origin', { BROKER_BASE_URL: 'https://x.example/broker/api/v1' }, "BROKER_BASE_URL: 'https://x.example/broker/api/v1' has a path, query or fragment — an origin only"],
    ['BROKER_RESOURCE_ID is required', { BROKER_RESOURCE_ID: undefined }, 'BROKER_RESOURCE_ID: missing — the Broker resource id of the run'],
    ['BROKER_ALLOW_WRITES is true or false', { BROKER_ALLOW_WRITES: 'yes' }, "BROKER_ALLOW_WRITES: 'yes' is not allowed — one of true, false"],
    ['AUTH_MODE is maskinporten or static', { AUTH_MODE: 'oauth' }, "AUTH_MODE: 'oauth' is not allowed — one of maskinporten, static"],
    ['P_ORG is required', { SENDER_ORG: undefined }, 'SENDER_ORG: missing — 9 digits, e.g. 314000001'],
    ['P_ORG is 9 digits', { RECIPIENT_ORG: '31500000' }, "RECIPIENT_ORG: '31500000' is not 9 digits — e.g. 315000002"],
    ['an optional persona, once its P_ORG is set, needs its credentials', { RECIPIENT2_ORG: '317000004' }, 'RECIPIENT2_CLIENT_ID: missing — the Maskinporten client id of this persona'],
    ['an optional persona\'s P_ORG is 9 digits', { RECIPIENT2_ORG: '3170' }, "RECIPIENT2_ORG: '3170' is not 9 digits — e.g. 317000004"],
    ['OUTSIDER is required too, and the message says why', { OUTSIDER_ORG: undefined }, 'OUTSIDER_ORG: missing — 9 digits, e.g. 316000003 (all four personas are required: OUTSIDER is a valid client'],
    ['P_SYSTEMUSER_ORG is 9 digits', { SENDER_SYSTEMUSER_ORG: '0192:314000001' }, "SENDER_SYSTEMUSER_ORG: '0192:314000001' is not 9 digits"],
    ['MASKINPORTEN_TOKEN_URL is required in maskinporten mode', { MASKINPORTEN_TOKEN_URL: undefined }, 'MASKINPORTEN_TOKEN_URL: missing — e.g. https://test.maskinporten.no/token'],
    ['MASKINPORTEN_TOKEN_URL is absolute http(s)', { MASKINPORTEN_TOKEN_URL: '/token' }, "MASKINPORTEN_TOKEN_URL: '/token' is not an absolute http(s) URL"],
    ['P_CLIENT_ID is required in maskinporten mode', { SENDER_CLIENT_ID: undefined }, 'SENDER_CLIENT_ID: missing — the Maskinporten client id'],
    ['P_KID is required in maskinporten mode', { RECIPIENT_KID: undefined }, 'RECIPIENT_KID: missing — the key id registered'],
    ['a key is required in maskinporten mode', { SENDER_JWK: undefined }, 'SENDER_JWK or SENDER_PEM: missing — the client\'s private key'],
    ['only one of P_JWK and P_PEM', (k) => ({ SENDER_PEM: k.pem }), 'SENDER_JWK and SENDER_PEM: both set — set exactly one of them'],
    ['P_JWK is JSON', { SENDER_JWK: '{kty: RSA' }, 'SENDER_JWK: not valid JSON — a private RSA JWK as JSON'],
    ['P_JWK is private (has d)', (k) => ({ SENDER_JWK: JSON.stringify({ ...k.jwk, d: undefined }) }), 'SENDER_JWK: not a private RSA JWK — a JSON object with "kty":"RSA" and the members n, e and d'],
    ['P_JWK is RSA', (k) => ({ SENDER_JWK: JSON.stringify({ ...k.jwk, kty: 'EC' }) }), 'SENDER_JWK: not a private RSA JWK'],
    ['P_PEM is not PKCS#1', { SENDER_JWK: undefined, SENDER_PEM: `${PEM('BEGIN', 'RSA PRIVATE KEY')}\nMIIE\n${PEM('END', 'RSA PRIVATE KEY')}` }, `SENDER_PEM: a PKCS#1 key — PKCS#8 (${PEM('BEGIN', 'PRIVATE KEY')}); convert with`],
    ['P_PEM is a PEM private key', { SENDER_JWK: undefined, SENDER_PEM: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' }, `SENDER_PEM: not a PKCS#8 PEM private key — text from ${PEM('BEGIN', 'PRIVATE KEY')}`],
    ['ALTINN_EXCHANGE_URL is absolute http(s)', { ALTINN_EXCHANGE_URL: 'platform/exchange' }, "ALTINN_EXCHANGE_URL: 'platform/exchange' is not an absolute http(s) URL"],
    ['BROKER_EXTRA_HEADERS is JSON', { BROKER_EXTRA_HEADERS: 'Ocp-Apim-Subscription-Key: abc123' }, 'BROKER_EXTRA_HEADERS: not valid JSON — e.g. {"Ocp-Apim-Subscription-Key":"…"}'],
    ['BROKER_EXTRA_HEADERS is an object', { BROKER_EXTRA_HEADERS: '["abc123"]' }, 'BROKER_EXTRA_HEADERS: not a JSON object of strings — e.g. {"Ocp-Apim-Subscription-Key":"…"}'],
    ['BROKER_EXTRA_HEADERS values are strings', { BROKER_EXTRA_HEADERS: '{"X-Key":12345678}' }, 'BROKER_EXTRA_HEADERS: not a JSON object of strings (check X-Key)'],
    ['BROKER_EXTRA_HEADERS names are header names', { BROKER_EXTRA_HEADERS: '{"X Key":"abcdefgh"}' }, 'BROKER_EXTRA_HEADERS: not a JSON object of strings (check X Key)'],
    ['EVENTS_API_URL is absolute http(s)', { EVENTS_API_URL: 'events' }, "EVENTS_API_URL: 'events' is not an absolute http(s) URL"],
    ['EVENTS_WEBHOOK_URL is absolute http(s)', { EVENTS_WEBHOOK_URL: ':8080/events' }, "EVENTS_WEBHOOK_URL: ':8080/events' is not an absolute http(s) URL"],
    ['EVENTS_WEBHOOK_PORT is at least 1', { EVENTS_WEBHOOK_PORT: '0' }, "EVENTS_WEBHOOK_PORT: '0' is not a port number — an integer from 1 to 65535"],
    ['EVENTS_WEBHOOK_PORT is at most 65535', { EVENTS_WEBHOOK_PORT: '65536' }, "EVENTS_WEBHOOK_PORT: '65536' is not a port number"],
    ['EVENTS_WEBHOOK_PORT is a number', { EVENTS_WEBHOOK_PORT: 'http' }, "EVENTS_WEBHOOK_PORT: 'http' is not a port number"],
    ['BROKER_POLL_TIMEOUT_MS is positive', { BROKER_POLL_TIMEOUT_MS: '0' }, "BROKER_POLL_TIMEOUT_MS: '0' is not a positive integer — milliseconds, e.g. 600000"],
    ['BROKER_POLL_TIMEOUT_MS is an integer', { BROKER_POLL_TIMEOUT_MS: '1.5' }, "BROKER_POLL_TIMEOUT_MS: '1.5' is not a positive integer"],
    ['BROKER_EVENT_TIMEOUT_MS is a number', { BROKER_EVENT_TIMEOUT_MS: '5m' }, "BROKER_EVENT_TIMEOUT_MS: '5m' is not a positive integer — milliseconds, e.g. 300000"],
    ['P_EVENTS_SUBSCRIPTION_ID is for SENDER and RECIPIENT only', { SERVICEOWNER_EVENTS_SUBSCRIPTION_ID: '4711' }, 'SERVICEOWNER_EVENTS_SUBSCRIPTION_ID: set for SERVICEOWNER — only SENDER_EVENTS_SUBSCRIPTION_ID and RECIPIENT_EVENTS_SUBSCRIPTION_ID exist'],
  ];
  it.each(rows)('%s', (_rule, changes, line) => {
    const resolved = typeof changes === 'function' ? changes(keys) : changes;
    expect(problemsOf(withChanges(maskinportenVars(keys), resolved))).toContain(`  ${line}`);
  });

  // prettier-ignore
  const staticRows: [string, Changes, string][] = [
    ['P_TOKEN is required in static mode', { RECIPIENT_TOKEN: undefined }, 'RECIPIENT_TOKEN: missing — a bearer token for this persona (AUTH_MODE=static)'],
    ['OUTSIDER_TOKEN is required too', { OUTSIDER_TOKEN: undefined }, 'OUTSIDER_TOKEN: missing — a bearer token for this persona (AUTH_MODE=static) (all four personas are required'],
  ];
  it.each(staticRows)('%s', (_rule, changes, line) => {
    expect(problemsOf(withChanges(staticVars(), changes))).toContain(`  ${line}`);
  });
});

describe('buildProfile: every problem at once', () => {
  it('lists one line per variable in one error', () => {
    const message = problemsOf(
      withChanges(maskinportenVars(keys), {
        SENDER_ORG: undefined,
        AUTH_MODE: 'basic',
        BROKER_POLL_TIMEOUT_MS: 'never',
        OUTSIDER_KID: undefined,
      }),
    );
    // With AUTH_MODE wrong, which credentials a persona needs is unknown, so OUTSIDER_KID is not judged.
    const lines = message.split('\n').filter((l) => /^ {2}[A-Z_]+: /.test(l));
    expect(message).toMatch(/^The environment profile has 3 problems:/);
    expect(lines.map((l) => l.trim().split(':')[0])).toEqual([
      'AUTH_MODE',
      'SENDER_ORG',
      'BROKER_POLL_TIMEOUT_MS',
    ]);
  });

  it('reports persona problems of every persona, and the hint names where variables come from', () => {
    const message = problemsOf(
      withChanges(maskinportenVars(keys), { SENDER_KID: undefined, OUTSIDER_KID: undefined }),
    );
    expect(message).toContain('SENDER_KID: missing');
    expect(message).toContain('OUTSIDER_KID: missing');
    expect(message).toContain('→ Set these variables in the process environment or in the env file');
  });
});

describe('buildProfile: no secret value reaches a message', () => {
  it('quotes neither a JWK, its d, a PEM, a token nor an extra header value, and registers them all', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzZWNyZXQifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const headerValue = 'subscription-key-0123456789';
    const brokenJwk = JSON.stringify({ ...keys.jwk, n: undefined });
    const vars = withChanges(maskinportenVars(keys), {
      SENDER_JWK: brokenJwk,
      RECIPIENT_JWK: undefined,
      RECIPIENT_PEM: JSON.stringify(keys.jwk),
      SERVICEOWNER_JWK: `${keys.jwk.d}`,
      OUTSIDER_TOKEN: token,
      BROKER_EXTRA_HEADERS: JSON.stringify({ 'Ocp-Apim-Subscription-Key': headerValue, 'bad name': token }),
    });
    const message = problemsOf(vars);
    expect(message).toContain('SENDER_JWK: not a private RSA JWK');
    expect(message).toContain('RECIPIENT_PEM: not a PKCS#8 PEM private key');
    expect(message).toContain('SERVICEOWNER_JWK: not valid JSON');
    for (const secret of [keys.jwk.d, token, headerValue, brokenJwk, keys.pem]) {
      expect(message).not.toContain(secret);
    }
    for (const secret of [keys.jwk.d, token, headerValue, brokenJwk, keys.jwk.p ?? '']) {
      expect(redact(`value ${secret} end`)).toBe('value [redacted] end');
    }
  });

  it('registers a valid PEM, even one written with \\n escapes', () => {
    const escaped = keys.pem.trim().replace(/\n/g, '\\n');
    const profile = buildProfile(
      withChanges(maskinportenVars(keys), { SENDER_JWK: undefined, SENDER_PEM: escaped }),
    );
    expect(profile.personas.SENDER.key).toEqual({ kind: 'pem', pem: keys.pem.trim() });
    expect(redact(keys.pem.trim())).toBe('[redacted]');
  });
});

describe('buildProfile: defaults and derived values', () => {
  // prettier-ignore
  const rows: [string, Changes, (p: Profile) => unknown, unknown][] = [
    ['base URL: trailing slash stripped', { BROKER_BASE_URL: 'https://platform.tt02.altinn.no/' }, (p) => p.brokerBaseUrl, 'https://platform.tt02.altinn.no'],
    ['env name: defaults to the base URL host', { BROKER_BASE_URL: 'http://127.0.0.1:5096' }, (p) => p.envName, '127.0.0.1:5096'],
    ['env name: as given', { BROKER_ENV_NAME: 'tt02' }, (p) => [p.envName, p.production, p.writesAllowed], ['tt02', false, true]],
    ['production guard: prod is read-only', { BROKER_ENV_NAME: 'prod' }, (p) => [p.production, p.writesAllowed], [true, false]],
    ['production guard: case-insensitive', { BROKER_ENV_NAME: 'Production' }, (p) => [p.production, p.writesAllowed], [true, false]],
    ['production guard: BROKER_ALLOW_WRITES=true allows writes', { BROKER_ENV_NAME: 'PROD', BROKER_ALLOW_WRITES: 'true' }, (p) => [p.production, p.writesAllowed], [true, true]],
    ['production guard: only prod/production', { BROKER_ENV_NAME: 'preprod' }, (p) => p.production, false],
    ['auth mode: maskinporten by default', {}, (p) => p.authMode, 'maskinporten'],
    ['audience: token URL origin followed by /', {}, (p) => p.maskinporten, { tokenUrl: 'https://test.maskinporten.no/token', audience: 'https://test.maskinporten.no/' }],
    ['audience: as given', { MASKINPORTEN_AUDIENCE: 'https://test.maskinporten.no' }, (p) => p.maskinporten?.audience, 'https://test.maskinporten.no'],
    ['exchange: off when unset', {}, (p) => p.exchangeUrl, undefined],
    ['scopes: SERVICEOWNER default', {}, (p) => p.personas.SERVICEOWNER.scopes, ['altinn:serviceowner', 'altinn:broker.write', 'altinn:broker.read', 'altinn:events.subscribe']],
    ['scopes: SENDER default', {}, (p) => p.personas.SENDER.scopes, ['altinn:broker.write', 'altinn:events.subscribe']],
    ['scopes: RECIPIENT default', {}, (p) => p.personas.RECIPIENT.scopes, ['altinn:broker.read', 'altinn:events.subscribe']],
    ['scopes: OUTSIDER default', {}, (p) => p.personas.OUTSIDER.scopes, ['altinn:broker.write', 'altinn:broker.read', 'altinn:events.subscribe']],
    ['scopes: P_SCOPE split on whitespace', { SENDER_SCOPE: ' altinn:broker.write  altinn:broker.read ' }, (p) => p.personas.SENDER.scopes, ['altinn:broker.write', 'altinn:broker.read']],
    ['scopes: an empty P_SCOPE counts as unset', { SENDER_SCOPE: ' ' }, (p) => p.personas.SENDER.scopes, ['altinn:broker.write', 'altinn:events.subscribe']],
    ['persona: credentials read', { SENDER_SYSTEMUSER_ORG: '314000009' }, (p) => [p.personas.SENDER.clientId, p.personas.SENDER.kid, p.personas.SENDER.systemUserOrg, p.personas.SENDER.key?.kind], ['client-sender', 'kid-sender', '314000009', 'jwk']],
    ['timing: defaults', {}, (p) => p.timing, { pollTimeoutMs: 600000, eventTimeoutMs: 300000 }],
    ['timing: as given', { BROKER_POLL_TIMEOUT_MS: '30000', BROKER_EVENT_TIMEOUT_MS: '5000' }, (p) => p.timing, { pollTimeoutMs: 30000, eventTimeoutMs: 5000 }],
    ['events: off, with the reason, when EVENTS_API_URL is unset', { EVENTS_WEBHOOK_PORT: '8080' }, (p) => [p.events, p.eventsSkipReason], [undefined, 'EVENTS_API_URL is not set']],
    ['events: on, trailing slash stripped', { EVENTS_API_URL: 'https://platform.tt02.altinn.no/events/api/v1/', EVENTS_WEBHOOK_PORT: '8080', EVENTS_WEBHOOK_URL: 'https://tunnel.example/events' }, (p) => [p.events, p.eventsSkipReason], [{ apiUrl: 'https://platform.tt02.altinn.no/events/api/v1', webhookPort: 8080, webhookUrl: 'https://tunnel.example/events' }, undefined]],
    ['events: subscription ids for SENDER and RECIPIENT', { SENDER_EVENTS_SUBSCRIPTION_ID: '11', RECIPIENT_EVENTS_SUBSCRIPTION_ID: '12' }, (p) => [p.personas.SENDER.eventsSubscriptionId, p.personas.RECIPIENT.eventsSubscriptionId], ['11', '12']],
    ['extra headers: none by default', {}, (p) => p.extraHeaders, {}],
    ['extra headers: as given', { BROKER_EXTRA_HEADERS: '{"Ocp-Apim-Subscription-Key":"k-123456"}' }, (p) => p.extraHeaders, { 'Ocp-Apim-Subscription-Key': 'k-123456' }],
    ['openapi: as given', { BROKER_OPENAPI: 'spec/broker.json' }, (p) => p.openapi, 'spec/broker.json'],
    ['sandbox: false unless started for the run', {}, (p) => p.sandbox, false],
    ['RECIPIENT2: absent while RECIPIENT2_ORG is unset, whatever else is set', { RECIPIENT2_CLIENT_ID: 'c2' }, (p) => p.personas.RECIPIENT2, undefined],
  ];
  it.each(rows)('%s', (_rule, changes, select, want) => {
    expect(select(buildProfile(withChanges(maskinportenVars(keys), changes)))).toEqual(want);
  });

  it("RECIPIENT2: present once RECIPIENT2_ORG is set, with RECIPIENT's default scopes", () => {
    const vars = maskinportenVars(keys);
    const profile = buildProfile({
      ...vars,
      RECIPIENT2_ORG: '317000004',
      RECIPIENT2_CLIENT_ID: 'client-recipient2',
      RECIPIENT2_KID: 'kid-recipient2',
      RECIPIENT2_JWK: vars.RECIPIENT_JWK ?? '',
    });
    expect(profile.personas.RECIPIENT2).toMatchObject({
      name: 'RECIPIENT2',
      org: '317000004',
      scopes: ['altinn:broker.read', 'altinn:events.subscribe'],
      clientId: 'client-recipient2',
    });
  });

  it('static mode: tokens, no Maskinporten, no key needed', () => {
    const profile = buildProfile(staticVars());
    expect(profile.authMode).toBe('static');
    expect(profile.maskinporten).toBeUndefined();
    expect(profile.personas.SENDER.token).toMatch(/-SENDER$/);
    expect(profile.personas.SENDER.key).toBeUndefined();
  });
});
