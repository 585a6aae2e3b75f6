/**
 * Resource durations (CONTRACT.md §8.2): read as XML Schema durations (`PnYnMnDTnHnMnS`), where a
 * year is 365 days and a month 30 (12 months fold into a year first); written back in .NET
 * TimeSpan text (`30.00:00:00`, `02:00:00`, §8.3).
 */
const PATTERN = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d*\.?\d+)S)?)?$/;

export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  const m = PATTERN.exec(trimmed);
  if (!m || trimmed === 'P' || trimmed.endsWith('T') || trimmed === '-P') return undefined;
  const [, sign, y, mo, d, h, mi, s] = m;
  const n = (v: string | undefined) => (v === undefined ? 0 : Number(v));
  const months = n(mo);
  const days = (n(y) + Math.floor(months / 12)) * 365 + (months % 12) * 30 + n(d);
  const ms = (((days * 24 + n(h)) * 60 + n(mi)) * 60 + n(s)) * 1000;
  return sign ? -ms : ms;
}

export function timeSpanText(ms: number): string {
  const negative = ms < 0;
  let rest = Math.abs(ms);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const fraction = rest - seconds * 1000;
  const two = (v: number) => String(v).padStart(2, '0');
  const clock = `${two(hours)}:${two(minutes)}:${two(seconds)}${fraction ? `.${String(fraction * 10_000).padStart(7, '0')}` : ''}`;
  return `${negative ? '-' : ''}${days ? `${days}.` : ''}${clock}`;
}
