/**
 * A transfer's life in the sandbox (CONTRACT.md §4.2–§4.9, §5, §6): the happy path with the events
 * each party receives, several recipients, the upload and confirm rules, byte ranges, the multipart
 * upload, purge after confirmation and expiry by time to live. The clock runs 100,000 times faster
 * than the wall, so an hour of grace passes in 36 ms and a day of time to live in under a second.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { publishedEventId } from '../../sandbox/broker/ids.js';
import { SANDBOX_RESOURCE, startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import type { PersonaName } from '../../sandbox/config.js';
import { call, contractValidator, jsonBody, token, type Answer } from './client.js';
import {
  API,
  confirm,
  details,
  download,
  expectAnswer,
  initialize,
  md5,
  multipart,
  multipartFields,
  overview,
  party,
  publish,
  receiver,
  subscribe,
  upload,
  waitFor,
  waitForStatus,
  type Details,
  type Receiver,
} from './fixtures.js';

const HOUR = 3_600_000;

let sandbox: RunningSandbox;
let sender: string;
let recipient: string;
let owner: string;
const hooks = {} as Record<'SENDER' | 'RECIPIENT' | 'SERVICEOWNER', Receiver>;
/** Started first so that its day of time to live runs out while the other tests run (§5.6). */
let expiring: string;

async function configure(settings: Record<string, unknown>): Promise<void> {
  const answer = await call(sandbox, 'PUT', `${API}/resource/${SANDBOX_RESOURCE}`, {
    token: owner,
    ...jsonBody(settings),
  });
  expectAnswer(answer, 204);
}

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 100_000, processingDelayMs: 10 });
  [sender, recipient, owner] = await Promise.all([
    token(sandbox, 'SENDER'),
    token(sandbox, 'RECIPIENT'),
    token(sandbox, 'SERVICEOWNER'),
  ]);
  for (const [persona, tok] of [
    ['SENDER', sender],
    ['RECIPIENT', recipient],
    ['SERVICEOWNER', owner],
  ] as const) {
    hooks[persona] = await receiver();
    expect((await subscribe(sandbox, tok, hooks[persona].url)).status).toBe(201);
  }
  await configure({ fileTransferTimeToLive: 'P1D' });
  expiring = await initialize(sandbox, sender);
  // §5.6: a changed time to live does not reach existing transfers; the others keep the default.
  await configure({ fileTransferTimeToLive: 'P30D', purgeFileTransferGracePeriod: 'PT1H' });
});
afterAll(async () => {
  await sandbox.stop();
  await Promise.all(Object.values(hooks).map((hook) => hook.close()));
});

const eventTypes = (hook: Receiver, id: string) =>
  hook.of(id).map((e) => e.type.replace('no.altinn.broker.', ''));

/** Every event of `id` delivered so far, to whoever, once deliveries have settled. */
async function settled(): Promise<void> {
  await sandbox.events.idle();
}

function nonDecreasing(times: string[]): boolean {
  return times.every((t, i) => i === 0 || Date.parse(t) >= Date.parse(times[i - 1] ?? t));
}

