/**
 * The three families of failure a reader must tell apart at a glance (STYLE.md "Failures are typed"):
 * the environment could not be reached or refused our credentials; the Broker broke the contract; a
 * wait ran out. They share no base class on purpose: a contract failure is not a transport failure.
 * Every message names what was expected, what came, and what to check next; none carries a secret.
 */

/** Configuration or transport: a variable is missing, a host is down, Maskinporten said no. */
export class EnvironmentError extends Error {
  readonly family = 'environment' as const;
  override readonly name: string = 'EnvironmentError';
  constructor(
    /** Stable, e.g. `ENV_INVALID`, `AUTH_INVALID_GRANT`, `HTTP_TIMEOUT`, `HTTP_CONNECTION`. */
    readonly code: string,
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
    /** Stable, e.g. `RESPONSE_VIOLATION`, `ILLEGAL_TRANSITION`, `EVENT_ENVELOPE`, `EVENT_DUPLICATE`. */
    readonly code: string,
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
    readonly code: string,
    message: string,
    readonly lastSeen: unknown,
    readonly waitedMs: number,
  ) {
    super(message);
  }
}

export type SuiteFailure = EnvironmentError | ContractError | WaitTimeoutError;

export function isSuiteFailure(error: unknown): error is SuiteFailure {
  return (
    error instanceof EnvironmentError || error instanceof ContractError || error instanceof WaitTimeoutError
  );
}
