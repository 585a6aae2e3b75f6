/** The subscription API of the Altinn Events stand-in (ENVIRONMENT.md "Events"), over real HTTP. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { unusedPort } from '../../helpers/http.js';
import {
  NOW,
  RESOURCE,
  SENDER,
  brokerEvent,
  receiver,
  startSandbox,
  type Answer,
  type Receiver,
  type Sandbox,
  type Token,
} from './harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let sandbox: Sandbox;
let hook: Receiver;
beforeEach(async () => {
  sandbox = await startSandbox({ timeoutMs: 200 });
  hook = await receiver();
});
afterEach(async () => {
  await sandbox.close();
  await hook.close();
});

async function expectProblem(response: Response, status: number): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as { title: unknown; detail: unknown };
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body.detail as string;
}

describe('POST /subscriptions', () => {
  it('validates the endpoint first, then answers 201 with the subscription and its Location', async () => {
    const response = await sandbox.call('POST', '/subscriptions', 'sender', {
      endPoint: hook.url,
      resourceFilter: RESOURCE,
      typeFilter: 'no.altinn.broker.published',
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: number };
    expect(body).toEqual({
      id: expect.any(Number),
      endPoint: hook.url,
      resourceFilter: RESOURCE,
      typeFilter: 'no.altinn.broker.published',
      subjectFilter: null,
      consumer: `/org/${SENDER}`,
      createdBy: `/org/${SENDER}`,
      created: new Date(NOW).toISOString(),
      validated: true,
    });
    const location = `${sandbox.url}/events/api/v1/subscriptions/${body.id}`;
    expect(response.headers.get('location')).toBe(location);
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]?.body).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(UUID),
      type: 'platform.events.validatesubscription',
      source: location,
      time: new Date(NOW).toISOString(),
    });
    const second = await sandbox.subscribe('sender', hook.url);
    expect(second.id).toBe(body.id + 1);
  });

  it.each<[string, Token]>([
    ['write right', 'sender'],
    ['read right', 'recipient'],
    ['subscribe right only', 'watcher'],
  ])('accepts an org with the %s on the resource', async (_name, token) => {
    const response = await sandbox.call('POST', '/subscriptions', token, {
      endPoint: hook.url,
      resourceFilter: RESOURCE,
    });
    expect(response.status).toBe(201);
  });

  const valid = { resourceFilter: RESOURCE };
  it.each<[string, string | undefined, Record<string, unknown> | unknown[], number]>([
    ['no Authorization header', undefined, valid, 401],
    ['a token the authenticator rejects', 'forged', valid, 401],
    ['a token without altinn:events.subscribe', 'noscope', valid, 403],
    ['a token naming no organisation', 'noorg', valid, 403],
    ['a resourceFilter that is not a resource URN', 'sender', { resourceFilter: 'broker-res' }, 403],
    ['a resource not in the registry', 'sender', { resourceFilter: 'urn:altinn:resource:nope' }, 403],
    ['an org not on the resource', 'outsider', valid, 403],
    ['an org with every right false', 'denied', valid, 403],
    ['no resourceFilter', 'sender', {}, 400],
    ['a relative endPoint', 'sender', { ...valid, endPoint: '/events' }, 400],
    ['a non-http endPoint', 'sender', { ...valid, endPoint: 'ftp://127.0.0.1/events' }, 400],
    ['no endPoint', 'sender', { ...valid, endPoint: undefined }, 400],
    ['a typeFilter that is not a string', 'sender', { ...valid, typeFilter: 7 }, 400],
    ['a body that is not an object', 'sender', [], 400],
  ])('rejects %s', async (_name, token, given, status) => {
    const body = Array.isArray(given) ? given : { endPoint: hook.url, ...given };
    await expectProblem(await sandbox.call('POST', '/subscriptions', token, body), status);
    expect(hook.received).toEqual([]);
  });

  it.each<[string, string, string, number]>([
    ['malformed JSON', 'application/json', '{"endPoint":', 400],
    ['a body that is not JSON', 'text/plain', 'endPoint=x', 415],
  ])('rejects %s in the problem shape', async (_name, contentType, body, status) => {
    const response = await fetch(`${sandbox.url}/events/api/v1/subscriptions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sender', 'content-type': contentType },
      body,
    });
    await expectProblem(response, status);
  });

  it.each<[string, Answer | 'closed', RegExp]>([
    ['the endpoint answers 500', 500, /answered 500/],
    ['the endpoint answers 201, not 200', 201, /answered 201/],
    ['nothing listens', 'closed', /ECONNREFUSED/],
    ['the endpoint never answers', 'hang', /no answer within 200 ms/],
  ])('answers 400 and stores nothing when %s', async (_name, answer, reason) => {
    const failing = answer === 'closed' ? undefined : await receiver({ validation: answer });
    const endPoint = failing?.url ?? `http://127.0.0.1:${await unusedPort()}/events`;
    const response = await sandbox.call('POST', '/subscriptions', 'sender', {
      endPoint,
      resourceFilter: RESOURCE,
    });
    const detail = await expectProblem(response, 400);
    expect(detail).toMatch(/^endpoint did not validate/);
    expect(detail).toMatch(reason);
    expect((await sandbox.call('GET', '/subscriptions/1', 'sender')).status).toBe(404);
    sandbox.service.publish(brokerEvent('no.altinn.broker.filetransferinitialized', SENDER, 'Sender'));
    expect(sandbox.service.deliveries()).toEqual([]);
    await failing?.close();
  });
});

describe('GET and DELETE /subscriptions/:id', () => {
  it.each<[string, string, string | undefined, (id: number) => string, number]>([
    ['the owner reads it', 'GET', 'sender', (id) => `${id}`, 200],
    ['another org cannot see it', 'GET', 'recipient', (id) => `${id}`, 404],
    ['no token', 'GET', undefined, (id) => `${id}`, 401],
    ['an unknown id', 'GET', 'sender', (id) => `${id + 1}`, 404],
    ['a non-numeric id', 'GET', 'sender', () => 'abc', 404],
    ['another org cannot delete it', 'DELETE', 'recipient', (id) => `${id}`, 404],
    ['no token on delete', 'DELETE', undefined, (id) => `${id}`, 401],
    ['an unknown route under the prefix', 'GET', 'sender', (id) => `${id}/nothing`, 404],
  ])('%s', async (_name, method, token, path, status) => {
    const created = await sandbox.subscribe('sender', hook.url);
    const response = await sandbox.call(method, `/subscriptions/${path(created.id)}`, token);
    expect(response.status).toBe(status);
    if (status === 200) expect(await response.json()).toEqual(created);
    else await expectProblem(response, status);
    expect((await sandbox.call('GET', `/subscriptions/${created.id}`, 'sender')).status).toBe(200);
  });

  it('lets the owner delete it, after which it is gone and receives nothing', async () => {
    const { id } = await sandbox.subscribe('sender', hook.url);
    expect((await sandbox.call('DELETE', `/subscriptions/${id}`, 'sender')).status).toBe(200);
    expect((await sandbox.call('GET', `/subscriptions/${id}`, 'sender')).status).toBe(404);
    expect((await sandbox.call('DELETE', `/subscriptions/${id}`, 'sender')).status).toBe(404);
    sandbox.service.publish(brokerEvent('no.altinn.broker.filetransferinitialized', SENDER, 'Sender'));
    expect(sandbox.service.deliveries()).toEqual([]);
  });
});
