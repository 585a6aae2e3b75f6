/**
 * A small stand-in for the Altinn Events subscription API (ENVIRONMENT.md "Events"), whose answers a
 * test sets per call, and which records every request it got.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serve, type TestServer } from '../helpers/http.js';

export interface Seen {
  method: string;
  path: string;
  authorization?: string;
  body: string;
}

export interface StandIn extends TestServer {
  /** `${url}/events/api/v1`, the EVENTS_API_URL to give. */
  apiUrl: string;
  seen: Seen[];
  /** Subscriptions that exist, by id, with their endpoint. */
  live: Map<string, string>;
  /** Answers the next POST with this status and body instead of creating (once per entry). */
  failNextCreates: { status: number; body: string }[];
  /** Answers every POST with this Authorization header with this status and body instead of creating. */
  failCreatesBy: Map<string, { status: number; body: string }>;
  /** Answers DELETE with this status (instead of 200 or 404) while set. */
  deleteStatus?: number;
  /** Answers GET with this status (instead of 200 or 404) while set. */
  getStatus?: number;
}

export async function eventsStandIn(): Promise<StandIn> {
  let next = 100;
  const state: Pick<
    StandIn,
    'seen' | 'live' | 'failNextCreates' | 'failCreatesBy' | 'deleteStatus' | 'getStatus'
  > = {
    seen: [],
    live: new Map(),
    failNextCreates: [],
    failCreatesBy: new Map(),
  };
  const send = (res: ServerResponse, status: number, body?: unknown): void => {
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
  };
  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const path = (req.url ?? '').replace(/^\/events\/api\/v1/, '');
    state.seen.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body });
    const id = /^\/subscriptions\/([^/]+)$/.exec(path)?.[1];
    if (req.method === 'POST' && path === '/subscriptions') {
      const failure =
        state.failCreatesBy.get(req.headers.authorization ?? '') ?? state.failNextCreates.shift();
      if (failure) return send(res, failure.status, failure.body);
      const created = String(next++);
      const { endPoint } = JSON.parse(body) as { endPoint: string };
      state.live.set(created, endPoint);
      res.setHeader('location', `/events/api/v1/subscriptions/${created}`);
      return send(res, 201, { id: Number(created), endPoint });
    }
    if (id !== undefined && req.method === 'GET') {
      if (state.getStatus !== undefined) return send(res, state.getStatus, { title: 'no' });
      const endPoint = state.live.get(id);
      return endPoint === undefined
        ? send(res, 404, { title: 'Not Found' })
        : send(res, 200, { id, endPoint });
    }
    if (id !== undefined && req.method === 'DELETE') {
      if (state.deleteStatus !== undefined) return send(res, state.deleteStatus, { title: 'broken' });
      return send(res, state.live.delete(id) ? 200 : 404);
    }
    send(res, 404);
  };
  const server = await serve((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => handle(req, res, body));
  });
  return Object.assign(state, server, { apiUrl: `${server.url}/events/api/v1` });
}
