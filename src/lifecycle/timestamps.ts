/**
 * Status timestamps compared as instants, never as strings (CONTRACT.md §1: RFC 3339 with an offset,
 * usually seven fractional digits, the fraction omitted when zero). Sub-millisecond digits are kept,
 * because two rows written in the same millisecond must still be compared in the right order.
 */

export interface Instant {
  /** Whole seconds since the epoch, in UTC. */
  seconds: number;
  /** Nanoseconds within that second (fractions beyond nine digits are cut). */
  nanos: number;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/** The instant `text` names, or undefined when it is not an RFC 3339 date-time with an offset. */
export function parseTimestamp(text: string): Instant | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, whole = '', fraction = '', zone = ''] = match;
  const ms = Date.parse(`${whole.replace(/[t ]/, 'T')}${zone.toUpperCase()}`);
  if (Number.isNaN(ms)) return undefined;
  return { seconds: Math.floor(ms / 1000), nanos: Number(fraction.padEnd(9, '0').slice(0, 9)) };
}

/** Negative when `a` is earlier, zero when equal, positive when later. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos;
}

/** Epoch milliseconds (fraction below a millisecond dropped), for messages and elapsed times. */
export function toEpochMs(instant: Instant): number {
  return instant.seconds * 1000 + Math.floor(instant.nanos / 1e6);
}
