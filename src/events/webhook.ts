/**
 * The public webhook: what Altinn Events POSTs to a subscription's endpoint (ENVIRONMENT.md "Events").
 * The validation handshake is answered 200 and kept; every other CloudEvent is answered 200 at once
 * and stored with its CloudEvents 1.0 envelope findings and its findings against the spec's
 * `webhooks` (CONTRACT.md §6.2). A delivery that is not a JSON object of an accepted media type is
 * refused and kept as a malformed delivery: a contract finding, never a crash.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContractValidator } from '../spec/validator.js';
import { essence } from '../spec/media.js';
import { checkEnvelope } from './envelope.js';
import type { EventStore } from './store.js';
import { ACCEPTED_MEDIA_TYPES, HANDSHAKE_TYPE, SUBSCRIBER_PARAM } from './types.js';

/** @default 1 MiB: a Broker CloudEvent is a few hundred bytes. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const EXCERPT_CHARS = 200;
/** Persona names are short; anything longer did not come from an endpoint this suite made. */
const MAX_SUBSCRIBER_CHARS = 64;

export interface WebhookDeps {
  store: EventStore;
  validator: Pick<ContractValidator, 'validateEvent'>;
  maxBodyBytes: number;
  now: () => number;
}

type Body = { text: string } | { tooLarge: true; text: string };

/** Reads at most `limit` bytes; past that, the rest is drained unread so the answer can still be sent. */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve(tooLarge ? { tooLarge, text } : { text });
    });
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, text = ''): void {
  res.writeHead(status, text ? { 'content-type': 'text/plain; charset=utf-8' } : {});
  res.end(text);
}

export async function handleDelivery(
  req: IncomingMessage,
  res: ServerResponse,
  deps: WebhookDeps,
): Promise<void> {
  const receivedAt = deps.now();
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return answer(res, 405, 'only POST is accepted here');
  }
  const contentType = req.headers['content-type'] ?? null;
  const refuse = (status: number, reason: string, text: string): void => {
    deps.store.addMalformed({
      receivedAt,
      contentType,
      status,
      reason,
      excerpt: text.slice(0, EXCERPT_CHARS),
    });
    answer(res, status, reason);
  };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > deps.maxBodyBytes) {
    req.resume();
    return refuse(413, `the body (${declared} bytes) exceeds ${deps.maxBodyBytes} bytes`, '');
  }
  const body = await readBody(req, deps.maxBodyBytes);
  if ('tooLarge' in body) return refuse(413, `the body exceeds ${deps.maxBodyBytes} bytes`, body.text);
  const mediaType = essence(contentType);
  if (!ACCEPTED_MEDIA_TYPES.some((accepted) => accepted === mediaType)) {
    return refuse(
      415,
      `Content-Type ${contentType ?? '(none)'} is not one of ${ACCEPTED_MEDIA_TYPES.join(', ')}`,
      body.text,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch (error) {
    return refuse(400, `the body is not JSON: ${(error as Error).message}`, body.text);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return refuse(400, 'the body is not a JSON object (one CloudEvent per delivery)', body.text);
  }
  const event = parsed as Record<string, unknown>;
  const envelope = checkEnvelope(event);
  const ct = contentType ?? '';
  if (event.type === HANDSHAKE_TYPE) {
    deps.store.addHandshake({
      receivedAt,
      contentType: ct,
      ...stringProps(event, ['id', 'source']),
      raw: body.text,
      envelope,
    });
    return answer(res, 200);
  }
  const { violations: schema } = deps.validator.validateEvent(event, ct);
  const data = event.data as { Role?: unknown } | null | undefined;
  const subscriber = subscriberOf(req.url);
  deps.store.add({
    receivedAt,
    contentType: ct,
    raw: body.text,
    event,
    ...stringProps(event, ['id', 'type', 'resourceinstance', 'subject']),
    ...(typeof data?.Role === 'string' ? { role: data.Role } : {}),
    ...(subscriber === undefined ? {} : { subscriber }),
    envelope,
    schema,
  });
  return answer(res, 200);
}

/** The persona named by the endpoint the events service posted to (`?subscriber=`, src/events/subscriptions.ts). */
function subscriberOf(url: string | undefined): string | undefined {
  const value = new URL(url ?? '/', 'http://receiver').searchParams.get(SUBSCRIBER_PARAM);
  return value && value.length <= MAX_SUBSCRIBER_CHARS ? value : undefined;
}

function stringProps<K extends string>(
  event: Record<string, unknown>,
  keys: K[],
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = event[key];
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}
