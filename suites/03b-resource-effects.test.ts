/**
 * Step 3 of the getting-started guide, seen from the transfers: what each resource setting does to
 * the transfers made under it (CONTRACT.md §4.1 rows 8–9, §4.2 row 7, §5.6). This file runs in the
 * settings phase, alone (src/run/phases.ts): each check writes the setting it needs, whatever the
 * environment's was (a grace period of two hours, a TTL of 30 days), and puts it back after
 * (src/suite/settings.ts). Transfers made here that are not purged are left to expire. Once every
 * setting is back, the file releases the settings phase and awaits its purges beside the transfers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CLOCK_ALLOWANCE_MS,
  EXPIRATION_TOLERANCE_MS,
  SUITE_GRACE_PERIOD,
  SUITE_TIME_TO_LIVE,
} from '../src/defaults.js';
import { assertDetails } from '../src/lifecycle/history.js';
import { atOrPastStatus } from '../src/lifecycle/poller.js';
import type { PersonaName } from '../src/profile/types.js';
import { expectConfigured } from '../src/suite/admin.js';
import { suiteContext } from '../src/suite/context.js';
import { multipartForm, uploadMultipart } from '../src/suite/multipart.js';
import { holdSettings, releaseSettings, withSettings, type HeldSettings } from '../src/suite/settings.js';
import { flow } from '../src/suite/steps.js';
import {
  API,
  confirm,
  details,
  download,
  expectProblem,
  initialize,
  initializeBody,
  overview,
  payload,
  upload,
  waitFor,
} from '../src/suite/transfers.js';
import { expectTusText, tusUpload } from '../src/suite/tus.js';
import {
  epochMs,
  expectAfterTransition,
  expectConfirmed,
  FIXED_STATUS_TEXT,
  settleMs,
} from '../src/suite/walk.js';

const ctx = await suiteContext();
const SENDER = ctx.subject('SENDER');

interface RequiredPartyRow {
  clause: string;
  required: PersonaName;
  recipients: PersonaName[];
  status: number;
  code?: string;
}

/** SENDER and RECIPIENT are on the resource's access list (ENVIRONMENT.md), so §4.1 row 7 passes first. */
const REQUIRED_PARTY: RequiredPartyRow[] = [
  {
    clause: '§4.1 with requiredParty RECIPIENT, SENDER may send to RECIPIENT alone: 200',
    required: 'RECIPIENT',
    recipients: ['RECIPIENT'],
    status: 200,
  },
  {
    clause: '§4.1 row 8 with requiredParty RECIPIENT, SENDER to RECIPIENT and SENDER gets 400 BRO-00027',
    required: 'RECIPIENT',
    recipients: ['RECIPIENT', 'SENDER'],
    status: 400,
    code: 'BRO-00027',
  },
  {
    clause: '§4.1 row 9 with requiredParty RECIPIENT, SENDER to SENDER alone gets 400 BRO-00026',
    required: 'RECIPIENT',
    recipients: ['SENDER'],
    status: 400,
    code: 'BRO-00026',
  },
  {
    clause: '§4.1 with requiredParty SENDER, the sender may send to several recipients: 200',
    required: 'SENDER',
    recipients: ['RECIPIENT', 'SENDER'],
    status: 200,
  },
];

describe('03 resource: requiredParty at initialize (§4.1 rows 8–9, §8.2)', () => {
  it.each(REQUIRED_PARTY)('$clause', ({ required, recipients, status, code }) =>
    withSettings(ctx, { requiredParty: ctx.party(required) }, async (put) => {
      expectConfigured(put);
      const body = initializeBody(ctx, { label: 'required-party', recipients });
      expectProblem(await ctx.broker.as('SENDER').POST(`${API}/filetransfer`, { body }), status, code);
    }),
  );
});

const LIMIT = 1000;

/**
 * §4.2 row 7, §4.3, §4.4: the resource's maximum holds for the bytes an upload carries, by each way in.
 * A streamed upload with no Content-Length is not limited upstream (§4.2 row 7), so every upload here
 * states its length: Content-Length, the file part's length, TUS `Upload-Length`.
 */
