import { describe, expect, it } from '@jest/globals';
import type { LoggedCall } from '../../src/client/request-log.js';
import type { TraceSpan } from '../../src/trace.js';
import { splitRun } from '../../scripts/bench/verdict.js';

const span = (kind: TraceSpan['kind'], start: number, end: number, label?: string): TraceSpan => ({
  kind,
  start,
  end,
  pid: 1,
  ...(label ? { label } : {}),
});

const call = (startedAt: number, durationMs: number): LoggedCall => ({
  method: 'GET',
  pathTemplate: '/x',
  url: 'http://127.0.0.1:1/x',
  requestHeaders: {},
  attempts: 1,
  startedAt,
  durationMs,
  violations: [],
});

describe('splitRun', () => {
  it('splits wall time into start-up, authentication, requests and waiting, the rest as other', () => {
    const spans = [
      span('startup', 0, 50),
      span('setup', 50, 60),
      span('jest', 60, 500),
      span('file', 100, 400, 'suites/01.test.ts'),
      span('ready', 150, 150, 'suites/01.test.ts'),
      span('auth', 160, 170),
      span('wait', 200, 300),
    ];
    const parts = splitRun(spans, [call(180, 10)], 0, 600);
    // Start-up: the process until the runner is ready, Jest until its first file, the file until ready.
    expect(parts).toEqual({ startup: 140, requests: 20, authentication: 10, waiting: 100, other: 330 });
  });

  it("counts a file loaded before its gate opened as starting up from the gate's opening only", () => {
    const spans = [
      span('startup', 0, 50),
      span('jest', 300, 500),
      span('file', 100, 400, 'suites/05a.test.ts'),
      span('ready', 320, 320, 'suites/05a.test.ts'),
    ];
    // 0-50 the runner, 300-320 the file after the gate; its loading before the gate overlaps other work.
    expect(splitRun(spans, [], 0, 600)).toMatchObject({ startup: 70, other: 530 });
  });

  it('counts a moment once, for the higher-ranked part: a request made while waiting is a request', () => {
    const parts = splitRun([span('wait', 0, 100)], [call(40, 20)], 0, 100);
    expect(parts).toMatchObject({ requests: 20, waiting: 80, other: 0 });
  });
});
