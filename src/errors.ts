/**
 * What a test throws on purpose (STYLE.md "Failures are typed"). Four families of failure a reader must
 * tell apart at a glance: the environment could not be reached or refused our credentials; the Broker
 * broke the contract; a wait ran out; the suite itself is wrong. They share no base class on purpose:
 * a contract failure is not a transport failure. And `Skipped`, which is no failure at all
 * (docs/decisions/0011). Every message names what was expected, what came, and what to check next;
 * none carries a secret.
 *
 * A failure's family is its class, chosen where it is thrown. The reports read it back from the thrown
 * value's own properties (`family`, `name`, `code`), which survive Jest's workers where the prototype
 * does not, and never from its message (src/report/results.ts).
 */
import { SKIPPED } from './skip-marker.mjs';

export const FAILURE_FAMILIES = ['contract', 'environment', 'wait', 'suite'] as const;
export type FailureFamily = (typeof FAILURE_FAMILIES)[number];

/**
 * Every failure code and its family. Codes are stable (tests, CI filters and people grep for them), so
 * none is built from text at run time. The table also gives the family of a failure Jest has stripped
 * to its `code`: a suite file that fails to load in a worker keeps only code, message and stack.
 */
export const FAILURE_CODES = {
  // The profile and its variables (ENVIRONMENT.md).
  ENV_INVALID: 'environment',
  ENV_FILE_MISSING: 'environment',
  ENV_FILE_UNREADABLE: 'environment',
  ENV_PERSONA_ABSENT: 'environment',
  ENV_SANDBOX_CONDITION: 'environment',
  // Tokens (ENVIRONMENT.md "Maskinporten mode"): keys, the token endpoint, its RFC 6749 §5.2 refusals.
  AUTH_STATIC_MODE: 'environment',
  AUTH_KEY_INVALID: 'environment',
  AUTH_TIMEOUT: 'environment',
  AUTH_UNREACHABLE: 'environment',
  /** An answer outside 2xx without an OAuth `error`; the status is in the message. */
  AUTH_HTTP_ERROR: 'environment',
  AUTH_MALFORMED_RESPONSE: 'environment',
  AUTH_INVALID_REQUEST: 'environment',
  AUTH_INVALID_CLIENT: 'environment',
  AUTH_INVALID_GRANT: 'environment',
  AUTH_UNAUTHORIZED_CLIENT: 'environment',
  AUTH_UNSUPPORTED_GRANT_TYPE: 'environment',
  AUTH_INVALID_SCOPE: 'environment',
  /** Any other OAuth `error`; it is quoted in the message. */
  AUTH_REFUSED: 'environment',
  // The optional Altinn token exchange.
  AUTH_EXCHANGE_TIMEOUT: 'environment',
  AUTH_EXCHANGE_UNREACHABLE: 'environment',
  /** 401 or 403: the exchange does not accept this Maskinporten's tokens. */
  AUTH_EXCHANGE_REFUSED: 'environment',
  /** Any other answer outside 2xx; the status is in the message. */
  AUTH_EXCHANGE_HTTP_ERROR: 'environment',
  AUTH_EXCHANGE_MALFORMED_RESPONSE: 'environment',
  // A hostile token (src/auth/hostile.ts) this environment cannot make; the message is the skip reason.
  AUTH_WRONG_SCOPE_UNAVAILABLE: 'environment',
  AUTH_TAMPERED_UNAVAILABLE: 'environment',
  AUTH_ALG_NONE_UNAVAILABLE: 'environment',
  AUTH_UNKNOWN_KEY_UNAVAILABLE: 'environment',
  AUTH_EXPIRED_UNAVAILABLE: 'environment',
  // Transport to the Broker.
  HTTP_TIMEOUT: 'environment',
  BROKER_NOT_ANSWERING: 'environment',
  HTTP_BODY_TIMEOUT: 'environment',
  HTTP_CONNECTION: 'environment',
  // Results files given to `broker-contract merge` or `list --results`.
  RESULTS_UNREADABLE: 'environment',
  RESULTS_FOREIGN: 'environment',
  SHARDS_INCOMPLETE: 'environment',
  // The events service and the webhook receiver.
  EVENTS_NOT_CONFIGURED: 'environment',
  EVENTS_UNREACHABLE: 'environment',
  EVENTS_UNAUTHORIZED: 'environment',
  EVENTS_SUBSCRIPTION_FAILED: 'environment',
  EVENTS_CLEANUP_FAILED: 'environment',
  EVENTS_RECEIVER_MISSING: 'environment',
  EVENTS_RECEIVER_UNREACHABLE: 'environment',
  EVENTS_RECEIVER_FAILED: 'environment',
  // The run itself.
  SETUP_ENVIRONMENT: 'environment',
  RUN_INTERRUPTED: 'environment',
  JEST_NO_RESULTS: 'environment',
  /** `list`: a suite file did not load, so its clauses are unknown (listing the rest would hide them). */
  LIST_FILE_NOT_LOADED: 'environment',
  SELFTEST_UNKNOWN_FAULT: 'environment',
  // Postman files given to the newman and export commands.
  POSTMAN_FILE_UNREADABLE: 'environment',
  POSTMAN_FILE_MALFORMED: 'environment',
  POSTMAN_FOLDER_UNKNOWN: 'environment',

  // Responses (CONTRACT.md §2, §4, §8).
  RESPONSE_VIOLATION: 'contract',
  /** A 200 whose body the spec declares came without one. */
  RESPONSE_BODY_MISSING: 'contract',
  /** A duration read back is not .NET TimeSpan text (§8.3). */
  DURATION_NOTATION: 'contract',
  STATUS_GATE: 'contract',
  AUTHORIZATION: 'contract',
  ACCESS_LIST_IGNORED: 'contract',
  // The lifecycle (§5).
  ILLEGAL_TRANSITION: 'contract',
  TERMINAL_STATE: 'contract',
  ILLEGAL_HISTORY: 'contract',
  // Events (§6).
  EVENT_ENVELOPE: 'contract',
  EVENT_SCHEMA: 'contract',
  EVENT_UNEXPECTED: 'contract',
  EVENT_DUPLICATE: 'contract',
  EVENT_ORDER: 'contract',
  EVENT_BEFORE_TRANSITION: 'contract',
  /** A step of the run's setup (suite 00) the Broker answered wrongly. */
  SETUP: 'contract',

  STATUS_TIMEOUT: 'wait',
  EVENT_TIMEOUT: 'wait',
  SETUP_WAIT: 'wait',

  /** A step used what an earlier step makes before that step ran. */
  SUITE_STEP_ORDER: 'suite',
  /** A helper was called with an argument it cannot work with. */
  SUITE_BAD_ARGUMENT: 'suite',
  /** The suite presented a broken token whose source had already expired, so its 401 proves nothing (§3.1). */
  SUITE_STALE_TOKEN: 'suite',
} as const satisfies Record<string, FailureFamily>;

