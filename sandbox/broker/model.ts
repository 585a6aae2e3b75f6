/**
 * The Broker's state as the upstream database holds it (CONTRACT.md §5): transfers with their
 * status rows and recipient-status rows, configured resources, registered service owners.
 * Statuses are rows, never overwritten: the current status is the latest row (§4.5).
 */
export const FILE_STATUSES = [
  'Initialized',
  'UploadStarted',
  'UploadProcessing',
  'Published',
  'Cancelled',
  'AllConfirmedDownloaded',
  'Purged',
  'Failed',
] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

export const RECIPIENT_STATUSES = ['Initialized', 'DownloadStarted', 'DownloadConfirmed'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** §5.2 fixed texts. */
export const FILE_STATUS_TEXT: Record<FileStatus, string> = {
  Initialized: 'Ready for upload',
  UploadStarted: 'Upload started',
  UploadProcessing: 'Processing upload',
  Published: 'Ready for download',
  Cancelled: 'FileTransfer cancelled',
  AllConfirmedDownloaded: 'All downloaded',
  Purged: 'FileTransfer has been purged',
  Failed: 'Upload failed',
};

export const RECIPIENT_STATUS_TEXT: Record<RecipientStatus, string> = {
  Initialized: 'Initialized',
  DownloadStarted: 'Recipient has attempted to download fileTransfer',
  DownloadConfirmed: 'Recipient has downloaded fileTransfer',
};

export interface StatusRow {
  status: FileStatus;
  text: string;
  at: number;
}

export interface RecipientRow {
  /** `0192:NNNNNNNNN` */
  recipient: string;
  status: RecipientStatus;
  text: string;
  at: number;
}

export interface Transfer {
  id: string;
  resourceId: string;
  fileName: string;
  sendersReference: string | null;
  /** As given at initialize (§3.4). */
  sender: string;
  /**
   * The sender actor as stored: the `sender` exactly as given (§3.4). Sender-role search matches it
   * against `0192:<caller org>` (§7), so only that form of the sender is found.
   */
  senderActor: string;
  /** `0192:NNNNNNNNN` each. */
  recipients: string[];
  propertyList: Record<string, string>;
  /** The sender's checksum, or the computed MD5 once known; null before. */
  checksum: string | null;
  senderGaveChecksum: boolean;
  useVirusScan: boolean;
  size: number;
  created: number;
  expiration: number;
  statuses: StatusRow[];
  recipientRows: RecipientRow[];
  /** Where the bytes are, once stored. */
  filePath: string | null;
  /** Time of the last DownloadStarted row per caller, for the 5-minute ranged debounce (§4.6). */
  rangedDownloadAt: Map<string, number>;
}

export interface ResourceSettings {
  id: string;
  /** `0192:NNNNNNNNN` */
  owner: string;
  maxFileTransferSize: number | null;
  /** Milliseconds, and the ISO text it came from. */
  fileTransferTimeToLive: number | null;
  purgeFileTransferAfterAllRecipientsConfirmed: boolean;
  purgeFileTransferGracePeriod: number | null;
  useManifestFileShim: boolean;
  externalServiceCodeLegacy: string | null;
  externalServiceEditionCodeLegacy: number | null;
  requiredParty: string | null;
}

export interface StorageProvider {
  type: 'AltinnAzure' | 'AltinnAzureWithoutVirusScan';
  deploymentStatus: 'NotStarted' | 'DeployingResources' | 'Ready';
  deploymentEnvironment: string;
}

export interface ServiceOwner {
  /** `0192:NNNNNNNNN` */
  id: string;
  name: string;
  storageProviders: StorageProvider[];
}

export const DAY = 24 * 3600 * 1000;

export function currentStatus(transfer: Transfer): StatusRow {
  // Rows are appended in time order; the latest is the current one (§4.5).
  return transfer.statuses.at(-1) as StatusRow;
}

export function statusRank(status: FileStatus): number {
  return FILE_STATUSES.indexOf(status);
}

/** Highest recipient status ever reached by each recipient, with its latest row's time (§4.5). */
export function recipientSummary(
  transfer: Transfer,
): { recipient: string; code: RecipientStatus; at: number }[] {
  const byRecipient = new Map<string, { recipient: string; code: RecipientStatus; at: number }>();
  for (const row of transfer.recipientRows) {
    const seen = byRecipient.get(row.recipient);
    const rank = RECIPIENT_STATUSES.indexOf(row.status);
    if (!seen) byRecipient.set(row.recipient, { recipient: row.recipient, code: row.status, at: row.at });
    else {
      if (rank > RECIPIENT_STATUSES.indexOf(seen.code)) seen.code = row.status;
      seen.at = Math.max(seen.at, row.at);
    }
  }
  return [...byRecipient.values()];
}

export function latestRecipientStatus(transfer: Transfer, actor: string): RecipientStatus | undefined {
  return transfer.recipientRows.filter((r) => r.recipient === actor).at(-1)?.status;
}

export function orgOf(identifier: string): string {
  return identifier.slice(identifier.lastIndexOf(':') + 1);
}

export function actor(org: string): string {
  return `0192:${orgOf(org)}`;
}
