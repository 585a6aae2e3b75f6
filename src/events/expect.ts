/**
 * The expectations suites state about events (CONTRACT.md §6, ENVIRONMENT.md "Events"): one arrives
 * within a bound and passes its checks, none arrives, exactly one logical copy arrives (a second copy
 * under a new id is a defect; a redelivery under the same id is allowed, §6.3), and an event does not
 * arrive before the transition it reports. Works from any Jest worker through the receiver's query API.
 */
import { DEFAULT_EVENT_TIMEOUT_MS, DEFAULT_QUIET_MS } from '../defaults.js';
import { ContractError, WaitTimeoutError } from '../errors.js';
import { internalsObservations, type Observe } from '../spec/internal-names.js';
import { formatViolations } from '../spec/violations.js';
import { traced } from '../trace.js';
import { ReceiverClient } from './receiver-client.js';
import { fullEventType, type EventFilter, type ReceivedEvent } from './types.js';

export { correlate, defaultIsAtOrPast, defaultStatusOf, type PollObservation } from './correlate.js';

export interface ConnectOptions {
  /** `BROKER_EVENT_TIMEOUT_MS`. @default DEFAULT_EVENT_TIMEOUT_MS (src/defaults.ts) */
  defaultWithinMs?: number;
  /** How long `expectExactlyOnce` waits for a second copy. @default DEFAULT_QUIET_MS (src/defaults.ts) */
  defaultSettleMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Told of an expected event's internal-looking undocumented members (src/spec/internal-names.ts). */
  observe?: Observe;
}

export interface EventExpectations {
  readonly client: ReceiverClient;
  /** The first matching event; fails when none arrives `within` ms or the event fails its checks. */
  expect(filter: EventFilter, options?: { within?: number; since?: number }): Promise<ReceivedEvent>;
  /** Fails as soon as a matching event is seen during the next `during` ms (or was seen before). */
  expectNone(filter: EventFilter, options: { during: number; since?: number }): Promise<void>;
  /** As `expect`, then fails when another id reports the same type, transfer and subject. */
  expectExactlyOnce(
    filter: EventFilter,
    options?: { within?: number; settleMs?: number },
  ): Promise<ReceivedEvent>;
  /** `first` came before `second`, by the Broker's send `time` or by local arrival. */
  expectOrder(first: ReceivedEvent, second: ReceivedEvent, options?: { by?: 'time' | 'receivedAt' }): void;
}

function normalised(filter: EventFilter): EventFilter {
  return filter.type === undefined ? filter : { ...filter, type: fullEventType(filter.type) };
}

export function describeFilter(filter: EventFilter): string {
  const parts = [filter.type ?? 'of any type'];
  if (filter.resourceinstance) parts.push(`for transfer ${filter.resourceinstance}`);
  if (filter.subject) parts.push(`to ${filter.subject}`);
  if (filter.role) parts.push(`(Role ${filter.role})`);
  if (filter.id) parts.push(`with id ${filter.id}`);
  if (filter.subscriber) parts.push(`through ${filter.subscriber}'s subscription`);
  return parts.join(' ');
}

export function describeEvent(event: ReceivedEvent): string {
  const type = event.type?.replace('no.altinn.broker.', '') ?? '(no type)';
  const copies = event.redeliveries.length > 0 ? `, ${event.redeliveries.length + 1} deliveries` : '';
  const through = event.subscribers.length > 0 ? `, through ${event.subscribers.join(' and ')}` : '';
  return `${type} to ${event.subject ?? '(no subject)'} (Role ${event.role ?? '?'}) id ${event.id ?? '(none)'} at ${new Date(event.receivedAt).toISOString()}${copies}${through}`;
}

/** Throws when the event failed its CloudEvents or webhook-schema checks (§6.2). */
export function assertValid(event: ReceivedEvent): ReceivedEvent {
  const context = {
    fileTransferId: event.resourceinstance,
    eventId: event.id,
    type: event.type,
    contentType: event.contentType,
  };
  if (event.envelope.length > 0) {
    throw new ContractError(
      'EVENT_ENVELOPE',
      `event ${describeEvent(event)} is not a valid CloudEvents 1.0 envelope (CONTRACT.md §6.2):\n${formatViolations(event.envelope)}`,
      { ...context, violations: event.envelope },
    );
  }
  if (event.schema.length > 0) {
    throw new ContractError(
      'EVENT_SCHEMA',
      `event ${describeEvent(event)} does not match the spec's webhook for its type (CONTRACT.md §6.2):\n${formatViolations(event.schema)}`,
      { ...context, violations: event.schema },
    );
  }
  return event;
}

