import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import { BROKER_ERRORS } from '../../sandbox/broker/problem.js';
import { call, jsonBody, token, type Answer } from './client.js';
import {
  API,
  details,
  download,
  expectAnswer,
  initialize,
  overview,
  waitForStatus,
  type Overview,
} from './fixtures.js';

const WAIT_MS = 5000;
const TUS = `${API}/filetransfer/upload/tus`;
const CHUNK = 'application/offset+octet-stream';

let sandbox: RunningSandbox;
let sender: string;
let recipient: string;
let outsider: string;
let serviceOwner: string;

beforeAll(async () => {
  sandbox = await startSandbox({ processingDelayMs: 20 });
  [sender, recipient, outsider, serviceOwner] = await Promise.all([
    token(sandbox, 'SENDER'),
    token(sandbox, 'RECIPIENT'),
    token(sandbox, 'OUTSIDER'),
    token(sandbox, 'SERVICEOWNER'),
  ]);
  // Every event the Broker emits, read back per transfer (delivery to subscribers is unchanged).
  jest.spyOn(sandbox.events, 'publish');
});
afterAll(() => sandbox.stop());

/** A transfer from SENDER to RECIPIENT, for a TUS upload. */
const initializeTus = (fields: Record<string, unknown> = {}): Promise<string> =>
  initialize(sandbox, sender, { fileName: 'tus.bin', sendersFileTransferReference: 'tus', ...fields });

/** A TUS request as the sender, with `Tus-Resumable: 1.0.0` unless the headers override it. */
function tus(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Uint8Array,
  as = sender,
): Promise<Answer> {
  return call(sandbox, method, path, {
    token: as,
    headers: { 'tus-resumable': '1.0.0', ...headers },
    ...(body ? { body } : {}),
  });
}

const create = (id: string, length: number, headers: Record<string, string> = {}) =>
  tus('POST', `${TUS}/${id}`, { 'upload-length': String(length), ...headers });

const patch = (
  path: string,
  offset: number,
  bytes: Uint8Array,
  headers: Record<string, string> = {},
  as = sender,
) => tus('PATCH', path, { 'content-type': CHUNK, 'upload-offset': String(offset), ...headers }, bytes, as);

const statusNow = async (id: string): Promise<string> =>
  (await overview(sandbox, sender, id)).fileTransferStatus;
const reached = (id: string, status: string): Promise<Overview> =>
  waitForStatus(sandbox, sender, id, status, WAIT_MS);
const history = async (id: string): Promise<string[]> =>
  (await details(sandbox, sender, id)).fileTransferStatusHistory.map((h) => h.fileTransferStatus);
const downloaded = async (id: string): Promise<string> =>
  expectAnswer(await download(sandbox, recipient, id), 200).text;

const bytes = (text: string) => new TextEncoder().encode(text);
const md5Base64 = 'md5 XrY7u+Ae7tCTyyK7j1rNww==';
const eventTypes = (id: string) =>
  jest
    .mocked(sandbox.events.publish)
    .mock.calls.map(([e]) => e)
    .filter((e) => e.resourceinstance === id)
    .map((e) => e.type.replace('no.altinn.broker.', ''));

/** Uploads `text` to a fresh single upload in one chunk and waits for `status`. */
async function uploadWhole(id: string, text: string, status = 'Published'): Promise<Overview> {
  expect((await create(id, text.length)).status).toBe(201);
  const done = await patch(`${TUS}/${id}`, 0, bytes(text));
  expect([done.status, done.violations]).toEqual([204, []]);
  return reached(id, status);
}

/**
 * A PATCH whose body stops after `sent` of the `declared` bytes: the connection is destroyed with the
 * rest never written, as a client losing its network mid-chunk.
 */
function interruptedPatch(path: string, offset: number, declared: number, sent: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    const req = httpRequest(`${sandbox.origin}${path}`, {
      method: 'PATCH',
      agent: false,
      headers: {
        authorization: `Bearer ${sender}`,
        'tus-resumable': '1.0.0',
        'content-type': CHUNK,
        'upload-offset': String(offset),
        'content-length': String(declared),
      },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.on('response', (response) => {
      response.resume();
      resolve();
    });
    req.write(sent, () => setTimeout(() => req.destroy(), 50));
  });
}

