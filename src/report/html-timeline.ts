/**
 * Each transfer's lifecycle as the HTML report draws it: one inline SVG axis (events above, polled
 * statuses on the line, other calls below, each with a `<title>` to hover), then the entries as a
 * table, which is what a screen reader or a browser without SVG reads.
 */
import { escapeHtml, formatDuration, section } from './html-escape.js';
import type { TimelineEntry, TransferTimeline, TransferTimelines } from './timeline.js';

const WIDTH = 1000;
const MARGIN = 12;
const ROW = { event: 12, poll: 30, call: 48 } as const;
/** Poll colours: one per status, the same across the page, from a small palette. */
const PALETTE = 6;

function paletteOf(status: string): number {
  let hash = 0;
  for (const char of status) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % PALETTE;
}

function offset(at: number, start: number): string {
  return `+${formatDuration(Math.max(0, at - start))}`;
}

function describe(entry: TimelineEntry, start: number): string {
  const times =
    entry.count && entry.count > 1 ? ` ×${entry.count} until ${offset(entry.until ?? entry.at, start)}` : '';
  const detail = entry.detail ? ` (${entry.detail})` : '';
  return `${offset(entry.at, start)} ${entry.source}: ${entry.label}${times}${detail}`;
}

function shape(entry: TimelineEntry, x: (at: number) => number, start: number): string {
  const title = `<title>${escapeHtml(describe(entry, start))}</title>`;
  const at = x(entry.at).toFixed(1);
  if (entry.source === 'event') {
    const y = ROW.event;
    return `<path class="ev" d="M${at} ${y - 6}l6 6-6 6-6-6z">${title}</path>`;
  }
  if (entry.source === 'call')
    return `<rect class="call" x="${at}" y="${ROW.call - 6}" width="2" height="12">${title}</rect>`;
  const width = Math.max(4, x(entry.until ?? entry.at) - x(entry.at));
  // The status is written in its bar when it fits; the colour and the hover say it otherwise.
  const label =
    width >= textWidth(entry.label) + 8
      ? `<text class="in" x="${(x(entry.at) + 4).toFixed(1)}" y="${ROW.poll + 4}">${escapeHtml(entry.label)}</text>`
      : '';
  return (
    `<rect class="poll p${paletteOf(entry.label)}" x="${at}" y="${ROW.poll - 7}" width="${width.toFixed(1)}" height="14">` +
    `${title}</rect>${label}`
  );
}

/** About how wide a label is drawn at the axis's 11-unit font. */
const textWidth = (text: string) => text.length * 6.5;

/** Event types beside their marks, left to right, each only where it does not run into the one before. */
function eventLabels(entries: readonly TimelineEntry[], x: (at: number) => number): string {
  let free = 0;
  const labels: string[] = [];
  for (const entry of entries) {
    const left = x(entry.at) + 9;
    if (entry.source !== 'event' || left < free || left + textWidth(entry.label) > WIDTH) continue;
    labels.push(`<text x="${left.toFixed(1)}" y="${ROW.event + 4}">${escapeHtml(entry.label)}</text>`);
    free = left + textWidth(entry.label) + 12;
  }
  return labels.join('');
}

function axis(timeline: TransferTimeline): string {
  const span = Math.max(1, timeline.end - timeline.start);
  const x = (at: number) => MARGIN + ((at - timeline.start) / span) * (WIDTH - 2 * MARGIN - 6);
  const shapes = timeline.entries.map((entry) => shape(entry, x, timeline.start));
  return (
    `<svg class="axis" viewBox="0 0 ${WIDTH} 66" role="img" aria-label="lifecycle of ${escapeHtml(timeline.fileTransferId)}">` +
    `<line x1="${MARGIN}" y1="${ROW.poll}" x2="${WIDTH - MARGIN}" y2="${ROW.poll}"/>` +
    `${shapes.join('')}${eventLabels(timeline.entries, x)}` +
    `<text x="${MARGIN}" y="64">0 s</text><text x="${WIDTH - MARGIN}" y="64" text-anchor="end">${formatDuration(span)}</text>` +
    '</svg>'
  );
}

function entriesTable(timeline: TransferTimeline): string {
  const rows = timeline.entries.map(
    (e) =>
      `<tr class="${e.source}"><td class="num">${offset(e.at, timeline.start)}</td><td>${e.source}</td>` +
      `<td>${escapeHtml(e.label)}${e.count && e.count > 1 ? ` ×${e.count}` : ''}` +
      `${e.detail ? ` <span class="muted">${escapeHtml(e.detail)}</span>` : ''}</td>` +
      `<td class="muted">${escapeHtml(e.test ?? '')}</td></tr>`,
  );
  return (
    `<details><summary>${timeline.entries.length} entries</summary><table class="timeline">` +
    `<thead><tr><th>at</th><th>source</th><th>what</th><th>test</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`
  );
}

function transferHtml(timeline: TransferTimeline): string {
  const polls = timeline.entries.filter((e) => e.source === 'poll');
  const last = polls[polls.length - 1]?.label;
  return (
    `<div class="transfer"><h3><code>${escapeHtml(timeline.fileTransferId)}</code> <span class="muted">` +
    `from ${escapeHtml(new Date(timeline.start).toISOString())}, ${formatDuration(timeline.end - timeline.start)}` +
    `${last ? `, last polled ${escapeHtml(last)}` : ''}</span></h3>${axis(timeline)}${entriesTable(timeline)}</div>`
  );
}

export function timelinesSection(timelines: TransferTimelines): string {
  if (timelines.transfers.length === 0)
    return section('timelines', 'Transfer lifecycles', '<p>No file transfer was seen.</p>');
  const legend =
    '<p class="legend"><span class="key ev">◆</span> event received (above the line) ' +
    '<span class="key poll">▬</span> status read by a poll (on the line; one colour per status) ' +
    '<span class="key call">|</span> other call on the transfer (below). Hover a mark for its time and label.</p>';
  const omitted =
    timelines.omitted > 0
      ? `<p class="muted">${timelines.omitted} more transfer(s) not shown; those of failed tests come first.</p>`
      : '';
  return section(
    'timelines',
    'Transfer lifecycles',
    legend + timelines.transfers.map(transferHtml).join('\n') + omitted,
  );
}
