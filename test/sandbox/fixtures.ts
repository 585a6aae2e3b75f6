/**
 * The one set of helpers for the sandbox's own tests (docs/decisions/0012-sandbox-tests-own-client.md):
 * waiting on the sandbox's real state; the getting-started steps (initialize, upload, wait for a status,
 * download, confirm, search); the sandboxes and forgiving steps the fault probes (faults.test.ts) are
 * made of; forged tokens, multipart bodies and loopback webhook receivers.
 *
 * Every Broker answer goes through `call` (client.ts), so it is checked against spec/. Steps that
 * return a value (`initialize`, `overview`, `details`, `waitForStatus`, `publish`) expect the status
 * they need and no violation; steps that return the `Answer` leave it to the caller to judge; the
 * probe steps (`created`, `statusOf`, `reaches`, `published`) expect nothing, so that they still
 * work on a sandbox with a fault switched on.
 */
import { expect } from '@jest/globals';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { API_PREFIX } from '../../sandbox/broker/context.js';
import { FILE_STATUSES, type FileStatus } from '../../sandbox/broker/model.js';
import type { PersonaName } from '../../sandbox/config.js';
import type { BrokerCloudEvent } from '../../sandbox/events/types.js';
import type { FaultName } from '../../sandbox/faults.js';
import { SANDBOX_RESOURCE, startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import { serve } from '../helpers/http.js';
import { call, jsonBody, token, type Answer } from './client.js';

/** The sandbox's own prefix, not the suite's: the sandbox is tested on its own. */
export const API = API_PREFIX;

// ---- Waiting ----
// By polling the sandbox's real state, never by sleeping a fixed time: a wait ends as soon as the
// condition holds, and one that runs out says what it waited for and what it last saw. Not the suite's
// poller (src/lifecycle/poller.ts): that one judges every read against the lifecycle, and these waits
// must also see a broken sandbox and clocks and timers that are no transfer at all.

/** @default 5 ms between two reads. */
const INTERVAL_MS = 5;

export interface Polled<T> {
  met: boolean;
  last: T;
}

/** Reads until `until` holds or `timeoutMs` has passed; the last value either way. */
export async function poll<T>(
  read: () => T | Promise<T>,
  until: (value: T) => boolean,
  timeoutMs: number,
): Promise<Polled<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await read();
    if (until(last)) return { met: true, last };
    if (Date.now() >= deadline) return { met: false, last };
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
}

export class WaitTimeout extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly last: unknown,
  ) {
    super(`waited ${timeoutMs} ms for ${what}; last seen: ${JSON.stringify(last)}`);
    this.name = 'WaitTimeout';
  }
}

