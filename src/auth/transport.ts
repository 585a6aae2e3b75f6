/**
 * One HTTP exchange with an authentication endpoint (ENVIRONMENT.md "Maskinporten mode" steps 2 and 3),
 * bounded by a timeout that covers the body too, and its transport failures turned into
 * EnvironmentErrors: `AUTH_TIMEOUT`, `AUTH_UNREACHABLE` or their `AUTH_EXCHANGE_` twins.
 */
import { EnvironmentError, type EnvironmentCode } from '../errors.js';
import { redact } from '../redact.js';

export type FetchLike = typeof fetch;

export interface AuthCall {
  /** Says who asked and where, for messages: "SENDER's token request (POST https://…/token)". */
  what: string;
  /** The variable to check when the endpoint cannot be reached. */
  variable: string;
  /** Whose codes its transport failures get. */
  codePrefix: keyof typeof TRANSPORT_CODES;
  fetch: FetchLike;
  timeoutMs: number;
}

const TRANSPORT_CODES = {
  AUTH: { timeout: 'AUTH_TIMEOUT', unreachable: 'AUTH_UNREACHABLE' },
  AUTH_EXCHANGE: { timeout: 'AUTH_EXCHANGE_TIMEOUT', unreachable: 'AUTH_EXCHANGE_UNREACHABLE' },
} as const satisfies Record<string, Record<'timeout' | 'unreachable', EnvironmentCode>>;

export interface AuthAnswer {
  status: number;
  text: string;
}

export async function callAuthEndpoint(call: AuthCall, url: string, init: RequestInit): Promise<AuthAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), call.timeoutMs);
  try {
    const response = await call.fetch(url, { ...init, signal: controller.signal });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    if (controller.signal.aborted) {
      throw new EnvironmentError(
        TRANSPORT_CODES[call.codePrefix].timeout,
        `No answer to ${call.what} within ${call.timeoutMs} ms.`,
        `Check that ${call.variable} points at a live endpoint and that it is reachable from here.`,
      );
    }
    throw new EnvironmentError(
      TRANSPORT_CODES[call.codePrefix].unreachable,
      `${capitalise(call.what)} failed before an answer came: ${transportCause(error)}.`,
      `Check ${call.variable}, DNS, proxies and the network between here and that host.`,
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * undici hides the socket's reason in `cause` (ECONNREFUSED, "other side closed"). Read by shape, not
 * `instanceof`: the cause may come from another realm (Node's internals seen from a Jest VM context).
 */
function transportCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && parts.length < 3) {
    const { message, code, cause } = current as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof message === 'string' && message !== '') {
      parts.push(typeof code === 'string' ? `${message} (${code})` : message);
    } else if (typeof code === 'string') parts.push(code);
    current = cause;
  }
  return redact(parts.join(': ') || String(error));
}

/** An answer body quoted in a message: redacted, on one line, cut short. */
export function quoteBody(text: string, max = 300): string {
  const line = redact(text).replace(/\s+/g, ' ').trim();
  if (line === '') return '(empty body)';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
