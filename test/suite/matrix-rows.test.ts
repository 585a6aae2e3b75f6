/**
 * Broken tokens are derived when a row uses them, from a token valid then, so a row is refused for its
 * own defect and never because its source expired during the 2-minute wait for the expired token;
 * only the expired token itself is kept (src/suite/matrix-rows.ts `callers`).
 */
import { describe, expect, it } from '@jest/globals';
import type { HostileTokens } from '../../src/auth/hostile.js';
import type { BrokerClient } from '../../src/client/broker.js';
import type { PersonaName, Profile } from '../../src/profile/types.js';
import {
  callers,
  sourceWasValid,
  TOKEN_PROBLEMS,
  type Caller,
  type Row,
} from '../../src/suite/matrix-rows.js';

function counting() {
  const made: string[] = [];
  const token = (kind: string) => (persona: PersonaName) => {
    made.push(`${kind} ${persona}`);
    return Promise.resolve(`${kind}-${persona}-${made.length}`);
  };
  const hostile: HostileTokens = {
    wrongScope: token('wrong scope'),
    tampered: token('tampered'),
    algNone: token('alg none'),
    unknownKey: token('unknown key'),
    expired: token('expired'),
  };
  const sent: string[] = [];
  const client = (label: string) => ({ label }) as unknown as BrokerClient;
  const broker = {
    withToken: (token: string, label: string) => {
      sent.push(token);
      return client(label);
    },
    anonymous: () => client('anonymous'),
    as: (persona: PersonaName) => client(persona),
  };
  const profile = { personas: { SENDER: { scopes: ['altinn:broker.write'] } } } as unknown as Profile;
  // Only the members callers() reads; the rest of the suite context is not involved.
  const ctx = { hostile, broker, profile } as unknown as Parameters<typeof callers>[0];
  return { clients: callers(ctx), made, sent };
}

describe('callers: when each broken token is made', () => {
  it.each(TOKEN_PROBLEMS.filter((p) => p !== 'no token' && p !== 'expired token'))(
    '%s is derived again at each use',
    async (problem) => {
      const { clients, made, sent } = counting();
      await clients.client(problem as Caller, 'SENDER');
      await clients.client(problem as Caller, 'SENDER');
      expect(made).toHaveLength(2);
      expect(new Set(sent).size).toBe(2);
    },
  );

  it('the expired token is made once per persona and kept', async () => {
    const { clients, made, sent } = counting();
    await clients.client('expired token', 'SENDER');
    await clients.client('expired token', 'SENDER');
    await clients.client('expired token', 'RECIPIENT');
    expect(made).toEqual(['expired SENDER', 'expired RECIPIENT']);
    expect(sent[0]).toBe(sent[1]);
  });

  it('warm starts only the expired tokens, whose waits overlap', async () => {
    const { clients, made } = counting();
    clients.warm(TOKEN_PROBLEMS, ['SENDER', 'RECIPIENT']);
    await Promise.resolve();
    expect(made).toEqual(['expired SENDER', 'expired RECIPIENT']);
  });
});

describe('a token broken in its signature proves something only while its source is valid (§3.1)', () => {
  const jwt = (claims: object) =>
    `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
  const row = { caller: 'tampered signature', operation: 'overview' } as unknown as Row;
  const now = 1_800_000_000_000;

  it.each([
    ['exp ahead of the send: the row stands', { exp: now / 1000 + 60 }, undefined],
    [
      'exp before the send: the suite failed, not the Broker',
      { exp: now / 1000 - 1 },
      /expired at .* so a 401 would not show that the signature is checked/,
    ],
    ['no exp: the suite cannot tell, so it fails', {}, /an unreadable exp/],
  ] as const)('%s', (_name, claims, error) => {
    const check = () => sourceWasValid(row, jwt(claims), now);
    if (error) expect(check).toThrow(error);
    else expect(check).not.toThrow();
  });

  it('an opaque token (static mode) is left alone: hostile.ts makes no broken token from it', () => {
    expect(() => sourceWasValid(row, 'opaque-token', now)).not.toThrow();
  });
});
