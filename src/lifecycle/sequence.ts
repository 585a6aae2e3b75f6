/**
 * The two lifecycle checks on a sequence of statuses: a history (`/details` rows, CONTRACT.md §4.6)
 * must move by legal direct steps with non-decreasing timestamps (§5.3, §5.5, §1); an observed
 * sequence (successive overview reads, which can miss states) must be connected by legal paths.
 */
import type { StatusGraph } from './graph.js';
import { fileTransferGraph } from './statuses.js';
import { compareInstants, parseTimestamp } from './timestamps.js';

export type LifecycleViolationKind =
  | 'unknown-status'
  | 'never-produced'
  | 'illegal-start'
  | 'illegal-step'
  | 'illegal-jump'
  | 'unparseable-timestamp'
  | 'decreasing-timestamp'
  | 'empty-history'
  | 'current-mismatch'
  | 'recipient-mismatch'
  | 'download-before-publication';

export interface LifecycleViolation {
  kind: LifecycleViolationKind;
  /** `file transfer`, or `recipient 0192:…`. */
  subject: string;
  /** Position in the checked sequence of the second (offending) element. */
  index?: number;
  /** The offending rows or observations, as they came. */
  rows?: unknown[];
  expected?: unknown;
  actual?: unknown;
  message: string;
}

/** One status row reduced to what the order checks need. */
export interface HistoryRow {
  status: string;
  changed: string;
  text?: string;
}

/** Checks rows in the order given: a legal first row, legal direct steps, non-decreasing timestamps. */
export function checkHistory(
  rows: readonly HistoryRow[],
  graph: StatusGraph<string> = fileTransferGraph,
  subject: string = graph.subject,
): LifecycleViolation[] {
  const violations: LifecycleViolation[] = [];
  rows.forEach((row, index) => {
    const previous = index === 0 ? undefined : rows[index - 1];
    if (!graph.isKnown(row.status)) {
      violations.push(unknownStatus(subject, graph, row.status, index, [row]));
    } else if (previous === undefined) {
      if (!graph.isInitial(row.status)) {
        violations.push({
          kind: 'illegal-start',
          subject,
          index,
          rows: [row],
          expected: graph.next(null),
          actual: row.status,
          message: `${subject} history begins with ${row.status}; it must begin with ${graph.next(null).join(' or ')} (${graph.clause})`,
        });
      }
    } else if (graph.isKnown(previous.status) && !graph.isLegalStep(previous.status, row.status)) {
      violations.push({
        kind: 'illegal-step',
        subject,
        index,
        rows: [previous, row],
        expected: graph.next(previous.status),
        actual: row.status,
        message:
          `${subject} history rows ${index - 1}–${index}: ${previous.status} → ${row.status} is not a legal step; ` +
          `after ${previous.status} come only ${list(graph.next(previous.status))} (${graph.clause})`,
      });
    }
    violations.push(...timestampOrder(subject, rows, index));
  });
  return violations;
}

function timestampOrder(subject: string, rows: readonly HistoryRow[], index: number): LifecycleViolation[] {
  const row = rows[index];
  if (row === undefined) return [];
  const instant = parseTimestamp(row.changed);
  if (!instant) {
    return [
      {
        kind: 'unparseable-timestamp',
        subject,
        index,
        rows: [row],
        expected: 'an RFC 3339 date-time with an offset',
        actual: row.changed,
        message: `${subject} history row ${index}: ${JSON.stringify(row.changed)} is not an RFC 3339 date-time (CONTRACT.md §1)`,
      },
    ];
  }
  const previous = index === 0 ? undefined : rows[index - 1];
  const before = previous && parseTimestamp(previous.changed);
  if (!previous || !before || compareInstants(before, instant) <= 0) return [];
  return [
    {
      kind: 'decreasing-timestamp',
      subject,
      index,
      rows: [previous, row],
      expected: `not before ${previous.changed}`,
      actual: row.changed,
      message:
        `${subject} history rows ${index - 1}–${index}: ${row.status} at ${row.changed} is earlier than ` +
        `the ${previous.status} before it at ${previous.changed} (CONTRACT.md §4.6)`,
    },
  ];
}

/**
 * Checks statuses seen by successive reads: equal neighbours are fine, and a change is fine when some
 * legal path connects the two, since polling can miss the states in between.
 */
export function checkObservedSequence(
  observed: readonly string[],
  graph: StatusGraph<string> = fileTransferGraph,
  subject: string = graph.subject,
): LifecycleViolation[] {
  const violations: LifecycleViolation[] = [];
  observed.forEach((status, index) => {
    const previous = index === 0 ? undefined : observed[index - 1];
    if (!graph.isKnown(status)) {
      violations.push(unknownStatus(subject, graph, status, index, [status]));
    } else if (!graph.isProduced(status)) {
      violations.push({
        kind: 'never-produced',
        subject,
        index,
        actual: status,
        message: `${subject} shows ${status}, which no legal path produces (${graph.clause}, §5.1)`,
      });
    } else if (previous !== undefined && graph.isKnown(previous) && !graph.connects(previous, status)) {
      violations.push({
        kind: 'illegal-jump',
        subject,
        index,
        rows: [previous, status],
        expected: [previous, ...graph.reachable(previous)],
        actual: status,
        message:
          `${subject} went from ${previous} to ${status}, which no sequence of legal transitions connects; ` +
          `from ${previous} only ${list([...graph.reachable(previous)])} can follow (${graph.clause})`,
      });
    }
  });
  return violations;
}

function unknownStatus(
  subject: string,
  graph: StatusGraph<string>,
  status: string,
  index: number,
  rows: unknown[],
): LifecycleViolation {
  return {
    kind: 'unknown-status',
    subject,
    index,
    rows,
    expected: graph.statuses,
    actual: status,
    message: `${subject} status ${JSON.stringify(status)} is not in the enumeration (CONTRACT.md §5.1)`,
  };
}

const list = (statuses: readonly string[]): string => (statuses.length ? statuses.join(', ') : 'nothing');

/** One violation per line, for error messages; with `rows`, the offending rows as JSON under each. */
export function formatLifecycleViolations(
  violations: readonly LifecycleViolation[],
  options: { rows?: boolean } = {},
): string {
  return violations
    .map((v) => {
      const rows = options.rows && v.rows ? `\n      rows: ${JSON.stringify(v.rows)}` : '';
      return `  - ${v.message}${rows}`;
    })
    .join('\n');
}
