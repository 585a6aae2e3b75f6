/**
 * The two duration notations of a resource's settings, sandbox side (CONTRACT.md §8.2, §8.3): read
 * as XML Schema durations (`PnYnMnDTnHnMnS`), where a year is 365 days and a month 30 (12 months fold
 * into a year first); written back in .NET TimeSpan text (`30.00:00:00`, `02:00:00`). The fault
 * `resource-iso-durations` writes ISO 8601 instead (`isoText`). The suite's opposite half is
 * src/suite/durations.ts, kept apart so that one cannot hide the other's bug.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const PATTERN = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d*\.?\d+)S)?)?$/;

/** The milliseconds an ISO 8601 duration stands for; undefined for anything §8.2 refuses. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  const m = PATTERN.exec(trimmed);
  if (!m || trimmed === 'P' || trimmed.endsWith('T') || trimmed === '-P') return undefined;
  const [, sign, y, mo, d, h, mi, s] = m;
  const n = (v: string | undefined) => (v === undefined ? 0 : Number(v));
  const months = n(mo);
  const days = (n(y) + Math.floor(months / 12)) * 365 + (months % 12) * 30 + n(d);
  const ms = (((days * 24 + n(h)) * 60 + n(mi)) * 60 + n(s)) * SECOND;
  return sign ? -ms : ms;
}

/** .NET TimeSpan constant text, `[-][d.]hh:mm:ss[.fffffff]`, as upstream's GET writes it (§8.3). */
export function timeSpanText(ms: number): string {
  const negative = ms < 0;
  let rest = Math.abs(ms);
  const take = (unit: number) => {
    const count = Math.floor(rest / unit);
    rest -= count * unit;
    return count;
  };
  const days = take(DAY);
  const [hours, minutes, seconds] = [take(HOUR), take(MINUTE), take(SECOND)];
  const two = (v: number) => String(v).padStart(2, '0');
  const fraction = rest ? `.${String(rest * 10_000).padStart(7, '0')}` : '';
  const clock = `${two(hours)}:${two(minutes)}:${two(seconds)}${fraction}`;
  return `${negative ? '-' : ''}${days ? `${days}.` : ''}${clock}`;
}

/** ISO 8601 as whole days and seconds (`P30DT0S`): what the fault `resource-iso-durations` writes. */
export function isoText(ms: number): string {
  return `P${Math.floor(ms / DAY)}DT${Math.round((ms % DAY) / SECOND)}S`;
}