/** As `poll`, but running out is an error naming what was awaited and what was last seen. */
export async function waitFor<T>(
  read: () => T | Promise<T>,
  until: (value: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const { met, last } = await poll(read, until, timeoutMs);
  if (!met) throw new WaitTimeout(what, timeoutMs, last);
  return last;
}

// ---- Parties, answers, bodies ----

/** A first start in a Jest worker generates the persona keys and loads the spec: slow on a loaded machine. */
export const START_TIMEOUT_MS = 20_000;

export const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** The persona's organisation as `0192:NNNNNNNNN`. */
export function party(sandbox: RunningSandbox, persona: PersonaName): string {
  return `0192:${sandbox.env[`${persona}_ORG`] ?? ''}`;
}

/** The Broker error code of an answer, when its body carries one. */
export function codeOf(answer: Answer): string | undefined {
  const code = (answer.json as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** In a table, the code of an answer that carries none (a success, an empty 401/403, a validation error). */
export const NO_CODE = '(no code)';

/** Expects `status`, the Broker `code` (none when undefined or NO_CODE) and no spec violation. */
export function expectAnswer(answer: Answer, status: number, code?: string): Answer {
  expect({ status: answer.status, code: codeOf(answer), violations: answer.violations }).toEqual({
    status,
    code: code === NO_CODE ? undefined : code,
    violations: [],
  });
  return answer;
}

export interface Overview {
  fileTransferId: string;
  fileTransferStatus: string;
  fileTransferStatusText: string;
  fileTransferSize: number;
  checksum: string | null;
  created: string;
  expirationTime: string;
  sender: string;
  published?: string | null;
  recipients: { recipient: string; currentRecipientFileTransferStatusCode: string }[];
}

export interface Details extends Overview {
  fileTransferStatusHistory: {
    fileTransferStatus: string;
    fileTransferStatusText: string;
    fileTransferStatusChanged: string;
  }[];
  recipientFileTransferStatusHistory: {
    recipient: string;
    recipientFileTransferStatusCode: string;
    recipientFileTransferStatusChanged: string;
  }[];
}

/** An initialize body from SENDER to RECIPIENT on the sandbox's resource, with `overrides` applied. */
export function transferFields(
  sandbox: RunningSandbox,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    fileName: 'report.txt',
    resourceId: sandbox.env.BROKER_RESOURCE_ID,
    sendersFileTransferReference: 'ref-1',
    sender: party(sandbox, 'SENDER'),
    recipients: [party(sandbox, 'RECIPIENT')],
    ...overrides,
  };
}

// ---- Steps ----

/** The initialize request (§4.1) for `transferFields`; the caller judges the answer. */
export function initializeAnswer(
  sandbox: RunningSandbox,
  senderToken: string,
  overrides: Record<string, unknown> = {},
): Promise<Answer> {
  return call(sandbox, 'POST', `${API}/filetransfer`, {
    token: senderToken,
    ...jsonBody(transferFields(sandbox, overrides)),
  });
}

/** Initialize, expecting 200; the transfer id. */
export async function initialize(
  sandbox: RunningSandbox,
  senderToken: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const answer = expectAnswer(await initializeAnswer(sandbox, senderToken, overrides), 200);
  return (answer.json as { fileTransferId: string }).fileTransferId;
}

/** A streamed upload; the caller judges the answer. */
export function upload(
  sandbox: RunningSandbox,
  senderToken: string,
  id: string,
  content = 'hello world',
): Promise<Answer> {
  return call(sandbox, 'POST', `${API}/filetransfer/${id}/upload`, {
    token: senderToken,
    body: content,
    headers: { 'content-type': 'application/octet-stream' },
  });
}

export async function overview(sandbox: RunningSandbox, bearer: string, id: string): Promise<Overview> {
  return expectAnswer(await call(sandbox, 'GET', `${API}/filetransfer/${id}`, { token: bearer }), 200)
    .json as Overview;
}

export async function details(sandbox: RunningSandbox, bearer: string, id: string): Promise<Details> {
  return expectAnswer(await call(sandbox, 'GET', `${API}/filetransfer/${id}/details`, { token: bearer }), 200)
    .json as Details;
}

export function waitForStatus(
  sandbox: RunningSandbox,
  bearer: string,
  id: string,
  status: string,
  timeoutMs = 2000,
): Promise<Overview> {
  return waitFor(
    () => overview(sandbox, bearer, id),
    (o) => o.fileTransferStatus === status,
    timeoutMs,
    `transfer ${id} to be ${status}`,
  );
}

/** Initialize, upload `content` and wait for Published; the transfer id. */
export async function publish(
  sandbox: RunningSandbox,
  senderToken: string,
  overrides: Record<string, unknown> = {},
  content = 'hello world',
): Promise<string> {
  const id = await initialize(sandbox, senderToken, overrides);
  expectAnswer(await upload(sandbox, senderToken, id, content), 200);
  await waitForStatus(sandbox, senderToken, id, 'Published');
  return id;
}

export function download(
  sandbox: RunningSandbox,
  bearer: string,
  id: string,
  range?: string,
): Promise<Answer> {
  return call(sandbox, 'GET', `${API}/filetransfer/${id}/download`, {
    token: bearer,
    ...(range === undefined ? {} : { headers: { range } }),
  });
}

export function confirm(sandbox: RunningSandbox, bearer: string, id: string): Promise<Answer> {
  return call(sandbox, 'POST', `${API}/filetransfer/${id}/confirmdownload`, { token: bearer });
}

export function search(
  sandbox: RunningSandbox,
  bearer: string,
  query: Record<string, string>,
): Promise<Answer> {
  return call(sandbox, 'GET', `${API}/filetransfer?${new URLSearchParams(query).toString()}`, {
    token: bearer,
  });
}

// ---- Probes: sandboxes with a fault switched on, and steps that expect nothing ----

/** `count` distinct free loopback ports, held together while they are picked. */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  for (let i = 0; i < count; i++) {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
  }
  const ports = servers.map((s) => {
    const address = s.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  });
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

/**
 * A sandbox like `base` (seed, delays, delivery) on `port`, with `fault` switched on. The launcher
 * shares keys and the spec within a process, so each starts in milliseconds.
 */
export function startLike(
  base: RunningSandbox,
  port: number,
  fault: FaultName | undefined,
  timeScale: number,
): Promise<RunningSandbox> {
  return startSandbox({
    port,
    timeScale,
    processingDelayMs: base.config.processingDelayMs,
    delivery: base.config.delivery,
    seed: base.config.seed.resources.length > 0 ? 'ready' : 'empty',
    ...(fault ? { fault } : {}),
  });
}

const tokens = new WeakMap<RunningSandbox, Map<string, Promise<string>>>();
/** The persona's token (`scope` instead of its own, when given), fetched once per sandbox. */
export function tok(sandbox: RunningSandbox, persona: PersonaName, scope?: string): Promise<string> {
  const cache = tokens.get(sandbox) ?? new Map<string, Promise<string>>();
  tokens.set(sandbox, cache);
  const key = `${persona} ${scope ?? ''}`;
  const found = cache.get(key) ?? token(sandbox, persona, scope);
  cache.set(key, found);
  return found;
}

/** A GET of `${API}${path}` as `persona`; the caller judges the answer. */
export async function get(
  sandbox: RunningSandbox,
  path: string,
  persona: PersonaName = 'SENDER',
  headers?: Record<string, string>,
): Promise<Answer> {
  return call(sandbox, 'GET', `${API}${path}`, {
    token: await tok(sandbox, persona),
    ...(headers ? { headers } : {}),
  });
}

/** The id, from the documented body or from a bare string (the `initialize-bare-id` fault). */
const idOf = (answer: Answer): string =>
  typeof answer.json === 'string'
    ? answer.json
    : ((answer.json as { fileTransferId?: string }).fileTransferId ?? '');

/** Initialized by SENDER, whatever the answer looked like; the id. */
export const created = async (sandbox: RunningSandbox, fields: Record<string, unknown> = {}) =>
  idOf(await initializeAnswer(sandbox, await tok(sandbox, 'SENDER'), fields));

export const statusOf = async (sandbox: RunningSandbox, id: string): Promise<unknown> =>
  ((await get(sandbox, `/filetransfer/${id}`)).json as { fileTransferStatus?: unknown }).fileTransferStatus;

/** Whether the transfer reaches `status` within `timeoutMs` (its number counts too: `status-as-number`). */
export async function reaches(
  sandbox: RunningSandbox,
  id: string,
  status: string,
  timeoutMs = 1000,
): Promise<boolean> {
  const numeric = FILE_STATUSES.indexOf(status as FileStatus);
  return (
    await poll(
      () => statusOf(sandbox, id),
      (s) => s === status || s === numeric,
      timeoutMs,
    )
  ).met;
}

/** Initialized, uploaded and, unless the sandbox never gets there, Published; the id. */
export async function published(
  sandbox: RunningSandbox,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const id = await created(sandbox, fields);
  await upload(sandbox, await tok(sandbox, 'SENDER'), id);
  await reaches(sandbox, id, 'Published');
  return id;
}

export async function putResource(sandbox: RunningSandbox, body: Record<string, unknown>): Promise<Answer> {
  return call(sandbox, 'PUT', `${API}/resource/${SANDBOX_RESOURCE}`, {
    token: await tok(sandbox, 'SERVICEOWNER'),
    ...jsonBody(body),
  });
}

export const unknownId = '00000000-0000-4000-8000-000000000000';

// ---- Tokens the Maskinporten endpoint would never issue ----

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** The same token with one claim changed and the original signature kept. */
export function tampered(jwt: string): string {
  const [header = '', , signature = ''] = jwt.split('.');
  return `${header}.${base64url({ ...claimsOf(jwt), scope: `${String(claimsOf(jwt).scope)} altinn:serviceowner` })}.${signature}`;
}

/** The same claims, unsigned (`alg: none`). */
export function unsigned(jwt: string): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claimsOf(jwt))}.`;
}

/** A Maskinporten token from the sandbox's own authority that expired ten seconds ago. */
export async function expired(
  sandbox: RunningSandbox,
  persona: PersonaName,
  scopes: string[],
): Promise<string> {
  const issued = await sandbox.authority.issueMaskinporten(
    {
      clientId: sandbox.env[`${persona}_CLIENT_ID`] ?? '',
      consumerOrg: sandbox.env[`${persona}_ORG`] ?? '',
      scopes,
    },
    -10,
  );
  return issued.token;
}

/** A token for `org` with `scopes`, signed by the sandbox authority (a client the registry does not know). */
export async function minted(sandbox: RunningSandbox, org: string, scopes: string[]): Promise<string> {
  const issued = await sandbox.authority.issueMaskinporten({
    clientId: `minted-${org}`,
    consumerOrg: org,
    scopes,
  });
  return issued.token;
}

// ---- Multipart initialize-and-upload (§4.3) ----

export function multipartFields(
  sandbox: RunningSandbox,
  overrides: Partial<Record<string, string>> = {},
): [string, string][] {
  const fields: Record<string, string | undefined> = {
    'Metadata.FileName': 'form.txt',
    'Metadata.ResourceId': sandbox.env.BROKER_RESOURCE_ID,
    'Metadata.SendersFileTransferReference': 'ref-form',
    'Metadata.Sender': party(sandbox, 'SENDER'),
    'Metadata.Recipients': party(sandbox, 'RECIPIENT'),
    ...overrides,
  };
  return Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined);
}

/** A `multipart/form-data` request with `fields` and, unless `file` is undefined, a `FileTransfer` part. */
export function multipart(
  fields: [string, string][],
  file: string | undefined,
): { body: Uint8Array; headers: Record<string, string> } {
  const boundary = `----sandbox${Date.now().toString(16)}`;
  const parts = fields.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  if (file !== undefined) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="FileTransfer"; filename="form.txt"\r\n` +
        `Content-Type: application/octet-stream\r\n\r\n${file}\r\n`,
    );
  }
  return {
    body: new TextEncoder().encode(`${parts.join('')}--${boundary}--\r\n`),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

// ---- Webhook receivers (Altinn Events subscriptions, ENVIRONMENT.md "Events") ----

export interface Receiver {
  url: string;
  /** Broker events in arrival order, with the Content-Type they came with. */
  events: { event: BrokerCloudEvent; contentType: string }[];
  /** Validation handshakes (`platform.events.validatesubscription`) received. */
  handshakes: unknown[];
  /** The events of one transfer, by type. */
  of(id: string, type?: string): BrokerCloudEvent[];
  close(): Promise<void>;
}

export async function receiver(): Promise<Receiver> {
  const events: Receiver['events'] = [];
  const handshakes: unknown[] = [];
  const server = await serve((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: { type?: string };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: string };
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (body.type === 'platform.events.validatesubscription') handshakes.push(body);
      else events.push({ event: body as BrokerCloudEvent, contentType: req.headers['content-type'] ?? '' });
      res.writeHead(200).end();
    });
  });
  return {
    url: server.url,
    events,
    handshakes,
    of: (id, type) =>
      events
        .map((e) => e.event)
        .filter(
          (e) => e.resourceinstance === id && (type === undefined || e.type === `no.altinn.broker.${type}`),
        ),
    close: server.close,
  };
}

