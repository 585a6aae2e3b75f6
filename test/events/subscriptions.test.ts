/**
 * Subscribing as SENDER, RECIPIENT and OUTSIDER, each endpoint naming its persona, OUTSIDER's refusal
 * kept apart from failures, reusing P_EVENTS_SUBSCRIPTION_ID, cleaning up on demand and on
 * interruption, and sweeping what a killed run left in the ledger (ENVIRONMENT.md "Events", CONTRACT.md
 * §6.4), against a stand-in of the Altinn Events subscription API.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EnvironmentError } from '../../src/errors.js';
import type { InterruptTarget } from '../../src/interrupt.js';
import { readLedger, sweepLedger, type LedgerEntry } from '../../src/events/ledger.js';
import {
  createSubscriptions,
  endpointFor,
  type SubscriptionOptions,
} from '../../src/events/subscriptions.js';
import { unusedPort } from '../helpers/http.js';
import { sleep } from './fixtures.js';
import { fakeTokens, profileFrom } from './profile.js';
import { eventsStandIn, type StandIn } from './standin.js';

const WEBHOOK = 'https://hooks.example/events';
let standIn: StandIn;
let dir: string;
let ledgerPath: string;
let logged: string[];

beforeEach(async () => {
  standIn = await eventsStandIn();
  dir = await mkdtemp(join(tmpdir(), 'events-ledger-'));
  ledgerPath = join(dir, 'reports', '.subscriptions.json');
  logged = [];
});
afterEach(async () => {
  await standIn.close();
  await rm(dir, { recursive: true, force: true });
});

function options(overrides: Partial<SubscriptionOptions> = {}): SubscriptionOptions {
  return {
    profile: profileFrom({ env: { EVENTS_API_URL: standIn.apiUrl, BROKER_RESOURCE_ID: 'my-resource' } }),
    tokens: fakeTokens,
    webhookUrl: WEBHOOK,
    ledgerPath,
    handleSignals: false,
    log: (line) => logged.push(line),
    ...overrides,
  };
}

const calls = () => standIn.seen.map((s) => `${s.method} ${s.path}`);
const FILTER = 'urn:altinn:resource:my-resource';

describe('creating (201)', () => {
  it('subscribes SENDER, RECIPIENT and OUTSIDER with the resource filter, each with its own token and endpoint', async () => {
    const subs = await createSubscriptions(options());
    expect(subs.entries).toMatchObject([
      { persona: 'SENDER', id: '100', url: `${standIn.apiUrl}/subscriptions/100`, created: true },
      { persona: 'RECIPIENT', id: '101', created: true },
      { persona: 'OUTSIDER', id: '102', created: true },
    ]);
    expect(subs.refused).toEqual([]);
    expect(standIn.seen.map((s) => [s.authorization, JSON.parse(s.body)])).toEqual([
      [
        'Bearer test-token-of-sender-0123456789',
        { endPoint: `${WEBHOOK}?subscriber=SENDER`, resourceFilter: FILTER },
      ],
      [
        'Bearer test-token-of-recipient-0123456789',
        { endPoint: `${WEBHOOK}?subscriber=RECIPIENT`, resourceFilter: FILTER },
      ],
      [
        'Bearer test-token-of-outsider-0123456789',
        { endPoint: `${WEBHOOK}?subscriber=OUTSIDER`, resourceFilter: FILTER },
      ],
    ]);
    await subs.cleanup();
  });

  it.each([
    ['a plain URL', 'https://hooks.example/events', 'https://hooks.example/events?subscriber=OUTSIDER'],
    [
      'one with a query',
      'https://hooks.example/e?code=k',
      'https://hooks.example/e?code=k&subscriber=OUTSIDER',
    ],
    [
      'one naming a subscriber already',
      'https://hooks.example/e?subscriber=X',
      'https://hooks.example/e?subscriber=OUTSIDER',
    ],
  ])('names the persona in the endpoint of %s', (_name, webhook, endPoint) => {
    expect(endpointFor(webhook, 'OUTSIDER')).toBe(endPoint);
  });

  it('keeps ids in the ledger while live, never tokens, and empties it on cleanup', async () => {
    const subs = await createSubscriptions(options());
    const text = await readFile(ledgerPath, 'utf8');
    expect(text).not.toContain('test-token');
    expect((await readLedger(ledgerPath)).map((e) => [e.persona, e.id, e.apiUrl])).toEqual([
      ['SENDER', '100', standIn.apiUrl],
      ['RECIPIENT', '101', standIn.apiUrl],
      ['OUTSIDER', '102', standIn.apiUrl],
    ]);
    await subs.cleanup();
    expect(await readLedger(ledgerPath)).toEqual([]);
    expect(standIn.live.size).toBe(0);
  });

  it('cleans up once: a second cleanup sends nothing', async () => {
    const subs = await createSubscriptions(options());
    await Promise.all([subs.cleanup(), subs.cleanup()]);
    await subs.cleanup();
    expect(calls().filter((c) => c.startsWith('DELETE'))).toEqual([
      'DELETE /subscriptions/100',
      'DELETE /subscriptions/101',
      'DELETE /subscriptions/102',
    ]);
  });

  it('tolerates a subscription already gone (404) at cleanup', async () => {
    const subs = await createSubscriptions(options());
    standIn.live.clear();
    await subs.cleanup();
    expect(await readLedger(ledgerPath)).toEqual([]);
  });

  it('keeps in the ledger what it could not delete, for the next run', async () => {
    const subs = await createSubscriptions(options());
    standIn.deleteStatus = 500;
    await expect(subs.cleanup()).rejects.toMatchObject({ code: 'EVENTS_CLEANUP_FAILED' });
    expect(await readLedger(ledgerPath)).toHaveLength(3);
    standIn.deleteStatus = undefined;
    await subs.cleanup();
    expect(await readLedger(ledgerPath)).toEqual([]);
  });

  it('waits for each handshake and warns when one does not come', async () => {
    const subs = await createSubscriptions(
      options({
        awaitHandshake: ({ url }) =>
          Promise.resolve(
            url.endsWith('/100')
              ? { receivedAt: 1, contentType: 'application/json', source: url, raw: '{}', envelope: [] }
              : null,
          ),
      }),
    );
    expect(subs.entries.map((e) => e.handshake?.source ?? null)).toEqual([
      `${standIn.apiUrl}/subscriptions/100`,
      null,
      null,
    ]);
    expect(subs.warnings).toEqual([
      expect.stringContaining('no validation handshake for RECIPIENT'),
      expect.stringContaining('no validation handshake for OUTSIDER'),
    ]);
    await subs.cleanup();
  });
});

describe('refused (ENVIRONMENT.md "Events": failures are environment failures)', () => {
  it.each([
    [400, 'EVENTS_SUBSCRIPTION_FAILED', 'EVENTS_WEBHOOK_URL'],
    [401, 'EVENTS_UNAUTHORIZED', 'ALTINN_EXCHANGE_URL'],
    [403, 'EVENTS_SUBSCRIPTION_FAILED', 'altinn:events.subscribe'],
    [500, 'EVENTS_SUBSCRIPTION_FAILED', 'try again later'],
  ])('%i: %s, naming the persona, the status and a redacted excerpt', async (status, code, hint) => {
    standIn.failNextCreates.push({
      status,
      body: `{"detail":"refused Bearer test-token-of-sender-0123456789"}`,
    });
    const error = await createSubscriptions(options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(error).toMatchObject({ code, hint: expect.stringContaining(hint) });
    const { message } = error as Error;
    expect(message).toContain(
      `SENDER: POST ${standIn.apiUrl}/subscriptions answered ${status}: {"detail":"refused Bearer [redacted]"}`,
    );
    expect(message).not.toContain('test-token');
    expect(await readLedger(ledgerPath)).toEqual([]);
  });

  it("keeps OUTSIDER's 403 as a refusal, not a failure: consumer authorization may refuse it (§6.4)", async () => {
    standIn.failCreatesBy.set('Bearer test-token-of-outsider-0123456789', {
      status: 403,
      body: '{"detail":"Not authorized to create a subscription for resource"}',
    });
    const subs = await createSubscriptions(options());
    expect(subs.entries.map((e) => e.persona)).toEqual(['SENDER', 'RECIPIENT']);
    expect(subs.refused).toEqual([
      {
        persona: 'OUTSIDER',
        reason: expect.stringContaining(
          `OUTSIDER's subscription to ${FILTER} was refused (OUTSIDER: POST ${standIn.apiUrl}/subscriptions answered 403`,
        ),
      },
    ]);
    expect(subs.warnings).toEqual([]);
    expect((await readLedger(ledgerPath)).map((e) => e.persona)).toEqual(['SENDER', 'RECIPIENT']);
    await subs.cleanup();
    expect(standIn.live.size).toBe(0);
  });

  it.each([
    ['SENDER', 403, 'a persona that must subscribe'],
    ['OUTSIDER', 401, 'a refused token'],
    ['OUTSIDER', 500, 'a broken events service'],
  ] as const)('fails on %s answered %i (%s), deleting what it made', async (persona, status, _why) => {
    standIn.failCreatesBy.set(`Bearer test-token-of-${persona.toLowerCase()}-0123456789`, {
      status,
      body: '{}',
    });
    const failing = createSubscriptions(options({ personas: ['RECIPIENT', persona] }));
    await expect(failing).rejects.toMatchObject({ status });
    expect(calls()).toEqual(['POST /subscriptions', 'POST /subscriptions', 'DELETE /subscriptions/100']);
    expect(await readLedger(ledgerPath)).toEqual([]);
  });

  it('deletes the SENDER subscription when RECIPIENT cannot subscribe', async () => {
    const failing = createSubscriptions(
      options({
        tokens: {
          token: (persona) =>
            persona === 'RECIPIENT'
              ? Promise.reject(new EnvironmentError('AUTH_INVALID_GRANT', 'no'))
              : fakeTokens.token(persona),
        },
      }),
    );
    await expect(failing).rejects.toMatchObject({ code: 'AUTH_INVALID_GRANT' });
    expect(calls()).toEqual(['POST /subscriptions', 'DELETE /subscriptions/100']);
    expect(await readLedger(ledgerPath)).toEqual([]);
  });

  it('reports an unreachable events API', async () => {
    const apiUrl = `http://127.0.0.1:${await unusedPort()}/events/api/v1`;
    const error = await createSubscriptions(
      options({ profile: profileFrom({ env: { EVENTS_API_URL: apiUrl } }) }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'EVENTS_UNREACHABLE',
      message: expect.stringContaining(`SENDER: POST ${apiUrl}/subscriptions failed`),
    });
  });

  it('needs EVENTS_API_URL', async () => {
    await expect(createSubscriptions(options({ profile: profileFrom({ env: {} }) }))).rejects.toMatchObject({
      code: 'EVENTS_NOT_CONFIGURED',
    });
  });
});

describe('reusing P_EVENTS_SUBSCRIPTION_ID', () => {
  const reusing = (reuse: Record<string, string>) =>
    options({
      personas: ['SENDER'],
      profile: profileFrom({ env: { EVENTS_API_URL: standIn.apiUrl }, reuse }),
    });

  it.each([
    ['its endpoint is the webhook', WEBHOOK, []],
    [
      'it delivers elsewhere',
      'https://elsewhere.example/hook',
      ['delivers to https://elsewhere.example/hook'],
    ],
    ['it does not exist', undefined, ['does not exist']],
    ['it cannot be read (403)', 403, ['could not check SENDER_EVENTS_SUBSCRIPTION_ID=42: SENDER: GET']],
  ])('neither creates nor deletes it when %s', async (_name, endPoint, warnings) => {
    if (typeof endPoint === 'string') standIn.live.set('42', endPoint);
    if (typeof endPoint === 'number') standIn.getStatus = endPoint;
    const subs = await createSubscriptions(reusing({ SENDER: '42' }));
    expect(subs.entries).toMatchObject([{ persona: 'SENDER', id: '42', created: false }]);
    expect(subs.warnings).toEqual(warnings.map((w) => expect.stringContaining(w)));
    await subs.cleanup();
    expect(calls()).toEqual(['GET /subscriptions/42']);
    expect(await readLedger(ledgerPath)).toEqual([]);
  });
});

describe('interruption', () => {
  class FakeProcess extends EventEmitter {
    readonly pid = 4242;
    killed: string[] = [];
    kill(_pid: number, signal?: string | number): true {
      this.killed.push(String(signal));
      return true;
    }
  }

  it.each(['SIGINT', 'SIGTERM'])(
    '%s deletes the live subscriptions, then ends the process as the signal would',
    async (signal) => {
      const target = new FakeProcess();
      await createSubscriptions(
        options({ handleSignals: true, interruptTarget: target as unknown as InterruptTarget }),
      );
      expect(target.listenerCount(signal)).toBe(1);
      target.emit(signal, signal);
      for (let waited = 0; target.killed.length === 0 && waited < 2000; waited += 5) await sleep(5);
      expect(standIn.live.size).toBe(0);
      expect(target.killed).toEqual([signal]);
      expect(
        target.listenerCount('SIGINT') + target.listenerCount('SIGTERM') + target.listenerCount('beforeExit'),
      ).toBe(0);
    },
  );

  it('removes its handlers after a normal cleanup', async () => {
    const target = new FakeProcess();
    const subs = await createSubscriptions(
      options({ handleSignals: true, interruptTarget: target as unknown as InterruptTarget }),
    );
    expect(target.listenerCount('beforeExit')).toBe(1);
    await subs.cleanup();
    expect(
      target.listenerCount('SIGINT') + target.listenerCount('SIGTERM') + target.listenerCount('beforeExit'),
    ).toBe(0);
  });
});

describe('sweepLedger: what a killed run left behind', () => {
  it('deletes this API’s leftovers, forgets a create that never answered, keeps other environments’', async () => {
    standIn.live.set('7', WEBHOOK);
    const entry = (apiUrl: string, id?: string): LedgerEntry => ({
      apiUrl,
      persona: 'SENDER',
      endPoint: WEBHOOK,
      at: '2026-01-01T00:00:00.000Z',
      pid: 1,
      ...(id ? { id } : {}),
    });
    const other = entry('https://other.example/events/api/v1', '9');
    await mkdir(dirname(ledgerPath), { recursive: true });
    const entries = [entry(standIn.apiUrl, '7'), entry(standIn.apiUrl, '8'), entry(standIn.apiUrl), other];
    await writeFile(ledgerPath, JSON.stringify({ entries }));
    const result = await sweepLedger({
      path: ledgerPath,
      apiUrl: standIn.apiUrl,
      tokens: fakeTokens,
      log: (l) => logged.push(l),
    });
    expect(result.deleted.map((e) => e.id ?? 'pending')).toEqual(['7', '8', 'pending']);
    expect(calls()).toEqual(['DELETE /subscriptions/7', 'DELETE /subscriptions/8']);
    expect(await readLedger(ledgerPath)).toEqual([other]);
    expect(logged).toEqual([
      expect.stringContaining('swept subscription 7 of SENDER left by run 1 (deleted)'),
      expect.stringContaining('swept subscription 8 of SENDER left by run 1 (absent)'),
      expect.stringContaining('a subscription may exist without an id on record'),
    ]);
  });

  it('keeps what it could not delete', async () => {
    standIn.deleteStatus = 503;
    const subs = await createSubscriptions(options({ personas: ['SENDER'] }));
    const result = await sweepLedger({
      path: ledgerPath,
      apiUrl: standIn.apiUrl,
      tokens: fakeTokens,
      log: (l) => logged.push(l),
    });
    expect(result.kept.map((e) => e.id)).toEqual(['100']);
    expect(await readLedger(ledgerPath)).toHaveLength(1);
    standIn.deleteStatus = undefined;
    await subs.cleanup();
  });

  it('finds nothing to do without a ledger, or with an unreadable one', async () => {
    expect(await sweepLedger({ path: ledgerPath, apiUrl: standIn.apiUrl, tokens: fakeTokens })).toEqual({
      deleted: [],
      kept: [],
    });
    await writeFile(join(dir, 'broken.json'), '{');
    const result = await sweepLedger({
      path: join(dir, 'broken.json'),
      apiUrl: standIn.apiUrl,
      tokens: fakeTokens,
      log: (l) => logged.push(l),
    });
    expect(result).toEqual({ deleted: [], kept: [] });
    expect(logged).toEqual([expect.stringContaining('unreadable')]);
  });
});
