/**
 * Checks a `/details` body (CONTRACT.md §4.6) against the lifecycle: the file transfer history and each
 * recipient's history move by legal direct steps (§5.3, §5.5) in time order (§1, §4.6); the current
 * status is the latest row's (§4.5); each recipient's current code is its highest row (§4.5, §5.5);
 * and nobody downloads before publication (§5.5). A malware purge leaves Failed with no Purged row
 * (§5.4), which the graph already allows.
 */
import type { components } from '../../generated/broker-api.js';
import { ContractError } from '../errors.js';
import {
  checkHistory,
  formatLifecycleViolations,
  type HistoryRow,
  type LifecycleViolation,
} from './sequence.js';
import { isRecipientStatus, recipientHistoryGraph, recipientRank, fileTransferGraph } from './statuses.js';
import { orgKey } from './timeline.js';
import { compareInstants, parseTimestamp } from './timestamps.js';

type Details = components['schemas']['FileTransferStatusDetailsExt'];
export type DetailsLike = Pick<
  Details,
  | 'fileTransferId'
  | 'fileTransferStatus'
  | 'fileTransferStatusText'
  | 'fileTransferStatusChanged'
  | 'recipients'
  | 'fileTransferStatusHistory'
  | 'recipientFileTransferStatusHistory'
>;

export interface HistoryCheckOptions {
  /**
   * `by-timestamp`: the rows are sorted by their time first, as §11 advises, because no ORDER BY
   * guarantees the order (§4.6, §13 item 15): a conformant Broker may return them in any order.
   * `as-returned`: the rows must also come in time order, as upstream returns them in practice.
   * @default 'by-timestamp' (docs/decisions/0005-history-order.md)
   */
  order: 'as-returned' | 'by-timestamp';
}

export const DEFAULT_HISTORY_CHECK: HistoryCheckOptions = { order: 'by-timestamp' };

export function checkDetails(
  details: DetailsLike,
  options: Partial<HistoryCheckOptions> = {},
): LifecycleViolation[] {
  const { order } = { ...DEFAULT_HISTORY_CHECK, ...options };
  const arrange = (rows: HistoryRow[]) => (order === 'by-timestamp' ? byTime(rows) : rows);
  const transferRows = details.fileTransferStatusHistory.map((r) => ({
    status: r.fileTransferStatus as string,
    changed: r.fileTransferStatusChanged,
    text: r.fileTransferStatusText,
  }));
  const violations = checkHistory(arrange(transferRows), fileTransferGraph, 'file transfer');
  const latest = byTime(transferRows).at(-1);
  if (!latest) {
    violations.push({
      kind: 'empty-history',
      subject: 'file transfer',
      expected: 'at least the Initialized row',
      actual: [],
      message:
        'file transfer history is empty; every transfer has at least its Initialized row (CONTRACT.md §4.6, §5.3)',
    });
  } else {
    violations.push(...currentMatches(details, latest));
  }
  const groups = recipientGroups(details.recipientFileTransferStatusHistory);
  for (const [key, { label, rows }] of groups) {
    violations.push(...checkHistory(arrange(rows), recipientHistoryGraph, `recipient ${label}`));
    const listed = details.recipients.find((r) => orgKey(r.recipient) === key);
    violations.push(...(listed ? recipientMatches(listed, rows) : [unlisted(label, rows)]));
  }
  for (const listed of details.recipients.filter((r) => !groups.has(orgKey(r.recipient)))) {
    violations.push({
      kind: 'recipient-mismatch',
      subject: `recipient ${listed.recipient}`,
      rows: [listed],
      expected: 'history rows for every listed recipient',
      actual: 'none',
      message: `recipient ${listed.recipient} is listed in recipients but has no history rows (CONTRACT.md §4.5)`,
    });
  }
  violations.push(...downloadsBeforePublication(transferRows, groups));
  return violations;
}

/** As checkDetails, but a violation is a ContractError `ILLEGAL_HISTORY` naming the transfer and the rows. */
export function assertDetails(details: DetailsLike, options: Partial<HistoryCheckOptions> = {}): void {
  const violations = checkDetails(details, options);
  if (violations.length === 0) return;
  throw new ContractError(
    'ILLEGAL_HISTORY',
    `File transfer ${details.fileTransferId}: GET /broker/api/v1/filetransfer/{fileTransferId}/details ` +
      `shows a history the lifecycle does not allow (CONTRACT.md §4.6, §5):\n` +
      formatLifecycleViolations(violations, { rows: true }),
    {
      operation: 'GET /broker/api/v1/filetransfer/{fileTransferId}/details',
      fileTransferId: details.fileTransferId,
      violations,
    },
  );
}

