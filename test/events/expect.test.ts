/**
 * The expectation API from a worker's side (CONTRACT.md §6.1–§6.3): through the loopback query API of a
 * real receiver, to which the tests deliver as an events service would.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { WORKER_ENV } from '../../src/defaults.js';
import { ContractError, EnvironmentError, WaitTimeoutError } from '../../src/errors.js';
import { connectEvents, correlate, type EventExpectations } from '../../src/events/expect.js';
import { startReceiver, type RunningReceiver } from '../../src/events/receiver.js';
import { unusedPort } from '../helpers/http.js';
import { brokerEvent, deliver, sleep, validator } from './fixtures.js';

let receiver: RunningReceiver;
let events: EventExpectations;

beforeAll(async () => {
  receiver = await startReceiver({ validator: await validator() });
  events = connectEvents(receiver.baseUrl, { defaultWithinMs: 400, defaultSettleMs: 100 });
});
afterAll(() => receiver.close());
beforeEach(() => receiver.store.reset());

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('expect', () => {
  it('returns an event that arrives late but within the window', async () => {
    const event = brokerEvent();
    setTimeout(() => void deliver(receiver.url, event), 150);
    const got = await events.expect({ type: 'published', resourceinstance: String(event.resourceinstance) });
    expect(got.id).toBe(event.id);
  });

  it('times out naming the filter, the wait and what did arrive for the transfer', async () => {
    const transfer = crypto.randomUUID();
    await deliver(
      receiver.url,
      brokerEvent({ type: 'no.altinn.broker.filetransferinitialized', resourceinstance: transfer }),
    );
    const error = await caught(
      events.expect({ type: 'published', resourceinstance: transfer }, { within: 200 }),
    );
    expect(error).toBeInstanceOf(WaitTimeoutError);
    const { code, message, lastSeen } = error as WaitTimeoutError;
    expect(code).toBe('EVENT_TIMEOUT');
    expect(message).toContain(`no.altinn.broker.published for transfer ${transfer}`);
    expect(message).toContain('within 200 ms');
    expect(message).toContain('filetransferinitialized to urn:altinn:organization:identifier-no:');
    expect(lastSeen).toHaveLength(1);
  });

  it('says so when nothing at all arrived for the transfer', async () => {
    const error = await caught(
      events.expect({ type: 'published', resourceinstance: 'nothing-here' }, { within: 50 }),
    );
    expect((error as Error).message).toContain('the receiver got nothing for transfer nothing-here');
  });

  it.each([
    ['EVENT_ENVELOPE', 'an envelope without specversion', { specversion: undefined }, '/specversion'],
    ['EVENT_ENVELOPE', 'an envelope whose time is not RFC 3339', { time: 'yesterday' }, '/time'],
    ['EVENT_SCHEMA', 'a payload with data.role in lower case', { data: { role: 'Sender' } }, '/data/Role'],
    [
      'EVENT_SCHEMA',
      'a resourceinstance that is not a uuid',
      { resourceinstance: 'abc' },
      '/resourceinstance',
    ],
  ])('fails with %s for %s', async (code, _name, overrides, pointer) => {
    const event = brokerEvent(overrides);
    await deliver(receiver.url, event);
    const error = await caught(events.expect({ id: String(event.id) }));
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toContain(pointer);
  });
});

describe('expectNone', () => {
  it('passes when no matching event comes during the window', async () => {
    await deliver(receiver.url, brokerEvent({ type: 'no.altinn.broker.filetransferinitialized' }));
    await events.expectNone({ type: 'uploadfailed' }, { during: 100 });
  });

  it('fails with EVENT_UNEXPECTED as soon as one arrives', async () => {
    const event = brokerEvent({ type: 'no.altinn.broker.uploadfailed' });
    setTimeout(() => void deliver(receiver.url, event), 50);
    const started = Date.now();
    const error = await caught(
      events.expectNone(
        { type: 'uploadfailed', resourceinstance: String(event.resourceinstance) },
        { during: 3000 },
      ),
    );
    expect(error).toMatchObject({ code: 'EVENT_UNEXPECTED' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('tells subscriptions apart: an event that reached only SENDER is none of OUTSIDER’s', async () => {
    const event = brokerEvent();
    const transfer = String(event.resourceinstance);
    await deliver(`${receiver.url}?subscriber=SENDER`, event);
    await events.expectNone({ resourceinstance: transfer, subscriber: 'OUTSIDER' }, { during: 50 });
    await deliver(`${receiver.url}?subscriber=OUTSIDER`, event);
    const error = await caught(
      events.expectNone({ resourceinstance: transfer, subscriber: 'OUTSIDER' }, { during: 50 }),
    );
    expect(error).toMatchObject({ code: 'EVENT_UNEXPECTED' });
    expect((error as Error).message).toContain(
      `expected no event of any type for transfer ${transfer} through OUTSIDER's subscription, but got published to`,
    );
    expect((error as Error).message).toContain('through SENDER and OUTSIDER');
  });
});

describe('expectExactlyOnce (§6.3: at least once, but one id per logical event)', () => {
  it('accepts redeliveries under the same id', async () => {
    const event = brokerEvent();
    await deliver(receiver.url, event);
    setTimeout(() => void deliver(receiver.url, event), 20);
    const got = await events.expectExactlyOnce({
      type: 'published',
      resourceinstance: String(event.resourceinstance),
    });
    expect(got.id).toBe(event.id);
  });

  it('fails with EVENT_DUPLICATE when the same event comes again under a new id', async () => {
    const event = brokerEvent();
    const copy = { ...event, id: crypto.randomUUID() };
    await deliver(receiver.url, event);
    setTimeout(() => void deliver(receiver.url, copy), 20);
    const error = await caught(
      events.expectExactlyOnce({ type: 'published', resourceinstance: String(event.resourceinstance) }),
    );
    expect(error).toMatchObject({ code: 'EVENT_DUPLICATE', context: { actual: [event.id, copy.id] } });
  });

  it('does not count the same type for another subject as a copy', async () => {
    const event = brokerEvent();
    await deliver(receiver.url, event);
    await deliver(receiver.url, {
      ...event,
      id: crypto.randomUUID(),
      subject: 'urn:altinn:organization:identifier-no:315000002',
      data: { Role: 'Recipient' },
    });
    await events.expectExactlyOnce({
      type: 'published',
      resourceinstance: String(event.resourceinstance),
      role: 'Sender',
    });
  });
});

describe('expectOrder', () => {
  const at = (time: string) => brokerEvent({ time });
  it.each([
    ['earlier before later', '2026-01-01T10:00:00Z', '2026-01-01T10:00:01Z', undefined],
    ['equal times', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z', undefined],
    ['later before earlier', '2026-01-01T10:00:01Z', '2026-01-01T10:00:00Z', 'it came after'],
    ['an unreadable time', 'soon', '2026-01-01T10:00:00Z', 'no readable time'],
  ])('by time: %s', async (_name, first, second, failure) => {
    for (const event of [at(first), at(second)]) await deliver(receiver.url, event);
    const [a, b] = receiver.store.events();
    if (!a || !b) throw new Error('both events should be stored');
    const check = () => events.expectOrder(a, b);
    if (failure === undefined) check();
    else expect(check).toThrow(failure);
  });
});

describe('correlate with a real receiver (§6.1)', () => {
  it('fails when a poll sent after the event arrived still showed UploadStarted', async () => {
    const event = brokerEvent();
    await deliver(receiver.url, event);
    const received = await events.expect({ id: String(event.id) });
    await sleep(2);
    const polls = [
      { status: 'Initialized', requestSentAt: received.receivedAt - 50 },
      { status: 'UploadStarted', requestSentAt: Date.now() },
    ];
    expect(() => correlate(received, polls)).toThrow(
      expect.objectContaining({
        code: 'EVENT_BEFORE_TRANSITION',
        context: expect.objectContaining({ actual: 'UploadStarted' }),
      }),
    );
    expect(() =>
      correlate(received, [...polls.slice(0, 1), { status: 'Published', requestSentAt: Date.now() }]),
    ).not.toThrow();
  });
});

describe('connecting', () => {
  it('needs the receiver URL', () => {
    const previous = process.env[WORKER_ENV.receiver];
    delete process.env[WORKER_ENV.receiver];
    try {
      expect(() => connectEvents()).toThrow(expect.objectContaining({ code: 'EVENTS_RECEIVER_MISSING' }));
    } finally {
      if (previous !== undefined) process.env[WORKER_ENV.receiver] = previous;
    }
  });

  it('reports an unreachable receiver as an environment failure', async () => {
    const gone = connectEvents(`http://127.0.0.1:${await unusedPort()}`);
    const error = await caught(gone.expect({ type: 'published' }, { within: 10 }));
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(error).toMatchObject({ code: 'EVENTS_RECEIVER_UNREACHABLE' });
  });
});
