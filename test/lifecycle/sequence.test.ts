/**
 * Histories move by legal direct steps in time order; observed sequences by legal paths, skips allowed
 * (CONTRACT.md §1, §4.6, §5.3, §5.5). Timestamps are compared as instants, fraction or none.
 */
import { describe, expect, it } from '@jest/globals';
import { checkHistory, checkObservedSequence, type HistoryRow } from '../../src/lifecycle/sequence.js';
import { recipientHistoryGraph } from '../../src/lifecycle/statuses.js';
import { compareInstants, parseTimestamp } from '../../src/lifecycle/timestamps.js';

/** Rows one second apart unless a time is given as `Status@time`. */
function rows(...specs: string[]): HistoryRow[] {
  return specs.map((spec, i) => {
    const [status = '', at] = spec.split('@');
    return { status, changed: at ?? `2026-08-18T10:00:0${i}.1234567+00:00` };
  });
}

describe('parseTimestamp (§1)', () => {
  it.each([
    ['seven fractional digits', '2026-08-18T10:00:00.1234567+00:00', '2026-08-18T10:00:00.1234568+00:00', -1],
    ['no fraction against a fraction', '2026-08-18T10:00:01+00:00', '2026-08-18T10:00:00.9999999+00:00', 1],
    [
      'a zero fraction omitted equals one written',
      '2026-08-18T10:00:00Z',
      '2026-08-18T10:00:00.000+00:00',
      0,
    ],
    ['offsets are applied', '2026-08-18T12:00:00+02:00', '2026-08-18T10:00:00.5Z', -1],
    ['within one millisecond', '2026-08-18T10:00:00.1230001Z', '2026-08-18T10:00:00.1230002Z', -1],
  ])('%s', (_rule, a, b, sign) => {
    const x = parseTimestamp(a);
    const y = parseTimestamp(b);
    expect(x && y && Math.sign(compareInstants(x, y))).toBe(sign);
  });

  it.each(['2026-08-18', '2026-08-18T10:00:00', 'yesterday', '2026-08-18T10:00:00.12+0000'])(
    'rejects %j (no offset, or not RFC 3339)',
    (text) => {
      expect(parseTimestamp(text)).toBeUndefined();
    },
  );
});

describe('checkHistory (file transfer)', () => {
  it.each([
    ['the scanned flow', rows('Initialized', 'UploadStarted', 'UploadProcessing', 'Published')],
    ['the full life', rows('Initialized', 'UploadStarted', 'Published', 'AllConfirmedDownloaded', 'Purged')],
    ['a second upload attempt', rows('Initialized', 'UploadStarted', 'UploadStarted', 'Published')],
    ['a checksum mismatch', rows('Initialized', 'UploadStarted', 'Failed')],
    [
      'a malware purge leaves Failed without Purged (§5.4)',
      rows('Initialized', 'UploadStarted', 'UploadProcessing', 'Failed'),
    ],
    ['an untouched transfer expires', rows('Initialized', 'Purged')],
    [
      'equal timestamps and fraction-less ones',
      rows(
        'Initialized@2026-08-18T10:00:00Z',
        'UploadStarted@2026-08-18T10:00:00+00:00',
        'Published@2026-08-18T10:00:00.5+00:00',
      ),
    ],
    ['nothing at all (details checks emptiness)', []],
  ])('legal: %s', (_rule, history) => {
    expect(checkHistory(history)).toEqual([]);
  });

  it.each([
    ['a history must begin Initialized', rows('UploadStarted', 'Published'), 'illegal-start', 0],
    [
      'Published → UploadStarted',
      rows('Initialized', 'UploadStarted', 'Published', 'UploadStarted'),
      'illegal-step',
      3,
    ],
    ['Failed → Published', rows('Initialized', 'UploadStarted', 'Failed', 'Published'), 'illegal-step', 3],
    ['a skipped UploadStarted', rows('Initialized', 'Published'), 'illegal-step', 1],
    ['Cancelled (§5.1)', rows('Initialized', 'Cancelled'), 'illegal-step', 1],
    ['an undocumented status', rows('Initialized', 'Deleted'), 'unknown-status', 1],
    [
      'a decreasing timestamp',
      rows('Initialized@2026-08-18T10:00:01Z', 'UploadStarted@2026-08-18T10:00:00.9999999Z'),
      'decreasing-timestamp',
      1,
    ],
    [
      'an unreadable timestamp',
      rows('Initialized', 'UploadStarted@18.08.2026 10:00'),
      'unparseable-timestamp',
      1,
    ],
  ])('illegal: %s', (_rule, history, kind, index) => {
    expect(checkHistory(history)).toEqual([
      expect.objectContaining({ kind, index, subject: 'file transfer' }),
    ]);
  });

  it('names the rows, the clause and what may follow', () => {
    const [violation] = checkHistory(rows('Initialized', 'UploadStarted', 'Failed', 'Published'));
    expect(violation?.message).toBe(
      'file transfer history rows 2–3: Failed → Published is not a legal step; after Failed come only Purged (CONTRACT.md §5.3)',
    );
    expect(violation?.rows).toEqual([
      { status: 'Failed', changed: '2026-08-18T10:00:02.1234567+00:00' },
      { status: 'Published', changed: '2026-08-18T10:00:03.1234567+00:00' },
    ]);
  });
});

