/**
 * Reading the resource's accessListMode from the Resource Registry (CONTRACT.md §3.7): what each answer
 * of a stand-in registry reads as, and the embedded sandbox's registry, whose list is on.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IncomingMessage } from 'node:http';
import { startSandbox, SANDBOX_RESOURCE, type RunningSandbox } from '../../sandbox/launcher.js';
import { readAccessListMode, registryResourceUrl } from '../../src/suite/resource-registry.js';
import { serve, unusedPort, type TestServer } from '../helpers/http.js';

interface Answer {
  status: number;
  body: string;
}

let registry: TestServer;
let next: Answer = { status: 200, body: '{}' };
let seen: IncomingMessage | undefined;

beforeAll(async () => {
  registry = await serve((req, res) => {
    seen = req;
    res.writeHead(next.status, { 'content-type': 'application/json' }).end(next.body);
  });
});
afterAll(() => registry.close());

const json = (body: unknown): string => JSON.stringify(body);
const read = (resourceId = 'my-resource') =>
  readAccessListMode({ baseUrl: `${registry.url}/`, resourceId, extraHeaders: { 'x-gateway-key': 'k' } });

describe('readAccessListMode', () => {
  it.each<[string, Answer, Record<string, unknown>]>([
    ['Enabled', { status: 200, body: json({ accessListMode: 'Enabled' }) }, { mode: 'Enabled' }],
    ['Disabled', { status: 200, body: json({ accessListMode: 'Disabled' }) }, { mode: 'Disabled' }],
    [
      'in another case',
      { status: 200, body: json({ accessListMode: 'ENABLED' }) },
      { mode: 'Enabled', raw: 'ENABLED' },
    ],
    [
      'a 404',
      { status: 404, body: '' },
      { unknown: expect.stringContaining('has no resource my-resource (404') },
    ],
    ['a 500', { status: 500, body: 'oops' }, { unknown: expect.stringContaining('answered 500 to GET') }],
    [
      'a body that is not JSON',
      { status: 200, body: '<html>' },
      { unknown: expect.stringContaining('not JSON') },
    ],
    [
      'no accessListMode',
      { status: 200, body: json({ identifier: 'x' }) },
      { unknown: expect.stringContaining('without an accessListMode') },
    ],
    [
      'a JSON null',
      { status: 200, body: 'null' },
      { unknown: expect.stringContaining('without an accessListMode') },
    ],
    [
      'another value',
      { status: 200, body: json({ accessListMode: 'Partial' }) },
      { unknown: expect.stringContaining('neither Enabled nor Disabled') },
    ],
  ])('reads %s', async (_name, answer, want) => {
    next = answer;
    expect(await read()).toMatchObject({
      ...want,
      url: `${registry.url}/resourceregistry/api/v1/resource/my-resource`,
    });
  });

  it('asks without a token, with BROKER_EXTRA_HEADERS', async () => {
    next = { status: 200, body: json({ accessListMode: 'Enabled' }) };
    await read('a resource/with odd chars');
    expect(seen?.url).toBe('/resourceregistry/api/v1/resource/a%20resource%2Fwith%20odd%20chars');
    expect(seen?.headers).toMatchObject({ 'x-gateway-key': 'k', accept: 'application/json' });
    expect(seen?.headers.authorization).toBeUndefined();
  });

  it('says so when the registry cannot be reached', async () => {
    const baseUrl = `http://127.0.0.1:${await unusedPort()}`;
    const reading = await readAccessListMode({ baseUrl, resourceId: 'r', extraHeaders: {} });
    expect(reading).toMatchObject({ unknown: expect.stringContaining('could not be reached at') });
    expect(registryResourceUrl(baseUrl, 'r')).toBe(`${baseUrl}/resourceregistry/api/v1/resource/r`);
  });
});

describe("the sandbox's Resource Registry", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.stop());

  it('serves the resource as upstream names it: identifier, accessListMode, hasCompetentAuthority', async () => {
    const response = await fetch(registryResourceUrl(sandbox.origin, SANDBOX_RESOURCE));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      identifier: SANDBOX_RESOURCE,
      accessListMode: 'Enabled',
      hasCompetentAuthority: { organization: sandbox.env.SERVICEOWNER_ORG, orgcode: 'digdir' },
    });
    expect(
      await readAccessListMode({ baseUrl: sandbox.origin, resourceId: SANDBOX_RESOURCE, extraHeaders: {} }),
    ).toMatchObject({ mode: 'Enabled' });
  });

  it('answers 404 for a resource it does not hold', async () => {
    const response = await fetch(registryResourceUrl(sandbox.origin, 'nope'));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not Found' });
  });
});
