/**
 * What the fault probes (faults.test.ts) are made of: sandboxes like a running one with a fault
 * switched on (the launcher shares keys and the spec within a process, so each starts in
 * milliseconds), and Broker steps that tolerate a broken Broker (no expectation inside; the probe
 * judges).
 */
import { createServer, type Server } from 'node:net';
import { FILE_STATUSES, type FileStatus } from '../../sandbox/broker/model.js';
import type { PersonaName } from '../../sandbox/config.js';
import type { FaultName } from '../../sandbox/faults.js';
import { SANDBOX_RESOURCE, startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import { call, jsonBody, token, type Answer } from './client.js';
import { API, receiver, subscribe, transferFields, unsubscribe, type Receiver } from './fixtures.js';
import { poll } from './wait.js';

// ---- Sandboxes ----

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

/** A sandbox like `base` (seed, delays, delivery) on `port`, with `fault` switched on. */
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

// ---- Probing steps that tolerate a broken Broker ----

const tokens = new WeakMap<RunningSandbox, Map<string, Promise<string>>>();
export function tok(sandbox: RunningSandbox, persona: PersonaName, scope?: string): Promise<string> {
  const cache = tokens.get(sandbox) ?? new Map<string, Promise<string>>();
  tokens.set(sandbox, cache);
  const key = `${persona} ${scope ?? ''}`;
  const found = cache.get(key) ?? token(sandbox, persona, scope);
  cache.set(key, found);
  return found;
}

export async function initialize(
  sandbox: RunningSandbox,
  fields: Record<string, unknown> = {},
): Promise<Answer> {
  return call(sandbox, 'POST', `${API}/filetransfer`, {
    token: await tok(sandbox, 'SENDER'),
    ...jsonBody(transferFields(sandbox, fields)),
  });
}

/** The id, from the documented body or from a bare string (the `initialize-bare-id` fault). */
const idOf = (answer: Answer): string =>
  typeof answer.json === 'string'
    ? answer.json
    : ((answer.json as { fileTransferId?: string }).fileTransferId ?? '');

export const created = async (sandbox: RunningSandbox, fields: Record<string, unknown> = {}) =>
  idOf(await initialize(sandbox, fields));

export async function upload(sandbox: RunningSandbox, id: string, content = 'hello world'): Promise<Answer> {
  return call(sandbox, 'POST', `${API}/filetransfer/${id}/upload`, {
    token: await tok(sandbox, 'SENDER'),
    body: content,
    headers: { 'content-type': 'application/octet-stream' },
  });
}

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

/** Initialized, uploaded and Published; the id. */
export async function published(
  sandbox: RunningSandbox,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const id = await created(sandbox, fields);
  await upload(sandbox, id);
  await reaches(sandbox, id, 'Published');
  return id;
}

export async function download(
  sandbox: RunningSandbox,
  id: string,
  persona: PersonaName = 'RECIPIENT',
  range?: string,
) {
  return get(sandbox, `/filetransfer/${id}/download`, persona, range ? { range } : undefined);
}

export async function confirm(
  sandbox: RunningSandbox,
  id: string,
  persona: PersonaName = 'RECIPIENT',
): Promise<Answer> {
  return call(sandbox, 'POST', `${API}/filetransfer/${id}/confirmdownload`, {
    token: await tok(sandbox, persona),
  });
}

export async function putResource(sandbox: RunningSandbox, body: Record<string, unknown>): Promise<Answer> {
  return call(sandbox, 'PUT', `${API}/resource/${SANDBOX_RESOURCE}`, {
    token: await tok(sandbox, 'SERVICEOWNER'),
    ...jsonBody(body),
  });
}

export async function search(
  sandbox: RunningSandbox,
  persona: PersonaName,
  query: Record<string, string> = {},
) {
  const params = new URLSearchParams({ resourceId: SANDBOX_RESOURCE, ...query }).toString();
  return ((await get(sandbox, `/filetransfer?${params}`, persona)).json ?? []) as string[];
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

export const unknownId = '00000000-0000-4000-8000-000000000000';
