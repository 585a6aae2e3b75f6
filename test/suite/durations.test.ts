/**
 * The suite's half of the duration notations (CONTRACT.md §8.2, §8.3): TimeSpan text read back from
 * a GET, ISO 8601 written in a PUT. Each row is one duration in both notations, checked both ways.
 */
import { describe, expect, it } from '@jest/globals';
import { DAY_MS, HOUR_MS, isoDuration, MINUTE_MS, SECOND_MS, timeSpanMs } from '../../src/suite/durations.js';

const BOTH_WAYS: [string, number, string, string][] = [
  ['zero', 0, '00:00:00', 'PT0S'],
  ['a second', SECOND_MS, '00:00:01', 'PT1S'],
  ['half a second', 500, '00:00:00.5000000', 'PT0.5S'],
  ['a millisecond', 1, '00:00:00.0010000', 'PT0.001S'],
  ['90 minutes', 90 * MINUTE_MS, '01:30:00', 'PT1H30M'],
  ['2 hours, the upstream grace period', 2 * HOUR_MS, '02:00:00', 'PT2H'],
  ['23:59:59', DAY_MS - SECOND_MS, '23:59:59', 'PT23H59M59S'],
  ['a day', DAY_MS, '1.00:00:00', 'P1D'],
  ['a day and a half', DAY_MS + 12 * HOUR_MS, '1.12:00:00', 'P1DT12H'],
  ['30 days, the upstream time to live', 30 * DAY_MS, '30.00:00:00', 'P30D'],
  ['365 days', 365 * DAY_MS, '365.00:00:00', 'P365D'],
  ['every unit', DAY_MS + HOUR_MS + MINUTE_MS + SECOND_MS + 250, '1.01:01:01.2500000', 'P1DT1H1M1.25S'],
  ['minus an hour', -HOUR_MS, '-01:00:00', '-PT1H'],
  ['minus a day and an hour', -(DAY_MS + HOUR_MS), '-1.01:00:00', '-P1DT1H'],
];

describe('TimeSpan text and ISO 8601, both ways (§8.2, §8.3)', () => {
  it.each(BOTH_WAYS)('%s: TimeSpan %j reads as the milliseconds', (_what, ms, span) => {
    expect(timeSpanMs(span)).toBe(ms);
  });

  it.each(BOTH_WAYS)('%s: the milliseconds write as ISO %j', (_what, ms, _span, iso) => {
    expect(isoDuration(ms)).toBe(iso);
  });

  it.each(BOTH_WAYS)('%s: a TimeSpan read back is written as the same ISO', (_what, _ms, span, iso) => {
    expect(isoDuration(timeSpanMs(span) ?? NaN)).toBe(iso);
  });
});

describe('timeSpanMs rejects what is not TimeSpan text (§8.3)', () => {
  it.each([
    ['ISO 8601', 'P30D'],
    ['ISO 8601 time', 'PT2H'],
    ['24 hours is a day, not 24:00:00', '24:00:00'],
    ['60 minutes', '00:60:00'],
    ['60 seconds', '00:00:60'],
    ['one-digit hours', '2:00:00'],
    ['eight fraction digits', '00:00:00.12345678'],
    ['a day count without the clock', '30.'],
    ['surrounding space', ' 02:00:00'],
    ['empty', ''],
  ])('%s: %j', (_what, text) => {
    expect(timeSpanMs(text)).toBeUndefined();
  });

  it('reads a fraction with fewer than seven digits as that fraction', () => {
    expect(timeSpanMs('00:00:00.5')).toBe(500);
    expect(timeSpanMs('00:00:01.25')).toBe(1250);
  });
});
