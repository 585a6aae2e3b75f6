import { describe, expect, it } from '@jest/globals';
import { clip, split, subtract, summary, total, union } from '../../scripts/bench/intervals.js';

describe('intervals', () => {
  it('merges overlapping and touching intervals and drops empty ones', () => {
    expect(
      union([
        [5, 7],
        [0, 2],
        [1, 3],
        [3, 4],
        [9, 9],
      ]),
    ).toEqual([
      [0, 4],
      [5, 7],
    ]);
  });

  it('subtracts covered parts, splitting an interval around a hole', () => {
    expect(subtract([[0, 10]], [[2, 4]])).toEqual([
      [0, 2],
      [4, 10],
    ]);
    expect(
      subtract(
        [[0, 10]],
        [
          [-5, 1],
          [9, 20],
        ],
      ),
    ).toEqual([[1, 9]]);
    expect(subtract([[0, 10]], [[0, 10]])).toEqual([]);
  });

  it('clips to a window and totals covered time once', () => {
    expect(
      clip(
        [
          [-3, 2],
          [8, 15],
        ],
        0,
        10,
      ),
    ).toEqual([
      [0, 2],
      [8, 10],
    ]);
    expect(
      total([
        [0, 4],
        [2, 6],
      ]),
    ).toBe(6);
  });

  it('gives a moment to the first-ranked category covering it; the parts add up to the window', () => {
    const parts = split(
      0,
      100,
      [
        ['requests', [[10, 30]]],
        ['waiting', [[20, 50]]],
        ['startup', [[0, 15]]],
      ],
      'other',
    );
    expect(parts).toEqual({ requests: 20, waiting: 20, startup: 10, other: 50 });
    expect(Object.values(parts).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('ignores time outside the window', () => {
    expect(split(10, 20, [['waiting', [[0, 100]]]], 'other')).toEqual({ waiting: 10, other: 0 });
  });

  it('summarises samples as median and spread, the median of an even count between the middle two', () => {
    expect(summary([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, n: 3 });
    expect(summary([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
    const none = summary([]);
    expect(none.n).toBe(0);
    expect(none.median).toBeNaN();
  });
});
