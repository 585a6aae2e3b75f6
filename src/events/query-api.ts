/**
 * The receiver's query API for Jest workers in other processes (ENVIRONMENT.md "Events"): events,
 * handshakes and malformed deliveries as JSON, with long-polling. Loopback callers only, and under its
 * own prefix, so a remote events service only ever reaches the webhook path.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RECEIVER_MAX_WAIT_MS } from '../defaults.js';
import type { EventStore } from './store.js';
import { FILTER_KEYS, QUERY_PREFIX, type EventQuery } from './types.js';

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function waitOf(params: URLSearchParams): number {
  const wait = Number(params.get('wait') ?? 0);
  return Number.isFinite(wait) ? Math.min(Math.max(wait, 0), RECEIVER_MAX_WAIT_MS) : 0;
}

export function queryOf(params: URLSearchParams): EventQuery {
  const query: EventQuery = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null && value !== '') query[key] = value;
  }
  const since = Number(params.get('since') ?? Number.NaN);
  if (Number.isFinite(since)) query.since = since;
  return query;
}

/** A signal aborted when the caller hangs up, so a long-poll does not outlive its client. */
function hangUp(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  return controller.signal;
}

export async function handleQuery(
  req: IncomingMessage,
  res: ServerResponse,
  store: EventStore,
  now: () => number,
): Promise<void> {
  // Not found rather than forbidden: a remote caller learns nothing about what is here.
  if (!isLoopback(req.socket.remoteAddress)) return json(res, 404, { error: 'not found' });
  const url = new URL(req.url ?? '/', 'http://receiver');
  const route = `${req.method ?? 'GET'} ${url.pathname.slice(QUERY_PREFIX.length)}`;
  const params = url.searchParams;
  switch (route) {
    case 'GET /events': {
      const query = queryOf(params);
      const events = await store.waitFor(() => store.events(query), waitOf(params), hangUp(res));
      return json(res, 200, { now: now(), events });
    }
    case 'GET /handshakes': {
      const source = params.get('source') ?? undefined;
      const handshakes = await store.waitFor(() => store.handshakes(source), waitOf(params), hangUp(res));
      return json(res, 200, { now: now(), handshakes });
    }
    case 'GET /findings':
      return json(res, 200, { now: now(), malformed: store.malformed() });
    case 'POST /reset':
      store.reset();
      res.writeHead(204).end();
      return;
    default:
      return json(res, 404, { error: `no query route ${route}` });
  }
}
