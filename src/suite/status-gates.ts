/**
 * What each file transfer status lets a rightful caller do, as the contract documents it (CONTRACT.md
 * §4.2 row 3, §4.4 POST, §4.8 row 3, §4.9 rows 3–4, §5.6, §5.7), and how a probe of a forbidden call is
 * judged when the transfer may have moved on while the call was in flight: a status such as
 * UploadProcessing can end between the read that saw it and the moment the Broker handles the call.
 */
import { reachable, type FileTransferStatus } from '../lifecycle/statuses.js';

/** The calls whose answer depends on the status: RECIPIENT's download and confirm, SENDER's uploads. */
export type GatedCall = 'download' | 'confirm' | 'upload' | 'tusCreate';

/** An answer as judged here: the HTTP status and, for a Broker error, its `code` (TUS errors have none, §4.4). */
export interface GateAnswer {
  status: number;
  code?: string;
}

export interface GatedCallInfo {
  /** How the report names it: operationId, method and path template (STYLE.md "Failures are typed"). */
  operation: string;
  /** The clause that gates it by status. */
  clause: string;
}

export const GATED_CALLS: Record<GatedCall, GatedCallInfo> = {
  download: {
    operation: 'downloadFileTransfer GET /broker/api/v1/filetransfer/{fileTransferId}/download',
    clause: 'CONTRACT.md §4.8 row 3',
  },
  confirm: {
    operation: 'confirmDownload POST /broker/api/v1/filetransfer/{fileTransferId}/confirmdownload',
    clause: 'CONTRACT.md §4.9 rows 3–4',
  },
  upload: {
    operation: 'uploadFileTransfer POST /broker/api/v1/filetransfer/{fileTransferId}/upload',
    clause: 'CONTRACT.md §4.2 row 3',
  },
  tusCreate: {
    operation: 'tusCreateUpload POST /broker/api/v1/filetransfer/upload/tus/{fileTransferId}',
    clause: 'CONTRACT.md §4.4 (POST: the §4.2 checks in order)',
  },
};

const DOWNLOADABLE: readonly FileTransferStatus[] = ['Published', 'AllConfirmedDownloaded'];
const UPLOADABLE: readonly FileTransferStatus[] = ['Initialized', 'UploadStarted'];

/** Every answer the contract allows `call` at `status`, for a caller entitled to make it. */
export function documentedAnswers(call: GatedCall, status: FileTransferStatus): GateAnswer[] {
  switch (call) {
    case 'download':
      // §4.8 row 3 comes before row 4, so no status short of publication ever reaches BRO-00003.
      return DOWNLOADABLE.includes(status) ? [{ status: 200 }] : [{ status: 403, code: 'BRO-00007' }];
    case 'upload':
      return UPLOADABLE.includes(status) ? [{ status: 200 }] : [{ status: 409, code: 'BRO-00004' }];
    case 'tusCreate':
      return UPLOADABLE.includes(status) ? [{ status: 201 }] : [{ status: 409 }];
    case 'confirm':
      return confirmAnswers(status);
  }
}

const NOTHING_STORED = { status: 400, code: 'BRO-00003' };
const NOT_PUBLISHED = { status: 400, code: 'BRO-00010' };

/**
 * §4.9: row 3 (no stored file location, BRO-00003) is judged before row 4 (not Published, BRO-00010),
 * so which refusal comes depends on whether the bytes are stored (§5.7). A streamed upload stores them
 * before it answers (§4.2), so in UploadProcessing only BRO-00010 is right. When a partly sent TUS
 * upload, or a failed one, records its location is not documented: there either may come.
 */
function confirmAnswers(status: FileTransferStatus): GateAnswer[] {
  switch (status) {
    case 'Initialized':
      return [NOTHING_STORED];
    case 'UploadStarted':
    case 'Failed':
    case 'Cancelled':
      return [NOTHING_STORED, NOT_PUBLISHED];
    case 'Published':
      // Row 7 before the caller's download, rows 6 and 8 after it; 200 is §13.3's doubt about 204.
      return [{ status: 204 }, { status: 200 }, { status: 400, code: 'BRO-00019' }];
    default:
      // UploadProcessing, AllConfirmedDownloaded (row 4 names it) and Purged (§5.6).
      return [NOT_PUBLISHED];
  }
}

export function answers(answer: GateAnswer, allowed: readonly GateAnswer[]): boolean {
  return allowed.some((a) => a.status === answer.status && (a.code === undefined || a.code === answer.code));
}

/**
 * The statuses a transfer can have passed through between a read that showed `from` and a later one
 * that showed `to`, both included, along the legal paths of §5.3. Statuses only move forward, so the
 * Broker handled a call sent after the first read and answered before the second at one of these.
 */
export function statusesBetween(from: FileTransferStatus, to: FileTransferStatus): FileTransferStatus[] {
  if (from === to) return [from];
  const later = reachable(from);
  if (!later.has(to)) return [from, to];
  return [from, ...[...later].filter((s) => s !== from && (s === to || reachable(s).has(to)))];
}

export type GateVerdict =
  /** The answer is what `at` documents. */
  | { kind: 'held' }
  /**
   * Not what `at` documents, but what a status it moved to while the call was in flight documents:
   * the Broker may have handled the call there, so the answer says nothing about `at`.
   */
  | { kind: 'moved-on'; status: FileTransferStatus }
  /** What no status the transfer could have had meanwhile documents: the contract is broken. */
  | { kind: 'broken'; during: FileTransferStatus[]; expected: GateAnswer[] };

/**
 * Judges `answer` to `call`, sent after a read that showed `at`. An answer that `at` documents holds.
 * Any other is judged against `after`, a read made once the answer came (absent: none was made, so the
 * transfer is taken to be still at `at`): if some status between the two documents it, the transfer
 * moved on before the Broker handled the call, and nothing is proven either way; otherwise it is broken.
 */
export function judgeGate(
  call: GatedCall,
  answer: GateAnswer,
  at: FileTransferStatus,
  after: FileTransferStatus = at,
): GateVerdict {
  const expected = documentedAnswers(call, at);
  if (answers(answer, expected)) return { kind: 'held' };
  const during = statusesBetween(at, after);
  const later = during.find((s) => s !== at && answers(answer, documentedAnswers(call, s)));
  return later === undefined ? { kind: 'broken', during, expected } : { kind: 'moved-on', status: later };
}

export function describeAnswer(answer: GateAnswer): string {
  return answer.code === undefined ? String(answer.status) : `${answer.status} ${answer.code}`;
}
