/** The reports: how a Jest result becomes a clause outcome, the exit code, JUnit and the readable report. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { junitXml } from '../../src/report/junit.js';
import { markdownReport } from '../../src/report/markdown.js';
import { registerSecret } from '../../src/redact.js';
import { caseResults, verdict, type CaseResult, type JestFile } from '../../src/report/results.js';
import { readObservations, recordObservation } from '../../src/report/side-channel.js';

// Which family a thrown value is, and the exit code each family gives: families.test.ts.

const ROOT = '/repo';
function file(path: string, tests: [string, string, string[], unknown[]][]): JestFile {
  return {
    testFilePath: `${ROOT}/${path}`,
    testResults: tests.map(([title, status, failureMessages, failureDetails]) => ({
      ancestorTitles: ['step'],
      title,
      fullName: `step ${title}`,
      status,
      duration: 5,
      failureMessages,
      failureDetails,
    })),
  };
}

describe('the cases', () => {
  it('a suite file that did not load is one failed case, not silence', () => {
    const cases = caseResults(
      [
        {
          testFilePath: `${ROOT}/suites/x.test.ts`,
          testResults: [],
          testExecError: { message: 'TypeError: boom' },
        },
      ],
      ROOT,
    );
    expect(cases).toEqual([
      expect.objectContaining({ outcome: 'failed', family: 'suite', file: 'suites/x.test.ts' }),
    ]);
  });

  it.each([
    [
      'a failing afterAll with every test passed',
      [['a', 'passed', [], []]] as [string, string, string[], unknown[]][],
      2,
    ],
    ['a skip thrown while the file loads', [] as [string, string, string[], unknown[]][], 1],
  ])('%s is counted, not lost', (_name, tests, count) => {
    const skipping = tests.length === 0;
    const cases = caseResults(
      [
        {
          ...file('suites/y.test.ts', tests),
          testExecError: skipping
            ? { message: 'no events', name: 'Skipped', reason: 'no events' }
            : { message: '', stack: 'ContractError: leftover\n    at f (x.ts:1:2)' },
          failureMessage: skipping ? null : '  ● Test suite failed to run\n\n    ContractError: leftover',
        },
      ],
      ROOT,
    );
    expect(cases).toHaveLength(count);
    expect(cases[0]).toMatchObject(
      skipping ? { outcome: 'skipped', reason: 'no events' } : { outcome: 'failed' },
    );
  });

  it('stack frames and colours are dropped and secrets masked', () => {
    registerSecret('secret-token-value');
    const [c] = caseResults(
      [
        file('suites/a.test.ts', [
          [
            'a',
            'failed',
            ['\u001b[31mContractError: secret-token-value\u001b[39m\n    at f (x.ts:1:2)'],
            [{ family: 'contract', name: 'ContractError', code: 'RESPONSE_VIOLATION' }],
          ],
        ]),
      ],
      ROOT,
    );
    expect(c?.message).toBe('ContractError: [redacted]');
  });
});

const CASES: CaseResult[] = [
  {
    file: 'suites/01.test.ts',
    step: 'access',
    clause: 'a <token>',
    fullName: 'access a <token>',
    outcome: 'passed',
    durationMs: 1200,
  },
  {
    file: 'suites/01.test.ts',
    step: 'access',
    clause: 'no scope gets 403 & "ProblemDetails"',
    fullName: 'access no scope',
    outcome: 'failed',
    family: 'contract',
    reason: 'got 200',
    message: 'ContractError: got 200\u0001',
    durationMs: 10,
  },
  {
    file: 'suites/04.test.ts',
    step: 'events',
    clause: 'handshake',
    fullName: 'events handshake',
    outcome: 'skipped',
    reason: 'EVENTS_API_URL is not set',
    durationMs: 0,
  },
];

describe('JUnit', () => {
  it('has one testsuite per file, escaped names, typed failures and skip reasons', () => {
    const xml = junitXml(CASES, 'broker-contract');
    expect(xml).toContain(
      '<testsuites name="broker-contract" tests="3" failures="1" skipped="1" time="1.210">',
    );
    expect(xml).toContain(
      '<testsuite name="suites/01.test.ts" tests="2" failures="1" errors="0" skipped="0"',
    );
    expect(xml).toContain('name="a &lt;token&gt;"');
    expect(xml).toContain('<failure type="contract" message="got 200">ContractError: got 200</failure>');
    expect(xml).toContain('<skipped message="EVENTS_API_URL is not set"/>');
    expect(xml).toContain('name="no scope gets 403 &amp; &quot;ProblemDetails&quot;"');
  });
});

describe('the readable report', () => {
  it('leads with the verdict and keeps failures, skips and security observations apart', () => {
    const md = markdownReport({
      title: 'broker-contract: full on sandbox',
      environment: ['base URL: http://127.0.0.1:1'],
      cases: CASES,
      verdict: verdict(CASES),
      observations: [{ test: 't', title: 'ids can be probed', detail: '401 vs 404' }],
      calls: [
        {
          test: 'access no scope',
          persona: 'SENDER',
          method: 'GET',
          pathTemplate: '/broker/api/v1/filetransfer',
          url: 'u',
          requestHeaders: {},
          status: 200,
          attempts: 1,
          startedAt: 0,
          durationMs: 3,
          violations: [],
        },
      ],
      durationMs: 2000,
    });
    expect(md).toContain('**FAIL: 1 failed (1 contract), 1 passed, 1 skipped**');
    expect(md).toContain('## Contract failures (the Broker broke the contract)');
    expect(md).toContain('- `GET /broker/api/v1/filetransfer` as SENDER → 200 (3 ms)');
    expect(md).toContain('- events › handshake: EVENTS_API_URL is not set');
    expect(md).toContain('- **ids can be probed** (t): 401 vs 404');
  });

  it('observations written by several workers are read back once each', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    try {
      recordObservation(dir, { test: 'a', title: 'probe', detail: 'd' });
      recordObservation(dir, { test: 'b', title: 'probe', detail: 'd' });
      expect(readObservations(dir)).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