/** Stable: rows with equal times keep the order they came in. Unparseable times sort last. */
function byTime(rows: readonly HistoryRow[]): HistoryRow[] {
  const keyed = rows.map((row) => ({ row, at: parseTimestamp(row.changed) }));
  return keyed
    .sort((a, b) => (a.at && b.at ? compareInstants(a.at, b.at) : Number(!a.at) - Number(!b.at)))
    .map((k) => k.row);
}

function sameInstant(a: string, b: string): boolean {
  const x = parseTimestamp(a);
  const y = parseTimestamp(b);
  return x !== undefined && y !== undefined && compareInstants(x, y) === 0;
}

function currentMatches(details: DetailsLike, latest: HistoryRow): LifecycleViolation[] {
  const current = {
    status: details.fileTransferStatus,
    changed: details.fileTransferStatusChanged,
    text: details.fileTransferStatusText,
  };
  const agrees =
    current.status === latest.status &&
    current.text === latest.text &&
    sameInstant(current.changed, latest.changed);
  if (agrees) return [];
  return [
    {
      kind: 'current-mismatch',
      subject: 'file transfer',
      rows: [latest],
      expected: latest,
      actual: current,
      message:
        `file transfer is ${current.status} ("${current.text}", ${current.changed}), but its latest history row ` +
        `is ${latest.status} ("${String(latest.text)}", ${latest.changed}) (CONTRACT.md §4.5)`,
    },
  ];
}

interface Group {
  label: string;
  rows: HistoryRow[];
}

function recipientGroups(rows: Details['recipientFileTransferStatusHistory']): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const key = orgKey(r.recipient);
    const group = groups.get(key) ?? { label: r.recipient, rows: [] };
    group.rows.push({
      status: r.recipientFileTransferStatusCode,
      changed: r.recipientFileTransferStatusChanged,
      text: r.recipientFileTransferStatusText,
    });
    groups.set(key, group);
  }
  return groups;
}

function recipientMatches(listed: Details['recipients'][number], rows: HistoryRow[]): LifecycleViolation[] {
  const ranked = rows.map((r) => r.status).filter(isRecipientStatus);
  const highest = ranked.reduce(
    (a, b) => (recipientRank(b) > recipientRank(a) ? b : a),
    ranked[0] ?? 'Initialized',
  );
  const latest = byTime(rows).at(-1);
  const current = listed.currentRecipientFileTransferStatusCode;
  const changed = listed.currentRecipientFileTransferStatusChanged;
  if (current === highest && latest && sameInstant(changed, latest.changed)) return [];
  return [
    {
      kind: 'recipient-mismatch',
      subject: `recipient ${listed.recipient}`,
      rows: [listed, ...rows],
      expected: { status: highest, changed: latest?.changed },
      actual: { status: current, changed },
      message:
        `recipient ${listed.recipient} is listed as ${current} changed ${changed}; its rows give the highest ` +
        `status ${highest} and the latest time ${String(latest?.changed)} (CONTRACT.md §4.5, §5.5)`,
    },
  ];
}

function unlisted(label: string, rows: HistoryRow[]): LifecycleViolation {
  return {
    kind: 'recipient-mismatch',
    subject: `recipient ${label}`,
    rows,
    expected: 'listed in recipients',
    actual: 'missing',
    message: `recipient ${label} has history rows but is missing from recipients (CONTRACT.md §4.5)`,
  };
}

/** §5.5: a download is recorded only while the transfer is Published or AllConfirmedDownloaded. */
function downloadsBeforePublication(
  transfer: HistoryRow[],
  groups: Map<string, Group>,
): LifecycleViolation[] {
  const published = transfer.find((r) => r.status === 'Published');
  const publishedAt = published && parseTimestamp(published.changed);
  if (published && !publishedAt) return [];
  return [...groups.values()].flatMap(({ label, rows }) =>
    rows
      .filter((r) => r.status === 'DownloadStarted')
      .filter((r) => {
        const at = parseTimestamp(r.changed);
        return at !== undefined && (publishedAt === undefined || compareInstants(at, publishedAt) < 0);
      })
      .map((r): LifecycleViolation => ({
        kind: 'download-before-publication',
        subject: `recipient ${label}`,
        rows: published ? [published, r] : [r],
        expected: published ? `not before ${published.changed}` : 'a Published row first',
        actual: r.changed,
        message: published
          ? `recipient ${label} started a download at ${r.changed}, before publication at ${published.changed} (CONTRACT.md §5.5)`
          : `recipient ${label} started a download at ${r.changed}, but the transfer was never Published (CONTRACT.md §5.5)`,
      })),
  );
}