describe('the happy path (§5.3, §6.1)', () => {
  let id: string;
  let walked: Details;

  beforeAll(async () => {
    id = await initialize(sandbox, sender);
    expectAnswer(await upload(sandbox, sender, id, 'hello world'), 200);
    await waitForStatus(sandbox, sender, id, 'Published');
    const got = expectAnswer(await download(sandbox, recipient, id), 200);
    expect(got.text).toBe('hello world');
    expectAnswer(await confirm(sandbox, recipient, id), 204);
    await waitForStatus(sandbox, sender, id, 'Purged');
    walked = await details(sandbox, sender, id);
    await waitFor(
      () => eventTypes(hooks.SENDER, id),
      (types) => types.includes('filepurged'),
      2000,
      'filepurged',
    );
    await settled();
  });

  it.each(['SENDER', 'RECIPIENT', 'SERVICEOWNER'] as const)(
    'subscribing %s validated its endpoint first (ENVIRONMENT.md "Events")',
    (persona) => {
      expect(hooks[persona].handshakes).toHaveLength(1);
    },
  );

  it('passes through every status once, in order, with non-decreasing times (§4.6, §5.3)', () => {
    expect(walked.fileTransferStatusHistory.map((s) => s.fileTransferStatus)).toEqual([
      'Initialized',
      'UploadStarted',
      'UploadProcessing',
      'Published',
      'AllConfirmedDownloaded',
      'Purged',
    ]);
    expect(walked.recipientFileTransferStatusHistory.map((s) => s.recipientFileTransferStatusCode)).toEqual([
      'Initialized',
      'DownloadStarted',
      'DownloadConfirmed',
    ]);
    expect(nonDecreasing(walked.fileTransferStatusHistory.map((s) => s.fileTransferStatusChanged))).toBe(
      true,
    );
    expect(
      nonDecreasing(
        walked.recipientFileTransferStatusHistory.map((s) => s.recipientFileTransferStatusChanged),
      ),
    ).toBe(true);
  });

  it('computes the checksum and size of the stored file (§4.2, §4.5)', () => {
    expect([walked.checksum, walked.fileTransferSize]).toEqual([md5('hello world'), 11]);
  });

  it('purges after the grace period set on the resource, not before (§4.9, §5.6)', () => {
    const at = (status: string) =>
      Date.parse(
        walked.fileTransferStatusHistory.find((s) => s.fileTransferStatus === status)
          ?.fileTransferStatusChanged ?? '',
      );
    expect(at('Purged') - at('AllConfirmedDownloaded')).toBeGreaterThanOrEqual(HOUR);
  });

  it.each<[PersonaName & keyof typeof hooks, string[]]>([
    [
      'SENDER',
      [
        'filetransferinitialized',
        'uploadprocessing',
        'published',
        'downloadconfirmed',
        'allconfirmeddownloaded',
        'filepurged',
      ],
    ],
    ['RECIPIENT', ['published', 'downloadconfirmed']],
    ['SERVICEOWNER', []],
  ])('%s receives exactly %j (§6.1)', (persona, expected) => {
    expect(eventTypes(hooks[persona], id).sort()).toEqual([...expected].sort());
  });

  it.each<[PersonaName & keyof typeof hooks, 'Sender' | 'Recipient']>([
    ['SENDER', 'Sender'],
    ['RECIPIENT', 'Recipient'],
  ])("%s's published event has the deterministic id of §6.2 (role %s)", (persona, role) => {
    expect(hooks[persona].of(id, 'published').map((e) => e.id)).toEqual([
      publishedEventId(id, role, party(sandbox, persona)),
    ]);
  });

  it.each<[PersonaName & keyof typeof hooks, 'Sender' | 'Recipient']>([
    ['SENDER', 'Sender'],
    ['RECIPIENT', 'Recipient'],
  ])(
    "%s's events validate against the spec's webhooks and name it as subject (§6.2)",
    async (persona, role) => {
      const validator = await contractValidator();
      const received = hooks[persona].events.filter((e) => e.event.resourceinstance === id);
      for (const { event, contentType } of received) {
        expect(validator.validateEvent(event, contentType).violations).toEqual([]);
        expect(event).toMatchObject({
          resource: `urn:altinn:resource:${SANDBOX_RESOURCE}`,
          subject: `urn:altinn:organization:identifier-no:${sandbox.env[`${persona}_ORG`] ?? ''}`,
          source: `${sandbox.origin}/broker/api/v1/filetransfer`,
          data: { Role: role },
        });
      }
      expect(new Set(received.map((e) => e.event.id)).size).toBe(received.length);
    },
  );
});

describe('several recipients (§4.9, §6.3)', () => {
  let id: string;
  beforeAll(async () => {
    id = await publish(sandbox, sender, {
      recipients: [party(sandbox, 'RECIPIENT'), party(sandbox, 'SERVICEOWNER')],
    });
    expectAnswer(await download(sandbox, recipient, id), 200);
    expectAnswer(await download(sandbox, owner, id), 200);
  });

  it('stays Published and sends no allconfirmeddownloaded while one recipient has not confirmed', async () => {
    expectAnswer(await confirm(sandbox, recipient, id), 204);
    await settled();
    expect((await overview(sandbox, sender, id)).fileTransferStatus).toBe('Published');
    expect(hooks.SENDER.of(id, 'allconfirmeddownloaded')).toEqual([]);
  });

  it('answers a repeated confirm with 204 and no new row or event while still Published (§4.9 row 6)', async () => {
    const before = (await details(sandbox, sender, id)).recipientFileTransferStatusHistory.length;
    expectAnswer(await confirm(sandbox, recipient, id), 204);
    await settled();
    expect((await details(sandbox, sender, id)).recipientFileTransferStatusHistory).toHaveLength(before);
    expect(hooks.RECIPIENT.of(id, 'downloadconfirmed')).toHaveLength(1);
  });

  it('becomes AllConfirmedDownloaded when the last recipient confirms, and tells the sender once', async () => {
    expectAnswer(await confirm(sandbox, owner, id), 204);
    const history = (await details(sandbox, sender, id)).fileTransferStatusHistory.map(
      (s) => s.fileTransferStatus,
    );
    expect(history).toContain('AllConfirmedDownloaded');
    await waitFor(
      () => hooks.SENDER.of(id, 'allconfirmeddownloaded'),
      (e) => e.length > 0,
      2000,
      'allconfirmeddownloaded',
    );
    await settled();
    expect(hooks.SENDER.of(id, 'allconfirmeddownloaded')).toHaveLength(1);
    expect(hooks.SENDER.of(id, 'downloadconfirmed')).toHaveLength(2);
    expect(eventTypes(hooks.SERVICEOWNER, id).sort()).toEqual(['downloadconfirmed', 'published']);
  });
});

