/**
 * Step 5 of the getting-started guide, the happy path: one transfer to one recipient, walked from
 * initialize to the last confirm (the purge that follows is checked in the settings phase, 03b, where
 * the grace period can be made short on any environment) (CONTRACT.md §4.1, §4.2, §4.5, §4.6, §4.8, §4.9, §5, §6). Each step needs the
 * one it builds on; a failure skips what follows instead of failing it again.
 */
import { describe, expect } from '@jest/globals';
import { assertDetails } from '../src/lifecycle/history.js';
import { atOrPastStatus } from '../src/lifecycle/poller.js';
import { suiteContext } from '../src/suite/context.js';
import { flow, skip } from '../src/suite/steps.js';
import { requireSubscription } from '../src/suite/subscribers.js';
import {
  confirm,
  details,
  download,
  initialize,
  md5Hex,
  overview,
  payload,
  upload,
  waitFor,
} from '../src/suite/transfers.js';
import {
  checksumOnceKnown,
  epochMs,
  expectAfterTransition,
  expectConfirmed,
  expectFoundBySearch,
  expectNothingBeforePublication,
  FIXED_STATUS_TEXT,
  recipientStatus,
  settleMs,
} from '../src/suite/walk.js';

const ctx = await suiteContext();
const bytes = payload(20_000, 5);
const f = flow();
const SENDER = ctx.subject('SENDER');
const RECIPIENT = ctx.subject('RECIPIENT');
let id = '';
let useVirusScan = true;

const INIT = '§4.1 initialize answers 200 with a fileTransferId; the transfer is Initialized (§5.3)';
const UPLOAD = '§4.2 upload answers 200; the status is then UploadStarted, UploadProcessing or Published';
const PUBLISHED = '§5.3 the transfer becomes Published, of the size sent (§4.5)';
const DOWNLOAD = '§4.8 the recipient downloads the bytes sent; it is then DownloadStarted (§5.5)';
const CONFIRM =
  '§4.9 the recipient confirms; it is DownloadConfirmed and the transfer AllConfirmedDownloaded';

