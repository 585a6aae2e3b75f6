/**
 * The Broker's domain: transfers and their status rows, access decisions, publication, confirmation,
 * purge and the events each step sends (CONTRACT.md §3.5, §5, §6). No HTTP here; the routes call it.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Clock } from '../clock.js';
import type { RegistryResource, SandboxConfig } from '../config.js';
import type { BrokerCloudEvent } from '../events/types.js';
import type { FaultSet } from '../faults.js';
import { trace } from '../../src/trace.js';
import { API_PREFIX } from './context.js';
import { publishedEventId } from './ids.js';
import {
  DAY,
  FILE_STATUS_TEXT,
  RECIPIENT_STATUS_TEXT,
  actor,
  currentStatus,
  orgOf,
  recipientSummary,
  type FileStatus,
  type RecipientStatus,
  type ResourceSettings,
  type ServiceOwner,
  type Transfer,
} from './model.js';

export type EventName =
  | 'filetransferinitialized'
  | 'uploadprocessing'
  | 'published'
  | 'uploadfailed'
  | 'downloadconfirmed'
  | 'allconfirmeddownloaded'
  | 'filepurged'
  | 'fileneverconfirmeddownloaded';

export interface BrokerDeps {
  config: SandboxConfig;
  clock: Clock;
  faults: FaultSet;
  publish(event: BrokerCloudEvent): void;
}

/** Default time-to-live and purge grace when the resource sets none (§4.1, §4.9). */
const DEFAULT_TTL = 30 * DAY;
const DEFAULT_GRACE = 2 * 3600 * 1000;

export class Broker {
  readonly transfers = new Map<string, Transfer>();
  readonly resources = new Map<string, ResourceSettings>();
  readonly serviceOwners = new Map<string, ServiceOwner>();

  constructor(readonly deps: BrokerDeps) {}

  get now(): number {
    return this.deps.clock.now();
  }

  registry(resourceId: string): RegistryResource | undefined {
    return this.deps.config.registry.find((r) => r.id === resourceId);
  }

  /** §3.5: the PDP, as the sandbox's registry answers it; no Broker resource row means deny. */
  permits(org: string | null, resourceId: string, action: 'read' | 'write'): boolean {
    const configured = this.resources.get(resourceId);
    if (!org || !configured || !this.serviceOwners.has(configured.owner)) return false;
    const entry = this.registry(resourceId)?.access.find((a) => a.org === org);
    return Boolean(entry?.[action]);
  }

  asSender(org: string | null, transfer: Transfer): boolean {
    return org === orgOf(transfer.sender) && this.permits(org, transfer.resourceId, 'write');
  }

  asRecipient(org: string | null, transfer: Transfer): boolean {
    if (this.deps.faults.on('sender-can-download') && org === orgOf(transfer.sender)) return true;
    return (
      transfer.recipients.some((r) => orgOf(r) === org) && this.permits(org, transfer.resourceId, 'read')
    );
  }

  addStatus(transfer: Transfer, status: FileStatus, text?: string): void {
    const last = transfer.statuses.at(-1);
    // Rows are written in time order; two in one millisecond keep their order by +1.
    const at = Math.max(this.now, (last?.at ?? 0) + 1);
    transfer.statuses.push({ status, text: text ?? FILE_STATUS_TEXT[status], at });
    // For the benchmark's transition latency: the wall time, since the sandbox's clock may run faster.
    const wall = Date.now();
    trace({ kind: 'transition', start: wall, end: wall, id: transfer.id, label: status });
  }

  addRecipientRow(transfer: Transfer, recipient: string, status: RecipientStatus): void {
    const last = transfer.recipientRows.filter((r) => r.recipient === recipient).at(-1);
    const at = Math.max(this.now, (last?.at ?? 0) + 1);
    transfer.recipientRows.push({ recipient, status, text: RECIPIENT_STATUS_TEXT[status], at });
  }

  emit(name: EventName, transfer: Transfer, party: string, role: 'Sender' | 'Recipient'): void {
    if (name === 'published' && this.deps.faults.on('no-published-event')) return;
    const org = orgOf(party);
    const subject = this.deps.faults.on('event-bad-subject')
      ? `0192:${org}`
      : `urn:altinn:organization:identifier-no:${org}`;
    this.deps.publish({
      specversion: '1.0',
      // §6.2: over the actor id as stored: the sender's as given at initialize, a recipient's `0192:` form.
      id:
        name === 'published'
          ? publishedEventId(transfer.id, role, role === 'Sender' ? transfer.senderActor : actor(party))
          : randomUUID(),
      type: `no.altinn.broker.${name}`,
      time: this.deps.clock.nowIso(),
      resource: `urn:altinn:resource:${transfer.resourceId}`,
      resourceinstance: transfer.id,
      subject,
      source: `${this.deps.config.origin}${API_PREFIX}/filetransfer`,
      data: { Role: role },
    });
  }

