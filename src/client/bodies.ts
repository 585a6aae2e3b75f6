/**
 * Request bodies that are not JSON: raw file bytes (streamed upload, a TUS chunk) and multipart
 * forms. The generated types write a binary body as `string` (`format: binary`); these helpers let
 * any BodyInit through unchanged, a stream included, so a large file never sits in memory.
 */

/** Spread into an openapi-fetch call: `client.POST(path, { params, ...octets(stream) })`. */
/** Node's global types have RequestInit but no BodyInit name. */
type BodyInit = NonNullable<RequestInit['body']>;

export function octets(data: BodyInit, contentType = 'application/octet-stream') {
  return {
    // openapi-typescript types `format: binary` as string; the transport sends any BodyInit as is.
    body: data as unknown as string,
    bodySerializer: (body: unknown) => body as BodyInit,
    headers: { 'Content-Type': contentType },
    // Node's fetch needs `duplex: 'half'` to send a stream as a request body.
    duplex: 'half' as const,
  };
}

/** A multipart form (initialize-and-upload): the boundary and Content-Type are set by fetch. */
export function form<T>(data: FormData) {
  return {
    body: data as unknown as T,
    bodySerializer: (body: unknown) => body as FormData,
  };
}
