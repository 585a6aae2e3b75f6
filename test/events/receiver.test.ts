/**
 * The webhook receiver against real deliveries (ENVIRONMENT.md "Events", CONTRACT.md §6.2, §6.3): the
 * handshake, both media types, refused deliveries kept as findings, envelope and schema findings,
 * deduplication on id, and the loopback query API that Jest workers in other processes use.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { networkInterfaces } from 'node:os';
import { isLoopback } from '../../src/events/query-api.js';
import { startReceiver, type RunningReceiver } from '../../src/events/receiver.js';
import { ReceiverClient } from '../../src/events/receiver-client.js';
import { brokerEvent, deliver, handshake, sleep, validator } from './fixtures.js';

let receiver: RunningReceiver;
let client: ReceiverClient;

beforeAll(async () => {
  receiver = await startReceiver({ validator: await validator(), maxBodyBytes: 4096 });
  client = new ReceiverClient(receiver.baseUrl);
});
afterAll(() => receiver.close());
beforeEach(() => receiver.store.reset());

describe('the webhook (ENVIRONMENT.md "Events")', () => {
  it('answers the validation handshake 200 and records it by source', async () => {
    const source = 'https://platform.tt02.altinn.no/events/api/v1/subscriptions/17';
    expect(await deliver(receiver.url, handshake(source))).toBe(200);
    expect(receiver.store.handshakes(source)).toMatchObject([{ source, envelope: [] }]);
    expect(receiver.store.events()).toEqual([]);
  });

  it.each([
    ['application/json', 'as Altinn Events sends it'],
    ['application/cloudevents+json', 'as other senders do'],
    ['application/cloudevents+json; charset=utf-8', 'with parameters'],
    ['Application/JSON', 'in any case'],
  ])('accepts %s (%s)', async (contentType) => {
    const event = brokerEvent();
    expect(await deliver(receiver.url, event, contentType)).toBe(200);
    expect(receiver.store.events()).toMatchObject([{ id: event.id, contentType, envelope: [], schema: [] }]);
  });

  it.each([
    ['another media type', 'text/plain', JSON.stringify(brokerEvent()), 415],
    ['no media type', null, JSON.stringify(brokerEvent()), 415],
    ['a batch media type', 'application/cloudevents-batch+json', '[]', 415],
    ['a body that is not JSON', 'application/json', '{"specversion": "1.0",', 400],
    ['a JSON array', 'application/json', JSON.stringify([brokerEvent()]), 400],
    ['a JSON string', 'application/json', '"published"', 400],
    [
      'a body over the size limit',
      'application/json',
      JSON.stringify(brokerEvent({ pad: 'x'.repeat(5000) })),
      413,
    ],
  ])('refuses %s and records it as a malformed delivery', async (_name, contentType, body, status) => {
    expect(await deliver(receiver.url, body, contentType)).toBe(status);
    expect(receiver.store.malformed()).toMatchObject([{ status, contentType }]);
    expect(receiver.store.events()).toEqual([]);
    expect(await client.findings()).toHaveLength(1);
  });

  it.each([
    ['specversion missing', { specversion: undefined }, '/specversion'],
    ['specversion 0.3', { specversion: '0.3' }, '/specversion'],
    ['id missing', { id: undefined }, '/id'],
    ['id empty', { id: '' }, '/id'],
    ['source missing', { source: undefined }, '/source'],
    ['type not a string', { type: 7 }, '/type'],
    ['time not RFC 3339', { time: '18.08.2026 10:00' }, '/time'],
  ])('stores an event with %s, with the envelope finding', async (_name, overrides, pointer) => {
    expect(await deliver(receiver.url, brokerEvent(overrides))).toBe(200);
    const [stored] = receiver.store.events();
    expect(stored?.envelope.map((v) => v.pointer)).toContain(pointer);
  });

  it.each([
    ['data.Role outside the enumeration', { data: { Role: 'Owner' } }, '/data/Role'],
    ['a lower-case data.role', { data: { role: 'Sender' } }, '/data/Role'],
    ['a subject that is not an organisation URN', { subject: '0192:314000001' }, '/subject'],
    ['a type no webhook documents', { type: 'no.altinn.broker.cancelled' }, undefined],
  ])('stores an event with %s, with the schema finding', async (_name, overrides, pointer) => {
    expect(await deliver(receiver.url, brokerEvent(overrides))).toBe(200);
    const [stored] = receiver.store.events();
    expect(stored?.envelope).toEqual([]);
    expect(stored?.schema.length).toBeGreaterThan(0);
    if (pointer) expect(stored?.schema.map((v) => v.pointer)).toContain(pointer);
  });

  it('counts a second delivery with the same id as a redelivery, not a new event (§6.3)', async () => {
    const event = brokerEvent();
    await deliver(receiver.url, event);
    await deliver(receiver.url, event, 'application/json');
    await deliver(receiver.url, { ...event, time: new Date(Date.now() + 1000).toISOString() });
    const stored = receiver.store.events();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.redeliveries.map((r) => r.sameBody)).toEqual([true, false]);
  });

  it('records the subscription a delivery came through; one id through another is a second subscriber, not a redelivery', async () => {
    const event = brokerEvent();
    const through = (persona: string) => `${receiver.url}?subscriber=${persona}`;
    await deliver(through('SENDER'), event);
    await deliver(through('OUTSIDER'), event);
    await deliver(through('SENDER'), event);
    await deliver(receiver.url, event);
    const [stored, ...more] = receiver.store.events();
    expect(more).toEqual([]);
    expect(stored?.subscribers).toEqual(['SENDER', 'OUTSIDER']);
    expect(stored?.redeliveries).toHaveLength(2);
  });

  it('names no subscriber for an endpoint without one', async () => {
    await deliver(receiver.url, brokerEvent());
    await deliver(`${receiver.url}?subscriber=${'X'.repeat(65)}`, brokerEvent());
    expect(receiver.store.events().map((e) => e.subscribers)).toEqual([[], []]);
  });

  it('keeps every copy of one logical event that came under different ids', async () => {
    const event = brokerEvent();
    await deliver(receiver.url, event);
    await deliver(receiver.url, { ...event, id: crypto.randomUUID() });
    expect(
      receiver.store.copies(event as { type: string; resourceinstance: string; subject: string }),
    ).toHaveLength(2);
  });

  it.each([
    ['GET on the webhook path', 'GET', '/events', 405],
    ['an unknown path', 'POST', '/elsewhere', 404],
    ['an unknown query route', 'GET', '/_receiver/nothing', 404],
  ])('answers %s (%s %s) with %i', async (_name, method, path, status) => {
    const response = await fetch(`${receiver.baseUrl}${path}`, { method });
    expect(response.status).toBe(status);
  });
});

describe('the query API, as a worker in another process uses it', () => {
  it('filters by type, transfer, subject and role', async () => {
    const transfer = crypto.randomUUID();
    const sent = [
      brokerEvent({ resourceinstance: transfer, type: 'no.altinn.broker.filetransferinitialized' }),
      brokerEvent({ resourceinstance: transfer }),
      brokerEvent({
        resourceinstance: transfer,
        subject: 'urn:altinn:organization:identifier-no:315000002',
        data: { Role: 'Recipient' },
      }),
      brokerEvent(),
    ];
    for (const event of sent) await deliver(receiver.url, event);
    const ids = async (query: Record<string, string>) => (await client.events(query)).map((e) => e.id);
    expect(await ids({ resourceinstance: transfer })).toEqual(sent.slice(0, 3).map((e) => e.id));
    expect(await ids({ resourceinstance: transfer, type: 'no.altinn.broker.published' })).toEqual(
      sent.slice(1, 3).map((e) => e.id),
    );
    expect(await ids({ resourceinstance: transfer, role: 'Recipient' })).toEqual([sent[2]?.id]);
  });

  it('filters by the subscription an event came through', async () => {
    const [toSender, toBoth] = [brokerEvent(), brokerEvent()];
    await deliver(`${receiver.url}?subscriber=SENDER`, toSender);
    await deliver(`${receiver.url}?subscriber=SENDER`, toBoth);
    await deliver(`${receiver.url}?subscriber=OUTSIDER`, toBoth);
    const ids = async (subscriber: string) => (await client.events({ subscriber })).map((e) => e.id);
    expect(await ids('SENDER')).toEqual([toSender.id, toBoth.id]);
    expect(await ids('OUTSIDER')).toEqual([toBoth.id]);
    expect(await ids('RECIPIENT')).toEqual([]);
  });

  it('long-polls until a matching event arrives', async () => {
    const event = brokerEvent();
    const started = Date.now();
    const waiting = client.events({ id: String(event.id) }, 5000);
    await sleep(100);
    await deliver(receiver.url, event);
    expect((await waiting).map((e) => e.id)).toEqual([event.id]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("ends a long poll when its caller's signal aborts, with the signal's reason", async () => {
    const stop = new AbortController();
    const started = Date.now();
    const waiting = client.events({ type: 'no.altinn.broker.filepurged' }, 5000, stop.signal);
    await sleep(50);
    stop.abort(new Error('the pause is over'));
    await expect(waiting).rejects.toThrow('the pause is over');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers an empty list once the wait runs out', async () => {
    const started = Date.now();
    expect(await client.events({ type: 'no.altinn.broker.filepurged' }, 150)).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('only counts events received since the given time', async () => {
    await deliver(receiver.url, brokerEvent());
    const since = Date.now() + 1;
    await sleep(5);
    const later = brokerEvent();
    await deliver(receiver.url, later);
    expect((await client.events({ since })).map((e) => e.id)).toEqual([later.id]);
  });

  it('long-polls for a handshake by source', async () => {
    const source = 'http://events.example/subscriptions/3';
    const waiting = client.handshakes(source, 5000);
    await deliver(receiver.url, handshake('http://events.example/subscriptions/2'));
    await deliver(receiver.url, handshake(source));
    expect((await waiting).map((h) => h.source)).toEqual([source]);
  });

  it('forgets everything on reset', async () => {
    await deliver(receiver.url, brokerEvent());
    await client.reset();
    expect(await client.events({})).toEqual([]);
  });
});

describe('the query API is for this machine only', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['::ffff:10.0.0.5', false],
    [undefined, false],
  ])('%s is loopback: %s', (address, loopback) => {
    expect(isLoopback(address)).toBe(loopback);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i?.family === 'IPv4' && !i.internal)?.address;
  (external ? it : it.skip)('hides the query API from a non-loopback caller, not the webhook', async () => {
    const open = await startReceiver({ validator: await validator(), host: '0.0.0.0' });
    try {
      const remote = `http://${external ?? ''}:${open.port}`;
      expect((await fetch(`${remote}/_receiver/events`)).status).toBe(404);
      expect(await deliver(`${remote}/events`, brokerEvent())).toBe(200);
      expect((await fetch(`${open.baseUrl}/_receiver/events`)).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
