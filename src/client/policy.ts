/**
 * The client's policies as values, with every default written here once (STYLE.md "Policies are
 * values"): how long a request may take, which answers are retried, and which methods may be.
 */

export interface ClientPolicy {
  /** Longest wait for a response's status and headers. @default 30000 */
  timeoutMs: number;
  /** Longest pause between two chunks of a response body (large downloads stream for minutes). @default 60000 */
  bodyIdleTimeoutMs: number;
  /** Retries after a 429 or 503 on an idempotent call. @default 2 */
  retries: number;
  /** Statuses that mean "come back later". @default [429, 503] */
  retryStatuses: number[];
  /** Wait when the answer has no usable `Retry-After`. @default 1000 */
  retryDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the answer is returned as it came. @default 30000 */
  maxRetryDelayMs: number;
  /**
   * Methods that may be repeated. POST and PATCH are not: initialize, upload, confirm and a TUS chunk
   * are never repeated blindly, because the first attempt may have taken effect.
   * @default ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']
   */
  idempotentMethods: string[];
}

export const DEFAULT_POLICY: ClientPolicy = {
  timeoutMs: 30_000,
  bodyIdleTimeoutMs: 60_000,
  retries: 2,
  retryStatuses: [429, 503],
  retryDelayMs: 1_000,
  maxRetryDelayMs: 30_000,
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
