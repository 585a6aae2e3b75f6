/**
 * The authorization matrix of CONTRACT.md §3.2–3.6 and the order tables of §4.1–4.12, as a model: what
 * a caller gets from an operation: 401 without a valid token (§2.3, §3.1), 403 without the policy's
 * scope (§3.2), then by the caller's relation to the transfer or resource (§3.6, §4.x). The operations
 * themselves are in matrix-operations.ts, the rows and their check in matrix-rows.ts.
 */
import type { BrokerClient } from '../client/broker.js';
import type { PersonaName } from '../profile/types.js';
import type { SuiteContext } from './context.js';

export const SCOPE = {
  write: 'altinn:broker.write',
  read: 'altinn:broker.read',
  owner: 'altinn:serviceowner',
} as const;

/** Made once per file: a transfer SENDER published to RECIPIENT, and one only initialized. */
export interface Fixtures {
  published: string;
  initialized: string;
}

/** What openapi-fetch hands back, whatever the operation. */
export interface Answer {
  response: Response;
  data?: unknown;
  error?: unknown;
}

export interface Outcome {
  /** More than one only where CONTRACT.md allows it; the row's comment says where. */
  statuses: readonly number[];
  /** The Broker error code of a refusal (§2.1); none for the authentication layer (§2.3) or TUS (§4.4). */
  code?: string;
  /** The clause, cited in the test name. */
  clause: string;
  /** Refused before the Broker runs (§2.3): no Broker code, and a `Bearer` challenge on 401. */
  authentication?: boolean;
  /** A further condition on the answer. */
  check?: (answer: Answer, fixtures: Fixtures | undefined) => string | undefined;
  /** The row cannot be checked without an effect the suite must not have. */
  skip?: string;
}

/** sender/recipient of the fixtures (file operations); owner of the resource (service-owner operations). */
export type Relation = 'sender' | 'recipient' | 'owner' | 'unrelated';

export interface Operation {
  operationId: string;
  /** The policy's scopes: any one of them passes (§3.2). */
  scopes: readonly string[];
  /** The persona the operation is meant for: broken tokens are made from its claims. */
  rightful: PersonaName;
  kind: 'file' | 'service owner';
  /** May write when the Broker accepts it: skipped under the production guard. */
  writes: boolean;
  call(client: BrokerClient, ctx: SuiteContext, fixtures: Fixtures | undefined): Promise<Answer>;
  /** For a caller that holds the scope. */
  outcome(relation: Relation): Outcome;
}

export const DENIED = 'BRO-00006';
export const denied = (clause: string): Outcome => ({ statuses: [401], code: DENIED, clause });
export const ok = (clause: string, ...statuses: number[]): Outcome => ({ statuses, clause });

/** Which side of the operation's subject the persona's organisation is on. */
export function relationOf(ctx: SuiteContext, persona: PersonaName, operation: Operation): Relation {
  const org = ctx.org(persona);
  if (operation.kind === 'service owner') return org === ctx.org('SERVICEOWNER') ? 'owner' : 'unrelated';
  if (org === ctx.org('SENDER')) return 'sender';
  if (org === ctx.org('RECIPIENT')) return 'recipient';
  return 'unrelated';
}

/** What a caller holding `scopes` gets: 403 without the policy's scope (§3.2, §2.3), else by relation. */
export function outcomeFor(operation: Operation, scopes: readonly string[], relation: Relation): Outcome {
  if (!operation.scopes.some((scope) => scopes.includes(scope))) {
    return { statuses: [403], clause: '§3.2, §2.3', authentication: true };
  }
  return operation.outcome(relation);
}
