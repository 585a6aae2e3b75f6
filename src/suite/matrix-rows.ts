/**
 * The rows of the authorization matrix (CONTRACT.md §3.1–3.6, §2.3): callers (the personas, and tokens
 * broken one way each, derived at use from the persona an operation is meant for), the fixture
 * transfers, and the check that fails a row with the operation, the caller, what was expected and what
 * came.
 */
import { expect } from '@jest/globals';
import { decodeJwt } from '../auth/jose.js';
import type { BrokerClient } from '../client/broker.js';
import { ContractError, EnvironmentError, Skipped, SuiteError } from '../errors.js';
import { personaOf } from '../profile/persona.js';
import { PERSONAS, type PersonaName } from '../profile/types.js';
import type { SuiteContext } from './context.js';
import { outcomeFor, relationOf, SCOPE, type Answer, type Fixtures, type Outcome } from './matrix.js';
import { OPERATION_NAMES, OPERATIONS, type OperationName } from './matrix-operations.js';
import { skip } from './steps.js';
import { initialize, payload, upload, waitFor } from './transfers.js';

export const TOKEN_PROBLEMS = [
  'no token',
  'expired token',
  'wrong scope',
  'tampered signature',
  'alg: none',
  'unknown signing key',
] as const;
export type TokenProblem = (typeof TOKEN_PROBLEMS)[number];

/** SENDER with the read scope as well: still no recipient party (§3.6). */
export const SENDER_WITH_READ = 'SENDER with read scope';
export type Caller = PersonaName | TokenProblem | typeof SENDER_WITH_READ;

export interface Row {
  caller: Caller;
  operation: OperationName;
  outcome: Outcome;
}

/** `401 BRO-00006`, `200 or 401 BRO-00006` */
function expected(outcome: Outcome): string {
  if (outcome.skip) return 'not checked';
  const code = outcome.code && outcome.statuses.some((s) => s >= 400) ? ` ${outcome.code}` : '';
  return `${outcome.statuses.join(' or ')}${code}`;
}

/** `§3.6 OUTSIDER × overview → 401 BRO-00006` */
export function rowName({ caller, operation, outcome }: Row): string {
  return `${outcome.clause} ${caller} × ${operation} → ${expected(outcome)}`;
}

/** Every persona against every operation, with the scopes the profile gives it; and SENDER with read. */
export function partyRows(ctx: SuiteContext): Row[] {
  const rows = PERSONAS.flatMap((persona) =>
    OPERATION_NAMES.map((operation): Row => {
      const op = OPERATIONS[operation];
      const scopes = ctx.profile.personas[persona].scopes;
      return { caller: persona, operation, outcome: outcomeFor(op, scopes, relationOf(ctx, persona, op)) };
    }),
  );
  const withRead = [...ctx.profile.personas.SENDER.scopes, SCOPE.read];
  for (const operation of ['download', 'confirm'] as const) {
    const op = OPERATIONS[operation];
    rows.push({ caller: SENDER_WITH_READ, operation, outcome: outcomeFor(op, withRead, 'sender') });
  }
  return rows;
}

/** Every broken token against every operation: 403 for the wrong scope (§3.2), 401 otherwise (§3.1). */
export function tokenRows(): Row[] {
  return TOKEN_PROBLEMS.flatMap((caller) =>
    OPERATION_NAMES.map((operation): Row => ({
      caller,
      operation,
      outcome:
        caller === 'wrong scope'
          ? { statuses: [403], clause: '§3.2, §2.3', authentication: true }
          : { statuses: [401], clause: '§3.1, §2.3', authentication: true },
    })),
  );
}

/** A caller's client, and the broken token it presents (none for a persona or for no token). */
export interface Presented {
  client: BrokerClient;
  token?: string;
}

export interface Callers {
  client(caller: Caller, rightful: PersonaName): Promise<Presented>;
  /** Starts the slow tokens now (an expired token waits for its `exp`), so the personas' waits overlap. */
  warm(problems: readonly TokenProblem[], personas: readonly PersonaName[]): void;
}

/**
 * Clients for every caller. A broken token is derived at each use from a token valid then (tokens live
 * 120 s on Maskinporten, and an exchanged one may expire with the token it came from), so each row is
 * refused for its own defect and not because its source expired meanwhile. Only the expired token is
 * kept: it is waited for once per persona, and expired is what it is meant to be.
 */
export function callers(ctx: Pick<SuiteContext, 'hostile' | 'profile' | 'broker'>): Callers {
  const expired = new Map<PersonaName, Promise<string>>();
  const make = (problem: TokenProblem | typeof SENDER_WITH_READ, persona: PersonaName): Promise<string> => {
    switch (problem) {
      case 'expired token':
        return ctx.hostile.expired(persona);
      case 'wrong scope':
        return ctx.hostile.wrongScope(persona, ['altinn:events.subscribe']);
      case 'tampered signature':
        return ctx.hostile.tampered(persona);
      case 'alg: none':
        return ctx.hostile.algNone(persona);
      case 'unknown signing key':
        return ctx.hostile.unknownKey(persona);
      default:
        return ctx.hostile.wrongScope(persona, [...personaOf(ctx.profile, persona).scopes, SCOPE.read]);
    }
  };
  const token = (problem: TokenProblem | typeof SENDER_WITH_READ, persona: PersonaName) => {
    if (problem !== 'expired token') return make(problem, persona);
    let promise = expired.get(persona);
    if (!promise) {
      expired.set(persona, (promise = make(problem, persona)));
      // Kept for later awaits; a failure is reported by the row that needs the token.
      promise.catch(() => undefined);
    }
    return promise;
  };
  const obtain = async (
    problem: TokenProblem | typeof SENDER_WITH_READ,
    persona: PersonaName,
  ): Promise<Presented> => {
    try {
      const made = await token(problem, persona);
      return { client: ctx.broker.withToken(made, `${persona} (${problem})`), token: made };
    } catch (error) {
      if (error instanceof EnvironmentError && error.code.endsWith('_UNAVAILABLE')) skip(error.message);
      throw error;
    }
  };
  return {
    async client(caller, rightful) {
      if (caller === 'no token') return { client: ctx.broker.anonymous() };
      if (caller === SENDER_WITH_READ) return obtain(caller, 'SENDER');
      if ((PERSONAS as readonly string[]).includes(caller))
        return { client: ctx.broker.as(caller as PersonaName) };
      return obtain(caller as TokenProblem, rightful);
    },
    warm(problems, personas) {
      if (problems.includes('expired token'))
        for (const persona of personas) void token('expired token', persona);
    },
  };
}

