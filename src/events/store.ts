/**
 * What the receiver has seen: events deduplicated on `id` (CONTRACT.md §6.3: at least once, retries
 * reuse the id), every copy of a logical event kept apart when ids differ (so a second copy under a
 * new id can be found), handshakes and refused deliveries. One id arriving through a second
 * subscription is the same event seen by another subscriber, not a redelivery: it is recorded in
 * `subscribers` (ENVIRONMENT.md "Events": each subscriber sees only what it may). Waiters are woken on
 * every change.
 */
import { trace } from '../trace.js';
import type { EventFilter, EventQuery, Handshake, MalformedDelivery, ReceivedEvent } from './types.js';

export type NewEvent = Omit<ReceivedEvent, 'seq' | 'redeliveries' | 'subscribers'> & {
  /** The persona the delivering subscription's endpoint names; undefined when it names none. */
  subscriber?: string;
};

export function matchesFilter(event: ReceivedEvent, query: EventQuery): boolean {
  return (
    (query.type === undefined || event.type === query.type) &&
    (query.resourceinstance === undefined || event.resourceinstance === query.resourceinstance) &&
    (query.subject === undefined || event.subject === query.subject) &&
    (query.role === undefined || event.role === query.role) &&
    (query.id === undefined || event.id === query.id) &&
    (query.subscriber === undefined || event.subscribers.includes(query.subscriber)) &&
    (query.since === undefined || event.receivedAt >= query.since)
  );
}

export class EventStore {
  readonly #events: ReceivedEvent[] = [];
  readonly #byId = new Map<string, ReceivedEvent>();
  readonly #handshakes: Handshake[] = [];
  readonly #malformed: MalformedDelivery[] = [];
  readonly #listeners = new Set<() => void>();

  /**
   * Records a delivery and returns the event it is a copy of. A known id through a subscription not yet
   * seen for it adds that subscriber; otherwise it counts as a redelivery of the first copy.
   */
  add(next: NewEvent): ReceivedEvent {
    const { subscriber, ...delivery } = next;
    const known = delivery.id === undefined ? undefined : this.#byId.get(delivery.id);
    if (known && subscriber !== undefined && !known.subscribers.includes(subscriber)) {
      known.subscribers.push(subscriber);
    } else if (known) {
      known.redeliveries.push({
        receivedAt: delivery.receivedAt,
        sameBody: sameJson(known.event, delivery.event),
      });
    } else {
      const stored: ReceivedEvent = {
        ...delivery,
        seq: this.#events.length + 1,
        redeliveries: [],
        subscribers: subscriber === undefined ? [] : [subscriber],
      };
      this.#events.push(stored);
      // For the benchmark's transition latency: when the suite could first know of it by event.
      trace({
        kind: 'event',
        start: stored.receivedAt,
        end: stored.receivedAt,
        ...(stored.resourceinstance === undefined ? {} : { id: stored.resourceinstance }),
        label: stored.type ?? '',
      });
      if (stored.id !== undefined) this.#byId.set(stored.id, stored);
    }
    this.#changed();
    return known ?? (this.#events.at(-1) as ReceivedEvent);
  }

  addHandshake(handshake: Handshake): void {
    this.#handshakes.push(handshake);
    this.#changed();
  }

  addMalformed(delivery: MalformedDelivery): void {
    this.#malformed.push(delivery);
    this.#changed();
  }

  /** Events in arrival order. */
  events(query: EventQuery = {}): ReceivedEvent[] {
    return this.#events.filter((event) => matchesFilter(event, query));
  }

  /** Every copy of one logical event: same type, transfer and subject, whatever the id. */
  copies(event: Pick<EventFilter, 'type' | 'resourceinstance' | 'subject'>): ReceivedEvent[] {
    return this.events({
      type: event.type,
      resourceinstance: event.resourceinstance,
      subject: event.subject,
    });
  }

  handshakes(source?: string): Handshake[] {
    return this.#handshakes.filter((h) => source === undefined || h.source === source);
  }

  malformed(): MalformedDelivery[] {
    return [...this.#malformed];
  }

  reset(): void {
    this.#events.length = 0;
    this.#byId.clear();
    this.#handshakes.length = 0;
    this.#malformed.length = 0;
    this.#changed();
  }

  /**
   * Resolves with `read()`'s first non-empty answer, or its empty answer once `waitMs` has passed.
   * `signal` ends the wait early (a long-poll whose client went away).
   */
  waitFor<T>(read: () => T[], waitMs: number, signal?: AbortSignal): Promise<T[]> {
    const now = read();
    if (now.length > 0 || waitMs <= 0 || signal?.aborted) return Promise.resolve(now);
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.#listeners.delete(check);
        signal?.removeEventListener('abort', finish);
        resolve(read());
      };
      const check = (): void => {
        if (read().length > 0) finish();
      };
      const timer = setTimeout(finish, waitMs);
      this.#listeners.add(check);
      signal?.addEventListener('abort', finish, { once: true });
    });
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
