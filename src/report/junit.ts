/**
 * JUnit XML for CI pipelines (the de-facto schema that Jenkins, GitLab and Azure DevOps read): one
 * <testsuite> per suite file, one <testcase> per clause, <failure type="contract|environment|wait|suite">
 * and <skipped message="reason">. Written here rather than by jest-junit because a skip with a reason
 * is decided by the suite (src/suite/steps.ts), which jest-junit would report as a failure.
 */
import type { CaseResult } from './results.js';

export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // XML 1.0 forbids most control characters even when escaped.
      // eslint-disable-next-line no-control-regex -- that is the point of this pattern
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

export function junitXml(cases: CaseResult[], name: string): string {
  const files = [...new Set(cases.map((c) => c.file))];
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = (list: CaseResult[], outcome?: string) =>
    outcome ? list.filter((c) => c.outcome === outcome).length : list.length;
  const time = (list: CaseResult[]) => seconds(list.reduce((sum, c) => sum + c.durationMs, 0));
  lines.push(
    `<testsuites name="${escapeXml(name)}" tests="${total(cases)}" failures="${total(cases, 'failed')}" ` +
      `skipped="${total(cases, 'skipped')}" time="${time(cases)}">`,
  );
  for (const file of files) {
    const list = cases.filter((c) => c.file === file);
    lines.push(
      `  <testsuite name="${escapeXml(file)}" tests="${total(list)}" failures="${total(list, 'failed')}" ` +
        `errors="0" skipped="${total(list, 'skipped')}" time="${time(list)}">`,
    );
    for (const c of list) {
      const open = `    <testcase classname="${escapeXml(c.step)}" name="${escapeXml(c.clause)}" time="${seconds(c.durationMs)}"`;
      if (c.outcome === 'passed') {
        lines.push(`${open}/>`);
      } else if (c.outcome === 'skipped') {
        lines.push(`${open}>`, `      <skipped message="${escapeXml(c.reason ?? '')}"/>`, '    </testcase>');
      } else {
        lines.push(
          `${open}>`,
          `      <failure type="${c.family ?? 'suite'}" message="${escapeXml(c.reason ?? '')}">${escapeXml(c.message ?? '')}</failure>`,
          '    </testcase>',
        );
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
