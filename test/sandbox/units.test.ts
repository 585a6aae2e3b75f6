/**
 * The sandbox's pure parts, rule by rule: byte ranges (CONTRACT.md §4.8), resource durations (§8.2,
 * §8.3), the .NET GUID byte order of `published` event ids (§6.2), and the time-scaled clock.
 */
import { describe, expect, it } from '@jest/globals';
import { isoText, parseDuration, timeSpanText } from '../../sandbox/broker/durations.js';
import { dotnetGuid, publishedEventId } from '../../sandbox/broker/ids.js';
import { parseRange, type RangeResult } from '../../sandbox/broker/range.js';
import { Clock } from '../../sandbox/clock.js';
import { poll, waitFor } from './fixtures.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseRange (§4.8)', () => {
  const full: RangeResult = { kind: 'full' };
  const unsatisfiable: RangeResult = { kind: 'unsatisfiable' };
  const range = (start: number, end: number): RangeResult => ({ kind: 'range', start, end });
  it.each<[string, string | undefined, number, RangeResult]>([
    ['no header: the whole file', undefined, 11, full],
    ['a-b', 'bytes=0-4', 11, range(0, 4)],
    ['a-', 'bytes=5-', 11, range(5, 10)],
    ['-n: the last n bytes', 'bytes=-3', 11, range(8, 10)],
    ['one byte', 'bytes=3-3', 11, range(3, 3)],
    ['the unit is case-insensitive', 'Bytes=0-4', 11, range(0, 4)],
    ['an end past the file is clamped', 'bytes=0-100', 11, range(0, 10)],
    ['the last byte exactly', 'bytes=10-', 11, range(10, 10)],
    ['a suffix longer than the file is the whole file, as a range', 'bytes=-100', 11, range(0, 10)],
    ['malformed: letters', 'bytes=abc', 11, full],
    ['malformed: end before start', 'bytes=9-2', 11, full],
    ['malformed: no range at all', 'bytes=-', 11, full],
    ['another unit', 'items=0-4', 11, full],
    ['more than one range', 'bytes=0-1,3-4', 11, full],
    ['start at the size', 'bytes=11-', 11, unsatisfiable],
    ['start past the size', 'bytes=100-200', 11, unsatisfiable],
    ['an empty suffix', 'bytes=-0', 11, unsatisfiable],
    ['any range on an empty file: a-b', 'bytes=0-0', 0, unsatisfiable],
    ['any range on an empty file: a-', 'bytes=0-', 0, unsatisfiable],
    ['any range on an empty file: -n', 'bytes=-5', 0, unsatisfiable],
    ['no header on an empty file', undefined, 0, full],
  ])('%s: %s of %i bytes', (_rule, header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('parseDuration (§8.2)', () => {
  it.each<[string, string, number | undefined]>([
    ['days', 'P30D', 30 * DAY],
    ['hours', 'PT2H', 2 * HOUR],
    ['days and hours', 'P1DT12H', DAY + 12 * HOUR],
    ['minutes', 'PT90M', 90 * MINUTE],
    ['zero', 'PT0S', 0],
    ['a year is 365 days', 'P1Y', 365 * DAY],
    ['a month is 30 days', 'P1M', 30 * DAY],
    ['12 months fold into a year', 'P12M', 365 * DAY],
    ['13 months are a year and a month', 'P13M', 395 * DAY],
    ['a fraction of a second without a leading digit', 'PT.5S', 500],
    ['a fraction of a second', 'PT1.25S', 1250],
    ['negative', '-PT1H', -HOUR],
    ['surrounding whitespace is trimmed', ' P1D ', DAY],
    ['weeks are rejected', 'P1W', undefined],
    ['a bare day count is rejected', '30D', undefined],
    ['a bare hour count is rejected', '48H', undefined],
    ['P alone is rejected', 'P', undefined],
    ['PT alone is rejected', 'PT', undefined],
    ['a trailing T is rejected', 'P1DT', undefined],
    ['the empty string is rejected', '', undefined],
    ['a TimeSpan text is rejected', '30.00:00:00', undefined],
  ])('%s: %j', (_rule, text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('timeSpanText (§8.3)', () => {
  it.each<[string, number, string]>([
    ['30 days', 30 * DAY, '30.00:00:00'],
    ['2 hours', 2 * HOUR, '02:00:00'],
    ['a day and a half', DAY + 12 * HOUR, '1.12:00:00'],
    ['90 minutes', 90 * MINUTE, '01:30:00'],
    ['zero', 0, '00:00:00'],
    ['365 days', 365 * DAY, '365.00:00:00'],
    ['half a second: seven fraction digits', 500, '00:00:00.5000000'],
    ['a millisecond', 1, '00:00:00.0010000'],
    ['minus an hour', -HOUR, '-01:00:00'],
    ['minus a day and an hour', -(DAY + HOUR), '-1.01:00:00'],
  ])('%s → %s', (_rule, ms, text) => {
    expect(timeSpanText(ms)).toBe(text);
  });
});

describe('ISO 8601 in, TimeSpan text out: each row both ways (§8.2, §8.3)', () => {
  it.each<[string, number, string]>([
    ['P30D', 30 * DAY, '30.00:00:00'],
    ['PT2H', 2 * HOUR, '02:00:00'],
    ['P1DT12H', DAY + 12 * HOUR, '1.12:00:00'],
    ['PT90M', 90 * MINUTE, '01:30:00'],
    ['P13M', 395 * DAY, '395.00:00:00'],
    ['PT.5S', 500, '00:00:00.5000000'],
    ['-PT1H', -HOUR, '-01:00:00'],
  ])('%s is %i ms and reads back as %s', (iso, ms, text) => {
    expect(parseDuration(iso)).toBe(ms);
    expect(timeSpanText(ms)).toBe(text);
  });

  it.each([0, 1_000, 2 * HOUR, DAY, 30 * DAY, 365 * DAY + 59_000])(
    'the ISO the fault resource-iso-durations writes for %i ms parses back to it',
    (ms) => {
      expect(isoText(ms)).toMatch(/^P\d+DT\d+S$/);
      expect(parseDuration(isoText(ms))).toBe(ms);
    },
  );
});

describe('dotnetGuid and published event ids (§6.2)', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);
  it.each<[string, Uint8Array, string]>([
    [
      'bytes 00..0f: the first three groups little-endian',
      bytes(...Array.from({ length: 16 }, (_, i) => i)),
      '03020100-0504-0706-0809-0a0b0c0d0e0f',
    ],
    ['all zero', new Uint8Array(16), '00000000-0000-0000-0000-000000000000'],
    [
      'bytes ff..f0',
      bytes(...Array.from({ length: 16 }, (_, i) => 0xff - i)),
      'fcfdfeff-fafb-f8f9-f7f6-f5f4f3f2f1f0',
    ],
  ])('%s', (_rule, input, guid) => {
    expect(dotnetGuid(input)).toBe(guid);
  });

  it.each<
    [string, [string, 'Sender' | 'Recipient', string], [string, 'Sender' | 'Recipient', string], boolean]
  >([
    [
      'the same transfer, role and actor give the same id',
      ['t1', 'Sender', '0192:314000001'],
      ['t1', 'Sender', '0192:314000001'],
      true,
    ],
    [
      'another role gives another id',
      ['t1', 'Sender', '0192:314000001'],
      ['t1', 'Recipient', '0192:314000001'],
      false,
    ],
    [
      'another actor gives another id',
      ['t1', 'Recipient', '0192:314000001'],
      ['t1', 'Recipient', '0192:315000002'],
      false,
    ],
    [
      'another transfer gives another id',
      ['t1', 'Sender', '0192:314000001'],
      ['t2', 'Sender', '0192:314000001'],
      false,
    ],
  ])('%s', (_rule, a, b, same) => {
    expect(publishedEventId(...a) === publishedEventId(...b)).toBe(same);
    expect(publishedEventId(...a)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe('Clock', () => {
  it('lets an hour pass in about 36 ms at scale 100,000', async () => {
    const clock = new Clock(100_000);
    const start = clock.now();
    const realStart = Date.now();
    await waitFor(
      () => clock.now() - start,
      (passed) => passed >= HOUR,
      1000,
      'an hour of sandbox time',
    );
    const real = Date.now() - realStart;
    expect(real).toBeGreaterThanOrEqual(35);
    // Generous: the wait polls every 5 ms, and a loaded machine may be slower still.
    expect(real).toBeLessThan(1000);
    clock.close();
  });

  it('fires a timer at its sandbox time, not before, and forgets it', async () => {
    const clock = new Clock(100_000);
    const due = clock.now() + HOUR;
    let firedAt: number | undefined;
    clock.at(due, () => (firedAt = clock.now()));
    expect(clock.pending).toBe(1);
    await waitFor(
      () => firedAt,
      (at) => at !== undefined,
      1000,
      'the timer to fire',
    );
    expect(firedAt).toBeGreaterThanOrEqual(due);
    expect(clock.pending).toBe(0);
    clock.close();
  });

  it('does not run a cancelled timer', async () => {
    const clock = new Clock(100_000);
    let fired = false;
    const cancel = clock.after(MINUTE, () => (fired = true));
    cancel();
    expect(clock.pending).toBe(0);
    expect(
      (
        await poll(
          () => fired,
          (f) => f,
          50,
        )
      ).met,
    ).toBe(false);
    clock.close();
  });

  it("waits wall time with afterWall, whatever the scale (a fresh environment's provisioning)", async () => {
    const clock = new Clock(100_000);
    const realStart = Date.now();
    let firedAfter: number | undefined;
    clock.afterWall(100, () => (firedAfter = Date.now() - realStart));
    await waitFor(
      () => firedAfter,
      (after) => after !== undefined,
      1000,
      'the wall-time timer to fire',
    );
    expect(firedAfter).toBeGreaterThanOrEqual(99);
    clock.close();
  });

  it('leaves no timer behind on close(), long waits included', () => {
    const clock = new Clock(1);
    let fired = false;
    clock.after(HOUR, () => (fired = true));
    // Longer than setTimeout's limit of about 24.8 days: armed in steps.
    clock.after(30 * DAY, () => (fired = true));
    expect(clock.pending).toBe(2);
    clock.close();
    expect([clock.pending, fired]).toEqual([0, false]);
  });

  it.each([0, -1, NaN])('rejects a time scale of %p', (scale) => {
    expect(() => new Clock(scale)).toThrow(/timeScale/);
  });
});