  create(
    fields: Omit<
      Transfer,
      | 'id'
      | 'statuses'
      | 'recipientRows'
      | 'created'
      | 'expiration'
      | 'filePath'
      | 'size'
      | 'rangedDownloadAt'
    >,
  ): Transfer {
    const settings = this.resources.get(fields.resourceId);
    const created = this.now;
    const transfer: Transfer = {
      ...fields,
      id: randomUUID(),
      created,
      expiration: created + (settings?.fileTransferTimeToLive ?? DEFAULT_TTL),
      statuses: [],
      recipientRows: [],
      filePath: null,
      size: 0,
      rangedDownloadAt: new Map(),
    };
    this.addStatus(transfer, 'Initialized');
    for (const recipient of transfer.recipients) this.addRecipientRow(transfer, recipient, 'Initialized');
    this.transfers.set(transfer.id, transfer);
    this.schedulePurge(transfer, transfer.expiration, 'ttl');
    this.emit('filetransferinitialized', transfer, transfer.sender, 'Sender');
    return transfer;
  }

  /** §5.3: after the bytes are stored: scanned uploads pass through UploadProcessing. */
  uploaded(transfer: Transfer, md5: string): void {
    if (!transfer.useVirusScan || this.deps.faults.on('no-upload-processing')) {
      if (!transfer.senderGaveChecksum) transfer.checksum = md5;
      this.publishTransfer(transfer);
      return;
    }
    this.addStatus(transfer, 'UploadProcessing');
    this.emit('uploadprocessing', transfer, transfer.sender, 'Sender');
    if (this.deps.faults.on('never-published')) return;
    if (this.deps.faults.on('event-before-transition')) this.emitPublished(transfer);
    this.deps.clock.after(this.deps.config.processingDelayMs, () => {
      if (currentStatus(transfer).status !== 'UploadProcessing') return;
      if (!transfer.senderGaveChecksum) transfer.checksum = md5;
      this.publishTransfer(transfer, !this.deps.faults.on('event-before-transition'));
    });
  }

  /** Published, with the `published` events of the sender and each recipient (§6.1, one publish per transfer). */
  publishTransfer(transfer: Transfer, sendEvents = true): void {
    this.addStatus(transfer, 'Published');
    if (sendEvents) this.emitPublished(transfer);
  }

  private emitPublished(transfer: Transfer): void {
    this.emit('published', transfer, transfer.sender, 'Sender');
    for (const recipient of transfer.recipients) this.emit('published', transfer, recipient, 'Recipient');
  }

  failed(transfer: Transfer, text: string, sendEvent: boolean): void {
    this.addStatus(transfer, 'Failed', text);
    if (sendEvent) this.emit('uploadfailed', transfer, transfer.sender, 'Sender');
  }

  /** §4.9: the effects of a successful confirm by `recipient`. */
  confirmed(transfer: Transfer, recipient: string): void {
    this.addRecipientRow(transfer, recipient, 'DownloadConfirmed');
    this.emit('downloadconfirmed', transfer, recipient, 'Recipient');
    this.emit('downloadconfirmed', transfer, transfer.sender, 'Sender');
    const summary = recipientSummary(transfer);
    const allConfirmed =
      this.deps.faults.on('all-confirmed-early') ||
      transfer.recipients.every((r) => summary.find((s) => s.recipient === r)?.code === 'DownloadConfirmed');
    if (!allConfirmed) return;
    this.addStatus(transfer, 'AllConfirmedDownloaded');
    this.emit('allconfirmeddownloaded', transfer, transfer.sender, 'Sender');
    const settings = this.resources.get(transfer.resourceId);
    if (
      (settings?.purgeFileTransferAfterAllRecipientsConfirmed ?? true) &&
      !this.deps.faults.on('no-purge-after-confirm')
    ) {
      this.schedulePurge(
        transfer,
        this.now + (settings?.purgeFileTransferGracePeriod ?? DEFAULT_GRACE),
        'confirmed',
      );
    }
  }

  schedulePurge(transfer: Transfer, at: number, trigger: 'ttl' | 'confirmed'): void {
    this.deps.clock.at(at, () => void this.purge(transfer, trigger));
  }

  /** §5.6: the purge job. */
  async purge(transfer: Transfer, trigger: 'ttl' | 'confirmed'): Promise<void> {
    const status = currentStatus(transfer).status;
    if (status === 'Purged') return;
    const settings = this.resources.get(transfer.resourceId);
    const graceOwnsIt = settings?.purgeFileTransferAfterAllRecipientsConfirmed ?? true;
    if (trigger === 'ttl' && status === 'AllConfirmedDownloaded' && graceOwnsIt) return;
    if (transfer.filePath) await rm(transfer.filePath, { force: true });
    this.addStatus(transfer, 'Purged');
    this.emit('filepurged', transfer, transfer.sender, 'Sender');
    const unconfirmed = recipientSummary(transfer).filter(
      (s) => transfer.recipients.includes(s.recipient) && s.code !== 'DownloadConfirmed',
    );
    for (const s of unconfirmed)
      this.emit('fileneverconfirmeddownloaded', transfer, s.recipient, 'Recipient');
    if (unconfirmed.length > 0)
      this.emit('fileneverconfirmeddownloaded', transfer, transfer.sender, 'Sender');
  }
}
