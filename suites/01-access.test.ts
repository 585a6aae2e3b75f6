/**
 * Step 1 of the getting-started guide: access. Each persona obtains a token carrying the scopes it
 * asked for, and the Broker refuses a caller whose token lacks the policy's scope (CONTRACT.md §3.1,
 * §3.2: 403, or 401 without a token, §2.3).
 */
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { decodeJwt } from '../src/auth/jose.js';
import { PERSONAS } from '../src/profile/types.js';
import { suiteContext } from '../src/suite/context.js';
import { skip } from '../src/suite/steps.js';
import { API } from '../src/suite/transfers.js';

const ctx = await suiteContext();
const unknownId = randomUUID();

describe('01 access: Maskinporten tokens (§3.1)', () => {
  it.each(PERSONAS)('%s obtains a token that carries every scope it asked for', async (persona) => {
    const token = await ctx.tokens.token(persona);
    let claims;
    try {
      claims = decodeJwt(token);
    } catch {
      skip('the token is not a JWT (static mode with an opaque token), so its scopes cannot be read');
    }
    const granted = String(claims.scope ?? '').split(' ');
    expect(granted).toEqual(expect.arrayContaining(ctx.profile.personas[persona].scopes));
  });
});

/** One call per policy of §3.2, made with a token that has every scope but the one the policy needs. */
const POLICIES = [
  {
    policy: 'Sender (altinn:broker.write): initialize',
    scopes: ['altinn:broker.read'],
    call: (client: ReturnType<typeof ctx.broker.withToken>) =>
      client.POST(`${API}/filetransfer`, {
        body: {
          resourceId: ctx.profile.resourceId,
          fileName: 'scope.txt',
          sendersFileTransferReference: ctx.reference('scope'),
          sender: ctx.party('SENDER'),
          recipients: [ctx.party('RECIPIENT')],
        },
      }),
  },
  {
    policy: 'Recipient (altinn:broker.read): download',
    scopes: ['altinn:broker.write'],
    call: (client: ReturnType<typeof ctx.broker.withToken>) =>
      client.GET(`${API}/filetransfer/{fileTransferId}/download`, {
        params: { path: { fileTransferId: unknownId } },
        parseAs: 'stream',
      }),
  },
  {
    policy: 'SenderOrRecipient (write or read): search',
    scopes: ['altinn:events.subscribe'],
    call: (client: ReturnType<typeof ctx.broker.withToken>) =>
      client.GET(`${API}/filetransfer`, { params: { query: { resourceId: ctx.profile.resourceId } } }),
  },
  {
    policy: 'ServiceOwner (altinn:serviceowner): GET serviceowner',
    scopes: ['altinn:broker.write', 'altinn:broker.read'],
    call: (client: ReturnType<typeof ctx.broker.withToken>) => client.GET(`${API}/serviceowner`),
  },
];

describe('01 access: scopes and policies (§3.2)', () => {
  it.each(POLICIES)('$policy: a token without the scope gets 403', async ({ scopes, call }) => {
    const token = await ctx.hostile
      .wrongScope('SERVICEOWNER', scopes)
      .catch((error: Error) => skip(error.message));
    const { response } = await call(ctx.broker.withToken(token, `SERVICEOWNER with ${scopes.join(' ')}`));
    expect(response.status).toBe(403);
  });

  it.each(POLICIES)('$policy: no token gets 401', async ({ call }) => {
    const { response } = await call(ctx.broker.anonymous());
    expect(response.status).toBe(401);
  });
});
