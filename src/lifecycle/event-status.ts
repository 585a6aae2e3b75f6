/**
 * Which status each Broker event reports (CONTRACT.md §6.1), so that an event can be set against the
 * lifecycle: after the event arrives, a read must show that status or one past it (§5.3, §5.5).
 */
import type { webhooks } from '../../generated/broker-api.js';
import {
  fileTransferGraph,
  recipientOverviewGraph,
  type FileTransferStatus,
  type RecipientStatus,
} from './statuses.js';

export type BrokerEventType = keyof webhooks;

export type ReportedStatus =
  | { of: 'fileTransfer'; status: FileTransferStatus }
  /** The confirming recipient's status: the event's subject when its role is Recipient. */
  | { of: 'recipient'; status: RecipientStatus };

export interface EventReport {
  /** Null: the event reports no status of its own. */
  reports: ReportedStatus | null;
  clause: string;
  /** Why an event reports nothing, or what else to know when matching it. */
  note?: string;
}

export const EVENT_REPORTS: Record<BrokerEventType, EventReport> = {
  'no.altinn.broker.filetransferinitialized': {
    reports: { of: 'fileTransfer', status: 'Initialized' },
    clause: 'CONTRACT.md §6.1',
  },
  'no.altinn.broker.uploadprocessing': {
    reports: { of: 'fileTransfer', status: 'UploadProcessing' },
    clause: 'CONTRACT.md §6.1',
    note: 'not sent when a TUS final concatenation sets UploadProcessing (§4.4)',
  },
  'no.altinn.broker.published': {
    reports: { of: 'fileTransfer', status: 'Published' },
    clause: 'CONTRACT.md §6.1',
  },
  'no.altinn.broker.uploadfailed': {
    reports: { of: 'fileTransfer', status: 'Failed' },
    clause: 'CONTRACT.md §6.1, §5.4',
    note: 'not sent on a streamed-upload checksum mismatch, which still ends in Failed (§5.4)',
  },
  'no.altinn.broker.downloadconfirmed': {
    reports: { of: 'recipient', status: 'DownloadConfirmed' },
    clause: 'CONTRACT.md §6.1, §4.9',
    note: "the sender's copy does not say which recipient confirmed",
  },
  'no.altinn.broker.allconfirmeddownloaded': {
    reports: { of: 'fileTransfer', status: 'AllConfirmedDownloaded' },
    clause: 'CONTRACT.md §6.1',
  },
  'no.altinn.broker.filepurged': {
    reports: { of: 'fileTransfer', status: 'Purged' },
    clause: 'CONTRACT.md §6.1, §5.6',
  },
  'no.altinn.broker.fileneverconfirmeddownloaded': {
    reports: null,
    clause: 'CONTRACT.md §6.1, §5.4, §5.6',
    note:
      'sent by a purge of any trigger; the malware purge writes no Purged row, so the status may stay Failed. ' +
      "It says only that a purge ran while the subject recipient's highest status was below DownloadConfirmed",
  },
};

export function isBrokerEventType(type: string): type is BrokerEventType {
  return Object.hasOwn(EVENT_REPORTS, type);
}

/** The status `type` reports; null when it reports none; undefined when the type is not a Broker event. */
export function statusReportedBy(type: string): ReportedStatus | null | undefined {
  return isBrokerEventType(type) ? EVENT_REPORTS[type].reports : undefined;
}

/** Whether a read showing `current` is consistent with an earlier event that reported `reported`. */
export function showsReported(
  reported: ReportedStatus,
  current: { fileTransfer?: FileTransferStatus; recipient?: RecipientStatus },
): boolean {
  if (reported.of === 'fileTransfer') {
    return (
      current.fileTransfer !== undefined && fileTransferGraph.atOrPast(current.fileTransfer, reported.status)
    );
  }
  // The overview's recipient code is the highest reached (§4.5), so the overview graph answers this.
  return (
    current.recipient !== undefined && recipientOverviewGraph.atOrPast(current.recipient, reported.status)
  );
}
