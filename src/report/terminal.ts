/** The verdict on the terminal: one line per failed or skipped clause, then the headline. */
import { headline } from './markdown.js';
import type { CaseResult, Verdict } from './results.js';
import type { SecurityObservation } from './side-channel.js';

export function terminalSummary(
  cases: CaseResult[],
  verdict: Verdict,
  observations: SecurityObservation[],
  reportFiles: string[],
): string {
  const lines: string[] = [''];
  for (const c of cases.filter((x) => x.outcome === 'failed')) {
    lines.push(`  ✗ [${c.family}] ${c.step} › ${c.clause}`, `      ${c.reason ?? ''}`);
  }
  const skipped = cases.filter((x) => x.outcome === 'skipped');
  const reasons = new Map<string, number>();
  for (const c of skipped) reasons.set(c.reason ?? '', (reasons.get(c.reason ?? '') ?? 0) + 1);
  for (const [reason, n] of reasons) lines.push(`  ○ ${n} skipped: ${reason}`);
  for (const o of observations) lines.push(`  ! security observation: ${o.title}`);
  lines.push('', headline(verdict), ...reportFiles.map((f) => `  report: ${f}`), '');
  return lines.join('\n');
}
