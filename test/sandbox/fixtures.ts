/**
 * The steps the sandbox tests repeat (initialize, upload, wait for a status, download, confirm), forged
 * tokens, multipart bodies and loopback webhook receivers. Every Broker answer goes through `call`, so
 * it is checked against spec/; the step helpers expect no violation and the status the step needs.
 */
import { expect } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { PersonaName } from '../../sandbox/config.js';
import type { BrokerCloudEvent } from '../../sandbox/events/types.js';
import type { RunningSandbox } from '../../sandbox/launcher.js';
import { serve } from '../helpers/http.js';
import { call, jsonBody, type Answer } from './client.js';
import { waitFor } from './wait.js';

export const API = '/broker/api/v1';

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

export async function initialize(
  sandbox: RunningSandbox,
  senderToken: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const answer = await call(sandbox, 'POST', `${API}/filetransfer`, {
    token: senderToken,
    ...jsonBody(transferFields(sandbox, overrides)),
  });
  expectAnswer(answer, 200);
  return (answer.json as { fileTransferId: string }).fileTransferId;
}

/** A streamed upload; the caller judges the answer. */
export function upload(
  sandbox: RunningSandbox,
  senderToken: string,
  id: string,
  content: string,
): Promise<Answer> {
  return call(sandbox, 'POST', `${API}/filetransfer/${id}/upload`, {
    token: senderToken,
    body: content,
    headers: { 'content-type': 'application/octet-stream' },
  });
}

export async function overview(sandbox: RunningSandbox, tok: string, id: string): Promise<Overview> {
  return expectAnswer(await call(sandbox, 'GET', `${API}/filetransfer/${id}`, { token: tok }), 200)
    .json as Overview;
}

export async function details(sandbox: RunningSandbox, tok: string, id: string): Promise<Details> {
  return expectAnswer(await call(sandbox, 'GET', `${API}/filetransfer/${id}/details`, { token: tok }), 200)
    .json as Details;
}

export function waitForStatus(
  sandbox: RunningSandbox,
  tok: string,
  id: string,
  status: string,
  timeoutMs = 2000,
): Promise<Overview> {
  return waitFor(
    () => overview(sandbox, tok, id),
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

export function download(sandbox: RunningSandbox, tok: string, id: string, range?: string): Promise<Answer> {
  return call(sandbox, 'GET', `${API}/filetransfer/${id}/download`, {
    token: tok,
    ...(range === undefined ? {} : { headers: { range } }),
  });
}

export function confirm(sandbox: RunningSandbox, tok: string, id: string): Promise<Answer> {
  return call(sandbox, 'POST', `${API}/filetransfer/${id}/confirmdownload`, { token: tok });
}

export function search(sandbox: RunningSandbox, tok: string, query: Record<string, string>): Promise<Answer> {
  return call(sandbox, 'GET', `${API}/filetransfer?${new URLSearchParams(query).toString()}`, { token: tok });
}

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

/** Subscribes `receiverUrl` to the sandbox resource's events as `tok`; the answer's status and the id. */
export async function subscribe(
  sandbox: RunningSandbox,
  tok: string,
  receiverUrl: string,
): Promise<{ status: number; id?: number }> {
  const response = await fetch(`${sandbox.env.EVENTS_API_URL ?? ''}/subscriptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      endPoint: receiverUrl,
      resourceFilter: `urn:altinn:resource:${sandbox.env.BROKER_RESOURCE_ID ?? ''}`,
    }),
  });
  const body = (await response.json()) as { id?: number };
  return { status: response.status, ...(typeof body.id === 'number' ? { id: body.id } : {}) };
}

/** Deletes a subscription, so that no retry to a closed receiver outlives the test. */
export async function unsubscribe(sandbox: RunningSandbox, tok: string, id: number): Promise<void> {
  const response = await fetch(`${sandbox.env.EVENTS_API_URL ?? ''}/subscriptions/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${tok}` },
  });
  await response.body?.cancel();
}
