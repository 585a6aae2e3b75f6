/**
 * The checks every Broker request passes before its handler, in upstream's order (CONTRACT.md
 * §2.1): the Accept gate (406), authentication (401, empty), the policy's scope (403, empty), the
 * Content-Type gate (415, a ProblemDetails). Security headers go on every answer (§1).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import { toCaller } from '../auth/caller.js';
import type { Caller, TokenAuthority, VerifyResult } from '../auth/tokens.js';
import { sendEmpty, traceId } from './problem.js';

export type Policy = 'Sender' | 'Recipient' | 'SenderOrRecipient' | 'ServiceOwner' | 'Any';

/** §3.2: a policy passes when the token's scope holds any one of these. */
export const POLICY_SCOPES: Record<Policy, string[]> = {
  Sender: ['altinn:broker.write'],
  Recipient: ['altinn:broker.read'],
  SenderOrRecipient: ['altinn:broker.write', 'altinn:broker.read'],
  ServiceOwner: ['altinn:serviceowner'],
  /** Only under the `no-scope-check` fault. */
  Any: [],
};

export interface Gate {
  policy: Policy;
  /** The `[Produces]` type, when the endpoint declares one (the Accept gate applies). */
  produces?: string;
  /** The `[Consumes]` types, when the endpoint declares them (the Content-Type gate applies). */
  consumes?: string[];
}

function mediaTypes(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '')
    .filter(Boolean);
}

export function acceptable(accept: string | undefined, produces: string): boolean {
  const listed = mediaTypes(accept);
  return listed.length === 0 || listed.some((m) => m === produces || m === '*/*');
}

export async function passGates(
  request: FastifyRequest,
  reply: FastifyReply,
  authority: TokenAuthority,
  gate: Gate,
  options: { allowExpired?: boolean; allowUnsigned?: boolean; allowBadSignature?: boolean } = {},
): Promise<Caller | undefined> {
  if (gate.produces && !acceptable(request.headers.accept, gate.produces)) {
    reply.code(406).type('text/plain').send(`Supported media types: ${gate.produces}`);
    return undefined;
  }
  let verified: VerifyResult = await authority.verify(request.headers.authorization, options);
  if (!verified.ok && verified.reason === 'alg-not-allowed' && options.allowUnsigned) {
    // The `alg-none-accepted` fault: the claims are believed without a signature.
    const token = request.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '';
    verified = { ok: true, caller: toCaller(decodeJwt(token), 'maskinporten', false) };
  }
  if (!verified.ok && verified.reason === 'bad-signature' && options.allowBadSignature) {
    // The `signature-unchecked` fault: the claims are believed, but their lifetime is still checked,
    // so only a token made from one that is still valid shows the defect (§3.1).
    const claims = decodeJwt(request.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '');
    const kind = claims.iss === authority.altinnIssuer ? 'altinn' : 'maskinporten';
    verified = { ok: true, caller: toCaller(claims, kind, (claims.exp ?? 0) * 1000 < Date.now()) };
  }
  if (verified.ok && verified.caller.expired && !options.allowExpired) {
    sendEmpty(reply, 401);
    return undefined;
  }
  if (!verified.ok) {
    sendEmpty(reply, 401);
    return undefined;
  }
  const scopes = POLICY_SCOPES[gate.policy];
  if (gate.policy !== 'Any' && !verified.caller.scopes.some((s) => scopes.includes(s))) {
    sendEmpty(reply, 403);
    return undefined;
  }
  const contentType = mediaTypes(request.headers['content-type'])[0];
  if (gate.consumes && contentType !== undefined && !gate.consumes.some((c) => matches(contentType, c))) {
    reply
      .code(415)
      .type('application/problem+json; charset=utf-8')
      .send(
        JSON.stringify({
          type: 'https://tools.ietf.org/html/rfc9110#section-15.5.16',
          title: 'Unsupported Media Type',
          status: 415,
          traceId: traceId(),
        }),
      );
    return undefined;
  }
  return verified.caller;
}

function matches(received: string, accepted: string): boolean {
  if (accepted === received) return true;
  // "Any JSON content type" (§4.1): application/json, text/json and application/*+json.
  if (accepted === 'application/json')
    return received === 'text/json' || /^application\/[\w.-]+\+json$/.test(received);
  return false;
}