describe('TUS capabilities', () => {
  it('answers OPTIONS with the protocol headers, for any transfer id', async () => {
    for (const id of [randomUUID(), 'not-a-guid']) {
      const answer = await call(sandbox, 'OPTIONS', `${TUS}/${id}`, { token: sender });
      expect([answer.status, answer.violations, answer.text]).toEqual([204, [], '']);
      expect(answer.headers.get('tus-resumable')).toBe('1.0.0');
      expect(answer.headers.get('tus-version')).toBe('1.0.0');
      expect(answer.headers.get('tus-extension')).toBe(
        'creation,creation-with-upload,termination,checksum,concatenation,expiration',
      );
      expect(answer.headers.get('tus-checksum-algorithm')).toBe('md5');
      expect(answer.headers.get('tus-max-size')).toBeNull();
    }
  });

  it('needs the Sender policy, also for OPTIONS', async () => {
    const none = await call(sandbox, 'OPTIONS', `${TUS}/${randomUUID()}`);
    expect([none.status, none.text, none.violations]).toEqual([401, '', []]);
    const readOnly = await token(sandbox, 'RECIPIENT', 'altinn:broker.read');
    const forbidden = await call(sandbox, 'OPTIONS', `${TUS}/${randomUUID()}`, { token: readOnly });
    expect([forbidden.status, forbidden.text, forbidden.violations]).toEqual([403, '', []]);
  });
});

