/**
 * The suite's Altinn Events subscriptions (ENVIRONMENT.md "Events", CONTRACT.md §6.4): one as SENDER and
 * one as RECIPIENT, because each party receives only the events about itself, and one as OUTSIDER, party
 * to none of the run's transfers, which must therefore receive none of their events. Each endpoint
 * names its persona (`?subscriber=`), so a delivery is traced to its subscription. A
 * `P_EVENTS_SUBSCRIPTION_ID` is reused, never created or deleted; what the suite creates is written to
 * the ledger and deleted by `cleanup()`, on interruption too.
 */
import type { TokenProvider } from '../auth/types.js';
import { EVENTS_REQUEST_TIMEOUT_MS, HANDSHAKE_WAIT_MS } from '../defaults.js';
import { EnvironmentError } from '../errors.js';
import type { PersonaName, Profile } from '../profile/types.js';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  EventsApiError,
  type EventsApi,
  type RemoteSubscription,
} from './events-api.js';
import { onInterrupt, type InterruptTarget } from '../interrupt.js';
import { addEntry, DEFAULT_LEDGER_PATH, replaceEntry, type LedgerEntry } from './ledger.js';
import { SUBSCRIBER_PARAM, type Handshake } from './types.js';

export type SubscriberPersona = Extract<PersonaName, 'SENDER' | 'RECIPIENT' | 'OUTSIDER'>;

export interface SubscriptionEntry {
  persona: SubscriberPersona;
  id: string;
  /** The subscription's URL, which its validation handshake names as `source`. */
  url: string;
  /** False for a reused `P_EVENTS_SUBSCRIPTION_ID`. */
  created: boolean;
  /** The handshake seen for it; null when none came in time; undefined when none was awaited. */
  handshake?: Handshake | null;
}

export interface SubscriptionOptions {
  profile: Pick<Profile, 'resourceId' | 'events' | 'personas'>;
  tokens: TokenProvider;
  webhookUrl: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default ['SENDER', 'RECIPIENT', 'OUTSIDER'] */
  personas?: SubscriberPersona[];
  /**
   * Personas the events service may refuse (403) without failing the run: Altinn Events asks the PDP
   * whether the consumer may `subscribe` to the resource, and an organisation party to nothing may be
   * refused, correctly. Their refusal is kept in `refused`. @default ['OUTSIDER']
   */
  refusable?: SubscriberPersona[];
  /** @default 'reports/.subscriptions.json' */
  ledgerPath?: string;
  /** Resolves with the handshake naming `subscription`, or null after `withinMs`. Unset: none awaited. */
  awaitHandshake?: (subscription: { id: string; url: string }, withinMs: number) => Promise<Handshake | null>;
  /** @default HANDSHAKE_WAIT_MS (src/defaults.ts) */
  handshakeWithinMs?: number;
  /** @default EVENTS_REQUEST_TIMEOUT_MS (src/defaults.ts) */
  requestTimeoutMs?: number;
  /** Cleanup on SIGINT, SIGTERM and beforeExit while subscriptions are live. @default true */
  handleSignals?: boolean;
  /** Where those handlers go. @default process */
  interruptTarget?: InterruptTarget;
  /** @default console.warn */
  log?: (line: string) => void;
}

/** A subscription the events service refused (403) to a `refusable` persona: consumer authorization, not a failure. */
export interface SubscriptionRefusal {
  persona: SubscriberPersona;
  reason: string;
}

export interface Subscriptions {
  entries: SubscriptionEntry[];
  refused: SubscriptionRefusal[];
  /** Things a report should show: a reused subscription that is missing or points elsewhere, a missing handshake. */
  warnings: string[];
  /** Deletes what was created (an id already gone is fine); safe to call again. */
  cleanup(): Promise<void>;
}

/** Whether `handshake` validates `subscription`: its source is the subscription's URL (or ends as one). */
export function isHandshakeFor(handshake: Handshake, subscription: { id: string; url: string }): boolean {
  const source = handshake.source ?? '';
  return source === subscription.url || source.endsWith(`/subscriptions/${subscription.id}`);
}

/** The webhook URL with the persona as `?subscriber=`, which the receiver records on each delivery. */
export function endpointFor(webhookUrl: string, persona: SubscriberPersona): string {
  const url = new URL(webhookUrl);
  url.searchParams.set(SUBSCRIBER_PARAM, persona);
  return url.href;
}

