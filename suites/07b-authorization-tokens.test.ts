/**
 * Authorization, by token (CONTRACT.md §3.1, §3.2, §2.3): no token, an expired one, one without the
 * policy's scope, one with an altered signature, one with `alg: none` and one signed by an unknown key,
 * each made from the persona the operation is meant for, against every operation: 401, or 403 for the
 * missing scope, from the authentication layer, before the Broker looks at the transfer.
 */
import { beforeAll, describe, it } from '@jest/globals';
import { suiteContext } from '../src/suite/context.js';
import { callers, checkRow, fixtures, rowName, TOKEN_PROBLEMS, tokenRows } from '../src/suite/matrix-rows.js';

const ctx = await suiteContext();
const made = fixtures(ctx);
const clients = callers(ctx);

beforeAll(() => {
  // An expired token waits for its `exp` (seconds on the sandbox): every persona's wait runs at once.
  clients.warm(TOKEN_PROBLEMS, ['SENDER', 'RECIPIENT', 'SERVICEOWNER']);
  made().catch(() => undefined);
});

describe('07 authorization: broken tokens against every operation (§3.1, §3.2)', () => {
  it.each(tokenRows().map((row) => [rowName(row), row] as const))('%s', (_name, row) =>
    checkRow(ctx, row, made, clients),
  );
});