describe(`03 resource: maxFileTransferSize ${LIMIT} holds at upload (§4.2 row 7, §4.3, §4.4, §8.2)`, () => {
  const limited = (check: () => Promise<void>) =>
    withSettings(ctx, { maxFileTransferSize: LIMIT }, async (put) => {
      expectConfigured(put);
      await check();
    });

  it(`§4.2 row 7 a streamed upload of ${LIMIT + 1} bytes gets 400 BRO-00016; one of ${LIMIT} bytes answers 200`, () =>
    limited(async () => {
      const [over, exact] = await Promise.all([
        initialize(ctx, { label: 'over-the-limit' }),
        initialize(ctx, { label: 'at-the-limit' }),
      ]);
      expectProblem(await upload(ctx, over, payload(LIMIT + 1, 3)), 400, 'BRO-00016');
      expect((await upload(ctx, exact, payload(LIMIT, 4))).response.status).toBe(200);
    }));

  it(`§4.3 a multipart upload whose file part is ${LIMIT + 1} bytes gets 400 BRO-00016; ${LIMIT} bytes answer 200`, () =>
    limited(async () => {
      const over = await uploadMultipart(
        ctx,
        multipartForm(ctx, { label: 'multipart-over', file: payload(LIMIT + 1, 5) }),
      );
      expectProblem(over, 400, 'BRO-00016');
      const exact = await uploadMultipart(
        ctx,
        multipartForm(ctx, { label: 'multipart-at', file: payload(LIMIT, 6) }),
      );
      expect(exact.response.status).toBe(200);
    }));

  it(`§4.4 a TUS upload of Upload-Length ${LIMIT + 1} gets 400 (text/plain); one of ${LIMIT} is created (201)`, () =>
    limited(async () => {
      const [over, exact] = await Promise.all([
        initialize(ctx, { label: 'tus-over' }),
        initialize(ctx, { label: 'tus-at' }),
      ]);
      expectTusText(await tusUpload(ctx, over).create(LIMIT + 1), 400);
      expect((await tusUpload(ctx, exact).create(LIMIT)).response.status).toBe(201);
    }));
});

const GRACE = SUITE_GRACE_PERIOD;
const PURGE = `03 resource: purge after all recipients confirmed, grace ${GRACE.iso} (§5.6)`;
const purge = flow();
let held: HeldSettings | undefined;
let purgedId = '';
const bytes = payload(4_000, 21);
const PURGE_SET = `§8.2 purge after confirm on with grace ${GRACE.iso} is accepted`;
const CONFIRMED =
  '§4.9 a published transfer downloaded and confirmed by its one recipient is AllConfirmedDownloaded';
const PURGED = '§5.6 the transfer is purged once the grace period after the last confirm has passed';

describe(PURGE, () => {
  // §5.6: the purge job is scheduled when the last recipient confirms, for then plus the grace period
  // of that moment; the settings go back once the transfer is AllConfirmedDownloaded, and the purge is
  // awaited after the file has released the settings phase (below).
  afterAll(async () => {
    await held?.restore();
  });

  purge.it(PURGE_SET, async () => {
    held = await holdSettings(ctx, {
      purgeFileTransferGracePeriod: GRACE.iso,
      purgeFileTransferAfterAllRecipientsConfirmed: true,
    });
    expectConfigured(held.put);
  });

  purge.it(CONFIRMED, async () => {
    purgedId = await initialize(ctx, { label: 'purge-after-confirm' });
    expect((await upload(ctx, purgedId, bytes)).response.status).toBe(200);
    await waitFor(ctx, purgedId, 'Published');
    expect((await download(ctx, purgedId)).response.status).toBe(200);
    expectConfirmed((await confirm(ctx, purgedId)).response);
    await waitFor(ctx, purgedId, atOrPastStatus('AllConfirmedDownloaded'));
  });
});

const TTL = SUITE_TIME_TO_LIVE;
const EXPIRY = `03 resource: a transfer expires at its time to live, TTL ${TTL.iso} (§5.6)`;
const expiry = flow();
let expiringId = '';
const TTL_SET = `§5.6 a transfer initialized under TTL ${TTL.iso} has expirationTime = created + ${TTL.ms / 1000} s`;
const EXPIRED = '§5.6 at its expirationTime the unconfirmed transfer is purged';