export type FailureCode = keyof typeof FAILURE_CODES;
type CodesOf<F extends FailureFamily> = {
  [C in FailureCode]: (typeof FAILURE_CODES)[C] extends F ? C : never;
}[FailureCode];
export type EnvironmentCode = CodesOf<'environment'>;
export type ContractCode = CodesOf<'contract'>;
export type WaitCode = CodesOf<'wait'>;
export type SuiteCode = CodesOf<'suite'>;

/** The family of a failure code; undefined for anything else (a Node error's `ECONNREFUSED`). */
export function familyOfCode(code: unknown): FailureFamily | undefined {
  return typeof code === 'string' && Object.hasOwn(FAILURE_CODES, code)
    ? FAILURE_CODES[code as FailureCode]
    : undefined;
}

/** Configuration or transport: a variable is missing, a host is down, Maskinporten said no. */
export class EnvironmentError extends Error {
  readonly family = 'environment' as const;
  override readonly name: string = 'EnvironmentError';
  constructor(
    readonly code: EnvironmentCode,
    message: string,
    /** What to check next, one sentence. */
    readonly hint?: string,
  ) {
    super(hint ? `${message}\n  → ${hint}` : message);
  }
}

/** The Broker (or the events it publishes) broke the contract: schema, status, lifecycle, event, authorization. */
export class ContractError extends Error {
  readonly family = 'contract' as const;
  override readonly name: string = 'ContractError';
  constructor(
    readonly code: ContractCode,
    message: string,
    /** Structured context for reports: operation, method, path template, file transfer id, expected, actual. */
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A wait ran out: for a status, an event. Carries what was last seen. */
export class WaitTimeoutError extends Error {
  readonly family = 'wait' as const;
  override readonly name: string = 'WaitTimeoutError';
  constructor(
    readonly code: WaitCode,
    message: string,
    readonly lastSeen: unknown,
    readonly waitedMs: number,
  ) {
    super(message);
  }
}

/**
 * The suite itself is wrong: a step used before the one it depends on, a helper given an argument it
 * cannot use, a check that would prove nothing. Neither the Broker's fault nor the environment's.
 */
export class SuiteError extends Error {
  readonly family = 'suite' as const;
  override readonly name: string = 'SuiteError';
  constructor(
    readonly code: SuiteCode,
    message: string,
    /** What the suite had in hand, for whoever fixes it. */
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * The skip marker (docs/decisions/0011), defined once in src/skip-marker.mjs: a thrown value whose own
 * `name` is this is a skip, with its own `reason`. Own properties, so a skip is still one after Jest's
 * workers have dropped the prototype.
 */
export { SKIPPED };

/** Not a failure: this clause cannot be checked here, and `reason` says why. Thrown by `skip()` (src/suite/steps.ts). */
export class Skipped extends Error {
  override readonly name = SKIPPED;
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * What the suite found out about the environment or the Broker, as opposed to a SuiteError, a defect
 * of the suite itself: the command line prints the former as it is and the latter as an internal error.
 */
export type SuiteFailure = EnvironmentError | ContractError | WaitTimeoutError;

export function isSuiteFailure(error: unknown): error is SuiteFailure {
  return (
    error instanceof EnvironmentError || error instanceof ContractError || error instanceof WaitTimeoutError
  );
}
