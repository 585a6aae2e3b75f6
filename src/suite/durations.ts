/**
 * The two duration notations of a resource's settings, suite side (CONTRACT.md §8.2, §8.3): a PUT
 * takes an ISO 8601 duration (`P30D`, `PT2H`); a GET answers .NET TimeSpan constant text
 * (`30.00:00:00`, `02:00:00`). The suite reads TimeSpan text and writes ISO 8601; the sandbox's
 * opposite half is sandbox/broker/durations.ts, kept apart so that one cannot hide the other's bug.
 */

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** .NET TimeSpan constant text, `[-][d.]hh:mm:ss[.fffffff]` (§8.3). */
export const TIME_SPAN_TEXT = /^(-)?(?:(\d+)\.)?([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.(\d{1,7}))?$/;

/** The milliseconds a TimeSpan text stands for; undefined for any other notation (ISO 8601 included). */
export function timeSpanMs(text: string): number | undefined {
  const m = TIME_SPAN_TEXT.exec(text);
  if (!m) return undefined;
  const [, sign, days, hours, minutes, seconds, fraction] = m;
  const ms =
    ((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * MINUTE_MS +
    Number(seconds) * SECOND_MS +
    Math.round(Number(`0.${fraction ?? '0'}`) * SECOND_MS);
  return sign ? -ms : ms;
}

/** An ISO 8601 duration in the `PnDTnHnMnS` form §8.2 accepts, for writing a value read back. */
export function isoDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const part = (unit: number, letter: string) => {
    const count = Math.floor(rest / unit);
    rest -= count * unit;
    return count ? `${count}${letter}` : '';
  };
  const days = part(DAY_MS, 'D');
  const time = part(HOUR_MS, 'H') + part(MINUTE_MS, 'M') + (rest ? `${rest / SECOND_MS}S` : '');
  return `${sign}P${days}${time ? `T${time}` : days ? '' : 'T0S'}`;
}