export function connectEvents(
  /** @default the `BROKER_CONTRACT_RECEIVER` run setting (src/defaults.ts) */
  baseUrl?: string,
  options: ConnectOptions = {},
): EventExpectations {
  const client = new ReceiverClient(baseUrl, options.fetch);
  const defaultWithinMs = options.defaultWithinMs ?? DEFAULT_EVENT_TIMEOUT_MS;
  const defaultSettleMs = options.defaultSettleMs ?? DEFAULT_QUIET_MS;

  async function expectOne(raw: EventFilter, opts: { within?: number; since?: number } = {}) {
    const filter = normalised(raw);
    const within = opts.within ?? defaultWithinMs;
    const started = Date.now();
    const [found] = await traced('wait', () => client.events({ ...filter, since: opts.since }, within), {
      ...(filter.resourceinstance ? { id: filter.resourceinstance } : {}),
      label: 'event',
    });
    if (found) {
      for (const o of internalsObservations(`event ${found.type ?? '(no type)'}`, found.schema))
        options.observe?.(o);
      return assertValid(found);
    }
    const context = filter.resourceinstance ? { resourceinstance: filter.resourceinstance } : {};
    const arrived = (await client.events(context)).slice(-20);
    const where = filter.resourceinstance ? ` for transfer ${filter.resourceinstance}` : '';
    const seen = arrived.length
      ? `what the receiver got${where}:${arrived.map((event) => `\n  - ${describeEvent(event)}`).join('')}`
      : `the receiver got nothing${where}`;
    throw new WaitTimeoutError(
      'EVENT_TIMEOUT',
      `no event ${describeFilter(filter)} arrived within ${within} ms; ${seen}\n` +
        `  → check the subscriptions' handshakes and that the events service reaches the webhook (EVENTS_WEBHOOK_URL)`,
      arrived,
      Date.now() - started,
    );
  }

  return {
    client,
    expect: expectOne,

    async expectNone(raw, { during, since }) {
      const filter = normalised(raw);
      const [found] = await traced('wait', () => client.events({ ...filter, since }, during), {
        label: 'no event',
      });
      if (!found) return;
      throw new ContractError(
        'EVENT_UNEXPECTED',
        `expected no event ${describeFilter(filter)}, but got ${describeEvent(found)} (CONTRACT.md §6.1)`,
        { fileTransferId: found.resourceinstance, eventId: found.id, type: found.type, event: found.event },
      );
    },

    async expectExactlyOnce(raw, opts = {}) {
      const first = await expectOne(raw, { within: opts.within });
      await traced(
        'wait',
        () => new Promise((resolve) => setTimeout(resolve, opts.settleMs ?? defaultSettleMs)),
        { label: 'quiet period' },
      );
      const copies = await client.events({
        type: first.type,
        resourceinstance: first.resourceinstance,
        subject: first.subject,
      });
      if (copies.length <= 1) return first;
      throw new ContractError(
        'EVENT_DUPLICATE',
        `${copies.length} events with different ids report ${describeFilter({ type: first.type, resourceinstance: first.resourceinstance, subject: first.subject })}; ` +
          `retries must reuse the id (CONTRACT.md §6.2, §6.3):${copies.map((e) => `\n  - ${describeEvent(e)}`).join('')}`,
        {
          fileTransferId: first.resourceinstance,
          type: first.type,
          expected: 1,
          actual: copies.map((e) => e.id),
        },
      );
    },

    expectOrder(first, second, { by = 'time' } = {}) {
      const at = (e: ReceivedEvent): number =>
        by === 'time' ? Date.parse(String(e.event.time)) : e.receivedAt;
      const [a, b] = [at(first), at(second)];
      if (a <= b) return;
      // A missing or unreadable `time` fails too: the order the caller relies on cannot be shown.
      const why = Number.isNaN(a) || Number.isNaN(b) ? 'one of them has no readable time' : 'it came after';
      throw new ContractError(
        'EVENT_ORDER',
        `expected ${describeEvent(first)} before ${describeEvent(second)} by ${by}, but ${why}`,
        { fileTransferId: first.resourceinstance, expected: [first.id, second.id], by },
      );
    },
  };
}
