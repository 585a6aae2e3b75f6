/**
 * Everything observed of one file transfer's status, across every poll of it: each read with the local
 * time its request left and its answer came, checked as it arrives against the legal paths of
 * CONTRACT.md §5.3 (file transfer) and §4.5/§5.5 (each recipient's highest status, which never falls).
 */
import type { components } from '../../generated/broker-api.js';
import type { StatusGraph } from './graph.js';
import { checkObservedSequence, type LifecycleViolation } from './sequence.js';
import { fileTransferGraph, recipientOverviewGraph, type FileTransferStatus } from './statuses.js';
import { compareInstants, parseTimestamp } from './timestamps.js';

export interface RecipientSnapshot {
  recipient: string;
  /** `currentRecipientFileTransferStatusCode`: the highest status reached. */
  status: string;
  /** `currentRecipientFileTransferStatusChanged`. */
  changed?: string;
}

/** What one read of the overview says about the status. Strings, so an undocumented value can be reported. */
export interface StatusSnapshot {
  status: string;
  statusText?: string;
  /** `fileTransferStatusChanged`. */
  changed?: string;
  recipients?: readonly RecipientSnapshot[];
}

export interface Observation extends StatusSnapshot {
  /** Local epoch ms just before the read began: a read sent after an event arrived must reflect it. */
  requestSentAt: number;
  /** Local epoch ms when the read's answer was in hand. */
  receivedAt: number;
}

type Overview = Pick<
  components['schemas']['FileTransferOverviewExt'],
  'fileTransferStatus' | 'fileTransferStatusText' | 'fileTransferStatusChanged' | 'recipients'
>;

/** The status part of an overview (§4.5) or details (§4.6) body. */
export function snapshotOf(overview: Overview): StatusSnapshot {
  return {
    status: overview.fileTransferStatus,
    statusText: overview.fileTransferStatusText,
    changed: overview.fileTransferStatusChanged,
    recipients: overview.recipients.map((r) => ({
      recipient: r.recipient,
      status: r.currentRecipientFileTransferStatusCode,
      changed: r.currentRecipientFileTransferStatusChanged,
    })),
  };
}

/** Org numbers compare without their prefix (CONTRACT.md §11). */
export const orgKey = (party: string): string => party.slice(party.lastIndexOf(':') + 1);

export class Timeline {
  private readonly seen: Observation[] = [];

  constructor(readonly fileTransferId: string) {}

  get observations(): readonly Observation[] {
    return this.seen;
  }

  latest(): Observation | undefined {
    return this.seen.at(-1);
  }

  /**
   * Adds one read; returns what it breaks: a jump no legal path connects, a `…Changed` time that went
   * back, or a recipient that vanished (rows are never deleted, not even by a purge: §4.5, §5.6).
   */
  record(observation: Observation): LifecycleViolation[] {
    const previous = this.latest();
    this.seen.push(observation);
    const index = this.seen.length - 1;
    const recipients = observation.recipients ?? [];
    // A read that does not report recipients at all says nothing about them.
    const vanished = (observation.recipients ? (previous?.recipients ?? []) : []).filter(
      (r) => !recipients.some((now) => orgKey(now.recipient) === orgKey(r.recipient)),
    );
    return [
      ...step(fileTransferGraph, 'file transfer', previous, observation),
      ...recipients.flatMap((now) => {
        const before = previous?.recipients?.find((r) => orgKey(r.recipient) === orgKey(now.recipient));
        return step(recipientOverviewGraph, `recipient ${now.recipient}`, before, now);
      }),
      ...vanished.map((r): LifecycleViolation => ({
        kind: 'recipient-mismatch',
        subject: `recipient ${r.recipient}`,
        rows: [r],
        expected: 'listed in every later read',
        actual: 'missing',
        message: `recipient ${r.recipient} was listed with ${r.status} and is missing from a later read (CONTRACT.md §4.5)`,
      })),
    ].map((v) => ({ ...v, index }));
  }

  /** The statuses seen, one per read. */
  statuses(): string[] {
    return this.seen.map((o) => o.status);
  }

  /** `Initialized ×3 → UploadStarted → Published`: the observed sequence for messages. */
  describe(): string {
    const runs: { status: string; count: number }[] = [];
    for (const { status } of this.seen) {
      const last = runs.at(-1);
      if (last?.status === status) last.count += 1;
      else runs.push({ status, count: 1 });
    }
    return (
      runs.map((r) => (r.count > 1 ? `${r.status} ×${r.count}` : r.status)).join(' → ') || '(nothing read)'
    );
  }

  firstSeen(status: string): Observation | undefined {
    return this.seen.find((o) => o.status === status);
  }

  /**
   * The last read that still showed an earlier status than `status` (one from which `status` remains
   * reachable), before any read showed `status` or a status past it. Its `requestSentAt` proves that an
   * event which arrived before then came before the transition it reports.
   */
  lastSeenBefore(status: FileTransferStatus): Observation | undefined {
    let candidate: Observation | undefined;
    for (const observation of this.seen) {
      if (!fileTransferGraph.isKnown(observation.status)) continue;
      if (fileTransferGraph.atOrPast(observation.status, status)) break;
      if (fileTransferGraph.canStillReach(observation.status, status)) candidate = observation;
    }
    return candidate;
  }
}

/** The newest read against the one before it: a connected status, and a `…Changed` time not earlier. */
function step(
  graph: StatusGraph<string>,
  subject: string,
  previous: { status: string; changed?: string } | undefined,
  current: { status: string; changed?: string },
): LifecycleViolation[] {
  const sequence = previous ? [previous.status, current.status] : [current.status];
  const violations = checkObservedSequence(sequence, graph, subject).filter(
    (v) => v.index === sequence.length - 1,
  );
  const before = previous?.changed === undefined ? undefined : parseTimestamp(previous.changed);
  const after = current.changed === undefined ? undefined : parseTimestamp(current.changed);
  if (previous && before && after && compareInstants(before, after) > 0) {
    violations.push({
      kind: 'decreasing-timestamp',
      subject,
      rows: [previous, current],
      expected: `not before ${String(previous.changed)}`,
      actual: current.changed,
      message:
        `${subject}: a later read shows ${current.status} changed at ${String(current.changed)}, earlier than ` +
        `the ${previous.status} at ${String(previous.changed)} an earlier read showed (CONTRACT.md §4.5)`,
    });
  }
  return violations;
}
