/**
 * The clauses of the HTML report, grouped by getting-started step: failures first and open, with what
 * came, what the contract says and the redacted calls of the test; then skips with their reasons; then
 * passes, closed. Every value from the Broker or a test is escaped.
 */
import type { LoggedCall } from '../client/request-log.js';
import { escapeHtml, formatDuration, pre, section } from './html-escape.js';
import type { CaseResult, Outcome } from './results.js';

export const FAMILY_MEANING = {
  contract: 'the Broker broke the contract',
  wait: 'a wait ran out',
  environment: 'the environment could not be reached or refused the credentials',
  suite: 'a defect in broker-contract itself',
} as const;

const MARK: Record<Outcome, string> = { failed: '✗', skipped: '○', passed: '✓' };
/**
 * Calls listed under a clause. A failure keeps its last ones (the call that failed is near the end) with
 * their bodies; a pass keeps its first few, without bodies: it needs no evidence, and a full run's page
 * stays small.
 */
const CALLS_SHOWN = { failed: 40, passed: 10 } as const;

function bodies(call: LoggedCall): string {
  // The answer of a call that went wrong is the evidence; it is shown open.
  const wrong = call.violations.length > 0 || call.error !== undefined || (call.status ?? 0) >= 400;
  const parts: string[] = [];
  if (call.requestBody)
    parts.push(`<details><summary>request body</summary>${pre(call.requestBody)}</details>`);
  if (call.responseBody)
    parts.push(
      `<details${wrong ? ' open' : ''}><summary>response body</summary>${pre(call.responseBody)}</details>`,
    );
  return parts.join('');
}

function callLine(call: LoggedCall): string {
  const outcome =
    call.error === undefined
      ? `<span class="status s${String(call.status ?? 0)[0]}">${call.status ?? '?'}</span>`
      : `<span class="status s5">no answer: ${escapeHtml(call.error)}</span>`;
  const retried = call.attempts > 1 ? `, ${call.attempts} attempts` : '';
  return (
    `<code>${escapeHtml(call.method)} ${escapeHtml(call.url)}</code> → ${outcome}` +
    ` <span class="muted">${escapeHtml(call.operation ?? call.pathTemplate)} as ${escapeHtml(call.persona ?? '?')},` +
    ` ${formatDuration(call.durationMs)}${retried}</span>`
  );
}

function violations(call: LoggedCall): string {
  if (call.violations.length === 0) return '';
  const items = call.violations.map(
    (v) =>
      `<li><span class="kind">${escapeHtml(v.kind)}</span>` +
      `${v.pointer ? ` <code>${escapeHtml(v.pointer)}</code>` : ''} ${escapeHtml(v.message)}</li>`,
  );
  return `<ul class="violations">${items.join('')}</ul>`;
}

export interface CallRun {
  call: LoggedCall;
  /** Calls in a row with the same request and the same answer (a poll waiting for a status). */
  times: number;
}

function sameAnswer(a: LoggedCall, b: LoggedCall): boolean {
  return (
    a.method === b.method &&
    a.url === b.url &&
    a.status === b.status &&
    a.error === b.error &&
    a.responseBody === b.responseBody &&
    a.violations.length === 0 &&
    b.violations.length === 0
  );
}

export function callRuns(calls: readonly LoggedCall[]): CallRun[] {
  const runs: CallRun[] = [];
  for (const call of calls) {
    const last = runs[runs.length - 1];
    if (last && sameAnswer(last.call, call)) last.times += 1;
    else runs.push({ call, times: 1 });
  }
  return runs;
}

export function callsHtml(calls: readonly LoggedCall[], withBodies: boolean): string {
  if (calls.length === 0) return '<p class="muted">No calls to the Broker were logged for this test.</p>';
  const runs = callRuns(calls);
  const shown = withBodies ? runs.slice(-CALLS_SHOWN.failed) : runs.slice(0, CALLS_SHOWN.passed);
  const items = shown.map(
    ({ call, times }) =>
      `<li class="call">${callLine(call)}${times > 1 ? ` <strong>×${times}</strong> (same answer)` : ''}` +
      `${withBodies ? violations(call) + bodies(call) : ''}</li>`,
  );
  const left = calls.length - shown.reduce((sum, run) => sum + run.times, 0);
  const note = `<li class="muted">… ${left} more call(s) ${withBodies ? 'before these' : 'after these'}</li>`;
  if (left === 0) return `<ol class="calls">${items.join('')}</ol>`;
  return `<ol class="calls">${withBodies ? note + items.join('') : items.join('') + note}</ol>`;
}

