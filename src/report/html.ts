/**
 * The report for the person on call, as one self-contained HTML page: the verdict first, then the
 * clauses by step with each failure open and its evidence, the skips, security observations, what the
 * run changed, each transfer's lifecycle and the spec coverage. No script, no font, no image and no
 * URL outside the page; its Content-Security-Policy forbids loading anything, so an unescaped value
 * could still not reach the network.
 */
import type { LoggedCall } from '../client/request-log.js';
import type { Coverage } from './coverage.js';
import { clausesSection, FAMILY_MEANING, skippedSection } from './html-clauses.js';
import { escapeHtml, formatDuration } from './html-escape.js';
import { changesSection, coverageSection, observationsSection } from './html-sections.js';
import { timelinesSection } from './html-timeline.js';
import { headline } from './markdown.js';
import type { CaseResult, Verdict } from './results.js';
import type { SecurityObservation } from './side-channel.js';
import type { TransferTimelines } from './timeline.js';

export interface HtmlReportInput {
  title: string;
  environment: string[];
  verdict: Verdict;
  cases: CaseResult[];
  observations: SecurityObservation[];
  changes: string[];
  calls: LoggedCall[];
  timelines: TransferTimelines;
  coverage: Coverage;
  durationMs: number;
  /** When the report was made, as the page shows it (an ISO 8601 instant). */
  generatedAt: string;
}

/** What each exit code of a run means (src/report/results.ts `verdict`). */
export const EXIT_CODE_MEANING: Record<number, string> = {
  0: 'conformant: every clause that ran holds',
  1: 'the Broker broke the contract, or a wait ran out',
  2: 'the environment could not be reached or refused the credentials, or the suite itself failed',
};

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'";

const CSS = `
:root{--ok:#1a7f37;--bad:#cf222e;--skip:#9a6700;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:0 16px 48px;color:#1f2328}
h1{font-size:20px;margin:0 0 4px}h2{font-size:18px;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:32px}
h3{font-size:15px;margin:18px 0 6px}h4{margin:10px 0 4px}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:var(--bg);border:1px solid var(--line);padding:8px;overflow:auto;max-height:420px;white-space:pre-wrap;word-break:break-word}
section[id]{scroll-margin-top:40px}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:6px 0;z-index:1}
nav a{margin-right:14px;color:#0969da;text-decoration:none}
.verdict{margin-top:12px;padding:14px 16px;border-radius:6px;border:2px solid var(--ok);background:#dafbe1}
.verdict.fail{border-color:var(--bad);background:#ffebe9}
.headline{font-size:17px;font-weight:600;margin:6px 0}
.muted{color:var(--muted)}.num{text-align:right;white-space:nowrap}
.family{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;color:#fff;background:var(--bad)}
.family.wait{background:#bc4c00}.family.environment{background:#6e7781}.family.suite{background:#8250df}
.clause{border-left:4px solid var(--line);margin:4px 0;padding:2px 8px}
.clause.failed{border-color:var(--bad);background:#fff8f7}.clause.skipped{border-color:var(--skip)}.clause.passed{border-color:var(--ok)}
.clause>summary,.passes>summary{cursor:pointer}.passes>summary{color:var(--ok);margin:4px 0}.mark{display:inline-block;width:1.2em;font-weight:700}
.failed .mark{color:var(--bad)}.skipped .mark{color:var(--skip)}.passed .mark{color:var(--ok)}
.reason{color:var(--muted)}.counts{font-weight:400;color:var(--muted);font-size:13px;margin-left:8px}
ol.calls{padding-left:22px}.call{margin:4px 0}.status{font-weight:600}.s2{color:var(--ok)}.s4,.s5{color:var(--bad)}
.violations{margin:2px 0;color:var(--bad)}.kind{font-weight:600}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
tr.miss td:first-child{color:var(--muted)}
.badge{display:inline-block;padding:0 5px;margin:1px;border-radius:4px;font:12px ui-monospace,monospace;border:1px solid var(--line)}
.badge.hit{background:#dafbe1;border-color:var(--ok)}.badge.miss{color:var(--muted)}.badge.undoc,tr.undoc{background:#fff8c5}
.totals{display:flex;gap:24px;flex-wrap:wrap;font-size:15px}.totals span[id]{font-weight:700}
svg.axis{width:100%;height:auto;max-height:80px;display:block}svg.axis line{stroke:#8c959f}
svg.axis text{font-size:11px;fill:var(--muted)}svg.axis text.in{fill:#fff}.ev{fill:#bc4c00}rect.call{fill:#57606a}
.p0{fill:#0969da}.p1{fill:#1a7f37}.p2{fill:#8250df}.p3{fill:#bf3989}.p4{fill:#0a7d87}.p5{fill:#9a6700}
.key.ev{color:#bc4c00}.key.poll{color:#0969da}.key.call{color:#57606a}
.transfer{border-top:1px dashed var(--line);padding-top:4px}
tr.event td:nth-child(2){color:#bc4c00}tr.poll td:nth-child(2){color:#0969da}
`;

function verdictBanner(input: HtmlReportInput): string {
  const { verdict } = input;
  const families = Object.entries(verdict.byFamily)
    .filter(([, n]) => n > 0)
    .map(
      ([family, n]) =>
        `<li><span class="family ${family}">${family}</span> ${n}: ${escapeHtml(FAMILY_MEANING[family as keyof typeof FAMILY_MEANING] ?? family)}</li>`,
    );
  const meaning = EXIT_CODE_MEANING[verdict.exitCode] ?? 'unknown';
  return (
    `<section id="verdict" class="verdict ${verdict.failed > 0 ? 'fail' : 'pass'}">` +
    `<h1>${escapeHtml(input.title)}</h1>` +
    `<p class="headline">${escapeHtml(headline(verdict))}</p>` +
    `<p><strong>${verdict.passed}</strong> passed, <strong>${verdict.failed}</strong> failed, ` +
    `<strong>${verdict.skipped}</strong> skipped in ${formatDuration(input.durationMs)}. ` +
    `Exit code <strong>${verdict.exitCode}</strong>: ${escapeHtml(meaning)}.</p>` +
    (families.length > 0 ? `<ul class="families">${families.join('')}</ul>` : '') +
    `<ul class="muted">${input.environment.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}` +
    `<li>report made ${escapeHtml(input.generatedAt)}</li></ul></section>`
  );
}

const NAV = [
  ['verdict', 'Verdict'],
  ['clauses', 'Clauses'],
  ['skipped', 'Skipped'],
  ['observations', 'Security'],
  ['changes', 'Changes'],
  ['timelines', 'Lifecycles'],
  ['coverage', 'Coverage'],
] as const;

export function htmlReport(input: HtmlReportInput): string {
  const nav = NAV.map(([id, label]) => `<a href="#${id}">${label}</a>`).join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<nav>${nav}</nav>`,
    verdictBanner(input),
    clausesSection(input.cases, input.calls),
    skippedSection(input.cases),
    observationsSection(input.observations),
    changesSection(input.changes),
    timelinesSection(input.timelines),
    coverageSection(input.coverage),
    '</body></html>',
    '',
  ].join('\n');
}
