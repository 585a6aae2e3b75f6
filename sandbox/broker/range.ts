/**
 * RFC 9110 single byte ranges as the Broker reads them (CONTRACT.md §4.8): `a-b`, `a-` and `-n`,
 * the unit case-insensitive; anything malformed, of another unit or with several ranges is
 * ignored (a full 200); an end past the file is clamped; start past the end, `-0` or any range on
 * an empty file is unsatisfiable.
 */
export type RangeResult =
  { kind: 'full' } | { kind: 'unsatisfiable' } | { kind: 'range'; start: number; end: number };

export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return { kind: 'full' };
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return { kind: 'full' };
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (last !== '' && end < start) return { kind: 'full' };
  if (size === 0 || start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end: Math.min(end, size - 1) };
}
