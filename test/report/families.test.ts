/**
 * A failure's family comes from what was thrown, never from its message (STYLE.md "Failures are
 * typed"), and each family holds its exit code: contract and wait 1, environment and suite 2, a skip
 * none. Every thrown value is checked twice: as thrown (a file run in band) and as Jest's workers hand
 * it over (its own enumerable properties, without its prototype).
 */
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import {
  ContractError,
  EnvironmentError,
  Skipped,
  SuiteError,
  WaitTimeoutError,
  type FailureFamily,
} from '../../src/errors.js';
import { caseResults, verdict, type JestFile } from '../../src/report/results.js';
import { PROJECT_ROOT } from '../helpers/paths.js';

const ROOT = '/repo';

function thrownBy(body: () => void): unknown {
  try {
    body();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

/** What a Jest worker hands over for a thrown value. */
const afterWorker = (thrown: unknown): unknown => JSON.parse(JSON.stringify(thrown)) as unknown;

/** Jest's message for a thrown value: its name and message, then stack frames. */
const messageOf = (thrown: unknown) => `${String(thrown)}\n    at body (suites/a.test.ts:1:2)`;

/** One file with one failed test per list of thrown values. */
function failedWith(...tests: { details: unknown[]; messages?: string[] }[]): JestFile {
  return {
    testFilePath: `${ROOT}/suites/a.test.ts`,
    testResults: tests.map(({ details, messages }, i) => ({
      ancestorTitles: ['step'],
      title: `clause ${i}`,
      fullName: `step clause ${i}`,
      status: 'failed',
      failureMessages: messages ?? details.map(messageOf),
      failureDetails: details,
    })),
  };
}

const expectMismatch = thrownBy(() => expect(1).toBe(2));

// prettier-ignore
const THROWN: [string, unknown, FailureFamily | 'skipped', number][] = [
  ['a ContractError', new ContractError('RESPONSE_VIOLATION', 'getResource answered 500'), 'contract', 1],
  ['a WaitTimeoutError', new WaitTimeoutError('STATUS_TIMEOUT', 'no Published in 600 s', 'UploadProcessing', 600_000), 'wait', 1],
  ['an EnvironmentError', new EnvironmentError('HTTP_CONNECTION', 'connection refused'), 'environment', 2],
  ['a SuiteError', new SuiteError('SUITE_STEP_ORDER', 'a clause ran before its setup'), 'suite', 2],
  ['a plain Error', new Error('boom'), 'suite', 2],
  ['a TypeError', new TypeError('x is undefined'), 'suite', 2],
  ['an expect() mismatch', expectMismatch, 'contract', 1],
  ['a Skipped', new Skipped('EVENTS_API_URL is not set'), 'skipped', 0],
];

describe('each family holds its exit code', () => {
  it.each(
    THROWN.flatMap(([name, thrown, family, code]) => [
      [`${name}, in band`, thrown, family, code] as const,
      [`${name}, from a worker`, afterWorker(thrown), family, code] as const,
    ]),
  )('%s', (_name, thrown, family, code) => {
    const cases = caseResults([failedWith({ details: [thrown], messages: [messageOf(thrown)] })], ROOT);
    expect(cases[0]).toMatchObject(
      family === 'skipped'
        ? { outcome: 'skipped', reason: 'EVENTS_API_URL is not set' }
        : { outcome: 'failed', family },
    );
    expect(verdict(cases).exitCode).toBe(code);
  });

  it.each([
    [
      'a skip beside an environment failure: 2',
      [new Skipped('no events'), new EnvironmentError('HTTP_TIMEOUT', 'slow')],
      2,
    ],
    [
      'a contract failure beside an environment failure: 1',
      [new ContractError('AUTHORIZATION', 'x'), new EnvironmentError('HTTP_TIMEOUT', 'slow')],
      1,
    ],
    [
      'a suite failure beside a wait: 1',
      [new SuiteError('SUITE_BAD_ARGUMENT', 'x'), new WaitTimeoutError('EVENT_TIMEOUT', 'y', [], 1)],
      1,
    ],
  ] as const)('%s', (_name, thrown, code) => {
    const cases = caseResults(
      [failedWith(...thrown.map((t) => ({ details: [afterWorker(t)], messages: [messageOf(t)] })))],
      ROOT,
    );
    expect(verdict(cases).exitCode).toBe(code);
  });

  it("a hook that fails after a skip makes the clause failed, in the hook failure's family", () => {
    const [c] = caseResults(
      [
        failedWith({
          details: [new Skipped('no events'), new ContractError('EVENT_DUPLICATE', 'two copies')],
        }),
      ],
      ROOT,
    );
    expect(c).toMatchObject({ outcome: 'failed', family: 'contract', reason: 'two copies' });
  });
});

describe('the type wins over the text', () => {
  it.each([
    [
      "a plain Error that reads like a ContractError is the suite's",
      new Error('ContractError: the Broker broke it'),
      'suite',
    ],
    ['a plain Error that reads like a skip is a failure', new Error('Skipped: no events'), 'suite'],
    [
      "an EnvironmentError that reads like a ContractError is the environment's",
      new EnvironmentError('ENV_INVALID', 'ContractError: no'),
      'environment',
    ],
    [
      'a plain Error that mentions expect( is no assertion',
      new Error('expect(received).toBe(expected)'),
      'suite',
    ],
  ] as const)('%s', (_name, thrown, family) => {
    for (const given of [thrown, afterWorker(thrown)]) {
      const [c] = caseResults([failedWith({ details: [given], messages: [messageOf(thrown)] })], ROOT);
      expect(c).toMatchObject({ outcome: 'failed', family });
    }
  });

  it('a ContractError is a contract failure whatever Jest wrote for it', () => {
    const [c] = caseResults(
      [failedWith({ details: [new ContractError('STATUS_GATE', 'x')], messages: ['Error: something else'] })],
      ROOT,
    );
    expect(c).toMatchObject({ outcome: 'failed', family: 'contract', reason: 'something else' });
  });

  it("a failure with no thrown value to read is the suite's", () => {
    const cases = caseResults([failedWith({ details: [], messages: ['ContractError: bad'] })], ROOT);
    expect(cases[0]).toMatchObject({ outcome: 'failed', family: 'suite' });
    expect(verdict(cases).exitCode).toBe(2);
  });
});

describe('a failure outside the tests', () => {
  const outside = (testExecError: JestFile['testExecError']): JestFile => ({
    testFilePath: `${ROOT}/suites/b.test.ts`,
    testResults: [],
    testExecError,
  });

  // A worker's load failure keeps only code, message and stack (jest-runner's formatError).
  it.each([
    [
      'an EnvironmentError, in band',
      new EnvironmentError('ENV_INVALID', 'BROKER_BASE_URL is not a URL'),
      'environment',
      2,
    ],
    [
      'a ContractError of the setup, in band',
      new ContractError('SETUP', 'registration answered 500'),
      'contract',
      1,
    ],
    [
      'an EnvironmentError, from a worker: by its code',
      { message: 'BROKER_BASE_URL is not a URL', code: 'ENV_INVALID', type: 'Error' },
      'environment',
      2,
    ],
    [
      'a wait of the setup, from a worker: by its code',
      { message: 'storage not ready', code: 'SETUP_WAIT', type: 'Error' },
      'wait',
      1,
    ],
    [
      'a Node error code is no failure code',
      { message: 'connect ECONNREFUSED', code: 'ECONNREFUSED', type: 'Error' },
      'suite',
      2,
    ],
    [
      'an afterAll error, which Jest keeps as text only',
      { message: '', stack: 'ContractError: leftover' },
      'suite',
      2,
    ],
  ] as const)('%s', (_name, thrown, family, code) => {
    const cases = caseResults([outside(thrown as unknown as JestFile['testExecError'])], ROOT);
    expect(cases).toEqual([expect.objectContaining({ clause: '(suite set-up)', outcome: 'failed', family })]);
    expect(verdict(cases).exitCode).toBe(code);
  });

  it('a skip thrown while the file loads is a skip with its reason', () => {
    const cases = caseResults(
      [outside({ message: 'no events', name: 'Skipped', reason: 'no events' })],
      ROOT,
    );
    expect(cases).toEqual([expect.objectContaining({ outcome: 'skipped', reason: 'no events' })]);
    expect(verdict(cases).exitCode).toBe(0);
  });
});

describe('the terminal progress reads a skip the same way', () => {
  // progress.mjs imports the skip marker from src/skip-marker.mjs, as src/errors.ts does (docs/decisions/0011).
  interface Reporter {
    onTestResult(test: unknown, result: unknown): void;
  }
  const load = async (): Promise<new () => Reporter> =>
    ((await import(join(PROJECT_ROOT, 'suites/support/progress.mjs'))) as { default: new () => Reporter })
      .default;

  it.each([
    ['in band', (t: unknown) => t],
    ['from a worker', afterWorker],
  ])('%s', async (_name, handOver) => {
    const Progress = await load();
    const file = failedWith(
      ...[new Skipped('EVENTS_API_URL is not set'), new Error('Skipped: only in the text')].map((thrown) => ({
        details: [handOver(thrown)],
        messages: [messageOf(thrown)],
      })),
    );
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      new Progress().onTestResult(undefined, file);
      const printed = log.mock.calls.map((call) => String(call[0])).join('\n');
      expect(printed).toContain('suites/a.test.ts: 0 passed, 1 failed, 1 skipped');
      expect(printed).toContain('○ step clause 0: EVENTS_API_URL is not set');
      expect(printed).toContain('✗ step clause 1\n        Error: Skipped: only in the text');
    } finally {
      log.mockRestore();
    }
  });
});