describe('upload, download and confirm rules (§4.2, §4.8, §4.9, §5.7)', () => {
  it('rejects a streamed upload whose MD5 differs: 400 BRO-00009, Failed "Checksum mismatch", no event', async () => {
    const id = await initialize(sandbox, sender, { checksum: md5('something else') });
    expectAnswer(await upload(sandbox, sender, id, 'hello world'), 400, 'BRO-00009');
    const seen = await overview(sandbox, sender, id);
    expect([seen.fileTransferStatus, seen.fileTransferStatusText]).toEqual(['Failed', 'Checksum mismatch']);
    await settled();
    expect(hooks.SENDER.of(id, 'uploadfailed')).toEqual([]);
  });

  it('accepts the checksum given at initialize when it matches, keeping the sender value', async () => {
    const id = await publish(sandbox, sender, { checksum: md5('hello world') });
    expect((await overview(sandbox, sender, id)).checksum).toBe(md5('hello world'));
  });

  it.each<[string, 'Initialized' | 'Published', number, string, (id: string) => Promise<Answer>]>([
    ['a second upload', 'Published', 409, 'BRO-00004', (id) => upload(sandbox, sender, id, 'again')],
    [
      'download before publication',
      'Initialized',
      403,
      'BRO-00007',
      (id) => download(sandbox, recipient, id),
    ],
    [
      'confirm before anything is stored',
      'Initialized',
      400,
      'BRO-00003',
      (id) => confirm(sandbox, recipient, id),
    ],
    ['confirm before download', 'Published', 400, 'BRO-00019', (id) => confirm(sandbox, recipient, id)],
  ])('%s, on an %s transfer → %i %s', async (_rule, state, status, code, act) => {
    const id = state === 'Initialized' ? await initialize(sandbox, sender) : await publish(sandbox, sender);
    expectAnswer(await act(id), status, code);
  });

  it('answers a repeated confirm of a single-recipient transfer with 400 BRO-00010 (§4.9 row 4)', async () => {
    const id = await publish(sandbox, sender);
    expectAnswer(await download(sandbox, recipient, id), 200);
    expectAnswer(await confirm(sandbox, recipient, id), 204);
    expectAnswer(await confirm(sandbox, recipient, id), 400, 'BRO-00010');
  });
});

describe('after every recipient confirmed (§4.8, §5.5)', () => {
  beforeAll(() => configure({ purgeFileTransferAfterAllRecipientsConfirmed: false }));
  afterAll(() => configure({ purgeFileTransferAfterAllRecipientsConfirmed: true }));

  it('still serves the file; a new download adds a row, the overview keeps DownloadConfirmed', async () => {
    const id = await publish(sandbox, sender);
    expectAnswer(await download(sandbox, recipient, id), 200);
    expectAnswer(await confirm(sandbox, recipient, id), 204);
    expect(expectAnswer(await download(sandbox, recipient, id), 200).text).toBe('hello world');
    const seen = await details(sandbox, sender, id);
    expect(seen.fileTransferStatus).toBe('AllConfirmedDownloaded');
    expect(seen.recipientFileTransferStatusHistory.map((r) => r.recipientFileTransferStatusCode)).toEqual([
      'Initialized',
      'DownloadStarted',
      'DownloadConfirmed',
      'DownloadStarted',
    ]);
    expect(seen.recipients.map((r) => r.currentRecipientFileTransferStatusCode)).toEqual([
      'DownloadConfirmed',
    ]);
  });
});

