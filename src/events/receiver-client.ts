/**
 * The query API's client, for Jest workers that do not share the receiver's process (ENVIRONMENT.md
 * "Events"). Long waits are split into polls of at most the server's cap. A receiver that cannot be
 * reached is an environment failure, never a contract one.
 */
import { readWorkerSettings, RECEIVER_MAX_WAIT_MS, WORKER_ENV } from '../defaults.js';
import { EnvironmentError } from '../errors.js';
import {
  FILTER_KEYS,
  QUERY_PREFIX,
  type EventQuery,
  type Handshake,
  type MalformedDelivery,
  type ReceivedEvent,
} from './types.js';

export class ReceiverClient {
  readonly baseUrl: string;
  readonly #fetch: typeof fetch;

  constructor(baseUrl: string | undefined = readWorkerSettings().receiverUrl, fetchFn: typeof fetch = fetch) {
    if (!baseUrl) {
      throw new EnvironmentError(
        'EVENTS_RECEIVER_MISSING',
        `${WORKER_ENV.receiver} is not set: no webhook receiver is running for this run`,
        'the runner (src/run/run.ts) starts the event harness before Jest and passes its address; run the suite through it, and check that EVENTS_API_URL is set',
      );
    }
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#fetch = fetchFn;
  }

  /**
   * Matching events in arrival order; waits up to `waitMs` for the first when there is none yet.
   * `signal` ends the wait early (it then rejects with the signal's reason).
   */
  async events(query: EventQuery, waitMs = 0, signal?: AbortSignal): Promise<ReceivedEvent[]> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const wait = Math.max(0, Math.min(deadline - Date.now(), RECEIVER_MAX_WAIT_MS));
      const params = new URLSearchParams({ wait: String(wait) });
      for (const key of FILTER_KEYS) {
        const value = query[key];
        if (value !== undefined) params.set(key, value);
      }
      if (query.since !== undefined) params.set('since', String(query.since));
      const { events } = await this.#get<{ events: ReceivedEvent[] }>(`/events?${params.toString()}`, signal);
      if (events.length > 0 || Date.now() >= deadline) return events;
    }
  }

  async handshakes(source?: string, waitMs = 0): Promise<Handshake[]> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const wait = Math.max(0, Math.min(deadline - Date.now(), RECEIVER_MAX_WAIT_MS));
      const params = new URLSearchParams({ wait: String(wait) });
      if (source !== undefined) params.set('source', source);
      const { handshakes } = await this.#get<{ handshakes: Handshake[] }>(`/handshakes?${params.toString()}`);
      if (handshakes.length > 0 || Date.now() >= deadline) return handshakes;
    }
  }

  async findings(): Promise<MalformedDelivery[]> {
    return (await this.#get<{ malformed: MalformedDelivery[] }>('/findings')).malformed;
  }

  async reset(): Promise<void> {
    await this.#request('POST', '/reset');
  }

  async #get<T>(route: string, signal?: AbortSignal): Promise<T> {
    return (await (await this.#request('GET', route, signal)).json()) as T;
  }

  async #request(method: string, route: string, signal?: AbortSignal): Promise<Response> {
    const url = `${this.baseUrl}${QUERY_PREFIX}${route}`;
    let response: Response;
    try {
      response = await this.#fetch(url, signal ? { method, signal } : { method });
    } catch (error) {
      // Our own caller ended the wait: not the receiver's failure.
      if (signal?.aborted) throw signal.reason;
      throw new EnvironmentError(
        'EVENTS_RECEIVER_UNREACHABLE',
        `the webhook receiver at ${this.baseUrl} did not answer ${method} ${QUERY_PREFIX}${route.split('?')[0] ?? ''}: ${describe(error)}`,
        `the receiver lives in the runner's process (src/run/run.ts); check that the run is still going (${WORKER_ENV.receiver})`,
      );
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new EnvironmentError(
        'EVENTS_RECEIVER_FAILED',
        `the webhook receiver answered ${response.status} to ${method} ${QUERY_PREFIX}${route.split('?')[0] ?? ''}: ${text.slice(0, 200)}`,
      );
    }
    return response;
  }
}

/** Duck-typed: fetch's errors may come from another realm (Jest's VM), where `instanceof` fails. */
function describe(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { code?: unknown } };
  if (typeof cause?.code === 'string') return cause.code;
  return typeof message === 'string' ? message : String(error);
}