describe('checkHistory (recipient, §5.5)', () => {
  it.each([
    ['download then confirm', rows('Initialized', 'DownloadStarted', 'DownloadConfirmed'), []],
    [
      'a re-download after confirming',
      rows('Initialized', 'DownloadStarted', 'DownloadConfirmed', 'DownloadStarted'),
      [],
    ],
    ['a delegated reader', rows('DownloadStarted', 'DownloadStarted'), []],
    ['confirm without a download', rows('Initialized', 'DownloadConfirmed'), ['illegal-step']],
    [
      'confirm twice',
      rows('Initialized', 'DownloadStarted', 'DownloadConfirmed', 'DownloadConfirmed'),
      ['illegal-step'],
    ],
  ])('%s', (_rule, history, kinds) => {
    expect(checkHistory(history, recipientHistoryGraph).map((v) => v.kind)).toEqual(kinds);
  });
});

describe('checkObservedSequence (polls may miss states)', () => {
  it.each([
    ['repeats', ['Initialized', 'Initialized', 'UploadStarted', 'UploadStarted']],
    ['a skip over UploadStarted and UploadProcessing', ['Initialized', 'Published']],
    ['a skip straight to Purged', ['Initialized', 'Purged']],
    ['a skip to all confirmed', ['UploadStarted', 'AllConfirmedDownloaded']],
    ['a first read in the middle of the life', ['UploadProcessing', 'Published']],
  ])('legal: %s', (_rule, observed) => {
    expect(checkObservedSequence(observed)).toEqual([]);
  });

  it.each([
    ['Published → UploadStarted', ['Initialized', 'Published', 'UploadStarted'], 'illegal-jump', 2],
    ['Failed → Published', ['UploadStarted', 'Failed', 'Published'], 'illegal-jump', 2],
    ['Purged → Published', ['Published', 'Purged', 'Published'], 'illegal-jump', 2],
    ['AllConfirmedDownloaded → Published', ['AllConfirmedDownloaded', 'Published'], 'illegal-jump', 1],
    ['Cancelled is never produced', ['Published', 'Cancelled'], 'never-produced', 1],
    ['an undocumented status', ['Published', 'Archived'], 'unknown-status', 1],
  ])('illegal: %s', (_rule, observed, kind, index) => {
    expect(checkObservedSequence(observed)).toEqual([expect.objectContaining({ kind, index })]);
  });

  it('says what could have followed', () => {
    const [violation] = checkObservedSequence(['Failed', 'Published']);
    expect(violation?.message).toBe(
      'file transfer went from Failed to Published, which no sequence of legal transitions connects; ' +
        'from Failed only Purged can follow (CONTRACT.md §5.3)',
    );
  });
});
