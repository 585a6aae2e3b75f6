/**
 * Delivery of the Broker's CloudEvents (CONTRACT.md §6) to subscribers: who gets what, retries with the
 * same id, giving up, and shutting down without timers left behind. Real webhook receivers on loopback.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { BrokerCloudEvent } from '../../../sandbox/events/types.js';
import {
  OTHER_RESOURCE,
  RECIPIENT,
  SENDER,
  brokerEvent,
  receiver,
  startSandbox,
  type Receiver,
  type Sandbox,
} from './harness.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function open(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  cleanup.push(sandbox.close);
  return sandbox;
}

async function hook(options: Parameters<typeof receiver>[0] = {}): Promise<Receiver> {
  const created = await receiver(options);
  cleanup.push(created.close);
  return created;
}

/** Timeouts keeping the process alive (unref'd ones, such as undici's, are not counted). */
const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

/** Yields to the event loop until `predicate` holds: no timer of its own, so it cannot hide one. */
async function until(predicate: () => boolean): Promise<void> {
  for (let turn = 0; !predicate(); turn++) {
    if (turn > 10_000) throw new Error('condition never held');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('publish: who receives what', () => {
  // `watcher` may subscribe to the resource but is party to nothing, so it never receives an event.
  type Hook = 'sender' | 'recipient' | 'senderPublishedOnly' | 'senderOtherResource' | 'watcher';
  it.each<[string, () => BrokerCloudEvent, Hook[]]>([
    [
      'a sender event reaches the sender, not the recipient',
      () => brokerEvent('no.altinn.broker.filetransferinitialized', SENDER, 'Sender'),
      ['sender'],
    ],
    [
      "the sender's published passes the sender's type filter",
      () => brokerEvent('no.altinn.broker.published', SENDER, 'Sender'),
      ['sender', 'senderPublishedOnly'],
    ],
    [
      "the recipient's published reaches only the recipient",
      () => brokerEvent('no.altinn.broker.published', RECIPIENT, 'Recipient'),
      ['recipient'],
    ],
    [
      "the recipient's downloadconfirmed reaches only the recipient",
      () => brokerEvent('no.altinn.broker.downloadconfirmed', RECIPIENT, 'Recipient'),
      ['recipient'],
    ],
    [
      'an event on another resource reaches only that resource',
      () => brokerEvent('no.altinn.broker.filepurged', SENDER, 'Sender', OTHER_RESOURCE),
      ['senderOtherResource'],
    ],
    [
      'an event about nobody who subscribed reaches nobody',
      () => brokerEvent('no.altinn.broker.filepurged', '999999999', 'Sender'),
      [],
    ],
  ])('%s', async (_name, make, expected) => {
    const sandbox = await open();
    const hooks: Record<Hook, Receiver> = {
      sender: await hook(),
      recipient: await hook(),
      senderPublishedOnly: await hook(),
      senderOtherResource: await hook(),
      watcher: await hook(),
    };
    await sandbox.subscribe('sender', hooks.sender.url);
    await sandbox.subscribe('recipient', hooks.recipient.url);
    await sandbox.subscribe('sender', hooks.senderPublishedOnly.url, {
      typeFilter: 'no.altinn.broker.published',
    });
    await sandbox.subscribe('sender', hooks.senderOtherResource.url, { resourceFilter: OTHER_RESOURCE });
    await sandbox.subscribe('watcher', hooks.watcher.url);
    const event = make();
    sandbox.service.publish(event);
    await sandbox.service.idle();
    for (const [name, target] of Object.entries(hooks)) {
      const want = expected.includes(name as Hook)
        ? [{ contentType: 'application/cloudevents+json', body: event }]
        : [];
      expect([name, target.events().map(({ contentType, body }) => ({ contentType, body }))]).toEqual([
        name,
        want,
      ]);
    }
    expect(sandbox.service.deliveries().every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(
      true,
    );
  });
});

describe('publish: retries', () => {
  it('retries after 500s with backoff and the same id, then records the success', async () => {
    const sandbox = await open({ delivery: { attempts: 5, backoffMs: 10 } });
    const target = await hook({ events: [500, 500, 200] });
    const { id } = await sandbox.subscribe('sender', target.url);
    const event = brokerEvent('no.altinn.broker.published', SENDER, 'Sender');
    sandbox.service.publish(event);
    await sandbox.service.idle();
    const arrivals = target.events();
    expect(arrivals.map((r) => r.body.id)).toEqual([event.id, event.id, event.id]);
    // Timers never fire early; a little slack covers millisecond rounding of Date.now.
    expect((arrivals[1]?.at ?? 0) - (arrivals[0]?.at ?? 0)).toBeGreaterThanOrEqual(9);
    expect((arrivals[2]?.at ?? 0) - (arrivals[1]?.at ?? 0)).toBeGreaterThanOrEqual(19);
    expect(sandbox.service.deliveries()).toEqual([
      {
        subscriptionId: id,
        eventId: event.id,
        type: event.type,
        attempts: 3,
        status: 'delivered',
        lastError: 'HTTP 500',
      },
    ]);
  });

  it.each<[string, Parameters<typeof receiver>[0] | 'closed', RegExp]>([
    ['answers 503 every time', { events: [503] }, /^HTTP 503$/],
    ['never answers', { events: ['hang'] }, /^no answer within 100 ms$/],
    ['is gone', 'closed', /^network error: ECONNREFUSED$/],
  ])('gives up after the configured attempts when the endpoint %s', async (_name, behaviour, error) => {
    const sandbox = await open({ delivery: { attempts: 3, backoffMs: 10 }, timeoutMs: 100 });
    const target = await hook(behaviour === 'closed' ? {} : behaviour);
    await sandbox.subscribe('sender', target.url);
    if (behaviour === 'closed') await target.close();
    sandbox.service.publish(brokerEvent('no.altinn.broker.uploadfailed', SENDER, 'Sender'));
    await sandbox.service.idle();
    const [record] = sandbox.service.deliveries();
    expect(record).toMatchObject({ attempts: 3, status: 'failed', lastError: expect.stringMatching(error) });
    if (behaviour !== 'closed') expect(target.events()).toHaveLength(3);
  });

  it('stops retrying once the subscription is deleted', async () => {
    const sandbox = await open({ delivery: { attempts: 5, backoffMs: 50 } });
    const target = await hook({ events: [500] });
    const { id } = await sandbox.subscribe('sender', target.url);
    sandbox.service.publish(brokerEvent('no.altinn.broker.filepurged', SENDER, 'Sender'));
    await target.arrived(2);
    expect((await sandbox.call('DELETE', `/subscriptions/${id}`, 'sender')).status).toBe(200);
    await sandbox.service.idle();
    expect(sandbox.service.deliveries()).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 1 }),
    ]);
    expect(sandbox.service.deliveries()[0]?.lastError).toBe('subscription deleted');
  });
});

