/** The HTML report: self-contained, readable without script, escaping what the Broker sends. */
import { describe, expect, it } from '@jest/globals';
import { computeCoverage } from '../../src/report/coverage.js';
import { htmlReport, type HtmlReportInput } from '../../src/report/html.js';
import { verdict, type CaseResult } from '../../src/report/results.js';
import { transferTimelines } from '../../src/report/timeline.js';
import type { OpenApiDocument } from '../../src/spec/types.js';
import { BASE, loggedCall } from './calls.js';

const ID = '0f6b3bd4-1b2a-4c36-9a61-0a1e5c6f3e01';
const HOSTILE = '<script>alert("broker")</script><img src="https://evil.invalid/x.png">';
const FAILED = 'happy path › the overview reads Published';
const OVERVIEW = '/broker/api/v1/filetransfer/{fileTransferId}';

const document: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    [OVERVIEW]: {
      get: {
        operationId: 'getFileTransferOverview',
        responses: { '200': { description: '' }, '404': { description: '' } },
      },
    },
    '/broker/api/v1/serviceowner': {
      get: { operationId: 'getServiceOwner', responses: { '200': { description: '' } } },
    },
  },
  webhooks: { 'no.altinn.broker.published': {}, 'no.altinn.broker.filepurged': {} },
};

const cases: CaseResult[] = [
  {
    file: 'suites/05a-happy-path.test.ts',
    step: 'happy path',
    clause: 'the overview reads Published',
    fullName: FAILED,
    outcome: 'failed',
    family: 'contract',
    reason:
      'getFileTransferOverview (GET /broker/api/v1/filetransfer/{fileTransferId}) 200: status is <Failed>',
    message: `expected Published, came Failed: ${HOSTILE}`,
    durationMs: 1200,
  },
  {
    file: 'suites/01-access.test.ts',
    step: 'access',
    clause: 'a token is accepted',
    fullName: 'access a token is accepted',
    outcome: 'passed',
    durationMs: 20,
  },
  {
    file: 'suites/04-events.test.ts',
    step: 'events',
    clause: 'events arrive',
    fullName: 'events events arrive',
    outcome: 'skipped',
    reason: 'no public webhook URL',
    durationMs: 0,
  },
];

const failedCall = loggedCall({
  test: FAILED,
  method: 'GET',
  pathTemplate: OVERVIEW,
  operation: 'getFileTransferOverview',
  url: `${BASE}/broker/api/v1/filetransfer/${ID}`,
  status: 200,
  startedAt: 1000,
  responseBody: JSON.stringify({ fileTransferStatus: 'Failed', fileTransferStatusText: HOSTILE }),
  violations: [{ kind: 'schema', pointer: '/fileTransferStatusText', message: `came ${HOSTILE}` }],
});
const calls = [failedCall];

function report(overrides: Partial<HtmlReportInput> = {}): string {
  return htmlReport({
    title: 'broker-contract: smoke on tt02',
    environment: [`Broker: ${BASE}`],
    verdict: verdict(cases),
    cases,
    observations: [{ test: FAILED, title: 'transfer ids can be probed', detail: HOSTILE }],
    changes: ['resource <r> max file size set'],
    calls,
    timelines: transferTimelines(calls, [
      { receivedAt: 1500, type: 'no.altinn.broker.published', resourceinstance: ID },
    ]),
    coverage: computeCoverage(document, calls, ['no.altinn.broker.published']),
    durationMs: 65_000,
    generatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  });
}

/** The page's markup without its text: escaped text holds no `<`, so every `<…>` left is a real tag. */
const tags = (html: string) => html.match(/<[^>]*>/g) ?? [];

describe('the HTML report is self-contained', () => {
  const html = report();
  const markup = tags(html).join('\n');
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  it.each([
    ['no script element', markup, /<script/i],
    ['no src attribute', markup, /\ssrc=/i],
    ['no @import', css, /@import/i],
    ['no url() in its CSS', css, /url\(/i],
    ['no style attribute that could load', markup, /\sstyle=/i],
  ])('%s', (_name, text, pattern) => {
    expect(text).not.toMatch(pattern);
  });

  it('links only inside the page, and no tag names an outside address', () => {
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^#/);
    expect(tags(html).filter((tag) => /https?:\/\//i.test(tag))).toEqual([]);
  });

  it('forbids loading anything in its Content-Security-Policy', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });
});

describe('what the Broker sent is shown as text', () => {
  const html = report();
  it('escapes markup in a body, a message, a violation and an observation', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;broker&quot;)&lt;/script&gt;');
    expect(html).toContain('status is &lt;Failed&gt;');
    expect(html).toContain('resource &lt;r&gt; max file size set');
  });
});

describe('the essentials read without script', () => {
  const html = report();
  it('puts the verdict, with its counts and exit code, in #verdict', () => {
    const banner = /<section id="verdict"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    expect(banner).toContain(
      '<strong>1</strong> passed, <strong>1</strong> failed, <strong>1</strong> skipped',
    );
    expect(banner).toContain('Exit code <strong>1</strong>');
    expect(banner).toContain('contract</span> 1');
  });

  it('shows a failed clause open with its message and calls, and a passed one closed', () => {
    const start = html.indexOf('<details class="clause failed" open>');
    const failed = start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
    expect(failed).toContain('expected Published, came Failed');
    expect(failed).toContain(`GET ${BASE}/broker/api/v1/filetransfer/${ID}`);
    expect(failed).toContain('/fileTransferStatusText');
    expect(html).toMatch(/<details class="clause passed">/);
    expect(html.indexOf('clause failed')).toBeLessThan(html.indexOf('clause passed'));
  });

  it('lists a skip with its reason', () => {
    expect(html).toMatch(/<details class="clause skipped">[\s\S]*no public webhook URL/);
  });

  it('draws the transfer with its poll and its event apart', () => {
    expect(html).toContain(`<code>${ID}</code>`);
    expect(html).toMatch(/<rect class="poll p\d"/);
    expect(html).toMatch(/<path class="ev"/);
  });
});

describe('coverage totals', () => {
  it.each([
    ['coverage-operations', '1/2'],
    ['coverage-statuses', '1/3'],
    ['coverage-events', '1/2'],
  ])('#%s reads %s', (id, want) => {
    expect(new RegExp(`id="${id}">([^<]*)<`).exec(report())?.[1]).toBe(want);
  });
});

describe('the calls of a failed test', () => {
  const repeated = (startedAt: number) => ({ ...failedCall, violations: [], startedAt });
  it('show a run of the same call with the same answer once, with how many times', () => {
    const html = report({ calls: [repeated(1), repeated(2), repeated(3)] });
    expect(html).toContain('<strong>×3</strong> (same answer)');
    expect(html.match(/<li class="call">/g)).toHaveLength(1);
  });
});
