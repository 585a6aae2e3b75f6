/**
 * A small TUS 1.0.0 client over the self-validating Broker client (CONTRACT.md §4.4): capabilities,
 * create, offset and chunk calls on one file transfer's upload, `Location` resolved against the base
 * URL (§11, §13.12), and the resume after a broken chunk. Every answer is still checked against the
 * spec by the client; this adds only the TUS headers.
 */
import { expect } from '@jest/globals';
import { octets } from '../client/bodies.js';
import { TUS_RESUME_ATTEMPTS, TUS_RESUME_PAUSE_MS } from '../defaults.js';
import type { PersonaName } from '../profile/types.js';
import type { SuiteContext } from './context.js';
import { API } from './transfers.js';

export const TUS_PATH = `${API}/filetransfer/upload/tus/{fileTransferId}` as const;
export const TUS_VERSION = '1.0.0';
export const CHUNK_TYPE = 'application/offset+octet-stream';

type BodyInit = NonNullable<RequestInit['body']>;
/** Extra or replaced request headers; `null` leaves a default one out (openapi-fetch's rule). */
export type TusHeaders = Record<string, string | null>;

/** An answer: the response and, for an error, its body as read (text for TUS, §4.4). */
export interface TusResult {
  response: Response;
  error?: unknown;
}

export interface TusUpload {
  readonly fileTransferId: string;
  options(): Promise<TusResult>;
  /** POST with `Upload-Length`; `location` is the answer's `Location` resolved against the base URL. */
  create(length: number, headers?: TusHeaders): Promise<TusResult & { location?: URL }>;
  /** HEAD; `offset` is `Upload-Offset` as a number when the answer has one. */
  head(headers?: TusHeaders): Promise<TusResult & { offset?: number }>;
  patch(offset: number, body: BodyInit, headers?: TusHeaders): Promise<TusResult>;
}

function integer(value: string | null): number | undefined {
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

export function tusUpload(
  ctx: SuiteContext,
  fileTransferId: string,
  persona: PersonaName = 'SENDER',
): TusUpload {
  const client = ctx.broker.as(persona);
  const path = { path: { fileTransferId } };
  const headers = (extra: TusHeaders = {}) => ({ 'Tus-Resumable': TUS_VERSION, ...extra });
  return {
    fileTransferId,
    options: () => client.OPTIONS(TUS_PATH, { params: path } as never),
    async create(length, extra) {
      const result = await client.POST(TUS_PATH, {
        params: path,
        headers: headers({ 'Upload-Length': String(length), ...extra }),
      } as never);
      const location = result.response.headers.get('location');
      return {
        ...result,
        location: location === null ? undefined : new URL(location, `${ctx.profile.brokerBaseUrl}/`),
      };
    },
    async head(extra) {
      const result = await client.HEAD(TUS_PATH, { params: path, headers: headers(extra) } as never);
      return { ...result, offset: integer(result.response.headers.get('upload-offset')) };
    },
    patch(offset, body, extra) {
      const chunk = octets(body, CHUNK_TYPE);
      return client.PATCH(TUS_PATH, {
        params: path,
        ...chunk,
        headers: { ...chunk.headers, ...headers({ 'Upload-Offset': String(offset), ...extra }) },
      } as never);
    },
  };
}

/** The file transfer id a single upload's `Location` names (§4.4: the TUS file id is the transfer id). */
export function uploadIdOf(location: URL | undefined): string | undefined {
  const prefix = `${API}/filetransfer/upload/tus/`;
  if (!location?.pathname.startsWith(prefix)) return undefined;
  const rest = location.pathname.slice(prefix.length);
  return rest.includes('/') ? undefined : decodeURIComponent(rest);
}

/**
 * After a broken chunk: learns from HEAD the offset the server kept, which must lie between the
 * chunk's start and the bytes sent (a server may keep all, part or none of them), then sends the rest
 * of `file` from there. A 409 means the server has not yet let go of the broken chunk: ask again.
 */
export async function resumeUpload(
  upload: TusUpload,
  file: Uint8Array,
  kept: { atLeast: number; atMost: number },
): Promise<{ resumedAt: number; result: TusResult }> {
  for (let attempt = 1; ; attempt += 1) {
    const { response, offset } = await upload.head();
    expect(response.status).toBe(200);
    expect(offset).toBeGreaterThanOrEqual(kept.atLeast);
    expect(offset).toBeLessThanOrEqual(kept.atMost);
    const resumedAt = offset ?? kept.atLeast;
    const result = await upload.patch(resumedAt, file.slice(resumedAt));
    if (result.response.status !== 409 || attempt >= TUS_RESUME_ATTEMPTS) return { resumedAt, result };
    await new Promise((resolve) => setTimeout(resolve, TUS_RESUME_PAUSE_MS));
  }
}

/** §4.4: TUS errors are text/plain with the message, never a ProblemDetails with a `code`. */
export function expectTusText(result: TusResult, status: number): void {
  expect(result.response.status).toBe(status);
  expect(result.response.headers.get('content-type') ?? '').toMatch(/^text\/plain/i);
  expect(typeof result.error).toBe('string');
  expect(String(result.error)).not.toMatch(/"code"\s*:/);
}