describe('TUS upload', () => {
  it('creates, reports offset 0, takes two chunks and publishes the bytes', async () => {
    const id = await initializeTus();
    const created = await create(id, 11);
    expect([created.status, created.violations]).toEqual([201, []]);
    expect(created.headers.get('location')).toBe(`${TUS}/${id}`);
    expect(created.headers.get('tus-resumable')).toBe('1.0.0');
    const expires = Date.parse(created.headers.get('upload-expires') ?? '');
    expect(expires - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    expect(await statusNow(id)).toBe('UploadStarted');

    const head = await tus('HEAD', `${TUS}/${id}`);
    expect([head.status, head.violations, head.text]).toEqual([200, [], '']);
    expect(head.headers.get('upload-offset')).toBe('0');
    expect(head.headers.get('upload-length')).toBe('11');
    expect(head.headers.get('cache-control')).toBe('no-store');

    const first = await patch(`${TUS}/${id}`, 0, bytes('hello '));
    expect([first.status, first.violations]).toEqual([204, []]);
    expect(first.headers.get('upload-offset')).toBe('6');
    expect(await statusNow(id)).toBe('UploadStarted');
    const last = await patch(`${TUS}/${id}`, 6, bytes('world'));
    expect([last.status, last.violations]).toEqual([204, []]);
    expect(last.headers.get('upload-offset')).toBe('11');

    const published = await reached(id, 'Published');
    expect(published.fileTransferStatus).toBe('Published');
    expect(published.fileTransferSize).toBe(11);
    expect(published.checksum).toBe('5eb63bbbe01eeed093cb22bb8f5acdc3');
    expect(await history(id)).toEqual(['Initialized', 'UploadStarted', 'UploadProcessing', 'Published']);
    expect(eventTypes(id)).toEqual(['filetransferinitialized', 'uploadprocessing', 'published', 'published']);
    expect(await downloaded(id)).toBe('hello world');
  });

  it('publishes at once without virus scan or sender checksum', async () => {
    const id = await initializeTus({ disableVirusScan: true });
    await uploadWhole(id, 'no scan');
    expect(await history(id)).toEqual(['Initialized', 'UploadStarted', 'Published']);
    expect(eventTypes(id)).not.toContain('uploadprocessing');
    expect(await downloaded(id)).toBe('no scan');
  });

  it('keeps the bytes of an interrupted chunk and resumes from them', async () => {
    const id = await initializeTus({ disableVirusScan: true });
    const text = 'abcdefghijklmnopqrstuvwxyz0123456789';
    expect((await create(id, text.length)).status).toBe(201);
    await interruptedPatch(`${TUS}/${id}`, 0, text.length, bytes(text.slice(0, 20)));

    let offset = '';
    for (const until = Date.now() + 5000; offset !== '20' && Date.now() < until;) {
      const head = await tus('HEAD', `${TUS}/${id}`);
      expect([head.status, head.violations]).toEqual([200, []]);
      offset = head.headers.get('upload-offset') ?? '';
    }
    expect(offset).toBe('20');
    expect(await statusNow(id)).toBe('UploadStarted');

    const rest = await patch(`${TUS}/${id}`, 20, bytes(text.slice(20)));
    expect([rest.status, rest.violations]).toEqual([204, []]);
    expect(rest.headers.get('upload-offset')).toBe(String(text.length));
    expect((await reached(id, 'Published')).fileTransferStatus).toBe('Published');
    expect(await downloaded(id)).toBe(text);
  });

  it('answers a PATCH at or past the end with 204 and the length, also after publication', async () => {
    const id = await initializeTus({ disableVirusScan: true });
    await uploadWhole(id, 'done');
    for (const offset of [4, 9]) {
      const again = await patch(`${TUS}/${id}`, offset, bytes('x'));
      expect([again.status, again.violations, again.headers.get('upload-offset')]).toEqual([204, [], '4']);
    }
  });

  it('terminates an upload without changing the transfer status', async () => {
    const id = await initializeTus();
    expect((await create(id, 10)).status).toBe(201);
    expect((await patch(`${TUS}/${id}`, 0, bytes('12345'))).status).toBe(204);
    const deleted = await tus('DELETE', `${TUS}/${id}`);
    expect([deleted.status, deleted.violations, deleted.text]).toEqual([204, [], '']);
    expect(await statusNow(id)).toBe('UploadStarted');
    const gone = await tus('HEAD', `${TUS}/${id}`);
    expect([gone.status, gone.violations]).toEqual([404, []]);
  });
});

describe('TUS checks', () => {
  it('answers 404 with an empty body when Tus-Resumable is missing, before the file-level checks', async () => {
    const id = await initializeTus();
    expect((await create(id, 5)).status).toBe(201);
    const chunk = { 'content-type': CHUNK, 'upload-offset': '0' };
    const cases: [string, string, Record<string, string>, Uint8Array?][] = [
      ['POST', `${TUS}/${id}`, { 'upload-length': '5' }],
      ['HEAD', `${TUS}/${id}`, {}],
      ['PATCH', `${TUS}/${id}`, chunk, bytes('abc')],
      ['DELETE', `${TUS}/${id}`, {}],
      ['POST', `${TUS}/${randomUUID()}`, { 'upload-length': '5' }],
    ];
    for (const [method, path, headers, body] of cases) {
      const answer = await call(sandbox, method, path, { token: sender, headers, ...(body ? { body } : {}) });
      expect([method, answer.status, answer.text, answer.violations]).toEqual([method, 404, '', []]);
    }
    expect((await tus('HEAD', `${TUS}/${id}`)).headers.get('upload-offset')).toBe('0');
  });

  it('answers Broker refusals in plain text', async () => {
    const id = await initializeTus();
    const cases: [string, string, string, number, string][] = [
      ['unknown id', `${TUS}/${randomUUID()}`, sender, 404, BROKER_ERRORS[1].detail],
      ['id that is no GUID', `${TUS}/not-a-guid`, sender, 404, 'Missing file transfer id'],
      ['outsider', `${TUS}/${id}`, outsider, 401, BROKER_ERRORS[6].detail],
    ];
    for (const [name, path, as, status, text] of cases) {
      const answer = await tus('POST', path, { 'upload-length': '5' }, undefined, as);
      expect([name, answer.status, answer.text, answer.violations]).toEqual([name, status, text, []]);
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    }
    expect(await statusNow(id)).toBe('Initialized');
  });

  it('applies the protocol checks after the file-level checks', async () => {
    const id = await initializeTus();
    const path = `${TUS}/${id}`;
    const creates: [string, Record<string, string>, number][] = [
      ['unsupported version', { 'tus-resumable': '0.2.2', 'upload-length': '5' }, 412],
      ['no Upload-Length', {}, 400],
      ['Upload-Defer-Length', { 'upload-defer-length': '1' }, 400],
      ['unparsable Upload-Length', { 'upload-length': 'five' }, 400],
    ];
    for (const [name, headers, status] of creates) {
      const answer = await tus('POST', path, headers);
      expect([name, answer.status, answer.violations]).toEqual([name, status, []]);
      expect(answer.text).not.toBe('');
    }
    expect((await create(id, 10)).status).toBe(201);
    expect((await patch(path, 0, bytes('12345'))).status).toBe(204);
    const patches: [string, number, Record<string, string>, number][] = [
      ['offset mismatch', 3, {}, 409],
      ['wrong Content-Type', 5, { 'content-type': 'application/octet-stream' }, 415],
      ['Upload-Checksum', 5, { 'upload-checksum': md5Base64 }, 460],
      ['unsupported version', 5, { 'tus-resumable': '2.0.0' }, 412],
    ];
    for (const [name, offset, headers, status] of patches) {
      const answer = await patch(path, offset, bytes('67890'), headers);
      expect([name, answer.status, answer.violations]).toEqual([name, status, []]);
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    }
    const head = await tus('HEAD', path);
    expect(head.headers.get('upload-offset')).toBe('5');
  });

  it('refuses uploads once the transfer is published (409)', async () => {
    const id = await initializeTus();
    await uploadWhole(id, 'first');
    const again = await create(id, 5);
    expect([again.status, again.text, again.violations]).toEqual([409, BROKER_ERRORS[4].detail, []]);
    const chunk = await patch(`${TUS}/${id}`, 0, bytes('x'));
    expect([chunk.status, chunk.text, chunk.violations]).toEqual([409, BROKER_ERRORS[4].detail, []]);
    const terminate = await tus('DELETE', `${TUS}/${id}`);
    expect([terminate.status, terminate.violations]).toEqual([409, []]);
  });

  it("checks Upload-Length against the resource's maxFileTransferSize (400)", async () => {
    const resource = `${API}/resource/${sandbox.env.BROKER_RESOURCE_ID}`;
    const limit = async (maxFileTransferSize: number) => {
      const put = await call(sandbox, 'PUT', resource, {
        token: serviceOwner,
        ...jsonBody({ maxFileTransferSize }),
      });
      expect([put.status, put.violations]).toEqual([204, []]);
    };
    await limit(10);
    try {
      const id = await initializeTus();
      const over = await create(id, 11);
      expect([over.status, over.text, over.violations]).toEqual([400, BROKER_ERRORS[16].detail, []]);
      expect(await statusNow(id)).toBe('Initialized');
      expect((await create(id, 10)).status).toBe(201);
    } finally {
      await limit(1_000_000_000);
    }
  });
});

describe('TUS concatenation', () => {
  async function partial(id: string, text: string, complete = true): Promise<string> {
    const created = await create(id, text.length, { 'upload-concat': 'partial' });
    expect([created.status, created.violations]).toEqual([201, []]);
    const where = created.headers.get('location') ?? '';
    expect(where).toMatch(new RegExp(`^${TUS}/${id}/partial/[0-9a-f]{32}$`));
    if (complete) expect((await patch(where, 0, bytes(text))).status).toBe(204);
    return where;
  }

  it('joins two partials into the published file', async () => {
    const id = await initializeTus();
    const first = await partial(id, 'con');
    const second = await partial(id, 'catenated');
    expect(await statusNow(id)).toBe('UploadStarted');
    const head = await tus('HEAD', second);
    expect([head.status, head.violations]).toEqual([200, []]);
    expect([head.headers.get('upload-offset'), head.headers.get('upload-length')]).toEqual(['9', '9']);

    const final = await tus('POST', `${TUS}/${id}`, { 'upload-concat': `final;${first} ${second}` });
    expect([final.status, final.violations]).toEqual([201, []]);
    expect(final.headers.get('location')).toBe(`${TUS}/${id}`);
    expect((await reached(id, 'Published')).fileTransferSize).toBe(12);
    expect(await downloaded(id)).toBe('concatenated');
    const statuses = await history(id);
    expect(statuses).toEqual(['Initialized', 'UploadStarted', 'UploadProcessing', 'Published']);
    expect(eventTypes(id)).not.toContain('uploadprocessing');
  });

  it('refuses a final upload naming unfinished or foreign partials (400)', async () => {
    const id = await initializeTus();
    const other = await initializeTus();
    const done = await partial(id, 'abc');
    const unfinished = await partial(id, 'def', false);
    const foreign = await partial(other, 'ghi');
    for (const files of [`${done} ${unfinished}`, `${done} ${foreign}`]) {
      const final = await tus('POST', `${TUS}/${id}`, { 'upload-concat': `final;${files}` });
      expect([final.status, final.violations]).toEqual([400, []]);
      expect(final.headers.get('content-type')).toMatch(/^text\/plain/);
    }
    expect(await statusNow(id)).toBe('UploadStarted');
  });

  it('accepts the older partial path without the `partial` segment', async () => {
    const id = await initializeTus();
    const where = await partial(id, 'legacy');
    const response = await fetch(`${sandbox.origin}${where.replace('/partial/', '/')}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${sender}`, 'tus-resumable': '1.0.0' },
    });
    expect([response.status, response.headers.get('upload-offset')]).toEqual([200, '6']);
  });
});

