/**
 * The client's policies as values (STYLE.md "Policies are values"): how long a request may take, which
 * answers are retried, and which methods may be. The numbers and their reasons are in src/defaults.ts.
 */
import {
  BODY_IDLE_TIMEOUT_MS,
  MAX_RETRY_DELAY_MS,
  REQUEST_RETRIES,
  REQUEST_TIMEOUT_MS,
  RETRY_DELAY_MS,
} from '../defaults.js';

export interface ClientPolicy {
  /**
   * Longest wait for a response's status and headers. For a streamed request body (`octets` of a
   * stream) it counts from the body's last byte, and bounds each pause between two of its chunks
   * instead of the whole upload. @default REQUEST_TIMEOUT_MS
   */
  timeoutMs: number;
  /** Longest pause between two chunks of a response body. @default BODY_IDLE_TIMEOUT_MS */
  bodyIdleTimeoutMs: number;
  /** Retries after a 429 or 503 on an idempotent call. @default REQUEST_RETRIES */
  retries: number;
  /** Statuses that mean "come back later". @default [429, 503] */
  retryStatuses: number[];
  /** Wait when the answer has no usable `Retry-After`. @default RETRY_DELAY_MS */
  retryDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the answer is returned as it came. @default MAX_RETRY_DELAY_MS */
  maxRetryDelayMs: number;
  /**
   * Methods that may be repeated. POST and PATCH are not: initialize, upload, confirm and a TUS chunk
   * are never repeated blindly, because the first attempt may have taken effect.
   * @default ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']
   */
  idempotentMethods: string[];
}

export const DEFAULT_POLICY: ClientPolicy = {
  timeoutMs: REQUEST_TIMEOUT_MS,
  bodyIdleTimeoutMs: BODY_IDLE_TIMEOUT_MS,
  retries: REQUEST_RETRIES,
  retryStatuses: [429, 503],
  retryDelayMs: RETRY_DELAY_MS,
  maxRetryDelayMs: MAX_RETRY_DELAY_MS,
  idempotentMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'],
};

/** `Retry-After` as milliseconds (RFC 9110 §10.2.3: delay-seconds or an HTTP-date); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
