/**
 * The lifecycle enumerations (CONTRACT.md §5.1) and their legal transitions as data: the file transfer
 * steps of §5.3 (with §4.4's TUS paths and §5.4's checks folded into the same edges) and the recipient
 * steps of §5.5. Only what CONTRACT.md documents is here; anything else a Broker shows is a violation.
 */
import type { components } from '../../generated/broker-api.js';
import { StatusGraph, type Step } from './graph.js';

export type FileTransferStatus = components['schemas']['FileTransferStatusExt'];
export type RecipientStatus = components['schemas']['RecipientFileTransferStatusExt'];

/** §5.1, in numeric (database) order. */
export const FILE_TRANSFER_STATUSES = [
  'Initialized',
  'UploadStarted',
  'UploadProcessing',
  'Published',
  'Cancelled',
  'AllConfirmedDownloaded',
  'Purged',
  'Failed',
] as const satisfies readonly FileTransferStatus[];

/** §5.1, in numeric order, which is also the "highest status" order the overview reports (§4.5). */
export const RECIPIENT_STATUSES = [
  'Initialized',
  'DownloadStarted',
  'DownloadConfirmed',
] as const satisfies readonly RecipientStatus[];

// The spec and the lists above must name the same members; a new member in the spec fails tsc here.
const _everyFileTransferStatus: Exclude<
  FileTransferStatus,
  (typeof FILE_TRANSFER_STATUSES)[number]
> extends never
  ? true
  : never = true;
const _everyRecipientStatus: Exclude<RecipientStatus, (typeof RECIPIENT_STATUSES)[number]> extends never
  ? true
  : never = true;

const S53 = 'CONTRACT.md §5.3';

/** Every status a purge can find: all but Purged itself, and Cancelled, which nothing writes (§5.1). */
const PURGEABLE: readonly FileTransferStatus[] = FILE_TRANSFER_STATUSES.filter(
  (s) => s !== 'Purged' && s !== 'Cancelled',
);

export const FILE_TRANSFER_STEPS: readonly Step<FileTransferStatus>[] = [
  { from: null, to: 'Initialized', trigger: 'POST /filetransfer or the multipart upload', clause: S53 },
  {
    from: 'Initialized',
    to: 'UploadStarted',
    trigger: 'start of a streamed or multipart upload; TUS create (also of a partial)',
    clause: `${S53}, §4.4`,
  },
  {
    from: 'UploadStarted',
    to: 'UploadStarted',
    trigger: 'start of another streamed or multipart upload',
    clause: S53,
  },
  {
    from: 'UploadStarted',
    to: 'UploadProcessing',
    trigger:
      'upload stored and a virus scan required; TUS finalizer with a virus scan or a sender checksum; TUS final-concatenation create',
    clause: `${S53}, §4.4`,
  },
  {
    from: 'UploadStarted',
    to: 'Published',
    trigger: 'upload stored without a virus scan (TUS: and without a sender checksum)',
    clause: S53,
  },
  {
    from: 'UploadProcessing',
    to: 'Published',
    trigger: 'every pending check passed: malware scan "No threats found", background MD5',
    clause: `${S53}, §5.4`,
  },
  ...(['UploadStarted', 'UploadProcessing'] as const).map((from) => ({
    from,
    to: 'Failed' as const,
    trigger: 'checksum mismatch, storage failure, malware found, or stuck in UploadStarted for 24 h',
    clause: `${S53}, §5.4`,
  })),
  {
    from: 'Published',
    to: 'AllConfirmedDownloaded',
    trigger: 'the last recipient confirms',
    clause: `${S53}, §4.9`,
  },
  ...PURGEABLE.map((from) => ({
    from,
    to: 'Purged' as const,
    trigger: 'purge job (time to live, or grace period after all confirmed); not the malware purge',
    clause: `${S53}, §5.6`,
  })),
];

const S55 = 'CONTRACT.md §5.5';
const DELEGATED =
  'first download by an org reading through a delegated right, not a listed recipient (derived)';

/** Recipient status rows as `/details` lists them: a download after confirming adds DownloadStarted again. */
export const RECIPIENT_HISTORY_STEPS: readonly Step<RecipientStatus>[] = [
  { from: null, to: 'Initialized', trigger: 'initialize, one row per recipient', clause: S55 },
  { from: null, to: 'DownloadStarted', trigger: DELEGATED, clause: S55 },
  ...RECIPIENT_STATUSES.map((from) => ({
    from,
    to: 'DownloadStarted' as const,
    trigger: 'a successful download by that org (ranged requests debounced 5 min)',
    clause: `${S55}, §4.8`,
  })),
  { from: 'DownloadStarted', to: 'DownloadConfirmed', trigger: 'confirm', clause: `${S55}, §4.9` },
];

/** The overview's `currentRecipientFileTransferStatusCode` is the highest status reached, so it never falls. */
export const RECIPIENT_OVERVIEW_STEPS: readonly Step<RecipientStatus>[] = [
  { from: null, to: 'Initialized', trigger: 'initialize', clause: S55 },
  { from: null, to: 'DownloadStarted', trigger: DELEGATED, clause: S55 },
  { from: 'Initialized', to: 'DownloadStarted', trigger: 'first download', clause: `${S55}, §4.5` },
  { from: 'DownloadStarted', to: 'DownloadConfirmed', trigger: 'confirm', clause: `${S55}, §4.5` },
];

export const fileTransferGraph = new StatusGraph(
  'file transfer',
  S53,
  FILE_TRANSFER_STATUSES,
  FILE_TRANSFER_STEPS,
);
export const recipientHistoryGraph = new StatusGraph(
  'recipient',
  S55,
  RECIPIENT_STATUSES,
  RECIPIENT_HISTORY_STEPS,
);
export const recipientOverviewGraph = new StatusGraph(
  'recipient',
  `${S55}, §4.5`,
  RECIPIENT_STATUSES,
  RECIPIENT_OVERVIEW_STEPS,
);

/** The overview reports the highest of a recipient's statuses by this rank (§4.5, §5.1 numbering). */
export function recipientRank(status: RecipientStatus): number {
  return RECIPIENT_STATUSES.indexOf(status);
}

export function isFileTransferStatus(value: string): value is FileTransferStatus {
  return fileTransferGraph.isKnown(value);
}

export function isRecipientStatus(value: string): value is RecipientStatus {
  return recipientHistoryGraph.isKnown(value);
}

// File transfer shorthands, the questions suites ask most.

export const isLegalStep = (from: FileTransferStatus | null, to: FileTransferStatus): boolean =>
  fileTransferGraph.isLegalStep(from, to);
export const reachable = (from: FileTransferStatus): ReadonlySet<FileTransferStatus> =>
  fileTransferGraph.reachable(from);
export const canStillReach = (current: FileTransferStatus, target: FileTransferStatus): boolean =>
  fileTransferGraph.canStillReach(current, target);
export const isTerminalFor = (current: FileTransferStatus, target: FileTransferStatus): boolean =>
  fileTransferGraph.isTerminalFor(current, target);
export const atOrPast = (current: FileTransferStatus, reported: FileTransferStatus): boolean =>
  fileTransferGraph.atOrPast(current, reported);