describe('TUS finalization with a sender checksum', () => {
  it('fails a mismatching checksum after processing, with an uploadfailed event', async () => {
    const id = await initializeTus({ checksum: '0123456789abcdef0123456789abcdef', disableVirusScan: true });
    const failed = await uploadWhole(id, 'not matching', 'Failed');
    expect([failed.fileTransferStatus, failed.fileTransferStatusText]).toEqual([
      'Failed',
      'Checksum mismatch',
    ]);
    expect(await history(id)).toEqual(['Initialized', 'UploadStarted', 'UploadProcessing', 'Failed']);
    expect(eventTypes(id)).toEqual(['filetransferinitialized', 'uploadprocessing', 'uploadfailed']);
    const dl = await call(sandbox, 'GET', `${API}/filetransfer/${id}/download`, { token: recipient });
    expect([dl.status, dl.violations]).toEqual([403, []]);
  });

  it('publishes a matching checksum after processing', async () => {
    const id = await initializeTus({ checksum: '5eb63bbbe01eeed093cb22bb8f5acdc3', disableVirusScan: true });
    const published = await uploadWhole(id, 'hello world');
    expect(published.checksum).toBe('5eb63bbbe01eeed093cb22bb8f5acdc3');
    expect(eventTypes(id)).toEqual(['filetransferinitialized', 'uploadprocessing', 'published', 'published']);
  });
});

