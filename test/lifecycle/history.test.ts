/**
 * `/details` bodies against the lifecycle (CONTRACT.md §4.5, §4.6, §5.3–§5.5): legal histories pass,
 * including a re-download after confirming and a malware failure; each broken body gives the violation
 * its name says, and assertDetails turns them into one ILLEGAL_HISTORY error naming the transfer.
 */
import { describe, expect, it } from '@jest/globals';
import { ContractError } from '../../src/errors.js';
import { assertDetails, checkDetails, type DetailsLike } from '../../src/lifecycle/history.js';
import type { FileTransferStatus, RecipientStatus } from '../../src/lifecycle/statuses.js';

const ID = '0850124f-6ae9-4821-b4f9-8ee7c937ecfc';
const ALICE = '0192:315000002';
const TEXT: Record<string, string> = {
  Initialized: 'Ready for upload',
  UploadStarted: 'Upload started',
  UploadProcessing: 'Processing upload',
  Published: 'Ready for download',
  AllConfirmedDownloaded: 'All downloaded',
  Purged: 'FileTransfer has been purged',
  Failed: 'Upload failed',
  DownloadStarted: 'Recipient has attempted to download fileTransfer',
  DownloadConfirmed: 'Recipient has downloaded fileTransfer',
};
/** Second `n` of the test's minute, written the way .NET writes it (a zero fraction omitted, §1). */
const at = (n: number): string =>
  `2026-08-18T10:00:${String(n).padStart(2, '0')}${n % 2 ? '.1234567' : ''}+00:00`;

/** A consistent body: statuses at seconds 0, 1, 2…; recipient rows as [status, second]; current derived. */
function body(
  statuses: FileTransferStatus[],
  recipientRows: [RecipientStatus, number][] = [['Initialized', 0]],
): DetailsLike {
  const last = statuses.length - 1;
  const highest = (['DownloadConfirmed', 'DownloadStarted', 'Initialized'] as const).find((s) =>
    recipientRows.some(([r]) => r === s),
  );
  return {
    fileTransferId: ID,
    fileTransferStatus: statuses[last] ?? 'Initialized',
    fileTransferStatusText: TEXT[statuses[last] ?? ''] ?? '',
    fileTransferStatusChanged: at(last),
    recipients: [
      {
        recipient: ALICE,
        currentRecipientFileTransferStatusCode: highest ?? 'Initialized',
        currentRecipientFileTransferStatusText: TEXT[highest ?? ''] ?? 'Initialized',
        currentRecipientFileTransferStatusChanged: at(recipientRows.at(-1)?.[1] ?? 0),
      },
    ],
    fileTransferStatusHistory: statuses.map((s, i) => ({
      fileTransferStatus: s,
      fileTransferStatusText: TEXT[s] ?? '',
      fileTransferStatusChanged: at(i),
    })),
    recipientFileTransferStatusHistory: recipientRows.map(([s, n]) => ({
      recipient: ALICE,
      recipientFileTransferStatusCode: s,
      recipientFileTransferStatusText: TEXT[s] ?? 'Initialized',
      recipientFileTransferStatusChanged: at(n),
    })),
  };
}

const CONFIRMED: [RecipientStatus, number][] = [
  ['Initialized', 0],
  ['DownloadStarted', 5],
  ['DownloadConfirmed', 6],
];

describe('legal /details bodies', () => {
  it.each([
    ['just initialized', body(['Initialized'])],
    ['published after scanning', body(['Initialized', 'UploadStarted', 'UploadProcessing', 'Published'])],
    [
      'confirmed by every recipient',
      body(
        ['Initialized', 'UploadStarted', 'Published', 'AllConfirmedDownloaded'],
        [
          ['Initialized', 0],
          ['DownloadStarted', 3],
          ['DownloadConfirmed', 3],
        ],
      ),
    ],
    [
      're-downloaded after confirming: overview DownloadConfirmed, history ends DownloadStarted (§5.5)',
      body(['Initialized', 'UploadStarted', 'Published'], [...CONFIRMED, ['DownloadStarted', 8]]),
    ],
    [
      'malware found: Failed, with no Purged row (§5.4)',
      body(['Initialized', 'UploadStarted', 'UploadProcessing', 'Failed']),
    ],
    ['a TTL purge of a failed transfer', body(['Initialized', 'UploadStarted', 'Failed', 'Purged'])],
  ])('%s', (_rule, details) => {
    expect(checkDetails(details)).toEqual([]);
    expect(() => assertDetails(details)).not.toThrow();
  });
});

type Edit = (d: DetailsLike) => void;
const edit = (base: DetailsLike, change: Edit): DetailsLike => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};
const PUBLISHED = body(['Initialized', 'UploadStarted', 'Published'], CONFIRMED);

