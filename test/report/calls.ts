/** A logged call for the report tests: the fields a test does not name take quiet defaults. */
import type { LoggedCall } from '../../src/client/request-log.js';

export const BASE = 'https://platform.tt02.altinn.no';

export function loggedCall(
  given: Partial<LoggedCall> & Pick<LoggedCall, 'method' | 'pathTemplate'>,
): LoggedCall {
  return {
    url: `${BASE}${given.pathTemplate}`,
    requestHeaders: {},
    attempts: 1,
    startedAt: 0,
    durationMs: 10,
    violations: [],
    ...given,
  };
}