describe('TUS expired-token tolerance', () => {
  const expired = (org: string, clientId: string) =>
    sandbox.authority
      .issueMaskinporten({ clientId, consumerOrg: org, scopes: ['altinn:broker.write'] }, -60)
      .then((t) => t.token);

  it('accepts an expired sender token for an active upload session only', async () => {
    const stale = await expired(sandbox.env.SENDER_ORG ?? '', sandbox.env.SENDER_CLIENT_ID ?? '');
    const staleOutsider = await expired(sandbox.env.OUTSIDER_ORG ?? '', sandbox.env.OUTSIDER_CLIENT_ID ?? '');
    const idle = await initializeTus();
    const noSession = await tus('HEAD', `${TUS}/${idle}`, {}, undefined, stale);
    expect([noSession.status, noSession.violations]).toEqual([401, []]);

    const id = await initializeTus({ disableVirusScan: true });
    expect((await create(id, 6)).status).toBe(201);
    const head = await tus('HEAD', `${TUS}/${id}`, {}, undefined, stale);
    expect([head.status, head.violations, head.headers.get('upload-offset')]).toEqual([200, [], '0']);
    const other = await tus('HEAD', `${TUS}/${id}`, {}, undefined, staleOutsider);
    expect([other.status, other.text, other.violations]).toEqual([401, '', []]);
    const chunk = await patch(`${TUS}/${id}`, 0, bytes('stale!'), {}, stale);
    expect([chunk.status, chunk.violations]).toEqual([204, []]);
    await reached(id, 'Published');
    const after = await tus('HEAD', `${TUS}/${id}`, {}, undefined, stale);
    expect([after.status, after.violations]).toEqual([401, []]);
  });
});
