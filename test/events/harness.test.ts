/**
 * The whole event harness against the embedded sandbox (ENVIRONMENT.md "Events", CONTRACT.md §6): the
 * receiver starts, SENDER, RECIPIENT and OUTSIDER subscribe and are validated, a transfer's events reach
 * the party each concerns through its own subscription and none reaches OUTSIDER's, and stopping
 * removes the subscriptions. Sandbox faults prove the harness notices a broken events service.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenProvider } from '../../src/auth/types.js';
import { WORKER_ENV } from '../../src/defaults.js';
import { connectEvents } from '../../src/events/expect.js';
import { startEventHarness, stopEventHarness, type EventHarness } from '../../src/events/global.js';
import { subjectOf } from '../../src/events/types.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import { token } from '../sandbox/client.js';
import { initialize, upload, waitForStatus } from '../sandbox/fixtures.js';
import { validator } from './fixtures.js';
import { profileFrom } from './profile.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'events-harness-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function tokensOf(sandbox: RunningSandbox): TokenProvider {
  return { token: (persona) => token(sandbox, persona) };
}

async function harnessOn(
  sandbox: RunningSandbox,
  options: { handshakeWithinMs?: number } = {},
): Promise<EventHarness> {
  return startEventHarness({
    profile: profileFrom({ env: sandbox.env }),
    tokens: tokensOf(sandbox),
    validator: await validator(),
    ledgerPath: join(dir, `${sandbox.config.origin.replace(/\W/g, '_')}.json`),
    log: () => undefined,
    ...options,
  });
}

/** Initialize and upload as SENDER; the transfer id once it is Published. */
async function transfer(sandbox: RunningSandbox): Promise<string> {
  const sender = await token(sandbox, 'SENDER');
  const id = await initialize(sandbox, sender);
  expect((await upload(sandbox, sender, id, 'hello events')).status).toBe(200);
  await waitForStatus(sandbox, sender, id, 'Published');
  return id;
}

describe('a faithful sandbox', () => {
  let sandbox: RunningSandbox;
  let harness: EventHarness;
  let id: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ processingDelayMs: 10 });
    harness = await harnessOn(sandbox);
    id = await transfer(sandbox);
  });
  afterAll(async () => {
    await harness.stop();
    await sandbox.stop();
  });

  it('subscribed SENDER, RECIPIENT and OUTSIDER, each validated by a handshake naming its subscription', () => {
    expect(harness.skipReason).toBeUndefined();
    expect(harness.subscriptions?.warnings).toEqual([]);
    expect(harness.subscriptions?.refused).toEqual([]);
    const entries = harness.subscriptions?.entries ?? [];
    expect(entries.map((e) => [e.persona, e.created, e.handshake?.source])).toEqual(
      (['SENDER', 'RECIPIENT', 'OUTSIDER'] as const).map((persona, i) => [
        persona,
        true,
        `${sandbox.env.EVENTS_API_URL}/subscriptions/${entries[i]?.id}`,
      ]),
    );
    expect(process.env[WORKER_ENV.receiver]).toBe(harness.receiver?.baseUrl);
  });

  const sender = () => subjectOf(sandbox.env.SENDER_ORG ?? '');
  const recipient = () => subjectOf(sandbox.env.RECIPIENT_ORG ?? '');

  it.each([
    ['filetransferinitialized', 'SENDER', 'Sender'],
    ['published', 'SENDER', 'Sender'],
    ['published', 'RECIPIENT', 'Recipient'],
  ] as const)('delivers %s to %s exactly once (§6.1)', async (type, persona, role) => {
    const subject = persona === 'SENDER' ? sender() : recipient();
    const events = connectEvents(undefined, { defaultWithinMs: 5000, defaultSettleMs: 200 });
    const event = await events.expectExactlyOnce({ type, resourceinstance: id, subject });
    expect(event).toMatchObject({
      role,
      envelope: [],
      schema: [],
      contentType: 'application/cloudevents+json',
      subscribers: [persona],
    });
  });

  it("delivers nothing of the transfer through OUTSIDER's subscription: it is party to none", async () => {
    await connectEvents().expectNone({ resourceinstance: id, subscriber: 'OUTSIDER' }, { during: 200 });
  });

  it('delivers to RECIPIENT nothing from before publication (§5.7)', async () => {
    const events = connectEvents();
    await events.expectNone(
      { type: 'filetransferinitialized', resourceinstance: id, subject: recipient() },
      { during: 200 },
    );
  });

  it('stops: the subscriptions are gone, the receiver closed, the variable unset', async () => {
    const created = harness.subscriptions?.entries ?? [];
    const baseUrl = harness.receiver?.baseUrl ?? '';
    await stopEventHarness();
    for (const entry of created) {
      const response = await fetch(`${sandbox.env.EVENTS_API_URL}/subscriptions/${entry.id}`, {
        headers: { authorization: `Bearer ${await token(sandbox, entry.persona)}` },
      });
      expect(response.status).toBe(404);
    }
    expect(process.env[WORKER_ENV.receiver]).toBeUndefined();
    await expect(fetch(`${baseUrl}/_receiver/findings`)).rejects.toThrow();
  });
});