describe(EXPIRY, () => {
  expiry.it(TTL_SET, async () => {
    // §5.6: the TTL is read at initialize; putting it back straight after changes nothing for this transfer.
    await withSettings(ctx, { fileTransferTimeToLive: TTL.iso }, async (put) => {
      expectConfigured(put);
      expiringId = await initialize(ctx, { label: 'ttl' });
    });
    const body = await overview(ctx, expiringId);
    const lifetime = (epochMs(body.expirationTime) ?? 0) - (epochMs(body.created) ?? 0);
    expect(Math.abs(lifetime - TTL.ms)).toBeLessThanOrEqual(EXPIRATION_TOLERANCE_MS);
  });
});

// Every setting this file wrote is back as it found it, and it writes no more: the run's next phase
// may start (src/run/phase-release.mjs) while the two purges are awaited. The blocks keep their titles,
// so each clause keeps its name.
describe(PURGE, () => {
  beforeAll(() => releaseSettings(import.meta.url));

  purge.it(PURGED, async () => {
    const { final } = await waitFor(ctx, purgedId, 'Purged');
    expect(final.statusText).toBe(FIXED_STATUS_TEXT.Purged);
    // §5.6: the job is scheduled at AllConfirmedDownloaded plus the grace period, in the Broker's time.
    const rows = (await details(ctx, purgedId)).fileTransferStatusHistory;
    const at = (status: string) =>
      epochMs(rows.find((r) => r.fileTransferStatus === status)?.fileTransferStatusChanged);
    const confirmedAt = at('AllConfirmedDownloaded');
    const purgedAt = at('Purged');
    expect(confirmedAt).toBeDefined();
    expect(purgedAt).toBeDefined();
    expect((purgedAt ?? 0) - (confirmedAt ?? 0)).toBeGreaterThanOrEqual(GRACE.ms - CLOCK_ALLOWANCE_MS);
  });

  purge.it(
    '§6.1 filepurged reaches SENDER once (Role Sender)',
    async () => {
      const event = await ctx
        .events()
        .expectExactlyOnce(
          { type: 'filepurged', resourceinstance: purgedId, subject: SENDER, role: 'Sender' },
          { settleMs: settleMs(ctx) },
        );
      await expectAfterTransition(ctx, event);
    },
    [PURGED],
  );

  purge.it(
    '§5.6 after the purge, download gives 403 BRO-00007 while overview and details still answer',
    async () => {
      expectProblem(await download(ctx, purgedId), 403, 'BRO-00007');
      expect((await overview(ctx, purgedId, 'RECIPIENT')).fileTransferStatus).toBe('Purged');
      const body = await details(ctx, purgedId);
      assertDetails(body);
      expect(body.fileTransferStatus).toBe('Purged');
    },
    [PURGED],
  );

  purge.it(
    '§5.6 after the purge, confirm gives 400 BRO-00010 and upload 409 BRO-00004',
    async () => {
      expectProblem(await confirm(ctx, purgedId), 400, 'BRO-00010');
      expectProblem(await upload(ctx, purgedId, bytes), 409, 'BRO-00004');
    },
    [PURGED],
  );
});

describe(EXPIRY, () => {
  beforeAll(() => releaseSettings(import.meta.url));

  expiry.it(EXPIRED, async () => {
    const { final } = await waitFor(ctx, expiringId, 'Purged');
    expect(final.statusText).toBe(FIXED_STATUS_TEXT.Purged);
    assertDetails(await details(ctx, expiringId));
  });

  expiry.it(
    '§6.1 filepurged of the expired transfer reaches SENDER once (Role Sender)',
    async () => {
      await ctx
        .events()
        .expectExactlyOnce(
          { type: 'filepurged', resourceinstance: expiringId, subject: SENDER, role: 'Sender' },
          { settleMs: settleMs(ctx) },
        );
    },
    [EXPIRED],
  );
});
