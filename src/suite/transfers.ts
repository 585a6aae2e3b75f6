/**
 * The getting-started calls the suites make again and again, as one-liners: initialize, upload, wait
 * for a status, read, download, confirm. Each goes through the self-validating client, so any answer
 * that breaks the spec fails the test that made it; these helpers add only what the walk needs.
 */
import { expect } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { components } from '../../generated/broker-api.js';
import { API_PREFIX } from '../api-prefix.js';
import { octets } from '../client/bodies.js';
import { ContractError } from '../errors.js';
import { pollStatus, type PollOptions, type PollResult, type PollTarget } from '../lifecycle/poller.js';
import { snapshotOf, Timeline } from '../lifecycle/timeline.js';
import type { ReceiverClient } from '../events/receiver-client.js';
import type { PersonaName } from '../profile/types.js';
import type { SuiteContext } from './context.js';

export const API = API_PREFIX;
export type Initialize = components['schemas']['FileTransferInitializeExt'];
export type Overview = components['schemas']['FileTransferOverviewExt'];

export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

/** A call named as the messages name it: operation, method and path template, the clause, the transfer. */
export interface CallName {
  operation: string;
  method: string;
  pathTemplate: string;
  /** The CONTRACT.md section that documents the body. */
  clause: string;
  fileTransferId?: string;
}

/** The body of a 200 whose body the contract documents; without one, the Broker broke it. */
export function expectBody<T>(data: T | null | undefined, call: CallName): T {
  if (data !== undefined && data !== null) return data;
  const { operation, method, pathTemplate, clause, fileTransferId } = call;
  throw new ContractError(
    'RESPONSE_BODY_MISSING',
    `${operation} ${method} ${pathTemplate}${fileTransferId ? ` (transfer ${fileTransferId})` : ''} answered ` +
      `200 without a body; CONTRACT.md ${clause} documents one\n  → check whether the Broker, or a proxy in ` +
      'front of it, drops the body of this answer',
    { operation, method, pathTemplate, fileTransferId, expected: 'a body', actual: 'none' },
  );
}

