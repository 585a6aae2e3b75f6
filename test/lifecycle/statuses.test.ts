/**
 * The status graphs as tables (CONTRACT.md §5.1, §5.3, §5.5): every documented step is legal, a set of
 * undocumented ones is not, and reachability answers "can this still happen" and "is this at or past".
 */
import { describe, expect, it } from '@jest/globals';
import {
  atOrPast,
  canStillReach,
  FILE_TRANSFER_STATUSES,
  FILE_TRANSFER_STEPS,
  fileTransferGraph,
  isLegalStep,
  isTerminalFor,
  reachable,
  recipientHistoryGraph,
  recipientOverviewGraph,
  type FileTransferStatus as F,
  type RecipientStatus as R,
} from '../../src/lifecycle/statuses.js';
import { EVENT_REPORTS, showsReported, statusReportedBy } from '../../src/lifecycle/event-status.js';

describe('file transfer steps (§5.3)', () => {
  it.each<[string, F | null, F]>([
    ['initialize creates Initialized', null, 'Initialized'],
    ['an upload starts', 'Initialized', 'UploadStarted'],
    ['a second upload starts again', 'UploadStarted', 'UploadStarted'],
    ['a scanned upload is processed', 'UploadStarted', 'UploadProcessing'],
    ['an unscanned upload publishes at once', 'UploadStarted', 'Published'],
    ['processing passes', 'UploadProcessing', 'Published'],
    ['an upload fails', 'UploadStarted', 'Failed'],
    ['processing fails', 'UploadProcessing', 'Failed'],
    ['the last recipient confirms', 'Published', 'AllConfirmedDownloaded'],
    ['an untouched transfer expires', 'Initialized', 'Purged'],
    ['a stuck upload expires', 'UploadStarted', 'Purged'],
    ['a processing transfer expires', 'UploadProcessing', 'Purged'],
    ['a published transfer expires', 'Published', 'Purged'],
    ['the grace period ends', 'AllConfirmedDownloaded', 'Purged'],
    ['a failed transfer expires', 'Failed', 'Purged'],
  ])('legal: %s (%s → %s)', (_rule, from, to) => {
    expect(isLegalStep(from, to)).toBe(true);
  });

  it.each<[string, F | null, F]>([
    ['a history cannot begin after Initialized', null, 'UploadStarted'],
    ['nothing returns to Initialized', 'UploadStarted', 'Initialized'],
    ['a published transfer is not uploaded again', 'Published', 'UploadStarted'],
    ['a failed transfer is never published', 'Failed', 'Published'],
    ['publication happens once', 'Published', 'Published'],
    ['processing does not skip to all confirmed', 'UploadProcessing', 'AllConfirmedDownloaded'],
    ['an upload must start before processing', 'Initialized', 'UploadProcessing'],
    ['an upload must start before publication', 'Initialized', 'Published'],
    ['an initialized transfer cannot fail', 'Initialized', 'Failed'],
    ['a published transfer does not fail', 'Published', 'Failed'],
    ['purge is final', 'Purged', 'Published'],
    ['purge happens once', 'Purged', 'Purged'],
    ['nothing writes Cancelled (§5.1)', 'Published', 'Cancelled'],
    ['all confirmed does not fall back', 'AllConfirmedDownloaded', 'Published'],
  ])('illegal: %s (%s → %s)', (_rule, from, to) => {
    expect(isLegalStep(from, to)).toBe(false);
  });

  it('cites a CONTRACT.md clause and a trigger on every step', () => {
    for (const step of FILE_TRANSFER_STEPS) {
      expect(step.clause).toMatch(/^CONTRACT\.md §5\.3/);
      expect(step.trigger.length).toBeGreaterThan(0);
    }
  });

  it.each<[F, F[]]>([
    [
      'Initialized',
      ['UploadStarted', 'Purged', 'UploadProcessing', 'Published', 'Failed', 'AllConfirmedDownloaded'],
    ],
    ['UploadProcessing', ['Published', 'Failed', 'Purged', 'AllConfirmedDownloaded']],
    ['Published', ['AllConfirmedDownloaded', 'Purged']],
    ['Failed', ['Purged']],
    ['Purged', []],
    ['Cancelled', []],
  ])('from %s, reachable: %j', (from, expected) => {
    expect([...reachable(from)].sort()).toEqual([...expected].sort());
  });

  it('lists UploadStarted among its own successors (a second upload)', () => {
    expect(reachable('UploadStarted').has('UploadStarted')).toBe(true);
  });

  it.each<[string, F, F, boolean]>([
    ['reached already', 'Published', 'Published', true],
    ['still on its way', 'UploadStarted', 'Published', true],
    ['Failed cannot become Published', 'Failed', 'Published', false],
    ['Purged cannot become anything', 'Purged', 'AllConfirmedDownloaded', false],
    ['Published cannot go back to processing', 'Published', 'UploadProcessing', false],
    ['Cancelled is never reached', 'Initialized', 'Cancelled', false],
  ])('canStillReach: %s', (_rule, current, target, expected) => {
    expect(canStillReach(current, target)).toBe(expected);
    expect(isTerminalFor(current, target)).toBe(!expected);
  });

  it.each<[string, F, F, boolean]>([
    ['the reported status itself', 'Published', 'Published', true],
    ['a later status', 'AllConfirmedDownloaded', 'Published', true],
    ['Purged after any status', 'Purged', 'UploadProcessing', true],
    ['an earlier status is not past it', 'UploadProcessing', 'Published', false],
    ['another branch is not past it', 'Failed', 'Published', false],
  ])('atOrPast: %s', (_rule, current, reported, expected) => {
    expect(atOrPast(current, reported)).toBe(expected);
  });

  it('produces every status except Cancelled (§5.1)', () => {
    expect(FILE_TRANSFER_STATUSES.filter((s) => !fileTransferGraph.isProduced(s))).toEqual(['Cancelled']);
  });
});

