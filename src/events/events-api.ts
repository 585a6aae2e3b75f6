/**
 * The three Altinn Events subscription calls the suite makes (ENVIRONMENT.md "Events", CONTRACT.md
 * §6.4): create, read and delete. Altinn Events is part of the environment, not of the Broker, so every
 * failure here is an EnvironmentError naming the persona, the call, the status and a redacted excerpt.
 */
import { EnvironmentError, type EnvironmentCode } from '../errors.js';
import type { PersonaName } from '../profile/types.js';
import { redact, registerSecret } from '../redact.js';

export interface EventsApi {
  apiUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

export interface RemoteSubscription {
  id: string;
  /** The subscription's URL: the `source` of its validation handshake. */
  url: string;
  endPoint?: string;
}

const HINTS: Record<number, string> = {
  400: 'the events service refused the request: it validates the endpoint first, so check that EVENTS_WEBHOOK_URL reaches the receiver from there',
  401: "the persona's token was refused: check its Maskinporten client, ALTINN_EXCHANGE_URL and EVENTS_API_URL",
  403: 'the token needs the scope altinn:events.subscribe, and the resource policy must grant "subscribe" (CONTRACT.md §6.4)',
};

async function send(
  api: EventsApi,
  persona: PersonaName,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string; headers: Headers }> {
  registerSecret(token);
  const url = `${api.apiUrl}${path}`;
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await api.fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(api.timeoutMs),
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  } catch (error) {
    const { name, message, cause } = (error ?? {}) as {
      name?: unknown;
      message?: unknown;
      cause?: { code?: unknown };
    };
    const why =
      name === 'TimeoutError' ? `no answer within ${api.timeoutMs} ms` : String(cause?.code ?? message);
    throw new EnvironmentError(
      'EVENTS_UNREACHABLE',
      `${persona}: ${method} ${url} failed: ${redact(why)}`,
      'check EVENTS_API_URL and that the events service is reachable from here',
    );
  }
}

/** The events service answered a call with a status it should not have; `status` lets a caller single out a refusal (403). */
export class EventsApiError extends EnvironmentError {
  constructor(
    code: EnvironmentCode,
    message: string,
    hint: string | undefined,
    readonly status: number,
  ) {
    super(code, message, hint);
  }
}

function failure(persona: PersonaName, what: string, status: number, text: string): EventsApiError {
  const excerpt = redact(text.slice(0, 300)).trim();
  return new EventsApiError(
    status === 401 ? 'EVENTS_UNAUTHORIZED' : 'EVENTS_SUBSCRIPTION_FAILED',
    `${persona}: ${what} answered ${status}${excerpt ? `: ${excerpt}` : ''}`,
    HINTS[status] ?? (status >= 500 ? 'the events service failed; try again later' : undefined),
    status,
  );
}

/** `POST /subscriptions`; the created subscription, or an EnvironmentError. */
export async function createSubscription(
  api: EventsApi,
  persona: PersonaName,
  token: string,
  request: { endPoint: string; resourceFilter: string },
): Promise<RemoteSubscription> {
  const what = `POST ${api.apiUrl}/subscriptions`;
  const answer = await send(api, persona, token, 'POST', '/subscriptions', request);
  if (answer.status !== 201 && answer.status !== 200)
    throw failure(persona, what, answer.status, answer.text);
  let id: unknown;
  try {
    id = (JSON.parse(answer.text) as { id?: unknown }).id;
  } catch {
    id = undefined;
  }
  if ((typeof id !== 'number' && typeof id !== 'string') || id === '') {
    throw new EnvironmentError(
      'EVENTS_SUBSCRIPTION_FAILED',
      `${persona}: ${what} answered ${answer.status} without a subscription id: ${redact(answer.text.slice(0, 300))}`,
    );
  }
  const location = answer.headers.get('location');
  const url = location ? new URL(location, `${api.apiUrl}/`).href : `${api.apiUrl}/subscriptions/${id}`;
  return { id: String(id), url, endPoint: request.endPoint };
}

/** `GET /subscriptions/{id}`; null when it does not exist (404). */
export async function getSubscription(
  api: EventsApi,
  persona: PersonaName,
  token: string,
  id: string,
): Promise<RemoteSubscription | null> {
  const path = `/subscriptions/${encodeURIComponent(id)}`;
  const answer = await send(api, persona, token, 'GET', path);
  if (answer.status === 404) return null;
  if (answer.status !== 200) throw failure(persona, `GET ${api.apiUrl}${path}`, answer.status, answer.text);
  let endPoint: unknown;
  try {
    endPoint = (JSON.parse(answer.text) as { endPoint?: unknown }).endPoint;
  } catch {
    endPoint = undefined;
  }
  return {
    id,
    url: `${api.apiUrl}${path}`,
    ...(typeof endPoint === 'string' ? { endPoint } : {}),
  };
}

/** `DELETE /subscriptions/{id}`; `absent` when it was already gone (404). */
export async function deleteSubscription(
  api: EventsApi,
  persona: PersonaName,
  token: string,
  id: string,
): Promise<'deleted' | 'absent'> {
  const path = `/subscriptions/${encodeURIComponent(id)}`;
  const answer = await send(api, persona, token, 'DELETE', path);
  if (answer.status === 404) return 'absent';
  if (answer.status >= 200 && answer.status < 300) return 'deleted';
  throw failure(persona, `DELETE ${api.apiUrl}${path}`, answer.status, answer.text);
}