/** Deterministic filler, so a failure can be reproduced byte for byte. */
export function payload(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

export interface TransferOptions {
  label: string;
  recipients?: PersonaName[];
  fileName?: string;
  checksum?: string;
  propertyList?: Record<string, string>;
  overrides?: Partial<Initialize>;
}

/** The body of a valid initialize for this environment's resource, sender and recipients (§4.1). */
export function initializeBody(ctx: SuiteContext, options: TransferOptions): Initialize {
  return {
    resourceId: ctx.profile.resourceId,
    fileName: options.fileName ?? `${options.label.replace(/[^\w-]+/g, '-')}.bin`,
    sendersFileTransferReference: ctx.reference(options.label),
    sender: ctx.party('SENDER'),
    recipients: (options.recipients ?? ['RECIPIENT']).map((p) => ctx.party(p)),
    ...(options.checksum ? { checksum: options.checksum } : {}),
    ...(options.propertyList ? { propertyList: options.propertyList } : {}),
    ...options.overrides,
  };
}

export const INITIALIZE: CallName = {
  operation: 'initializeFileTransfer',
  method: 'POST',
  pathTemplate: `${API}/filetransfer`,
  clause: '§4.1',
};

/** A new transfer, initialized by SENDER; returns its id. */
export async function initialize(ctx: SuiteContext, options: TransferOptions): Promise<string> {
  ctx.requireWrites();
  const { data, response } = await ctx.broker
    .as('SENDER')
    .POST(`${API}/filetransfer`, { body: initializeBody(ctx, options) });
  expect(response.status).toBe(200);
  return expectBody(data, INITIALIZE).fileTransferId;
}

export function upload(ctx: SuiteContext, id: string, bytes: BodyInit, persona: PersonaName = 'SENDER') {
  return ctx.broker.as(persona).POST(`${API}/filetransfer/{fileTransferId}/upload`, {
    params: { path: { fileTransferId: id } },
    ...octets(bytes),
  });
}
type BodyInit = NonNullable<RequestInit['body']>;

export async function overview(
  ctx: SuiteContext,
  id: string,
  persona: PersonaName = 'SENDER',
): Promise<Overview> {
  const { data, response } = await ctx.broker
    .as(persona)
    .GET(`${API}/filetransfer/{fileTransferId}`, { params: { path: { fileTransferId: id } } });
  expect(response.status).toBe(200);
  return expectBody(data, {
    operation: 'getFileTransferOverview',
    method: 'GET',
    pathTemplate: `${API}/filetransfer/{fileTransferId}`,
    clause: '§4.5',
    fileTransferId: id,
  });
}

export async function details(ctx: SuiteContext, id: string, persona: PersonaName = 'SENDER') {
  const { data, response } = await ctx.broker
    .as(persona)
    .GET(`${API}/filetransfer/{fileTransferId}/details`, { params: { path: { fileTransferId: id } } });
  expect(response.status).toBe(200);
  return expectBody(data, {
    operation: 'getFileTransferDetails',
    method: 'GET',
    pathTemplate: `${API}/filetransfer/{fileTransferId}/details`,
    clause: '§4.6',
    fileTransferId: id,
  });
}

const timelines = new Map<string, Timeline>();
/** One timeline per transfer, shared by every wait on it, so the whole observed sequence is checked. */
export function timelineOf(id: string): Timeline {
  let timeline = timelines.get(id);
  if (!timeline) timelines.set(id, (timeline = new Timeline(id)));
  return timeline;
}

/**
 * Polls the overview until `target` (§5.3), failing at once on a state from which it can't come.
 * `onObserve` sees each read as it comes (a probe of what a passing status forbids: suite 06c).
 */
export function waitFor(
  ctx: SuiteContext,
  id: string,
  target: PollTarget,
  persona: PersonaName = 'SENDER',
  onObserve?: PollOptions['onObserve'],
): Promise<PollResult> {
  const sleep = pauseUntilEvent(ctx, id);
  return pollStatus({
    fileTransferId: id,
    target,
    timeoutMs: ctx.profile.timing.pollTimeoutMs,
    timeline: timelineOf(id),
    read: async () => snapshotOf(await overview(ctx, id, persona)),
    onObserve,
    ...(sleep ? { sleep } : {}),
  });
}

/**
 * The poller's pause, cut short when the run's receiver gets an event about the transfer after the
 * last read was sent (CONTRACT.md §6.1: the Broker reports each change as it makes it). The read that
 * follows still decides: an event only makes a status seen sooner, never changes what is concluded
 * from it. Undefined, for the poller's plain pause, when this run receives no events.
 */
export function pauseUntilEvent(ctx: Pick<SuiteContext, 'events'>, id: string): PollOptions['sleep'] {
  let client: ReceiverClient;
  try {
    client = ctx.events().client;
  } catch {
    return undefined;
  }
  // Events that came after this are news to the next read.
  let since = Date.now();
  return async (ms, signal) => {
    signal?.throwIfAborted();
    const done = new AbortController();
    const stop = () => done.abort();
    signal?.addEventListener('abort', stop, { once: true });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
        // A receiver that fails here leaves the plain pause; the event checks report it themselves.
        client.events({ resourceinstance: id, since }, ms, done.signal).catch(() => undefined),
      ]);
    } finally {
      clearTimeout(timer);
      done.abort();
      signal?.removeEventListener('abort', stop);
      since = Date.now();
    }
    signal?.throwIfAborted();
  };
}

export async function download(
  ctx: SuiteContext,
  id: string,
  persona: PersonaName = 'RECIPIENT',
  headers: Record<string, string> = {},
) {
  const result = await ctx.broker.as(persona).GET(`${API}/filetransfer/{fileTransferId}/download`, {
    params: { path: { fileTransferId: id } },
    headers,
    parseAs: 'stream',
  });
  const bytes = result.response.ok
    ? new Uint8Array(await new Response(result.data as ReadableStream<Uint8Array>).arrayBuffer())
    : new Uint8Array();
  return { ...result, bytes };
}

export function confirm(ctx: SuiteContext, id: string, persona: PersonaName = 'RECIPIENT') {
  return ctx.broker.as(persona).POST(`${API}/filetransfer/{fileTransferId}/confirmdownload`, {
    params: { path: { fileTransferId: id } },
  });
}

/**
 * A documented error answer (§2.1): the status, and for Broker errors the `code` (`BRO-nnnnn`). The
 * client has already checked the body against the spec; this pins the clause's own values.
 */
export function expectProblem(
  result: { response: Response; error?: unknown },
  status: number,
  code?: string,
): void {
  expect(result.response.status).toBe(status);
  if (code !== undefined) expect((result.error as { code?: unknown } | undefined)?.code).toBe(code);
}
