/**
 * The environment profile: everything the suite knows about a deployment, read from the variables of
 * ENVIRONMENT.md and validated before any request. Nothing about a deployment is hard-coded elsewhere.
 */
import type { JWK } from 'jose';

/** The personas every environment has (ENVIRONMENT.md "Authentication"). */
export const PERSONAS = ['SERVICEOWNER', 'SENDER', 'RECIPIENT', 'OUTSIDER'] as const;
/** Personas an environment may have: present when their `P_ORG` is set. */
export const OPTIONAL_PERSONAS = ['RECIPIENT2'] as const;
export const ALL_PERSONAS = [...PERSONAS, ...OPTIONAL_PERSONAS] as const;
export type RequiredPersona = (typeof PERSONAS)[number];
export type OptionalPersona = (typeof OPTIONAL_PERSONAS)[number];
export type PersonaName = RequiredPersona | OptionalPersona;

export type PrivateKeySource = { kind: 'jwk'; jwk: JWK } | { kind: 'pem'; pem: string };

export interface PersonaProfile {
  name: PersonaName;
  /** `P_ORG`: 9 digits. */
  org: string;
  /** `P_SCOPE`, split; ENVIRONMENT.md's defaults when unset. */
  scopes: string[];
  /** `P_TOKEN` (static mode). */
  token?: string;
  /** `P_CLIENT_ID`, `P_KID`, `P_JWK`/`P_PEM` (maskinporten mode). */
  clientId?: string;
  kid?: string;
  key?: PrivateKeySource;
  /** `P_SYSTEMUSER_ORG`: 9 digits. */
  systemUserOrg?: string;
  /** `P_EVENTS_SUBSCRIPTION_ID` (SENDER and RECIPIENT only). */
  eventsSubscriptionId?: string;
}

export interface EventsProfile {
  /** `EVENTS_API_URL`, without a trailing slash. */
  apiUrl: string;
  /** `EVENTS_WEBHOOK_URL`; undefined: `http://127.0.0.1:<port>/events` once the receiver listens. */
  webhookUrl?: string;
  /** `EVENTS_WEBHOOK_PORT`; undefined: any free port. */
  webhookPort?: number;
}

export interface Profile {
  /** `BROKER_ENV_NAME` (default: the base URL's host). */
  envName: string;
  /** `prod`/`production`: the production guard is on. */
  production: boolean;
  /** False on production unless `BROKER_ALLOW_WRITES=true`. */
  writesAllowed: boolean;
  /** `BROKER_BASE_URL`, origin without a trailing slash. */
  brokerBaseUrl: string;
  /** `BROKER_RESOURCE_ID`. */
  resourceId: string;
  /** `BROKER_OPENAPI`; undefined: the bundled spec/. */
  openapi?: string;
  authMode: 'maskinporten' | 'static';
  /** Maskinporten mode only. */
  maskinporten?: { tokenUrl: string; audience: string };
  /** `ALTINN_EXCHANGE_URL`; undefined: Maskinporten tokens are used directly. */
  exchangeUrl?: string;
  /** `BROKER_EXTRA_HEADERS`, sent on every Broker request; values are secrets. */
  extraHeaders: Record<string, string>;
  /** The four every environment has, and each optional one whose `P_ORG` is set. */
  personas: Record<RequiredPersona, PersonaProfile> & Partial<Record<OptionalPersona, PersonaProfile>>;
  /** Undefined when `EVENTS_API_URL` is unset: event checks are skipped, and this says why. */
  events?: EventsProfile;
  eventsSkipReason?: string;
  timing: { pollTimeoutMs: number; eventTimeoutMs: number };
  /** True when the embedded sandbox was started because `BROKER_BASE_URL` was unset. */
  sandbox: boolean;
}