export async function createSubscriptions(options: SubscriptionOptions): Promise<Subscriptions> {
  const events = options.profile.events;
  if (!events) {
    throw new EnvironmentError(
      'EVENTS_NOT_CONFIGURED',
      'EVENTS_API_URL is not set: there is nothing to subscribe to',
    );
  }
  const api: EventsApi = {
    apiUrl: events.apiUrl,
    fetch: options.fetch ?? fetch,
    timeoutMs: options.requestTimeoutMs ?? EVENTS_REQUEST_TIMEOUT_MS,
  };
  const ledgerPath = options.ledgerPath ?? DEFAULT_LEDGER_PATH;
  const log = options.log ?? ((line: string) => console.warn(line));
  const entries: SubscriptionEntry[] = [];
  const refused: SubscriptionRefusal[] = [];
  const refusable = options.refusable ?? ['OUTSIDER'];
  const resourceFilter = `urn:altinn:resource:${options.profile.resourceId}`;
  const warnings: string[] = [];
  const warn = (line: string): void => {
    warnings.push(line);
    log(`events: ${line}`);
  };
  const live = new Map<SubscriptionEntry, LedgerEntry>();
  let unregister: (() => void) | undefined;
  let running: Promise<void> | undefined;

  async function deleteLive(): Promise<void> {
    const failures: string[] = [];
    for (const [entry, ledgered] of [...live]) {
      try {
        await deleteSubscription(api, entry.persona, await options.tokens.token(entry.persona), entry.id);
        live.delete(entry);
        await replaceEntry(ledgerPath, ledgered, null);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    if (live.size === 0) {
      unregister?.();
      unregister = undefined;
    }
    if (failures.length > 0) {
      throw new EnvironmentError(
        'EVENTS_CLEANUP_FAILED',
        `could not delete ${failures.length} subscription(s):\n  - ${failures.join('\n  - ')}`,
        `they stay in ${ledgerPath}; the next run sweeps them`,
      );
    }
  }
  const cleanup = (): Promise<void> => {
    running ??= deleteLive().finally(() => (running = undefined));
    return running;
  };

  try {
    for (const persona of options.personas ?? ['SENDER', 'RECIPIENT', 'OUTSIDER']) {
      const reuse = options.profile.personas[persona].eventsSubscriptionId;
      const token = await options.tokens.token(persona);
      if (reuse) {
        // Only a check: a token that may not read it does not stop a subscription that delivers.
        const found = await getSubscription(api, persona, token, reuse).catch((error: unknown) => {
          warn(`could not check ${persona}_EVENTS_SUBSCRIPTION_ID=${reuse}: ${(error as Error).message}`);
          return undefined;
        });
        if (found === null) {
          warn(
            `${persona}_EVENTS_SUBSCRIPTION_ID=${reuse} does not exist at ${api.apiUrl}: no events will arrive`,
          );
        } else if (found?.endPoint !== undefined && found.endPoint !== options.webhookUrl) {
          warn(
            `${persona}_EVENTS_SUBSCRIPTION_ID=${reuse} delivers to ${found.endPoint}, not to ${options.webhookUrl}`,
          );
        }
        entries.push({
          persona,
          id: reuse,
          url: found?.url ?? `${api.apiUrl}/subscriptions/${reuse}`,
          created: false,
        });
        continue;
      }
      const endPoint = endpointFor(options.webhookUrl, persona);
      const pending: LedgerEntry = {
        apiUrl: api.apiUrl,
        persona,
        endPoint,
        at: new Date().toISOString(),
        pid: process.pid,
      };
      await addEntry(ledgerPath, pending);
      let remote: RemoteSubscription;
      try {
        remote = await createSubscription(api, persona, token, { endPoint, resourceFilter });
      } catch (error) {
        await replaceEntry(ledgerPath, pending, null);
        if (!(refusable.includes(persona) && error instanceof EventsApiError && error.status === 403))
          throw error;
        const answer = error.message.split('\n')[0] ?? '';
        const reason =
          `${persona}'s subscription to ${resourceFilter} was refused (${answer}): Altinn Events ` +
          'authorizes a consumer on the resource before it subscribes, and may refuse one party to nothing';
        refused.push({ persona, reason });
        log(`events: ${reason}`);
        continue;
      }
      const recorded: LedgerEntry = { ...pending, id: remote.id, at: new Date().toISOString() };
      await replaceEntry(ledgerPath, pending, recorded);
      const entry: SubscriptionEntry = { persona, id: remote.id, url: remote.url, created: true };
      entries.push(entry);
      live.set(entry, recorded);
      if (options.handleSignals !== false)
        unregister ??= onInterrupt(cleanup, {
          log,
          ...(options.interruptTarget ? { target: options.interruptTarget } : {}),
        });
      if (options.awaitHandshake) {
        const within = options.handshakeWithinMs ?? HANDSHAKE_WAIT_MS;
        entry.handshake = await options.awaitHandshake(remote, within);
        if (!entry.handshake)
          warn(`no validation handshake for ${persona}'s subscription ${remote.url} within ${within} ms`);
      }
    }
  } catch (error) {
    // What was created before the failure must not outlive it.
    await cleanup().catch((cleanupError: unknown) => log(`events: ${(cleanupError as Error).message}`));
    throw error;
  }
  return { entries, refused, warnings, cleanup };
}
