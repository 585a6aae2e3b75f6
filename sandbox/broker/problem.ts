/**
 * Error answers as upstream writes them (CONTRACT.md §2): Broker errors as ProblemDetails with a
 * `BRO-NNNNN` code, request-validation errors with an `errors` map and no code, and the empty
 * 401/403 of the authentication layer.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';

interface BrokerError {
  status: number;
  detail: string;
}

/** §2.4: the Broker error catalogue (messages paraphrase upstream's Errors.cs). */
export const BROKER_ERRORS = {
  1: { status: 404, detail: 'The requested file transfer was not found' },
  2: { status: 400, detail: 'The service owner of the resource is not registered in Broker' },
  3: { status: 400, detail: 'No file has been uploaded for this file transfer' },
  4: { status: 409, detail: 'A file has already been or is being uploaded for this file transfer' },
  5: { status: 403, detail: 'The resource is not registered in the Resource Registry or has no owner' },
  6: {
    status: 401,
    detail: 'You must use a bearer token that represents a system user with access to the resource',
  },
  7: { status: 403, detail: 'The file transfer is not available for download' },
  8: { status: 500, detail: 'Error occurred while uploading fileTransfer' },
  9: {
    status: 400,
    detail: 'The checksum of the uploaded file did not match the checksum given at initialize',
  },
  10: { status: 400, detail: 'A file transfer can only be confirmed downloaded while it is published' },
  11: { status: 400, detail: 'Max file transfer size cannot be negative' },
  12: { status: 400, detail: 'Max file transfer size cannot be zero' },
  13: { status: 400, detail: 'Max file transfer size cannot exceed the limit for virus-scanned files' },
  14: { status: 400, detail: 'Invalid file transfer time to live: use an ISO 8601 duration such as P30D' },
  15: { status: 400, detail: 'File transfer time to live cannot exceed 365 days' },
  16: { status: 400, detail: 'The file exceeds the maximum file transfer size of the resource' },
  17: { status: 400, detail: 'Invalid purge grace period: use an ISO 8601 duration such as PT2H' },
  18: { status: 400, detail: 'The purge grace period cannot exceed 24 hours' },
  19: { status: 400, detail: 'The file transfer cannot be confirmed before it has been downloaded' },
  20: { status: 400, detail: 'Virus scan cannot be disabled for this resource' },
  21: { status: 503, detail: 'The storage provider of the service owner is not ready yet' },
  22: { status: 400, detail: 'Max file transfer size cannot exceed 100GB' },
  23: { status: 400, detail: 'The manifest file shim needs an external service code and edition' },
  24: { status: 400, detail: 'The owner of the resource is not registered as a service owner' },
  25: { status: 400, detail: 'The resource has not been configured in Broker' },
  26: { status: 400, detail: 'The file transfer must include the required party of the resource' },
  27: { status: 400, detail: 'Only the required party may send to more than one recipient on this resource' },
  28: { status: 400, detail: 'A recipient is not on the access list of the resource' },
  29: { status: 416, detail: 'The requested range cannot be satisfied' },
  6003: { status: 400, detail: 'Year must be 1-9999 and month 1-12' },
  6005: { status: 400, detail: 'At least one of includeEndUser and includeVendor must be true' },
  7001: { status: 400, detail: 'The organisation of the caller could not be determined' },
  7002: { status: 409, detail: 'The service owner is already registered' },
  7004: { status: 404, detail: 'The service owner is not registered' },
} satisfies Record<number, BrokerError>;

export type BrokerErrorCode = keyof typeof BROKER_ERRORS;

const TITLES: Record<number, [string, string]> = {
  400: ['Bad Request', '15.5.1'],
  401: ['Unauthorized', '15.5.2'],
  403: ['Forbidden', '15.5.4'],
  404: ['Not Found', '15.5.5'],
  409: ['Conflict', '15.5.10'],
  415: ['Unsupported Media Type', '15.5.16'],
  416: ['Range Not Satisfiable', '15.5.17'],
  500: ['Internal Server Error', '15.6.1'],
  503: ['Service Unavailable', '15.6.4'],
};

export function traceId(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

export function formatCode(code: number): string {
  return `BRO-${String(code).padStart(5, '0')}`;
}

function base(status: number) {
  const [title, section] = TITLES[status] ?? ['Error', '15.6.1'];
  return { type: `https://tools.ietf.org/html/rfc9110#section-${section}`, title, status };
}

/** §2.1, in serialization order: type, title, status, detail, code, traceId, statusDescription. */
export function brokerProblem(code: BrokerErrorCode) {
  const { status, detail } = BROKER_ERRORS[code];
  const head = base(status);
  return { ...head, detail, code: formatCode(code), traceId: traceId(), statusDescription: head.title };
}

/** §2.1: JSON endpoints answer `application/json`; download, POST serviceowner and statistics `problem+json`. */
export type ProblemMedia = 'application/json' | 'application/problem+json';

export function sendBrokerError(
  reply: FastifyReply,
  code: BrokerErrorCode,
  media: ProblemMedia = 'application/json',
) {
  const body = brokerProblem(code);
  return reply.code(body.status).type(`${media}; charset=utf-8`).send(JSON.stringify(body));
}

/** §2.2: the framework's automatic 400, keyed by C# property path, with no `code`. */
export function sendValidationProblem(
  reply: FastifyReply,
  errors: Record<string, string[]>,
  media: ProblemMedia = 'application/json',
) {
  const body = { ...base(400), title: 'One or more validation errors occurred.', errors, traceId: traceId() };
  return reply.code(400).type(`${media}; charset=utf-8`).send(JSON.stringify(body));
}

/** §2.3: the authentication layer's answers have no body. */
export function sendEmpty(reply: FastifyReply, status: 401 | 403, challenge = true) {
  if (status === 401 && challenge) reply.header('WWW-Authenticate', 'Bearer');
  return reply.code(status).send();
}
