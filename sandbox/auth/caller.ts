/**
 * Who a token speaks for, read from its claims the way the Broker reads them (CONTRACT.md §3.3),
 * and the claim shapes the sandbox issues so both sides agree on them.
 */
import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';

export interface Caller {
  tokenKind: 'maskinporten' | 'altinn';
  clientId: string;
  /** 9 digits, resolved as CONTRACT §3.3: authorization_details' systemuser_org.ID (prefix stripped; present-but-unparsable → null), else urn:altinn:orgNumber, else consumer.ID. */
  org: string | null;
  scopes: string[];
  /** The consumer org (9 digits), recorded as "vendor". */
  consumerOrg: string | null;
  expired: boolean;
  subject: string;
}

/** ISO 6523 actor id authority Maskinporten and Altinn name organisations by. */
const ISO6523 = 'iso6523-actorid-upis';
export const SYSTEM_USER_TYPE = 'urn:altinn:systemuser';

export interface OrgClaim {
  authority: string;
  ID: string;
}

export interface SystemUserDetails {
  type: string;
  systemuser_id: string[];
  systemuser_org: OrgClaim;
  system_id: string;
}

export function orgClaim(org: string): OrgClaim {
  return { authority: ISO6523, ID: `0192:${org}` };
}

/**
 * What Maskinporten adds for a client acting as an Altinn system user. The system user's id is derived
 * from client and org, so one client acting for one org is the same system user in every token.
 */
export function systemUserDetails(clientId: string, org: string): SystemUserDetails {
  const hex = createHash('sha256').update(`${clientId}\n${org}`).digest('hex');
  // RFC 9562 version 8 (custom) with the RFC variant bits: a well-formed UUID from a hash.
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return {
    type: SYSTEM_USER_TYPE,
    systemuser_id: [uuid],
    systemuser_org: orgClaim(org),
    system_id: `${clientId}_system`,
  };
}

/** `0192:NNNNNNNNN`, any other `xxxx:` form, or bare digits → the 9 digits; anything else → null. */
export function withoutPrefix(id: unknown): string | null {
  if (typeof id !== 'string') return null;
  const digits = id.slice(id.lastIndexOf(':') + 1);
  return /^\d{9}$/.test(digits) ? digits : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** §3.3 step 1: all four members are required, or the claim does not parse and the org is null. */
function systemUserOrg(claim: unknown): string | null {
  // The .NET handler splits an array claim into one claim per element and reads the first (§3.3, unsure).
  const details = Array.isArray(claim) ? (claim[0] as unknown) : claim;
  if (!isObject(details)) return null;
  const { type, systemuser_id: ids, systemuser_org: org, system_id: systemId } = details;
  if (typeof type !== 'string' || !Array.isArray(ids) || typeof systemId !== 'string') return null;
  return isObject(org) ? withoutPrefix(org.ID) : null;
}

function consumerOrg(claims: JWTPayload): string | null {
  return isObject(claims.consumer) ? withoutPrefix(claims.consumer.ID) : null;
}

/** CONTRACT.md §3.3: the first claim present decides, even when it does not parse. */
export function callerOrg(claims: JWTPayload): string | null {
  const details = claims.authorization_details;
  // An empty array gives the .NET handler no claim at all, so the later claims are consulted.
  if (details !== undefined && !(Array.isArray(details) && details.length === 0)) {
    return systemUserOrg(details);
  }
  if (claims['urn:altinn:orgNumber'] !== undefined) return withoutPrefix(claims['urn:altinn:orgNumber']);
  return consumerOrg(claims);
}

export function toCaller(claims: JWTPayload, tokenKind: Caller['tokenKind'], expired: boolean): Caller {
  const clientId = typeof claims.client_id === 'string' ? claims.client_id : '';
  const scope = typeof claims.scope === 'string' ? claims.scope : '';
  return {
    tokenKind,
    clientId,
    org: callerOrg(claims),
    scopes: scope.split(/\s+/).filter((s) => s !== ''),
    consumerOrg: consumerOrg(claims),
    expired,
    // Maskinporten tokens carry no `sub`; the client is who the PDP is told about (§3.5).
    subject: typeof claims.sub === 'string' ? claims.sub : clientId,
  };
}