function clauseBody(c: CaseResult, calls: readonly LoggedCall[]): string {
  const where = `<p class="muted"><code>${escapeHtml(c.file)}</code>, ${formatDuration(c.durationMs)}</p>`;
  if (c.outcome === 'skipped') return `${where}<p>Skipped: ${escapeHtml(c.reason ?? 'no reason given')}</p>`;
  if (c.outcome === 'passed') return `${where}${callsHtml(calls, false)}`;
  const family = c.family ?? 'suite';
  return (
    `${where}<p class="muted">${family}: ${escapeHtml(FAMILY_MEANING[family])}</p>` +
    pre(c.message ?? c.reason ?? '', 16_384) +
    `<h4>Calls made by this test</h4>${callsHtml(calls, true)}`
  );
}

function clauseHtml(c: CaseResult, calls: readonly LoggedCall[]): string {
  const note = c.outcome === 'passed' ? '' : ` <span class="reason">— ${escapeHtml(c.reason ?? '')}</span>`;
  const family =
    c.outcome === 'failed'
      ? ` <span class="family ${c.family ?? 'suite'}">${c.family ?? 'suite'}</span>`
      : '';
  return (
    `<details class="clause ${c.outcome}"${c.outcome === 'failed' ? ' open' : ''}>` +
    `<summary><span class="mark">${MARK[c.outcome]}</span>${family} ${escapeHtml(c.clause)}${note}</summary>` +
    `${clauseBody(c, calls)}</details>`
  );
}

function counts(list: readonly CaseResult[]): string {
  const n = (o: Outcome) => list.filter((c) => c.outcome === o).length;
  return `<span class="counts">${n('passed')} passed, ${n('failed')} failed, ${n('skipped')} skipped</span>`;
}

function stepHtml(list: readonly CaseResult[], byTest: ReadonlyMap<string, LoggedCall[]>): string {
  const html = (outcome: Outcome) =>
    list
      .filter((c) => c.outcome === outcome)
      .map((c) => clauseHtml(c, byTest.get(c.fullName) ?? []))
      .join('\n');
  const passed = list.filter((c) => c.outcome === 'passed').length;
  // The passes of a step fold into one line, so the failures and skips are what the eye meets.
  const passes =
    passed === 0
      ? ''
      : `<details class="passes"><summary>${passed} passed</summary>${html('passed')}</details>`;
  const failed = list.some((c) => c.outcome === 'failed');
  return (
    `<section class="step${failed ? ' has-failed' : ''}"><h3>${escapeHtml(list[0]?.step ?? '')} ${counts(list)}</h3>` +
    `${html('failed')}${html('skipped')}${passes}</section>`
  );
}

/** Steps in the run's order, those with a failure first; in each, failed (open), skipped, then passed. */
export function clausesSection(cases: readonly CaseResult[], calls: readonly LoggedCall[]): string {
  const byTest = new Map<string, LoggedCall[]>();
  for (const call of calls) {
    if (call.test === undefined) continue;
    const list = byTest.get(call.test) ?? [];
    list.push(call);
    byTest.set(call.test, list);
  }
  const steps = [...new Set(cases.map((c) => c.step))].map((step) => cases.filter((c) => c.step === step));
  const failing = (list: readonly CaseResult[]) => list.some((c) => c.outcome === 'failed');
  steps.sort((a, b) => Number(failing(b)) - Number(failing(a)));
  const html = steps.map((list) => stepHtml(list, byTest));
  return section('clauses', 'Clauses by step', html.length > 0 ? html.join('\n') : '<p>No clauses ran.</p>');
}

/** The skips by reason, so one cause behind many skips reads as one line. */
export function skippedSection(cases: readonly CaseResult[]): string {
  const byReason = new Map<string, CaseResult[]>();
  for (const c of cases.filter((x) => x.outcome === 'skipped')) {
    const reason = c.reason || 'no reason given';
    byReason.set(reason, [...(byReason.get(reason) ?? []), c]);
  }
  if (byReason.size === 0) return section('skipped', 'Skipped', '<p>Nothing was skipped.</p>');
  const items = [...byReason].map(
    ([reason, list]) =>
      `<li><strong>${list.length} skipped:</strong> ${escapeHtml(reason)}<ul>` +
      list.map((c) => `<li>${escapeHtml(c.step)} › ${escapeHtml(c.clause)}</li>`).join('') +
      '</ul></li>',
  );
  return section('skipped', 'Skipped', `<ul class="skips">${items.join('')}</ul>`);
}
