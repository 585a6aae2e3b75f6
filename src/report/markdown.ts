/**
 * The report for the person on call: the verdict first, then each failure with the clause it broke,
 * what came, and the calls the test made (redacted); then what was skipped and why; then security
 * observations, kept apart from contract failures.
 */
import type { LoggedCall } from '../client/request-log.js';
import type { CaseResult, Verdict } from './results.js';
import type { SecurityObservation } from './side-channel.js';

export interface ReportInput {
  title: string;
  environment: string[];
  cases: CaseResult[];
  verdict: Verdict;
  observations: SecurityObservation[];
  /** What the run changed in the environment (setup, settings it could not restore exactly). @default [] */
  changes?: string[];
  calls: LoggedCall[];
  durationMs: number;
}

const FAMILY_TITLE = {
  contract: 'Contract failures (the Broker broke the contract)',
  wait: 'Waits that ran out',
  environment: 'Environment failures (could not reach or authenticate)',
  suite: 'Suite errors (a defect in broker-contract itself)',
} as const;

function fence(text: string): string[] {
  return ['```', text.replace(/```/g, "'''"), '```'];
}

function callLine(call: LoggedCall): string {
  const result = call.error ? `error: ${call.error}` : String(call.status);
  const flags = call.violations.length > 0 ? ` — ${call.violations.length} violation(s)` : '';
  return `- \`${call.method} ${call.pathTemplate}\` as ${call.persona ?? '?'} → ${result} (${call.durationMs} ms)${flags}`;
}

export function headline(verdict: Verdict): string {
  if (verdict.failed === 0) return `PASS: ${verdict.passed} clauses hold, ${verdict.skipped} skipped`;
  const parts = Object.entries(verdict.byFamily)
    .filter(([, n]) => n > 0)
    .map(([family, n]) => `${n} ${family}`);
  return `FAIL: ${verdict.failed} failed (${parts.join(', ')}), ${verdict.passed} passed, ${verdict.skipped} skipped`;
}

export function markdownReport(input: ReportInput): string {
  const { cases, verdict } = input;
  const out = [
    `# ${input.title}`,
    '',
    `**${headline(verdict)}** in ${(input.durationMs / 1000).toFixed(1)} s`,
    '',
  ];
  out.push(...input.environment.map((line) => `- ${line}`), '');
  out.push('| step | passed | failed | skipped |', '| --- | ---: | ---: | ---: |');
  for (const file of [...new Set(cases.map((c) => c.file))]) {
    const list = cases.filter((c) => c.file === file);
    const n = (o: string) => list.filter((c) => c.outcome === o).length;
    out.push(`| ${file} | ${n('passed')} | ${n('failed')} | ${n('skipped')} |`);
  }
  out.push('');
  for (const family of ['contract', 'wait', 'environment', 'suite'] as const) {
    const failed = cases.filter((c) => c.outcome === 'failed' && c.family === family);
    if (failed.length === 0) continue;
    out.push(`## ${FAMILY_TITLE[family]}`, '');
    for (const c of failed) {
      out.push(
        `### ${c.step} › ${c.clause}`,
        '',
        `\`${c.file}\``,
        '',
        ...fence(c.message ?? c.reason ?? ''),
        '',
      );
      const calls = input.calls.filter((call) => call.test === c.fullName);
      if (calls.length > 0) out.push('Calls made by this test:', '', ...calls.map(callLine), '');
    }
  }
  const skipped = cases.filter((c) => c.outcome === 'skipped');
  if (skipped.length > 0) {
    out.push('## Skipped', '');
    for (const c of skipped) out.push(`- ${c.step} › ${c.clause}: ${c.reason ?? 'no reason given'}`);
    out.push('');
  }
  out.push('## What this run changed in the environment', '');
  const changes = input.changes ?? [];
  if (changes.length === 0)
    out.push('Nothing that outlives the run (transfers it made expire with their time to live).');
  for (const change of changes) out.push(`- ${change}`);
  out.push('');
  out.push('## Security observations', '');
  if (input.observations.length === 0) out.push('None.', '');
  for (const o of input.observations) out.push(`- **${o.title}** (${o.test}): ${o.detail}`);
  out.push('');
  return out.join('\n');
}