describe('idle and close', () => {
  it('idle resolves at once when nothing is in flight', async () => {
    const sandbox = await open();
    await expect(sandbox.service.idle()).resolves.toBeUndefined();
  });

  it('close cancels a scheduled retry, records it as failed, and leaves no timer behind', async () => {
    const sandbox = await open({ delivery: { attempts: 5, backoffMs: 60_000 } });
    const target = await hook({ events: [500] });
    await sandbox.subscribe('sender', target.url);
    sandbox.service.publish(brokerEvent('no.altinn.broker.published', SENDER, 'Sender'));
    // lastError is written just before the retry is scheduled.
    await until(() => sandbox.service.deliveries()[0]?.lastError === 'HTTP 500');
    const scheduled = timers();
    await sandbox.service.close();
    expect(timers()).toBe(scheduled - 1);
    expect(sandbox.service.deliveries()).toEqual([
      expect.objectContaining({ attempts: 1, status: 'failed', lastError: 'closed' }),
    ]);
    sandbox.service.publish(brokerEvent('no.altinn.broker.published', SENDER, 'Sender'));
    expect(sandbox.service.deliveries()[1]).toMatchObject({
      attempts: 0,
      status: 'failed',
      lastError: 'closed',
    });
  });

  it('close aborts a delivery in flight', async () => {
    const sandbox = await open({ delivery: { attempts: 5, backoffMs: 10 } });
    const target = await hook({ events: ['hang'] });
    await sandbox.subscribe('sender', target.url);
    sandbox.service.publish(brokerEvent('no.altinn.broker.published', SENDER, 'Sender'));
    await target.arrived(2);
    await sandbox.service.close();
    expect(sandbox.service.deliveries()).toEqual([
      expect.objectContaining({ attempts: 1, status: 'failed', lastError: 'cancelled' }),
    ]);
  });
});

describe('fault hooks', () => {
  it.each<
    [string, Parameters<typeof startSandbox>[0], { validations: number; events: number; type?: string }]
  >([
    ['transform can duplicate', { faults: { transform: (e) => [e, e] } }, { validations: 1, events: 2 }],
    ['transform can drop', { faults: { transform: () => [] } }, { validations: 1, events: 0 }],
    [
      'skipValidation skips the handshake',
      { faults: { skipValidation: true } },
      { validations: 0, events: 1 },
    ],
    [
      'contentType replaces the media type',
      { faults: { contentType: 'text/plain' } },
      { validations: 1, events: 1, type: 'text/plain' },
    ],
    [
      'ignoreSubjectFilter leaks other parties’ events',
      { faults: { ignoreSubjectFilter: true } },
      { validations: 1, events: 2 },
    ],
    [
      'alsoDeliver lets through an event the subject rule refuses',
      { faults: { alsoDeliver: (e, org) => org === SENDER && e.subject.endsWith(RECIPIENT) } },
      { validations: 1, events: 2 },
    ],
    [
      'alsoDeliver saying no leaves the subject rule alone',
      { faults: { alsoDeliver: () => false } },
      { validations: 1, events: 1 },
    ],
  ])('%s', async (_name, options, want) => {
    const sandbox = await open(options);
    const target = await hook();
    await sandbox.subscribe('sender', target.url);
    sandbox.service.publish(brokerEvent('no.altinn.broker.published', SENDER, 'Sender'));
    sandbox.service.publish(brokerEvent('no.altinn.broker.published', RECIPIENT, 'Recipient'));
    await sandbox.service.idle();
    expect(target.received.length - target.events().length).toBe(want.validations);
    expect(target.events()).toHaveLength(want.events);
    for (const r of target.events()) expect(r.contentType).toBe(want.type ?? 'application/cloudevents+json');
  });
});