describe('recipient steps (§5.5)', () => {
  it.each<[string, R | null, R, boolean]>([
    ['initialize creates Initialized', null, 'Initialized', true],
    ['a delegated download creates DownloadStarted', null, 'DownloadStarted', true],
    ['a first download', 'Initialized', 'DownloadStarted', true],
    ['another download', 'DownloadStarted', 'DownloadStarted', true],
    ['a download after confirming', 'DownloadConfirmed', 'DownloadStarted', true],
    ['confirm after a download', 'DownloadStarted', 'DownloadConfirmed', true],
    ['no confirm without a download', 'Initialized', 'DownloadConfirmed', false],
    ['confirm adds no second row', 'DownloadConfirmed', 'DownloadConfirmed', false],
    ['nothing returns to Initialized', 'DownloadStarted', 'Initialized', false],
    ['a history cannot begin confirmed', null, 'DownloadConfirmed', false],
  ])('history rows: %s (%s → %s)', (_rule, from, to, legal) => {
    expect(recipientHistoryGraph.isLegalStep(from, to)).toBe(legal);
  });

  it.each<[string, R, R, boolean]>([
    ['the highest status only rises', 'Initialized', 'DownloadConfirmed', true],
    ['a re-download keeps DownloadConfirmed in the overview', 'DownloadConfirmed', 'DownloadStarted', false],
    ['the overview never falls to Initialized', 'DownloadStarted', 'Initialized', false],
  ])('overview: %s', (_rule, earlier, later, connected) => {
    expect(recipientOverviewGraph.connects(earlier, later)).toBe(connected);
  });
});

describe('events and the statuses they report (§6.1)', () => {
  it.each([
    ['no.altinn.broker.filetransferinitialized', { of: 'fileTransfer', status: 'Initialized' }],
    ['no.altinn.broker.uploadprocessing', { of: 'fileTransfer', status: 'UploadProcessing' }],
    ['no.altinn.broker.published', { of: 'fileTransfer', status: 'Published' }],
    ['no.altinn.broker.uploadfailed', { of: 'fileTransfer', status: 'Failed' }],
    ['no.altinn.broker.downloadconfirmed', { of: 'recipient', status: 'DownloadConfirmed' }],
    ['no.altinn.broker.allconfirmeddownloaded', { of: 'fileTransfer', status: 'AllConfirmedDownloaded' }],
    ['no.altinn.broker.filepurged', { of: 'fileTransfer', status: 'Purged' }],
    ['no.altinn.broker.fileneverconfirmeddownloaded', null],
    ['no.altinn.broker.somethingelse', undefined],
  ])('%s reports %j', (type, expected) => {
    expect(statusReportedBy(type)).toEqual(expected);
  });

  it('explains why fileneverconfirmeddownloaded reports no status (§5.4 malware purge)', () => {
    expect(EVENT_REPORTS['no.altinn.broker.fileneverconfirmeddownloaded'].note).toMatch(/malware purge/);
  });

  it.each<[string, Parameters<typeof showsReported>, boolean]>([
    [
      'published, then a read shows Published',
      [{ of: 'fileTransfer', status: 'Published' }, { fileTransfer: 'Published' }],
      true,
    ],
    [
      'published, then a read shows all confirmed',
      [{ of: 'fileTransfer', status: 'Published' }, { fileTransfer: 'AllConfirmedDownloaded' }],
      true,
    ],
    [
      'published, then a read still shows processing',
      [{ of: 'fileTransfer', status: 'Published' }, { fileTransfer: 'UploadProcessing' }],
      false,
    ],
    [
      'confirmed, then the recipient shows DownloadConfirmed',
      [{ of: 'recipient', status: 'DownloadConfirmed' }, { recipient: 'DownloadConfirmed' }],
      true,
    ],
    [
      'confirmed, then the recipient still shows DownloadStarted',
      [{ of: 'recipient', status: 'DownloadConfirmed' }, { recipient: 'DownloadStarted' }],
      false,
    ],
  ])('showsReported: %s', (_rule, args, expected) => {
    expect(showsReported(...args)).toBe(expected);
  });
});
