/**
 * Each file transfer's life as the run saw it, on one local time axis: the statuses its polls read
 * (CONTRACT.md §5.3), the events the receiver got about it (§6), and the other calls made on it
 * (initialize, upload, download, confirm). For the report's per-transfer timelines.
 */
import type { LoggedCall } from '../client/request-log.js';
import type { ReceivedEvent } from '../events/types.js';

export type TimelineSource = 'poll' | 'event' | 'call';

export interface TimelineEntry {
  /** Local epoch ms: when the call's request left, or when the event's first delivery arrived. */
  at: number;
  source: TimelineSource;
  /** The polled status, the event type without `no.altinn.broker.`, or `METHOD operation → status`. */
  label: string;
  /** The test that made the call (events have none). */
  test?: string;
  /** Consecutive polls that read the same status: how many, and when the last of them left. */
  count?: number;
  until?: number;
  /** An event's subscribers (the personas whose subscriptions delivered it). */
  detail?: string;
}

export interface TransferTimeline {
  fileTransferId: string;
  start: number;
  end: number;
  entries: TimelineEntry[];
}

export interface TransferTimelines {
  transfers: TransferTimeline[];
  /** Transfers left out by the limit. */
  omitted: number;
}

/** What the timelines read of a received event; ReceivedEvent is one. */
export type TimelineEvent = Pick<ReceivedEvent, 'receivedAt' | 'type' | 'resourceinstance'> &
  Partial<Pick<ReceivedEvent, 'subscribers'>>;

export interface TimelineOptions {
  /** Transfers shown at most; a full run makes hundreds, most of them alike. @default 50 */
  limit?: number;
  /** Tests whose transfers come first (the failed ones): those are what the reader is looking for. */
  prefer?: readonly string[];
}

export const DEFAULT_TIMELINE_LIMIT = 50;
const EVENT_PREFIX = 'no.altinn.broker.';
const POLLED = /\/filetransfer\/\{fileTransferId\}(\/details)?$/;

/** The transfer a call is about: the id in its path, or the one initialize (plain or multipart) answered. */
export function transferIdOf(call: LoggedCall): string | undefined {
  const path = new URL(call.url, 'http://call.invalid').pathname;
  const inPath = /\/filetransfer\/(?:upload\/tus\/)?([^/]+)/.exec(path)?.[1];
  if (inPath !== undefined && inPath !== 'upload') return decodeURIComponent(inPath);
  if (call.method !== 'POST' || call.responseBody === undefined) return undefined;
  const body = parseObject(call.responseBody);
  return typeof body?.fileTransferId === 'string' ? body.fileTransferId : undefined;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function callEntry(call: LoggedCall): TimelineEntry {
  const test = call.test === undefined ? {} : { test: call.test };
  const polled =
    call.method === 'GET' && POLLED.test(call.pathTemplate) && call.responseBody !== undefined
      ? parseObject(call.responseBody)?.fileTransferStatus
      : undefined;
  if (typeof polled === 'string') return { at: call.startedAt, source: 'poll', label: polled, ...test };
  const outcome = call.error === undefined ? String(call.status ?? '?') : 'no answer';
  const operation = call.operation ?? call.pathTemplate;
  return { at: call.startedAt, source: 'call', label: `${call.method} ${operation} → ${outcome}`, ...test };
}

function eventEntry(event: TimelineEvent): TimelineEntry {
  const type = event.type ?? '(no type)';
  const subscribers = event.subscribers ?? [];
  return {
    at: event.receivedAt,
    source: 'event',
    label: type.startsWith(EVENT_PREFIX) ? type.slice(EVENT_PREFIX.length) : type,
    ...(subscribers.length > 0 ? { detail: `to ${subscribers.join(', ')}` } : {}),
  };
}

/** Consecutive polls of one status become one entry: the reader wants the changes, not every read. */
export function collapsePolls(entries: readonly TimelineEntry[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const entry of entries) {
    const last = out[out.length - 1];
    if (last && entry.source === 'poll' && last.source === 'poll' && last.label === entry.label) {
      out[out.length - 1] = { ...last, count: (last.count ?? 1) + 1, until: entry.at };
    } else out.push({ ...entry });
  }
  return out;
}

function group(calls: readonly LoggedCall[], events: readonly TimelineEvent[]) {
  const byId = new Map<string, { entries: TimelineEntry[]; tests: Set<string> }>();
  const add = (id: string, entry: TimelineEntry) => {
    const found = byId.get(id) ?? { entries: [], tests: new Set<string>() };
    found.entries.push(entry);
    if (entry.test !== undefined) found.tests.add(entry.test);
    byId.set(id, found);
  };
  for (const call of calls) {
    const id = transferIdOf(call);
    if (id !== undefined) add(id, callEntry(call));
  }
  for (const event of events) if (event.resourceinstance) add(event.resourceinstance, eventEntry(event));
  return byId;
}

/**
 * The transfers' timelines. Past the limit, the transfers a preferred (failed) test touched are kept
 * first, then those with the most entries after collapsing (the longest lives say the most); ties go
 * to the earliest. They are shown in that order, so a failure's transfer is at the top.
 */
export function transferTimelines(
  calls: readonly LoggedCall[],
  events: readonly TimelineEvent[],
  options: TimelineOptions = {},
): TransferTimelines {
  const prefer = new Set(options.prefer ?? []);
  const all = [...group(calls, events)].map(([fileTransferId, { entries, tests }]) => {
    const ordered = collapsePolls([...entries].sort((a, b) => a.at - b.at));
    const last = ordered[ordered.length - 1];
    return {
      preferred: [...tests].some((test) => prefer.has(test)),
      timeline: {
        fileTransferId,
        start: ordered[0]?.at ?? 0,
        end: Math.max(last?.until ?? 0, last?.at ?? 0),
        entries: ordered,
      },
    };
  });
  all.sort(
    (a, b) =>
      Number(b.preferred) - Number(a.preferred) ||
      b.timeline.entries.length - a.timeline.entries.length ||
      a.timeline.start - b.timeline.start,
  );
  const limit = options.limit ?? DEFAULT_TIMELINE_LIMIT;
  return { transfers: all.slice(0, limit).map((t) => t.timeline), omitted: Math.max(0, all.length - limit) };
}
