/** Renders spec changes (see diff.ts) as a fixed-width table for a terminal, and the exit code a CI gate uses. */
import type { SpecChange } from './diff.js';

export interface DiffTableOptions {
  /** ANSI colours on the severity column. @default false */
  color?: boolean;
  /** Total width in columns; never narrower than 60. @default 120 */
  width?: number;
}

const HEADERS = ['SEVERITY', 'KIND', 'LOCATION', 'MESSAGE'];
const GAP = '  ';
/** Locations (method, path, pointer) are the longer cells, so they get the larger share. */
const LOCATION_SHARE = 0.55;
const COLORS: Record<SpecChange['severity'], string> = { breaking: '\x1b[31m', 'non-breaking': '\x1b[32m' };
const RESET = '\x1b[0m';

export function formatDiffTable(changes: readonly SpecChange[], opts: DiffTableOptions = {}): string {
  const summary = `${count(changes, 'breaking')} breaking, ${count(changes, 'non-breaking')} non-breaking`;
  if (changes.length === 0) return `No changes.\n${summary}\n`;
  const width = Math.max(opts.width ?? 120, 60);
  const rows = changes.map((c) => [c.severity, c.kind, c.location, c.message]);
  // Severity and kind are short identifiers: never wrapped, so they can be grepped for.
  const [severityWidth, kindWidth] = [0, 1].map((i) =>
    Math.max(HEADERS[i]?.length ?? 0, ...rows.map((r) => r[i]?.length ?? 0)),
  ) as [number, number];
  const rest = Math.max(width - severityWidth - kindWidth - GAP.length * 3, 20);
  const locationWidth = Math.ceil(rest * LOCATION_SHARE);
  const widths = [severityWidth, kindWidth, locationWidth, rest - locationWidth];

  const lines = [...renderRow(HEADERS, widths), widths.map((w) => '-'.repeat(w)).join(GAP)];
  changes.forEach((change, i) => {
    const rendered = renderRow(rows[i] ?? [], widths);
    const paint = (line: string) => {
      if (!opts.color || !line.startsWith(change.severity)) return line;
      return COLORS[change.severity] + change.severity + RESET + line.slice(change.severity.length);
    };
    lines.push(...rendered.map(paint));
  });
  return `${lines.join('\n')}\n\n${summary}\n`;
}

/** 1 when any change breaks clients, so the diff can gate a pipeline. */
export function diffExitCode(changes: readonly SpecChange[]): 0 | 1 {
  return changes.some((c) => c.severity === 'breaking') ? 1 : 0;
}

function count(changes: readonly SpecChange[], severity: SpecChange['severity']): number {
  return changes.filter((c) => c.severity === severity).length;
}

function renderRow(cells: readonly string[], widths: readonly number[]): string[] {
  const wrapped = widths.map((w, i) => wrap(cells[i] ?? '', w));
  const height = Math.max(...wrapped.map((lines) => lines.length));
  return Array.from({ length: height }, (_, line) =>
    wrapped
      .map((lines, i) => (lines[line] ?? '').padEnd(widths[i] ?? 0))
      .join(GAP)
      .trimEnd(),
  );
}

/**
 * Word-wraps `text`. A word wider than the whole column (a long path) is cut before a `/` where
 * one fits, so the path continues on the next line the way it reads.
 */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  const join = (line: string, word: string) => (line ? `${line} ${word}` : word);
  let line = '';
  for (const word of text.split(' ')) {
    let rest = word;
    for (;;) {
      const room = line ? width - line.length - 1 : width;
      if (rest.length <= room) {
        line = join(line, rest);
        break;
      }
      const slash = rest.length > width ? rest.lastIndexOf('/', room) : -1;
      const cut = slash > 0 ? slash : line ? 0 : room;
      if (cut > 0) {
        line = join(line, rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      lines.push(line);
      line = '';
    }
  }
  lines.push(line);
  return lines;
}
