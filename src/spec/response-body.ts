/**
 * The body of a response against its Response Object (OAS 3.1 §4.8.17): a body where the spec
 * documents one, a documented media type, JSON that parses, then the schema and the Broker error
 * code. `x-allow-empty-body` and `x-allow-missing-content-type` admit upstream's bodiless and
 * type-less answers (docs/decisions/0004).
 */
import { essence, isJsonMediaType, isTextMediaType, matchMediaType } from './media.js';
import { escapeToken } from './pointer.js';
import type { ResponseObject } from './types.js';
import { show, type Violation } from './violations.js';

export type HeaderBag = Headers | Record<string, string | string[] | undefined>;

export interface ResponseSample {
  status: number;
  headers: HeaderBag;
  /** The raw body; omit with `bodyNotRead` for streams the caller consumes itself. */
  body?: string | Uint8Array | null;
  bodyNotRead?: boolean;
}

export interface BodyCheck {
  violations: Violation[];
  mediaType?: string;
  /** The parsed body, when it was JSON. */
  value?: unknown;
}

export function headerValue(headers: HeaderBag | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(', ') : value;
}

function bodyText(body: string | Uint8Array | null | undefined): string {
  if (body === undefined || body === null) return '';
  return typeof body === 'string' ? body : new TextDecoder().decode(body);
}

/** A well-formed `code` outside the response's `x-error-codes` is the wrong error for the situation. */
export function errorCodeViolations(spec: ResponseObject, body: unknown, where: string): Violation[] {
  const allowed = spec['x-error-codes'];
  const code = (body as { code?: unknown } | null)?.code;
  if (!Array.isArray(allowed) || typeof code !== 'string' || allowed.includes(code)) return [];
  const documented = allowed.join(', ') || 'none';
  return [
    {
      kind: 'error-code',
      pointer: '/code',
      expected: allowed,
      actual: code,
      message: `${where} /code: ${code} is not an error this response documents (documented: ${documented})`,
    },
  ];
}

export function checkResponseBody(
  spec: ResponseObject,
  pointer: string,
  response: ResponseSample,
  where: string,
  schemaViolations: (schemaPointer: string, value: unknown) => Violation[],
): BodyCheck {
  const content = spec.content ?? {};
  const declared = Object.keys(content);
  const received = essence(headerValue(response.headers, 'content-type'));
  const text = response.bodyNotRead ? undefined : bodyText(response.body);
  const fail = (violation: Violation, mediaType?: string): BodyCheck => ({
    violations: [violation],
    mediaType,
  });

  if (declared.length === 0) {
    if (!text) return { violations: [] };
    const what = received ?? 'no Content-Type';
    return fail({
      kind: 'unexpected-body',
      actual: show(text),
      message: `${where}: the spec documents no body, but one came (${what})`,
    });
  }
  if (text === '') {
    if (spec['x-allow-empty-body']) return { violations: [] };
    const message = `${where}: the body is empty; the spec documents ${declared.join(' or ')}`;
    return fail({ kind: 'missing-body', expected: declared, message });
  }
  let mediaKey = declared[0];
  if (received === undefined) {
    if (!spec['x-allow-missing-content-type']) {
      const message = `${where}: no Content-Type header; the spec documents ${declared.join(' or ')}`;
      return fail({ kind: 'content-type', expected: declared, actual: null, message });
    }
  } else {
    mediaKey = matchMediaType(declared, received);
    if (mediaKey === undefined) {
      const message = `${where}: Content-Type ${received} is not documented (documented: ${declared.join(', ')})`;
      return fail({ kind: 'content-type', expected: declared, actual: received, message });
    }
  }
  if (mediaKey === undefined) return { violations: [] };
  const mediaType = essence(mediaKey) ?? mediaKey;
  if (text === undefined || content[mediaKey]?.schema === undefined) return { violations: [], mediaType };
  const schemaPointer = `${pointer}/content/${escapeToken(mediaKey)}/schema`;
  if (isJsonMediaType(received ?? mediaType)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const message = `${where}: the ${received} body is not JSON (starts ${show(text, 40)})`;
      return fail({ kind: 'malformed-body', actual: show(text), message }, mediaType);
    }
    const violations = [
      ...schemaViolations(schemaPointer, value),
      ...errorCodeViolations(spec, value, where),
    ];
    return { violations, mediaType, value };
  }
  if (isTextMediaType(mediaType)) return { violations: schemaViolations(schemaPointer, text), mediaType };
  return { violations: [], mediaType };
}
