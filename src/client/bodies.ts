/**
 * Request bodies that are not JSON: raw file bytes (streamed upload, a TUS chunk) and multipart
 * forms. The generated types write a binary body as `string` (`format: binary`); these helpers let
 * any BodyInit through unchanged, a stream included, so a large file never sits in memory.
 */

/** Node's global types have RequestInit but no BodyInit name. */
type BodyInit = NonNullable<RequestInit['body']>;

/** Bodies given as streams: the transport times their sending apart (src/client/transport.ts). */
const streamed = new WeakSet<object>();

/** Whether `body` (a Request's) is a stream given to `octets`, whose length is unknown until it ends. */
export function isStreamedBody(body: unknown): body is ReadableStream<Uint8Array> {
  return typeof body === 'object' && body !== null && streamed.has(body);
}

/** Spread into an openapi-fetch call: `client.POST(path, { params, ...octets(stream) })`. */
export function octets(data: BodyInit, contentType = 'application/octet-stream') {
  const stream = data instanceof ReadableStream;
  if (stream) streamed.add(data);
  return {
    // openapi-typescript types `format: binary` as string; the transport sends any BodyInit as is.
    body: data as unknown as string,
    bodySerializer: (body: unknown) => body as BodyInit,
    headers: { 'Content-Type': contentType },
    // Node's fetch needs `duplex: 'half'` to send a stream as a request body.
    duplex: 'half' as const,
    // Node's fetch (undici 6) tees a request body so that it could follow a redirect, unless redirects
    // are refused; the branch kept for that is never read and so holds every chunk: the whole file in
    // memory (measured: RSS grew by the file's size). A streamed body cannot follow one anyway (fetch
    // spec, HTTP-redirect fetch: a body whose source is null is a network error).
    ...(stream ? { redirect: 'error' as const } : {}),
  };
}

/** A multipart form (initialize-and-upload): the boundary and Content-Type are set by fetch. */
export function form<T>(data: FormData) {
  return {
    body: data as unknown as T,
    bodySerializer: (body: unknown) => body as FormData,
  };
}
