/**
 * Webhook delivery with retries, as Altinn Events does it: at least once, unordered, every attempt
 * carrying the same event id so that subscribers can de-duplicate (ENVIRONMENT.md "Events", CONTRACT.md §6.3).
 */
import type { DeliveryRecord } from './types.js';

export const CLOUDEVENTS_JSON = 'application/cloudevents+json';

/** @default 5000: how long one POST to a webhook may take before it counts as failed. */
export const DEFAULT_TIMEOUT_MS = 5000;

export type PostResult = { status: number } | { error: string };

/** POSTs a JSON body; a timeout, network error or `signal` abort comes back as `{ error }`, never thrown. */
export async function postJson(
  fetchFn: typeof fetch,
  url: string,
  body: unknown,
  options: { contentType: string; timeoutMs: number; signal?: AbortSignal },
): Promise<PostResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const cancel = (): void => controller.abort();
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': options.contentType },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    // Only the status matters; releasing the body frees the connection.
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  } catch (error) {
    if (timedOut) return { error: `no answer within ${options.timeoutMs} ms` };
    if (options.signal?.aborted) return { error: 'cancelled' };
    return { error: `network error: ${describe(error)}` };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
}

/** Duck-typed, because fetch's errors may come from another realm (Jest's VM), where `instanceof` fails. */
function describe(error: unknown): string {
  const { message, cause } = (error ?? {}) as {
    message?: unknown;
    cause?: { code?: unknown; message?: unknown };
  };
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return typeof message === 'string' ? message : String(error);
}

export interface DeliveryOptions {
  fetch: typeof fetch;
  /** Attempts in total, the first included. */
  attempts: number;
  /** Wait before the second attempt; each further wait doubles. */
  backoffMs: number;
  timeoutMs: number;
  contentType: string;
  log: (line: string) => void;
}

interface Job {
  record: DeliveryRecord;
  url: string;
  event: { id: string };
  /** False once the subscription is deleted: scheduled retries then stop. */
  isActive: () => boolean;
  timer?: NodeJS.Timeout;
  controller?: AbortController;
}

export class DeliveryQueue {
  readonly #options: DeliveryOptions;
  readonly #records: DeliveryRecord[] = [];
  readonly #jobs = new Set<Job>();
  #waiters: (() => void)[] = [];
  #closed = false;

  constructor(options: DeliveryOptions) {
    this.#options = options;
  }

  /** Starts delivering at once; the outcome is only visible in `records()`. */
  enqueue(
    subscriptionId: number,
    url: string,
    event: { id: string; type: string },
    isActive: () => boolean,
  ): void {
    const record: DeliveryRecord = {
      subscriptionId,
      eventId: event.id,
      type: event.type,
      attempts: 0,
      status: 'pending',
    };
    this.#records.push(record);
    const job: Job = { record, url, event, isActive };
    this.#jobs.add(job);
    if (this.#closed) return this.#finish(job, 'failed', 'closed');
    void this.#attempt(job);
  }

  records(): DeliveryRecord[] {
    return this.#records.map((record) => ({ ...record }));
  }

  /** Resolves when no attempt is in flight or scheduled. */
  idle(): Promise<void> {
    if (this.#jobs.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Cancels scheduled retries and aborts attempts in flight; what was unfinished is recorded as failed. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of [...this.#jobs]) {
      if (job.timer) {
        clearTimeout(job.timer);
        this.#finish(job, 'failed', 'closed');
      } else {
        job.controller?.abort();
      }
    }
    await this.idle();
  }

  async #attempt(job: Job): Promise<void> {
    job.timer = undefined;
    if (!job.isActive()) return this.#finish(job, 'failed', 'subscription deleted');
    const { record } = job;
    record.attempts += 1;
    job.controller = new AbortController();
    const result = await postJson(this.#options.fetch, job.url, job.event, {
      contentType: this.#options.contentType,
      timeoutMs: this.#options.timeoutMs,
      signal: job.controller.signal,
    });
    job.controller = undefined;
    if ('status' in result && result.status >= 200 && result.status < 300) {
      return this.#finish(job, 'delivered', undefined);
    }
    const error = 'status' in result ? `HTTP ${result.status}` : result.error;
    if (this.#closed) return this.#finish(job, 'failed', error);
    if (record.attempts >= this.#options.attempts) return this.#finish(job, 'failed', error);
    record.lastError = error;
    const wait = this.#options.backoffMs * 2 ** (record.attempts - 1);
    this.#options.log(
      `events: ${record.type} ${record.eventId} to subscription ${record.subscriptionId} failed (${error}), retry in ${wait} ms`,
    );
    job.timer = setTimeout(() => void this.#attempt(job), wait);
  }

  #finish(job: Job, status: 'delivered' | 'failed', error: string | undefined): void {
    const { record } = job;
    record.status = status;
    if (error !== undefined) record.lastError = error;
    const outcome = status === 'delivered' ? 'delivered' : `given up (${error})`;
    this.#options.log(
      `events: ${record.type} ${record.eventId} to subscription ${record.subscriptionId} ${outcome} after ${record.attempts} attempt(s)`,
    );
    this.#jobs.delete(job);
    if (this.#jobs.size > 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}