describe('sandbox faults the harness notices', () => {
  it('duplicate-event-new-id: expectExactlyOnce fails with EVENT_DUPLICATE', async () => {
    const sandbox = await startSandbox({ processingDelayMs: 10, fault: 'duplicate-event-new-id' });
    const harness = await harnessOn(sandbox);
    try {
      const id = await transfer(sandbox);
      const events = connectEvents(undefined, { defaultWithinMs: 5000, defaultSettleMs: 300 });
      await expect(
        events.expectExactlyOnce({
          type: 'published',
          resourceinstance: id,
          subject: subjectOf(sandbox.env.SENDER_ORG ?? ''),
        }),
      ).rejects.toMatchObject({ code: 'EVENT_DUPLICATE' });
    } finally {
      await harness.stop();
      await sandbox.stop();
    }
  });

  it.each(['events-to-outsider', 'event-to-every-subscriber'] as const)(
    "%s: the transfer's events come through OUTSIDER's subscription, and expectNone fails",
    async (fault) => {
      const sandbox = await startSandbox({ processingDelayMs: 10, fault });
      const harness = await harnessOn(sandbox);
      try {
        const id = await transfer(sandbox);
        const events = connectEvents(undefined, { defaultWithinMs: 5000 });
        await expect(
          events.expectNone({ resourceinstance: id, subscriber: 'OUTSIDER' }, { during: 1000 }),
        ).rejects.toMatchObject({ code: 'EVENT_UNEXPECTED' });
      } finally {
        await harness.stop();
        await sandbox.stop();
      }
    },
  );

  it('events-to-outsider: each party still gets only its own events', async () => {
    const sandbox = await startSandbox({ processingDelayMs: 10, fault: 'events-to-outsider' });
    const harness = await harnessOn(sandbox);
    try {
      const id = await transfer(sandbox);
      const events = connectEvents(undefined, { defaultWithinMs: 5000 });
      const toRecipient = await events.expect({
        type: 'published',
        resourceinstance: id,
        subscriber: 'RECIPIENT',
      });
      expect(toRecipient.subject).toBe(subjectOf(sandbox.env.RECIPIENT_ORG ?? ''));
      await events.expectNone(
        { type: 'filetransferinitialized', resourceinstance: id, subscriber: 'RECIPIENT' },
        { during: 200 },
      );
    } finally {
      await harness.stop();
      await sandbox.stop();
    }
  });

  it('no-validation-handshake: the subscriptions carry no handshake, with a warning each', async () => {
    const sandbox = await startSandbox({ processingDelayMs: 10, fault: 'no-validation-handshake' });
    const harness = await harnessOn(sandbox, { handshakeWithinMs: 100 });
    try {
      expect(harness.subscriptions?.entries.map((e) => e.handshake)).toEqual([null, null, null]);
      expect(harness.subscriptions?.warnings).toHaveLength(3);
    } finally {
      await harness.stop();
      await sandbox.stop();
    }
  });
});

describe('without EVENTS_API_URL', () => {
  it('starts nothing and says why event checks are skipped', async () => {
    const harness = await startEventHarness({
      profile: profileFrom({ env: {} }),
      tokens: { token: () => Promise.reject(new Error('no token should be asked for')) },
      validator: await validator(),
    });
    expect(harness).toMatchObject({ skipReason: 'EVENTS_API_URL is not set' });
    expect(harness.receiver).toBeUndefined();
    await harness.stop();
  });
});
