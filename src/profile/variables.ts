/**
 * The variables of ENVIRONMENT.md, their defaults, and one checker per kind of value. A checker returns
 * the value or records a problem line that names the variable, says what is wrong and what a valid value
 * looks like; secret values are never quoted in a problem (ENVIRONMENT.md, developers' guide Standards).
 */
import { ALL_PERSONAS, type PersonaName } from './types.js';

/** The per-persona suffixes: `P_ORG`, `P_TOKEN`, ... */
export const PERSONA_SUFFIXES = [
  'ORG',
  'TOKEN',
  'CLIENT_ID',
  'KID',
  'JWK',
  'PEM',
  'SCOPE',
  'SYSTEMUSER_ORG',
  'EVENTS_SUBSCRIPTION_ID',
] as const;

const GLOBAL_VARIABLES = [
  'BROKER_BASE_URL',
  'BROKER_ENV_NAME',
  'BROKER_ALLOW_WRITES',
  'BROKER_RESOURCE_ID',
  'BROKER_OPENAPI',
  'BROKER_EXTRA_HEADERS',
  'AUTH_MODE',
  'MASKINPORTEN_TOKEN_URL',
  'MASKINPORTEN_AUDIENCE',
  'ALTINN_EXCHANGE_URL',
  'EVENTS_API_URL',
  'EVENTS_WEBHOOK_URL',
  'EVENTS_WEBHOOK_PORT',
  'BROKER_POLL_TIMEOUT_MS',
  'BROKER_EVENT_TIMEOUT_MS',
] as const;

/** Every variable name the profile reads; nothing else is taken from the process environment. */
export const VARIABLES: readonly string[] = [
  ...GLOBAL_VARIABLES,
  ...ALL_PERSONAS.flatMap((p) => PERSONA_SUFFIXES.map((s) => `${p}_${s}`)),
];

/** ENVIRONMENT.md's `P_SCOPE` defaults. */
export const DEFAULT_SCOPES: Record<PersonaName, string[]> = {
  SERVICEOWNER: [
    'altinn:serviceowner',
    'altinn:broker.write',
    'altinn:broker.read',
    'altinn:events.subscribe',
  ],
  SENDER: ['altinn:broker.write', 'altinn:events.subscribe'],
  RECIPIENT: ['altinn:broker.read', 'altinn:events.subscribe'],
  OUTSIDER: ['altinn:broker.write', 'altinn:broker.read', 'altinn:events.subscribe'],
  RECIPIENT2: ['altinn:broker.read', 'altinn:events.subscribe'],
};

/** Example organisation numbers for problem lines (the sandbox's; any 9 digits will do). */
export const EXAMPLE_ORGS: Record<PersonaName, string> = {
  SERVICEOWNER: '991825827',
  SENDER: '314000001',
  RECIPIENT: '315000002',
  OUTSIDER: '316000003',
  RECIPIENT2: '317000004',
};

export type Variables = Record<string, string | undefined>;

/** Collects the values of a variable set and every problem found in them, for one report at the end. */
export class VariableReader {
  readonly problems: string[] = [];

  constructor(private readonly vars: Variables) {}

  /** The trimmed value; empty counts as unset (`FOO=` in a dotenv file). */
  get(name: string): string | undefined {
    const value = this.vars[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  problem(name: string, wrong: string, valid: string): undefined {
    this.problems.push(`${name}: ${wrong} — ${valid}`);
    return undefined;
  }

  required(name: string, valid: string, note = ''): string | undefined {
    return this.get(name) ?? this.problem(name, 'missing', valid + note);
  }

  /** An absolute http(s) URL, returned without a trailing slash. */
  url(name: string, example: string, value = this.get(name)): string | undefined {
    if (value === undefined) return undefined;
    const url = parseHttpUrl(value);
    if (url === undefined)
      return this.problem(name, `'${value}' is not an absolute http(s) URL`, `e.g. ${example}`);
    return url.href.replace(/\/+$/, '');
  }

  /** An absolute http(s) origin: nothing after the host but an optional `/`. */
  origin(name: string, example: string, value = this.get(name)): string | undefined {
    if (value === undefined) return undefined;
    const url = parseHttpUrl(value);
    if (url === undefined)
      return this.problem(name, `'${value}' is not an absolute http(s) URL`, `e.g. ${example}`);
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
      return this.problem(
        name,
        `'${value}' has a path, query or fragment`,
        `an origin only (the suite adds /broker/api/v1), e.g. ${example}`,
      );
    }
    return url.origin;
  }

  org(name: string, example: string, value = this.get(name)): string | undefined {
    if (value === undefined) return undefined;
    return /^\d{9}$/.test(value)
      ? value
      : this.problem(name, `'${value}' is not 9 digits`, `e.g. ${example}`);
  }

  positiveInteger(name: string, fallback: number): number | undefined {
    const value = this.get(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) {
      return this.problem(name, `'${value}' is not a positive integer`, `milliseconds, e.g. ${fallback}`);
    }
    return n;
  }

  port(name: string): number | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > 65535) {
      return this.problem(name, `'${value}' is not a port number`, 'an integer from 1 to 65535, e.g. 8765');
    }
    return n;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T | undefined {
    const value = this.get(name);
    if (value === undefined) return fallback;
    const found = allowed.find((a) => a === value.toLowerCase());
    return found ?? this.problem(name, `'${value}' is not allowed`, `one of ${allowed.join(', ')}`);
  }

  /**
   * A JSON object of strings (`BROKER_EXTRA_HEADERS`). Its values are secrets, so neither the value nor
   * the parser's message (which quotes the text) appears in a problem.
   */
  stringRecord(name: string, example: string): Record<string, string> | undefined {
    const value = this.get(name);
    if (value === undefined) return {};
    const parsed = parseJson(value);
    const valid = `e.g. ${example}`;
    if (parsed === undefined) return this.problem(name, 'not valid JSON', valid);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return this.problem(name, 'not a JSON object of strings', valid);
    }
    const entries = Object.entries(parsed);
    const bad = entries
      .filter(([key, v]) => typeof v !== 'string' || !HEADER_NAME.test(key))
      .map(([key]) => key);
    if (bad.length > 0) {
      return this.problem(name, `not a JSON object of strings (check ${bad.join(', ')})`, valid);
    }
    return Object.fromEntries(entries) as Record<string, string>;
  }
}

/** RFC 9110 token: what a header name may be. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
