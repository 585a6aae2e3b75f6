/**
 * Transition latency: for each status the sandbox wrote (a `transition` span of the trace), how long
 * until the suite could know of it, by poll (the first read of the overview or details showing it
 * arrived) and by event (the receiver got the event that reports it), and the reads spent waiting.
 */
import type { LoggedCall } from '../../src/client/request-log.js';
import { EVENT_REPORTS, type EventReport } from '../../src/lifecycle/event-status.js';
import type { TraceSpan } from '../../src/trace.js';
import { summary } from './intervals.js';

/** The transfer status an event type reports (CONTRACT.md §6.1), from the suite's own table. */
function eventStatus(type: string | undefined): string | undefined {
  const report = (EVENT_REPORTS as Record<string, EventReport | undefined>)[type ?? '']?.reports;
  return report?.of === 'fileTransfer' ? report.status : undefined;
}

const POLLED = /\/filetransfer\/\{fileTransferId\}(\/details)?$/;

interface Read {
  id: string;
  status: string;
  sentAt: number;
  /** When the answer was in: the suite knows the status from then. */
  at: number;
}

/** The overview and details reads that answered a status. */
export function statusReads(calls: readonly LoggedCall[]): Read[] {
  const reads: Read[] = [];
  for (const call of calls) {
    if (call.method !== 'GET' || call.status !== 200 || !POLLED.test(call.pathTemplate)) continue;
    const id = /\/filetransfer\/([^/?]+)/.exec(new URL(call.url, 'http://x.invalid').pathname)?.[1];
    const status = /"fileTransferStatus"\s*:\s*"(\w+)"/.exec(call.responseBody ?? '')?.[1];
    if (id === undefined || status === undefined) continue;
    reads.push({
      id: decodeURIComponent(id),
      status,
      sentAt: call.startedAt,
      at: call.startedAt + call.durationMs,
    });
  }
  return reads.sort((a, b) => a.at - b.at);
}

export interface TransitionLatency {
  id: string;
  status: string;
  madeAt: number;
  /** ms from the transition to the first read showing it, when a read did. */
  byPoll?: number;
  /** Reads of the transfer after the one that showed the previous status, up to the one that showed this. */
  polls?: number;
  /** ms from the transition to the event reporting it, when one came. */
  byEvent?: number;
}

export function transitionLatencies(
  spans: readonly TraceSpan[],
  calls: readonly LoggedCall[],
): TransitionLatency[] {
  const reads = statusReads(calls);
  const events = spans.filter((s) => s.kind === 'event' && s.id !== undefined);
  const made = spans
    .filter((s) => s.kind === 'transition' && s.id !== undefined)
    .sort((a, b) => a.start - b.start);
  /** Per transfer: its previous transition, and when a read showed that one. */
  const last = new Map<string, { madeAt: number; seenAt?: number }>();
  return made.map((transition) => {
    const id = transition.id as string;
    const status = transition.label ?? '';
    const previous = last.get(id);
    const mine = reads.filter((r) => r.id === id);
    const seen = mine.find((r) => r.status === status && r.at >= transition.start);
    const event = events.find(
      (e) => e.id === id && eventStatus(e.label) === status && e.start >= (previous?.madeAt ?? -Infinity),
    );
    // Spent on this transition: the reads after the one that showed the previous status (or after the
    // previous transition, when none did), up to the one that showed this status.
    const after = previous?.seenAt ?? previous?.madeAt ?? -Infinity;
    last.set(id, { madeAt: transition.start, ...(seen ? { seenAt: seen.at } : {}) });
    return {
      id,
      status,
      madeAt: transition.start,
      ...(seen
        ? {
            byPoll: seen.at - transition.start,
            polls: mine.filter((r) => r.sentAt >= after && r.at <= seen.at).length,
          }
        : {}),
      ...(event ? { byEvent: event.start - transition.start } : {}),
    };
  });
}

export interface LatencyFigure {
  status: string;
  transitions: number;
  /** Median/min/max over the transitions a read showed (n of them). */
  byPoll: ReturnType<typeof summary>;
  byEvent: ReturnType<typeof summary>;
  /** The earlier of the two, for transitions either noticed. */
  noticed: ReturnType<typeof summary>;
  pollsPerTransition: ReturnType<typeof summary>;
}

const ORDER = [
  'Initialized',
  'UploadStarted',
  'UploadProcessing',
  'Published',
  'Failed',
  'AllConfirmedDownloaded',
  'Purged',
];

/** Per status, and `all` over every transition. */
export function latencyFigures(latencies: readonly TransitionLatency[]): LatencyFigure[] {
  const statuses = [...new Set(latencies.map((l) => l.status))].sort(
    (a, b) => ORDER.indexOf(a) - ORDER.indexOf(b),
  );
  const figure = (status: string, of: readonly TransitionLatency[]): LatencyFigure => ({
    status,
    transitions: of.length,
    byPoll: summary(of.flatMap((l) => (l.byPoll === undefined ? [] : [l.byPoll]))),
    byEvent: summary(of.flatMap((l) => (l.byEvent === undefined ? [] : [l.byEvent]))),
    noticed: summary(
      of.flatMap((l) => {
        const both = [l.byPoll, l.byEvent].filter((v): v is number => v !== undefined);
        return both.length ? [Math.min(...both)] : [];
      }),
    ),
    pollsPerTransition: summary(of.flatMap((l) => (l.polls === undefined ? [] : [l.polls]))),
  });
  return [
    ...statuses.map((s) =>
      figure(
        s,
        latencies.filter((l) => l.status === s),
      ),
    ),
    figure('all', latencies),
  ];
}