/** The fixtures, made on first use; a failure skips the rows that need them, naming why. */
export function fixtures(ctx: SuiteContext): () => Promise<Fixtures> {
  let made: Promise<Fixtures> | undefined;
  const make = async (): Promise<Fixtures> => {
    const [published, initialized] = await Promise.all([
      initialize(ctx, { label: 'authz-published' }),
      initialize(ctx, { label: 'authz-initialized' }),
    ]);
    const uploaded = await upload(ctx, published, payload(64));
    expect(uploaded.response.status).toBe(200);
    await waitFor(ctx, published, 'Published');
    return { published, initialized };
  };
  return async () => {
    made ??= make();
    try {
      return await made;
    } catch (error) {
      if (error instanceof Skipped) throw error;
      skip(`needs the fixture transfers, which could not be made: ${(error as Error).message}`);
    }
  };
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Makes the row's call as its caller and fails with a ContractError when the answer is not the outcome. */
export async function checkRow(
  ctx: SuiteContext,
  row: Row,
  made: () => Promise<Fixtures>,
  clients: Callers,
): Promise<void> {
  const { outcome } = row;
  if (outcome.skip) skip(outcome.skip);
  const operation = OPERATIONS[row.operation];
  if (operation.writes) ctx.requireWrites();
  const needsFixtures = operation.kind === 'file' && row.operation !== 'initialize';
  const given = needsFixtures ? await made() : undefined;
  const { client, token } = await clients.client(row.caller, operation.rightful);
  const sentAt = Date.now();
  const answer: Answer = await operation.call(client, ctx, given);
  if (token !== undefined && SOURCE_MUST_BE_VALID.has(row.caller)) sourceWasValid(row, token, sentAt);
  const problem = mismatch(answer, outcome, given);
  if (problem === undefined) return;
  const { status } = answer.response;
  const code = codeOf(answer.error);
  throw new ContractError(
    'AUTHORIZATION',
    `${row.caller} × ${row.operation} (${operation.operationId}): expected ${expected(outcome)} ` +
      `(CONTRACT.md ${outcome.clause}), got ${status}${code ? ` ${code}` : ''}: ${problem}` +
      (given ? `\n  fixtures: published ${given.published}, initialized ${given.initialized}` : ''),
    { operation: operation.operationId, caller: row.caller, expected: outcome.statuses, status, code },
  );
}

/**
 * Tokens broken in their signature keep the claims of the token they were made from. Their 401 proves
 * the signature is checked only if those claims were still valid when sent: an expired source would be
 * refused for its lifetime alone (§3.1).
 */
const SOURCE_MUST_BE_VALID: ReadonlySet<Caller> = new Set([
  'tampered signature',
  'alg: none',
  'unknown signing key',
]);

export function sourceWasValid(row: Row, token: string, sentAt: number): void {
  let exp: unknown;
  try {
    ({ exp } = decodeJwt(token));
  } catch {
    return; // Not a JWT (an opaque static token): hostile.ts cannot make these rows from it.
  }
  if (typeof exp === 'number' && exp * 1000 > sentAt) return;
  // The suite presented a token that proves nothing: its own defect, not the Broker's (exit 2).
  throw new SuiteError(
    'SUITE_STALE_TOKEN',
    `${row.caller} × ${row.operation}: the token it was made from expired at ${typeof exp === 'number' ? new Date(exp * 1000).toISOString() : 'an unreadable exp'}, ` +
      `before the request was sent at ${new Date(sentAt).toISOString()}, so a 401 would not show that the signature is checked (CONTRACT.md §3.1)`,
    { caller: row.caller, operation: row.operation, exp, sentAt },
  );
}

function mismatch(answer: Answer, outcome: Outcome, given: Fixtures | undefined): string | undefined {
  const { status, headers } = answer.response;
  if (!outcome.statuses.includes(status)) return 'the status differs';
  if (status >= 400) {
    const code = codeOf(answer.error);
    if (outcome.code !== undefined && code !== outcome.code) return `the error code is ${code ?? 'missing'}`;
    if (outcome.code === undefined && code !== undefined) {
      return 'a refusal of the authentication layer or of TUS carries no Broker code (§2.3, §4.4)';
    }
    if (
      outcome.authentication &&
      status === 401 &&
      !/^Bearer\b/i.test(headers.get('www-authenticate') ?? '')
    ) {
      return 'a 401 of the authentication layer carries a `WWW-Authenticate: Bearer` challenge (§2.3)';
    }
  }
  return outcome.check?.(answer, given);
}