describe('05a the file transfer lifecycle, happy path (§4, §5, §6)', () => {
  f.it(INIT, async () => {
    id = await initialize(ctx, { label: 'happy-path' });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    const { final } = await waitFor(ctx, id, atOrPastStatus('Initialized'));
    expect(final.status).toBe('Initialized');
    expect(final.statusText).toBe(FIXED_STATUS_TEXT.Initialized);
    const body = await overview(ctx, id);
    expect(body).toMatchObject({ fileTransferSize: 0, published: null });
    expect(recipientStatus(ctx, body, 'RECIPIENT')).toBe('Initialized');
    // §5.7: the recipient may read the overview before publication.
    expect((await overview(ctx, id, 'RECIPIENT')).fileTransferStatus).toBe('Initialized');
  });

  f.it(
    '§6.1 filetransferinitialized reaches SENDER once (Role Sender), and nothing reaches RECIPIENT yet (§5.7)',
    async () => {
      const event = await ctx
        .events()
        .expectExactlyOnce(
          { type: 'filetransferinitialized', resourceinstance: id, subject: SENDER, role: 'Sender' },
          { settleMs: settleMs(ctx) },
        );
      await expectAfterTransition(ctx, event);
      await ctx.events().expectNone({ resourceinstance: id, subject: RECIPIENT }, { during: 0 });
    },
    [INIT],
  );

  f.it(UPLOAD, async () => {
    const { data, response } = await upload(ctx, id, bytes);
    expect(response.status).toBe(200);
    expect(data?.fileTransferId.toLowerCase()).toBe(id.toLowerCase());
    // §4.2: which of the three the upload returns on depends on the deployment's virus scan.
    const { final } = await waitFor(ctx, id, atOrPastStatus('UploadStarted'));
    expect(['UploadStarted', 'UploadProcessing', 'Published']).toContain(final.status);
  }, [INIT]);

  f.it(PUBLISHED, async () => {
    // §11: deployed environments publish asynchronously, so Published is polled for, never assumed.
    const { final } = await waitFor(ctx, id, 'Published');
    expect(final.statusText).toBe(FIXED_STATUS_TEXT.Published);
    const body = await overview(ctx, id);
    useVirusScan = body.useVirusScan;
    expect(body.fileTransferSize).toBe(bytes.length);
    expect(recipientStatus(ctx, body, 'RECIPIENT')).toBe('Initialized');
    // §4.5: `published` is the time of the Published status.
    const row = (await details(ctx, id)).fileTransferStatusHistory.find(
      (r) => r.fileTransferStatus === 'Published',
    );
    expect(epochMs(body.published)).toBe(epochMs(row?.fileTransferStatusChanged));
  }, [UPLOAD]);

  f.it(
    '§5.3 the history passes through UploadProcessing exactly when useVirusScan is on',
    async () => {
      const statuses = (await details(ctx, id)).fileTransferStatusHistory.map((r) => r.fileTransferStatus);
      expect(statuses.includes('UploadProcessing')).toBe(useVirusScan);
    },
    [PUBLISHED],
  );

  f.it(
    '§6.1 uploadprocessing reaches SENDER once (Role Sender) when the upload is virus scanned',
    async () => {
      if (!useVirusScan) skip('the transfer is not virus scanned, so no uploadprocessing is sent (§6.1)');
      const event = await ctx
        .events()
        .expectExactlyOnce(
          { type: 'uploadprocessing', resourceinstance: id, subject: SENDER, role: 'Sender' },
          { settleMs: settleMs(ctx) },
        );
      await expectAfterTransition(ctx, event);
    },
    [PUBLISHED],
  );

  f.it(
    '§6.1 published reaches SENDER (Role Sender) and RECIPIENT (Role Recipient) once each, never early',
    async () => {
      const events = ctx.events();
      const [toSender, toRecipient] = await Promise.all([
        events.expectExactlyOnce(
          { type: 'published', resourceinstance: id, subject: SENDER, role: 'Sender' },
          { settleMs: settleMs(ctx) },
        ),
        events.expectExactlyOnce(
          { type: 'published', resourceinstance: id, subject: RECIPIENT, role: 'Recipient' },
          { settleMs: settleMs(ctx) },
        ),
      ]);
      await expectAfterTransition(ctx, toSender);
      await expectAfterTransition(ctx, toRecipient);
      await expectNothingBeforePublication(ctx, id, RECIPIENT);
    },
    [PUBLISHED],
  );

  f.it(
    '§7 the recipient finds the published transfer by search',
    () => expectFoundBySearch(ctx, id, 'RECIPIENT'),
    [PUBLISHED],
  );

  f.it(DOWNLOAD, async () => {
    const result = await download(ctx, id);
    expect(result.response.status).toBe(200);
    expect(md5Hex(result.bytes)).toBe(md5Hex(bytes));
    expect(Buffer.from(result.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(recipientStatus(ctx, await overview(ctx, id), 'RECIPIENT')).toBe('DownloadStarted');
  }, [PUBLISHED]);

  f.it(
    '§4.5 §5.4 checksum is the MD5 of the bytes sent, once known (possibly only after publication)',
    async () => expect(await checksumOnceKnown(ctx, id)).toBe(md5Hex(bytes)),
    [PUBLISHED],
  );

  f.it(CONFIRM, async () => {
    expectConfirmed((await confirm(ctx, id)).response);
    // §4.9: AllConfirmedDownloaded is written within the confirm; a short grace may purge it already.
    await waitFor(ctx, id, atOrPastStatus('AllConfirmedDownloaded'));
    const body = await details(ctx, id);
    const row = body.fileTransferStatusHistory.find((r) => r.fileTransferStatus === 'AllConfirmedDownloaded');
    expect(row?.fileTransferStatusText).toBe(FIXED_STATUS_TEXT.AllConfirmedDownloaded);
    expect(recipientStatus(ctx, body, 'RECIPIENT')).toBe('DownloadConfirmed');
  }, [DOWNLOAD]);

  f.it(
    '§6.1 downloadconfirmed reaches RECIPIENT and SENDER once each; allconfirmeddownloaded SENDER only',
    async () => {
      const events = ctx.events();
      const once = { settleMs: settleMs(ctx) };
      const [, , all] = await Promise.all([
        events.expectExactlyOnce(
          { type: 'downloadconfirmed', resourceinstance: id, subject: RECIPIENT, role: 'Recipient' },
          once,
        ),
        events.expectExactlyOnce(
          { type: 'downloadconfirmed', resourceinstance: id, subject: SENDER, role: 'Sender' },
          once,
        ),
        events.expectExactlyOnce(
          { type: 'allconfirmeddownloaded', resourceinstance: id, subject: SENDER, role: 'Sender' },
          once,
        ),
      ]);
      await expectAfterTransition(ctx, all);
      await events.expectNone(
        { type: 'allconfirmeddownloaded', resourceinstance: id, subject: RECIPIENT },
        { during: 0 },
      );
    },
    [CONFIRM],
  );

  f.it(
    '§6.4 OUTSIDER\'s subscription to the resource got none of the transfer\'s events: it is party to none (ENVIRONMENT.md "Events")',
    async () => {
      const events = ctx.events();
      requireSubscription('OUTSIDER');
      // Every event of the walk has reached its party by now (the clauses above); one more quiet spell
      // lets a copy for OUTSIDER, sent alongside, arrive too.
      await events.expectNone({ resourceinstance: id, subscriber: 'OUTSIDER' }, { during: settleMs(ctx) });
    },
    [CONFIRM],
  );

  f.it(
    '§4.6 the /details histories are legal, in time order, and agree with the current status (§5.3, §5.5)',
    async () => assertDetails(await details(ctx, id)),
    [CONFIRM],
  );
});
