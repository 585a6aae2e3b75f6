/**
 * What the events tests run against: the real EventsService in a Fastify app on a loopback port, and
 * webhook receivers that are real `node:http` servers recording what reached them.
 */
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import type { SandboxConfig } from '../../../sandbox/config.js';
import { EventsService, type EventsServiceDeps } from '../../../sandbox/events/service.js';
import type { BrokerCloudEvent, BrokerEventType, EventsCaller } from '../../../sandbox/events/types.js';
import { serve } from '../../helpers/http.js';

export const SENDER = '111111111';
export const RECIPIENT = '222222222';
/** Has only the "subscribe" right on the resource (CONTRACT.md §6.4). */
export const WATCHER = '333333333';
/** On the resource's access list with every right false. */
export const DENIED = '444444444';
export const OUTSIDER = '555555555';
export const RESOURCE = 'urn:altinn:resource:broker-res';
export const OTHER_RESOURCE = 'urn:altinn:resource:other-res';
export const SUBSCRIBE = 'altinn:events.subscribe';
export const NOW = Date.parse('2026-08-18T10:00:00.000Z');

/** Bearer tokens the injected authenticator knows; `Bearer <name>`. */
const CALLERS = {
  sender: { org: SENDER, scopes: [SUBSCRIBE, 'altinn:broker.write'] },
  recipient: { org: RECIPIENT, scopes: [SUBSCRIBE, 'altinn:broker.read'] },
  watcher: { org: WATCHER, scopes: [SUBSCRIBE] },
  denied: { org: DENIED, scopes: [SUBSCRIBE] },
  outsider: { org: OUTSIDER, scopes: [SUBSCRIBE] },
  noscope: { org: SENDER, scopes: ['altinn:broker.write'] },
  noorg: { org: null, scopes: [SUBSCRIBE] },
} satisfies Record<string, EventsCaller>;

export type Token = keyof typeof CALLERS;

export interface Sandbox {
  url: string;
  service: EventsService;
  /** Calls the events API as `token` (no Authorization header when undefined). */
  call(method: string, path: string, token?: string, body?: unknown): Promise<Response>;
  subscribe(token: Token, endPoint: string, extra?: Record<string, unknown>): Promise<{ id: number }>;
  close(): Promise<void>;
}

export async function startSandbox(
  options: Partial<Pick<EventsServiceDeps, 'faults' | 'timeoutMs'>> & {
    delivery?: SandboxConfig['delivery'];
  } = {},
): Promise<Sandbox> {
  const config: SandboxConfig = {
    origin: '',
    clients: [],
    registry: [
      {
        id: 'broker-res',
        owner: '0192:999999999',
        access: [
          { org: SENDER, read: false, write: true },
          { org: RECIPIENT, read: true, write: false },
          { org: WATCHER, read: false, write: false, subscribe: true },
          { org: DENIED, read: false, write: false, subscribe: false },
        ],
      },
      { id: 'other-res', owner: '0192:999999999', access: [{ org: SENDER, read: true, write: true }] },
    ],
    timeScale: 1,
    processingDelayMs: 0,
    dataDir: '',
    delivery: options.delivery ?? { attempts: 3, backoffMs: 10 },
    seed: { serviceOwners: [], resources: [] },
    environmentName: 'sandbox',
  };
  const service = new EventsService({
    config,
    authenticate: async (header) =>
      (CALLERS as Record<string, EventsCaller>)[header?.replace(/^Bearer /, '') ?? ''] ?? null,
    now: () => NOW,
    faults: options.faults,
    timeoutMs: options.timeoutMs,
  });
  const app = Fastify();
  service.routes(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  config.origin = url;
  const call: Sandbox['call'] = (method, path, token, body) =>
    fetch(`${url}/events/api/v1${path}`, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    url,
    service,
    call,
    async subscribe(token, endPoint, extra = {}) {
      const response = await call('POST', '/subscriptions', token, {
        endPoint,
        resourceFilter: RESOURCE,
        ...extra,
      });
      if (response.status !== 201) throw new Error(`subscribe: ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: number };
    },
    async close() {
      await service.close();
      await app.close();
    },
  };
}

/** A status to answer with, or 'hang' to never answer. */
export type Answer = number | 'hang';

export interface Received {
  at: number;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** What arrived other than validation events. */
  events(): Received[];
  /** Resolves once `count` requests have arrived. */
  arrived(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Answers validation events with `validation` and the n-th event with `events[n]` (the last one repeats). */
export async function receiver(options: { validation?: Answer; events?: Answer[] } = {}): Promise<Receiver> {
  const received: Received[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = await serve((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const nth = received.filter((r) => r.body.type !== 'platform.events.validatesubscription').length;
      received.push({ at: Date.now(), contentType: req.headers['content-type'], body });
      for (const waiter of waiters.filter((w) => received.length >= w.count)) waiter.resolve();
      const events = options.events ?? [200];
      const answer =
        body.type === 'platform.events.validatesubscription'
          ? (options.validation ?? 200)
          : (events[Math.min(nth, events.length - 1)] ?? 200);
      if (answer !== 'hang') res.writeHead(answer).end();
    });
  });
  return {
    url: `${server.url}/events`,
    received,
    events: () => received.filter((r) => r.body.type !== 'platform.events.validatesubscription'),
    arrived: (count) =>
      received.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: server.close,
  };
}

let sequence = 0;

/** A Broker event about `org` (CONTRACT.md §6.2), with a fresh id. */
export function brokerEvent(
  type: BrokerEventType,
  org: string,
  role: 'Sender' | 'Recipient',
  resource = RESOURCE,
): BrokerCloudEvent {
  sequence += 1;
  return {
    specversion: '1.0',
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    type,
    time: '2026-08-18T10:00:00.1234567+00:00',
    resource,
    resourceinstance: '0850124f-6ae9-4821-b4f9-8ee7c937ecfc',
    subject: `urn:altinn:organization:identifier-no:${org}`,
    source: 'https://platform.tt02.altinn.no/broker/api/v1/filetransfer',
    data: { Role: role },
  };
}
