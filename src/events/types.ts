/**
 * What the webhook receiver records and answers over its query API (ENVIRONMENT.md "Events",
 * CONTRACT.md §6): plain JSON shapes, because Jest workers read them from another process.
 */
import type { Violation } from '../spec/violations.js';

/** The Altinn Events validation event a new subscription's endpoint must answer 200 (ENVIRONMENT.md "Events"). */
export const HANDSHAKE_TYPE = 'platform.events.validatesubscription';

/** The two media types deliveries come with: Altinn Events sends the first, other senders the second. */
export const ACCEPTED_MEDIA_TYPES = ['application/json', 'application/cloudevents+json'] as const;

/** The query API's prefix; never under the public webhook path, so a remote sender only reaches that. */
export const QUERY_PREFIX = '/_receiver';

/**
 * The query parameter each subscription the suite makes carries in its endpoint, naming its persona
 * (src/events/subscriptions.ts): every subscription delivers to the one webhook, and this is how a
 * delivery is traced to the subscription it came through.
 */
export const SUBSCRIBER_PARAM = 'subscriber';

/** One CloudEvent as received, deduplicated on `id` (§6.3: at least once, retries reuse the id). */
export interface ReceivedEvent {
  /** Arrival order in this receiver, from 1. */
  seq: number;
  /** Local `Date.now()` when the first delivery arrived. */
  receivedAt: number;
  contentType: string;
  /** The body of the first delivery, as text. */
  raw: string;
  /** The parsed body. */
  event: Record<string, unknown>;
  id?: string;
  type?: string;
  resourceinstance?: string;
  subject?: string;
  /** `data.Role` (§6.2: the key is capitalised). */
  role?: string;
  /**
   * The personas whose subscriptions delivered it (their endpoints' `subscriber` parameter), in arrival
   * order; empty when it came only through an endpoint without one (a reused `P_EVENTS_SUBSCRIPTION_ID`).
   */
  subscribers: string[];
  /** CloudEvents 1.0 attribute findings (required attributes, `time` format). */
  envelope: Violation[];
  /** Findings of the payload against the spec's `webhooks` entry for its type. */
  schema: Violation[];
  /** Later deliveries with the same id through the same subscription: allowed (at-least-once), counted, compared with the first. */
  redeliveries: { receivedAt: number; sameBody: boolean }[];
}

/** A validation handshake: answered 200 and kept, keyed by `source` (the subscription's URL). */
export interface Handshake {
  receivedAt: number;
  contentType: string;
  id?: string;
  source?: string;
  raw: string;
  envelope: Violation[];
}

/** A delivery the receiver refused: not JSON, not an object, another media type, too big. */
export interface MalformedDelivery {
  receivedAt: number;
  contentType: string | null;
  /** What the receiver answered. */
  status: number;
  reason: string;
  /** The first bytes of the body, as text. */
  excerpt: string;
}

/** Which events a query or expectation is about; every given field must match. */
export interface EventFilter {
  type?: string;
  resourceinstance?: string;
  subject?: string;
  /** `Sender` or `Recipient`, as in `data.Role`. */
  role?: string;
  id?: string;
  /** A persona whose subscription delivered it (`ReceivedEvent.subscribers`). */
  subscriber?: string;
}

export interface EventQuery extends EventFilter {
  /** Only events first received at or after this local ms time. */
  since?: number;
}

export const FILTER_KEYS = ['type', 'resourceinstance', 'subject', 'role', 'id', 'subscriber'] as const;

/** The subject of an event about an organisation (§6.2). */
export function subjectOf(org: string): string {
  return `urn:altinn:organization:identifier-no:${org}`;
}

/** Short names are accepted where a type is expected: `published` means `no.altinn.broker.published`. */
export function fullEventType(type: string): string {
  return type.includes('.') ? type : `no.altinn.broker.${type}`;
}
