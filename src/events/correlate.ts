/**
 * An event must not arrive before the transition it reports (CONTRACT.md §6.1: each event is enqueued
 * when its status is written). Checked against the status polls of the same transfer: a poll sent
 * after the event was received that still shows an earlier status proves the event came first.
 * The status graph is a parameter, with a small local default (CONTRACT.md §5.3) until the lifecycle
 * module provides the suite's own.
 */
import { ContractError } from '../errors.js';
import type { ReceivedEvent } from './types.js';

/** One status poll of the transfer: what it showed and when its request left (local ms). */
export interface PollObservation {
  status: string;
  requestSentAt: number;
}

export interface CorrelateOptions {
  /** The file transfer status an event type reports; undefined when it reports none. */
  statusOf?: (eventType: string) => string | undefined;
  /** Whether a transfer showing `current` has reached `reported` or gone beyond it. */
  isAtOrPast?: (current: string, reported: string) => boolean;
}

/**
 * §6.1. `downloadconfirmed` and `fileneverconfirmeddownloaded` report recipient states, not a file
 * transfer status, so they are not correlated with the transfer's polls.
 */
export const DEFAULT_EVENT_STATUS: Record<string, string | null> = {
  'no.altinn.broker.filetransferinitialized': 'Initialized',
  'no.altinn.broker.uploadprocessing': 'UploadProcessing',
  'no.altinn.broker.published': 'Published',
  'no.altinn.broker.uploadfailed': 'Failed',
  'no.altinn.broker.downloadconfirmed': null,
  'no.altinn.broker.allconfirmeddownloaded': 'AllConfirmedDownloaded',
  'no.altinn.broker.filepurged': 'Purged',
  'no.altinn.broker.fileneverconfirmeddownloaded': null,
};

/** §5.3: the statuses each status can move to directly. */
const NEXT: Record<string, string[]> = {
  Initialized: ['UploadStarted', 'Purged'],
  UploadStarted: ['UploadProcessing', 'Published', 'Failed', 'Purged'],
  UploadProcessing: ['Published', 'Failed', 'Purged'],
  Published: ['AllConfirmedDownloaded', 'Purged'],
  AllConfirmedDownloaded: ['Purged'],
  Failed: ['Purged'],
  Purged: [],
};

export function defaultStatusOf(eventType: string): string | undefined {
  return DEFAULT_EVENT_STATUS[eventType] ?? undefined;
}

/** `current` is `reported` or reachable from it through §5.3's transitions. */
export function defaultIsAtOrPast(current: string, reported: string): boolean {
  const seen = new Set<string>();
  const queue = [reported];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (next === current) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(NEXT[next] ?? []));
  }
  return false;
}

/** Throws ContractError `EVENT_BEFORE_TRANSITION` when a later poll still showed an earlier status. */
export function correlate(
  event: ReceivedEvent,
  observations: readonly PollObservation[],
  options: CorrelateOptions = {},
): void {
  const statusOf = options.statusOf ?? defaultStatusOf;
  const isAtOrPast = options.isAtOrPast ?? defaultIsAtOrPast;
  const reported = event.type === undefined ? undefined : statusOf(event.type);
  if (reported === undefined) return;
  const behind = observations
    .filter((poll) => poll.requestSentAt > event.receivedAt && !isAtOrPast(poll.status, reported))
    .sort((a, b) => b.requestSentAt - a.requestSentAt);
  const last = behind[0];
  if (!last) return;
  throw new ContractError(
    'EVENT_BEFORE_TRANSITION',
    `event ${event.type ?? '(no type)'} ${event.id ?? '(no id)'} for transfer ${event.resourceinstance ?? '(none)'} ` +
      `arrived at ${new Date(event.receivedAt).toISOString()}, but a status poll sent ` +
      `${last.requestSentAt - event.receivedAt} ms later still showed ${last.status}, not yet ${reported} ` +
      `(CONTRACT.md §6.1: an event is enqueued when its status is written)`,
    {
      fileTransferId: event.resourceinstance,
      eventId: event.id,
      type: event.type,
      expected: `${reported} or later`,
      actual: last.status,
      receivedAt: event.receivedAt,
      pollSentAt: last.requestSentAt,
    },
  );
}