describe('byte ranges (§4.8)', () => {
  let id: string;
  beforeAll(async () => {
    id = await publish(sandbox, sender, {}, 'hello world');
  });

  it.each<[string, number, string | undefined, string | undefined]>([
    ['bytes=0-4', 206, 'hello', 'bytes 0-4/11'],
    ['bytes=-3', 206, 'rld', 'bytes 8-10/11'],
    ['bytes=5-', 206, ' world', 'bytes 5-10/11'],
    ['bytes=0-100', 206, 'hello world', 'bytes 0-10/11'],
    ['BYTES=0-0', 206, 'h', 'bytes 0-0/11'],
    ['bytes=-100', 206, 'hello world', 'bytes 0-10/11'],
    ['bytes=0-1,3-4', 200, 'hello world', undefined],
    ['bytes=9-2', 200, 'hello world', undefined],
    ['items=0-4', 200, 'hello world', undefined],
    ['bytes=100-', 416, undefined, undefined],
    ['bytes=-0', 416, undefined, undefined],
  ])('Range %s → %i %j, Content-Range %s', async (range, status, body, contentRange) => {
    const answer = await download(sandbox, recipient, id, range);
    expectAnswer(answer, status, status === 416 ? 'BRO-00029' : undefined);
    expect(answer.headers.get('content-range') ?? undefined).toBe(contentRange);
    if (body === undefined) return;
    expect(answer.text).toBe(body);
    expect(answer.headers.get('content-length')).toBe(String(body.length));
    expect(answer.headers.get('accept-ranges')).toBe('bytes');
  });
});

describe('multipart initialize-and-upload (§4.3)', () => {
  it('initializes, stores and publishes in one request', async () => {
    const answer = await call(sandbox, 'POST', `${API}/filetransfer/upload`, {
      token: sender,
      ...multipart(multipartFields(sandbox), 'hello form'),
    });
    expectAnswer(answer, 200);
    const id = (answer.json as { fileTransferId: string }).fileTransferId;
    await waitForStatus(sandbox, sender, id, 'Published');
    expect(expectAnswer(await download(sandbox, recipient, id), 200).text).toBe('hello form');
  });

  it('rejects a form without the file part: 400 validation', async () => {
    const answer = await call(sandbox, 'POST', `${API}/filetransfer/upload`, {
      token: sender,
      ...multipart(multipartFields(sandbox), undefined),
    });
    expectAnswer(answer, 400);
    expect(answer.json).toHaveProperty('errors.FileTransfer');
  });
});

describe('after the purge (§5.6)', () => {
  let id: string;
  beforeAll(async () => {
    id = await publish(sandbox, sender);
    expectAnswer(await download(sandbox, recipient, id), 200);
    expectAnswer(await confirm(sandbox, recipient, id), 204);
    await waitForStatus(sandbox, sender, id, 'Purged');
  });

  it.each<[string, number, string, () => Promise<Answer>]>([
    ['download', 403, 'BRO-00007', () => download(sandbox, recipient, id)],
    ['confirm', 400, 'BRO-00010', () => confirm(sandbox, recipient, id)],
    ['upload', 409, 'BRO-00004', () => upload(sandbox, sender, id, 'late')],
  ])('%s → %i %s', async (_operation, status, code, act) => {
    expectAnswer(await act(), status, code);
  });

  it('keeps answering overview and details with status Purged', async () => {
    expect((await overview(sandbox, recipient, id)).fileTransferStatus).toBe('Purged');
  });
});

describe('expiry by time to live (§4.1, §5.6)', () => {
  it('purges a transfer never uploaded when its day is over, telling the sender and the recipient', async () => {
    const seen = await waitForStatus(sandbox, sender, expiring, 'Purged', 3000);
    const expiration = Date.parse(seen.expirationTime);
    expect(expiration - Date.parse(seen.created)).toBe(24 * HOUR);
    await waitFor(
      () => hooks.RECIPIENT.of(expiring, 'fileneverconfirmeddownloaded'),
      (e) => e.length > 0,
      2000,
      'fileneverconfirmeddownloaded to the recipient',
    );
    await settled();
    expect(eventTypes(hooks.SENDER, expiring).sort()).toEqual(
      ['filepurged', 'fileneverconfirmeddownloaded', 'filetransferinitialized'].sort(),
    );
    expect(eventTypes(hooks.RECIPIENT, expiring)).toEqual(['fileneverconfirmeddownloaded']);
  });
});
