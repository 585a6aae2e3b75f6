/**
 * What a newman run leaves in its report directory besides newman's own JUnit and HTML:
 * `summary.md` for people, `validator.junit.xml` so CI shows the validator's verdict per
 * request next to the collection's, and the redaction pass every report file goes through.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { redact } from '../redact.js';
import { junitXml } from '../report/junit.js';
import type { CaseResult } from '../report/results.js';
import type { RequestCheck } from './check.js';
import type { HostRewrite } from './hosts.js';
import type { SkippedRequest } from './select.js';

/** A failure newman counts: an assertion of the collection's scripts, a script error, a request error. */
export interface CollectionFailure {
  item: string;
  /** newman's `at`: `assertion:0 in test-script`, `test-script`, `request`. */
  at: string;
  message: string;
}

export interface RunReport {
  collection: string;
  envName: string;
  baseUrl: string;
  requests: { total: number; failed: number };
  assertions: { total: number; failed: number };
  collectionFailures: CollectionFailure[];
  checks: RequestCheck[];
  injected: string[];
  rewrites: HostRewrite[];
  skipped: SkippedRequest[];
  /** newman's own error (the run could not start or finish), if any. */
  error?: string;
}

export function violationCount(report: RunReport): number {
  return report.checks.reduce((sum, c) => sum + c.violations.length, 0);
}

/** Exit 0 only when requests were sent, every assertion passed and the validator found nothing. */
export function passed(report: RunReport): boolean {
  return (
    report.error === undefined &&
    report.requests.total > 0 &&
    report.requests.failed === 0 &&
    report.assertions.failed === 0 &&
    report.collectionFailures.length === 0 &&
    violationCount(report) === 0
  );
}

function list(items: string[], empty: string): string[] {
  return items.length === 0 ? [`- ${empty}`] : items.map((line) => `- ${line}`);
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

export function summaryMarkdown(report: RunReport): string {
  const violating = report.checks.filter((c) => c.violations.length > 0);
  const lines = [
    `# newman: ${report.collection}`,
    '',
    `${passed(report) ? 'PASSED' : 'FAILED'} against ${report.envName} (${report.baseUrl}).`,
    '',
    '| | total | failed |',
    '| --- | --- | --- |',
    `| requests | ${report.requests.total} | ${report.requests.failed} |`,
    `| assertions (the collection's) | ${report.assertions.total} | ${report.assertions.failed} |`,
    `| Broker responses validated against the spec | ${report.checks.filter((c) => c.validated).length} | ${violating.length} |`,
    '',
    ...(report.error === undefined ? [] : ['## newman error', '', report.error, '']),
    '## Validator violations',
    '',
    ...list(
      violating.map(
        (c) =>
          `${c.item}: ${c.operation ?? '?'} ${c.method} ${code(c.pathTemplate ?? c.path)} → ${c.status ?? '-'}\n` +
          c.violations.map((v) => `  - [${v.kind}] ${v.message}`).join('\n'),
      ),
      'none',
    ),
    '',
    "## The collection's own failures (assertions, scripts, requests)",
    '',
    ...list(
      report.collectionFailures.map((f) => `${f.item} (${f.at}): ${f.message}`),
      'none',
    ),
    '',
    '## Requests not validated',
    '',
    ...list(
      report.checks
        .filter((c) => !c.validated)
        .map((c) => `${c.item}: ${c.method} ${code(c.path)}: ${c.note ?? ''}`),
      'none',
    ),
    '',
    '## Skipped (not Broker calls)',
    '',
    ...list(
      report.skipped.map((s) => `${s.path}: ${code(s.url)}: ${s.reason}`),
      'none',
    ),
    '',
    '## Variables injected from the profile',
    '',
    ...list(report.injected.map(code), 'none'),
    '',
    '## Hosts rewritten to the base URL',
    '',
    ...list(
      report.rewrites.map((r) => `${r.where}: ${r.from}`),
      'none',
    ),
    '',
  ];
  return redact(lines.join('\n'));
}

/** One test case per Broker response: "answers as the spec documents". */
export function validatorJunit(report: RunReport): string {
  const cases: CaseResult[] = report.checks.map((c) => {
    const clause = `${c.method} ${c.pathTemplate ?? c.path} answers as the spec documents`;
    const base = {
      file: `newman: ${report.collection}`,
      step: c.item,
      clause,
      fullName: `${c.item} ${clause}`,
      durationMs: 0,
    };
    if (!c.validated) return { ...base, outcome: 'skipped', reason: c.note ?? 'not validated' };
    if (c.violations.length === 0) return { ...base, outcome: 'passed' };
    return {
      ...base,
      outcome: 'failed',
      family: 'contract',
      reason: c.violations[0]?.message ?? '',
      message: c.violations.map((v) => `[${v.kind}] ${v.message}`).join('\n'),
    };
  });
  return redact(junitXml(cases, `validator: ${report.collection}`));
}

/** The safety net: whatever a reporter wrote, no registered secret and no JWT stays in it. */
export async function redactFiles(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      continue; // A reporter that failed to write has nothing to redact; newman reports its error.
    }
    const clean = redact(text);
    if (clean !== text) await writeFile(path, clean);
  }
}
