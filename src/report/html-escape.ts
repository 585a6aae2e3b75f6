/**
 * HTML text for the report: everything that comes from the Broker, a profile or a test name passes
 * through `escapeHtml` (HTML Living Standard §13.1.2.6: text and quoted attribute values), so a body
 * carrying markup is shown as text and never runs.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return (
    text
      .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
      // Control characters other than tab and newline have no place in a page.
      // eslint-disable-next-line no-control-regex -- that is the point of this pattern
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD')
  );
}

/** A duration for a person: `850 ms`, `12.3 s`, `4 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** A section with a heading and an anchor the page's table of contents links to. */
export function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

/** Text as preformatted, cut at `max` characters with the rest counted. */
export function pre(text: string, max = 4096): string {
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
  return `<pre>${escapeHtml(cut)}</pre>`;
}
