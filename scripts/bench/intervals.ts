/**
 * Time intervals on one axis (epoch ms), for splitting a run's wall time among what it was doing: a
 * moment in which two things happen counts once, for the one that ranks first.
 */
export type Interval = readonly [start: number, end: number];

/** The intervals merged and sorted, empty ones dropped. */
export function union(intervals: Iterable<Interval>): Interval[] {
  const sorted = [...intervals].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** The parts of `from` that none of `minus` covers. */
export function subtract(from: readonly Interval[], minus: readonly Interval[]): Interval[] {
  const cut = union(minus);
  const out: Interval[] = [];
  for (const [s0, e] of union(from)) {
    let s = s0;
    for (const [cs, ce] of cut) {
      if (ce <= s || cs >= e) continue;
      if (cs > s) out.push([s, cs]);
      s = Math.max(s, ce);
      if (s >= e) break;
    }
    if (s < e) out.push([s, e]);
  }
  return out;
}

/** The parts of the intervals inside [start, end]. */
export function clip(intervals: readonly Interval[], start: number, end: number): Interval[] {
  return union(intervals.map(([s, e]) => [Math.max(s, start), Math.min(e, end)] as const));
}

export function total(intervals: readonly Interval[]): number {
  return union(intervals).reduce((sum, [s, e]) => sum + e - s, 0);
}

/**
 * Splits [start, end] among the named categories in rank order: each gets the time its intervals cover
 * that no earlier category took; `rest` gets what none covers. The parts add up to end - start.
 */
export function split<K extends string>(
  start: number,
  end: number,
  ranked: readonly (readonly [K, readonly Interval[]])[],
  rest: K,
): Record<K, number> {
  const taken: Interval[] = [];
  const parts = {} as Record<K, number>;
  for (const [name, intervals] of ranked) {
    const own = subtract(clip(intervals, start, end), taken);
    parts[name] = (parts[name] ?? 0) + total(own);
    taken.push(...own);
  }
  parts[rest] = (parts[rest] ?? 0) + Math.max(0, end - start - total(taken));
  return parts;
}

/** Median and spread (min, max) of samples; NaN for none. */
export function summary(samples: readonly number[]): { median: number; min: number; max: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const median =
    n === 0
      ? NaN
      : n % 2
        ? (sorted[(n - 1) / 2] as number)
        : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, n };
}
