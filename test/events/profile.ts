/**
 * A Profile built by hand for the event tests (ENVIRONMENT.md's variables, only those events need): the
 * suite's profile loader is its own module, and these tests must not depend on it.
 */
import type { TokenProvider } from '../../src/auth/types.js';
import { PERSONAS, type PersonaName, type PersonaProfile, type Profile } from '../../src/profile/types.js';

export interface ProfileParts {
  env: Record<string, string>;
  /** `P_EVENTS_SUBSCRIPTION_ID` per persona. */
  reuse?: Partial<Record<PersonaName, string>>;
}

/** From ENVIRONMENT.md variables as the sandbox launcher writes them; no EVENTS_API_URL: events skipped. */
export function profileFrom({ env, reuse = {} }: ProfileParts): Profile {
  const persona = (name: PersonaName): PersonaProfile => ({
    name,
    org: env[`${name}_ORG`] ?? '000000000',
    scopes: [],
    ...(reuse[name] ? { eventsSubscriptionId: reuse[name] } : {}),
  });
  const apiUrl = env.EVENTS_API_URL;
  return {
    envName: env.BROKER_ENV_NAME ?? 'test',
    production: false,
    writesAllowed: true,
    brokerBaseUrl: env.BROKER_BASE_URL ?? 'http://127.0.0.1:1',
    resourceId: env.BROKER_RESOURCE_ID ?? 'broker-contract-test',
    authMode: 'maskinporten',
    extraHeaders: {},
    personas: Object.fromEntries(PERSONAS.map((name) => [name, persona(name)])) as Record<
      PersonaName,
      PersonaProfile
    >,
    ...(apiUrl
      ? {
          events: {
            apiUrl,
            ...(env.EVENTS_WEBHOOK_URL ? { webhookUrl: env.EVENTS_WEBHOOK_URL } : {}),
            ...(env.EVENTS_WEBHOOK_PORT ? { webhookPort: Number(env.EVENTS_WEBHOOK_PORT) } : {}),
          },
        }
      : { eventsSkipReason: 'EVENTS_API_URL is not set' }),
    timing: { pollTimeoutMs: 10_000, eventTimeoutMs: 5_000 },
    sandbox: false,
  };
}

/** Tokens that name their persona, long enough to be registered as secrets. */
export const fakeTokens: TokenProvider = {
  token: (persona) => Promise.resolve(`test-token-of-${persona.toLowerCase()}-0123456789`),
};