describe('broken /details bodies', () => {
  it.each<[string, DetailsLike, string[]]>([
    [
      'an empty history',
      edit(PUBLISHED, (d) => (d.fileTransferStatusHistory = [])),
      ['empty-history', 'download-before-publication'],
    ],
    [
      'statuses whose times run backwards',
      edit(PUBLISHED, (d) => {
        const times = d.fileTransferStatusHistory.map((r) => r.fileTransferStatusChanged).reverse();
        d.fileTransferStatusHistory.forEach((r, i) => (r.fileTransferStatusChanged = times[i] ?? ''));
      }),
      ['illegal-start', 'illegal-step', 'illegal-step', 'current-mismatch'],
    ],
    ['an illegal jump Initialized → Published', body(['Initialized', 'Published']), ['illegal-step']],
    [
      'Failed, then Published',
      body(['Initialized', 'UploadStarted', 'Failed', 'Published']),
      ['illegal-step'],
    ],
    [
      'a current status that is not the latest row',
      edit(PUBLISHED, (d) => (d.fileTransferStatus = 'UploadStarted')),
      ['current-mismatch'],
    ],
    [
      'a current time that is not the latest row',
      edit(PUBLISHED, (d) => (d.fileTransferStatusChanged = at(9))),
      ['current-mismatch'],
    ],
    [
      'the overview reporting the latest recipient row, not the highest (§4.5)',
      edit(
        body(['Initialized', 'UploadStarted', 'Published'], [...CONFIRMED, ['DownloadStarted', 8]]),
        (d) => {
          const [r] = d.recipients;
          if (r) r.currentRecipientFileTransferStatusCode = 'DownloadStarted';
        },
      ),
      ['recipient-mismatch'],
    ],
    [
      'a recipient confirming without a download',
      body(
        ['Initialized', 'UploadStarted', 'Published'],
        [
          ['Initialized', 0],
          ['DownloadConfirmed', 5],
        ],
      ),
      ['illegal-step'],
    ],
    [
      'a download before publication',
      body(
        ['Initialized', 'UploadStarted', 'Published'],
        [
          ['Initialized', 0],
          ['DownloadStarted', 1],
        ],
      ),
      ['download-before-publication'],
    ],
    [
      'a recipient with rows but not listed',
      edit(PUBLISHED, (d) => (d.recipients = [])),
      ['recipient-mismatch'],
    ],
    [
      'a listed recipient without rows',
      edit(PUBLISHED, (d) => (d.recipientFileTransferStatusHistory = [])),
      ['recipient-mismatch'],
    ],
  ])('%s', (_rule, details, kinds) => {
    expect(checkDetails(details).map((v) => v.kind)).toEqual(kinds);
  });

  it('rows out of time order are a defect only when the strict as-returned reading is asked for', () => {
    const reversed = edit(PUBLISHED, (d) => d.fileTransferStatusHistory.reverse());
    expect(checkDetails(reversed, { order: 'as-returned' }).map((v) => v.kind)).toContain(
      'decreasing-timestamp',
    );
  });

  it('accepts rows in any order by default, sorting them by time first (§4.6, §11)', () => {
    const reversed = edit(PUBLISHED, (d) => {
      d.fileTransferStatusHistory.reverse();
      d.recipientFileTransferStatusHistory.reverse();
    });
    expect(checkDetails(reversed, { order: 'by-timestamp' })).toEqual([]);
  });

  it('matches recipients on the org number whatever the prefix (§11)', () => {
    const prefixed = edit(PUBLISHED, (d) => {
      const [r] = d.recipients;
      if (r) r.recipient = 'urn:altinn:organization:identifier-no:315000002';
    });
    expect(checkDetails(prefixed)).toEqual([]);
  });

  it('throws ILLEGAL_HISTORY naming the transfer, the operation and the offending rows', () => {
    const details = body(['Initialized', 'UploadStarted', 'Failed', 'Published']);
    const error = (() => {
      try {
        assertDetails(details);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: 'ILLEGAL_HISTORY', context: { fileTransferId: ID } });
    expect((error as Error).message).toBe(
      `File transfer ${ID}: GET /broker/api/v1/filetransfer/{fileTransferId}/details shows a history the lifecycle does not allow (CONTRACT.md §4.6, §5):\n` +
        '  - file transfer history rows 2–3: Failed → Published is not a legal step; after Failed come only Purged (CONTRACT.md §5.3)\n' +
        `      rows: [{"status":"Failed","changed":"${at(2)}","text":"Upload failed"},{"status":"Published","changed":"${at(3)}","text":"Ready for download"}]`,
    );
  });
});