/** Subscribes `receiverUrl` to the sandbox resource's events as `bearer`; the answer's status and the id. */
export async function subscribe(
  sandbox: RunningSandbox,
  bearer: string,
  receiverUrl: string,
): Promise<{ status: number; id?: number }> {
  const response = await fetch(`${sandbox.env.EVENTS_API_URL ?? ''}/subscriptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      endPoint: receiverUrl,
      resourceFilter: `urn:altinn:resource:${sandbox.env.BROKER_RESOURCE_ID ?? ''}`,
    }),
  });
  const body = (await response.json()) as { id?: number };
  return { status: response.status, ...(typeof body.id === 'number' ? { id: body.id } : {}) };
}

/** Deletes a subscription, so that no retry to a closed receiver outlives the test. */
export async function unsubscribe(sandbox: RunningSandbox, bearer: string, id: number): Promise<void> {
  const response = await fetch(`${sandbox.env.EVENTS_API_URL ?? ''}/subscriptions/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${bearer}` },
  });
  await response.body?.cancel();
}

/** Runs `act` with a receiver subscribed as `persona`; the receiver once deliveries have settled. */
export async function withReceiver(
  sandbox: RunningSandbox,
  persona: PersonaName,
  act: () => Promise<unknown>,
): Promise<Receiver> {
  const hook = await receiver();
  const bearer = await tok(sandbox, persona);
  const { id } = await subscribe(sandbox, bearer, hook.url);
  try {
    await act();
    await sandbox.events.idle();
    return hook;
  } finally {
    if (id !== undefined) await unsubscribe(sandbox, bearer, id);
    await hook.close();
  }
}
