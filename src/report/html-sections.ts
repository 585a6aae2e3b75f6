/**
 * The HTML report's sections after the clauses: security observations (CONTRACT.md §3.5, kept apart
 * from contract failures), what the run changed in the environment (§8.2), and the spec coverage.
 */
import type { Coverage, OperationCoverage, Ratio } from './coverage.js';
import { escapeHtml, section } from './html-escape.js';
import type { SecurityObservation } from './side-channel.js';

export function observationsSection(observations: readonly SecurityObservation[]): string {
  if (observations.length === 0) return section('observations', 'Security observations', '<p>None.</p>');
  const items = observations.map(
    (o) =>
      `<li><strong>${escapeHtml(o.title)}</strong> <span class="muted">(${escapeHtml(o.test)})</span>` +
      `<br>${escapeHtml(o.detail)}</li>`,
  );
  return section('observations', 'Security observations', `<ul class="observations">${items.join('')}</ul>`);
}

export function changesSection(changes: readonly string[]): string {
  const body =
    changes.length === 0
      ? '<p>Nothing that outlives the run (transfers it made expire with their time to live).</p>'
      : `<ul>${changes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`;
  return section('changes', 'What this run changed in the environment', body);
}

function ratio(id: string, label: string, r: Ratio): string {
  const percent = r.total === 0 ? 0 : Math.round((100 * r.exercised) / r.total);
  return (
    `<div class="total"><span class="label">${label}</span> <span id="${id}">${r.exercised}/${r.total}</span>` +
    ` <meter min="0" max="100" value="${percent}">${percent}%</meter></div>`
  );
}

function statusBadges(op: OperationCoverage): string {
  const documented = op.statuses.map(
    (s) =>
      `<span class="badge ${s.exercised ? 'hit' : 'miss'}" title="${s.exercised ? `${s.calls} call(s)` : 'not exercised'}">` +
      `${s.exercised ? '✓' : '·'} ${escapeHtml(s.status)}</span>`,
  );
  const undocumented = op.undocumented.map(
    (u) => `<span class="badge undoc" title="not documented">! ${u.status} ×${u.calls}</span>`,
  );
  return [...documented, ...undocumented].join(' ');
}

function operationsTable(operations: readonly OperationCoverage[]): string {
  const rows = operations.map(
    (op) =>
      `<tr class="${op.exercised ? 'hit' : 'miss'}"><td><code>${escapeHtml(op.method)} ${escapeHtml(op.path)}</code>` +
      `<br><span class="muted">${escapeHtml(op.operationId)}</span></td>` +
      `<td class="num">${op.calls}</td><td>${statusBadges(op)}</td></tr>`,
  );
  return (
    '<table class="coverage"><thead><tr><th>operation</th><th>calls</th>' +
    '<th>documented statuses (✓ exercised, · not; ! undocumented, not counted)</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function eventsTable(coverage: Coverage): string {
  const rows = coverage.events.map(
    (e) =>
      `<tr class="${e.received ? 'hit' : 'miss'}"><td><code>${escapeHtml(e.type)}</code></td>` +
      `<td>${e.received ? `✓ ${e.count} received` : '· none received'}</td></tr>`,
  );
  const extra = coverage.undocumentedEvents.map(
    (e) =>
      `<tr class="undoc"><td><code>${escapeHtml(e.type)}</code></td><td>! ${e.count} received, not in the spec</td></tr>`,
  );
  return (
    '<table class="coverage"><thead><tr><th>event type</th><th>received</th></tr></thead>' +
    `<tbody>${[...rows, ...extra].join('')}</tbody></table>`
  );
}

export function coverageSection(coverage: Coverage): string {
  const { totals } = coverage;
  const unmatched =
    coverage.unmatched.length === 0
      ? ''
      : '<h3>Calls the spec has no operation for</h3><ul>' +
        coverage.unmatched.map((u) => `<li><code>${escapeHtml(u.call)}</code> ×${u.calls}</li>`).join('') +
        '</ul>';
  return section(
    'coverage',
    'Spec coverage',
    '<div class="totals">' +
      ratio('coverage-operations', 'operations', totals.operations) +
      ratio('coverage-statuses', 'documented statuses', totals.statuses) +
      ratio('coverage-events', 'event types', totals.events) +
      '</div>' +
      `<h3>Operations</h3>${operationsTable(coverage.operations)}` +
      `<h3>Event types</h3>${eventsTable(coverage)}${unmatched}`,
  );
}
