/**
 * Verdict time: one `broker-contract run --profile <p>` against the embedded sandbox, as a user starts
 * it (a new process), traced (src/trace.ts), its wall time split into what the run was doing.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoggedCall } from '../../src/client/request-log.js';
import { VARIABLES } from '../../src/profile/variables.js';
import { readResultsFile } from '../../src/report/results-file.js';
import { readCalls } from '../../src/report/side-channel.js';
import { ROOT } from '../../src/run/jest.js';
import { TRACE_ENV, type TraceSpan } from '../../src/trace.js';
import { split, type Interval } from './intervals.js';

export const PARTS = ['startup', 'authentication', 'requests', 'waiting', 'other'] as const;
export type Part = (typeof PARTS)[number];

export interface ProfileRun {
  profile: string;
  wallMs: number;
  exitCode: number;
  clauses: { total: number; passed: number; failed: number; skipped: number };
  /** Checked clauses (passed or failed) per second of wall time. */
  clausesPerSecond: number;
  /** The wall time split by what the run was doing; the parts add up to wallMs. */
  split: Record<Part, number>;
}

export interface TracedRun extends ProfileRun {
  spans: TraceSpan[];
  calls: LoggedCall[];
}

export async function readTrace(path: string): Promise<TraceSpan[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TraceSpan);
}

const spansOf = (spans: readonly TraceSpan[], ...kinds: TraceSpan['kind'][]): Interval[] =>
  spans.filter((s) => kinds.includes(s.kind)).map((s) => [s.start, s.end] as const);

/**
 * Ranked, so that a moment counts once: a request in flight (the setup's included), then obtaining a
 * token, then waiting (polls' pauses, event waits, an expiring token), then start-up (the process until
 * the runner is ready, the sandbox, the spec, each Jest child from its gate's opening until its first
 * file starts, each file from its start, or its gate's opening when it loaded before that, until it is
 * ready); the rest is `other` (test code, Jest's bookkeeping, reports, cleanup).
 */
export function splitRun(
  spans: readonly TraceSpan[],
  calls: readonly LoggedCall[],
  start: number,
  end: number,
): Record<Part, number> {
  const files = spans.filter((s) => s.kind === 'file');
  const jests = spans.filter((s) => s.kind === 'jest');
  // A file loads as soon as its worker starts and then waits at its phase's gate (src/run/phase-gate.mjs):
  // its start-up counts from the gate's opening (the jest span's start) until it is ready.
  const fileStarts = files.map((file) => {
    const ready = spans.find((s) => s.kind === 'ready' && s.label === file.label && s.start >= file.start);
    const end = ready?.start ?? file.start;
    // Phases may overlap (src/run/phase-release.mjs): a file's own is the latest opened before it was ready.
    const opened = jests
      .filter((jest) => end >= jest.start && end <= jest.end)
      .reduce((latest, jest) => Math.max(latest, jest.start), file.start);
    return [Math.min(opened, end), end] as const;
  });
  const jestStarts = jests.map((jest) => {
    const first = Math.min(
      ...fileStarts.filter(([, ready]) => ready >= jest.start && ready <= jest.end).map(([from]) => from),
    );
    return [jest.start, Number.isFinite(first) ? first : jest.end] as const;
  });
  const runnerReady = spans.find((s) => s.kind === 'startup')?.end ?? start;
  const startup: Interval[] = [
    [start, runnerReady],
    ...spansOf(spans, 'sandbox', 'spec'),
    ...jestStarts,
    ...fileStarts,
  ];
  const requests: Interval[] = [
    ...calls.map((c) => [c.startedAt, c.startedAt + c.durationMs] as const),
    ...spansOf(spans, 'setup', 'events-setup'),
  ];
  return split<Part>(
    start,
    end,
    [
      ['requests', requests],
      ['authentication', spansOf(spans, 'auth')],
      ['waiting', spansOf(spans, 'wait')],
      ['startup', startup],
    ],
    'other',
  );
}

/** The environment of a run on the embedded sandbox: none of the deployment's variables. */
function sandboxEnv(trace: string): NodeJS.ProcessEnv {
  const names = new Set(VARIABLES);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !names.has(name)));
  return { ...env, [TRACE_ENV]: trace };
}

/**
 * Runs `profile` once in a new process, in `dir` (no `.env` there, so the embedded sandbox is used),
 * and reads its trace, calls and results.
 */
export async function runProfile(profile: string, dir: string): Promise<TracedRun> {
  await mkdir(dir, { recursive: true });
  const trace = join(dir, 'trace.jsonl');
  const reportDir = join(dir, 'reports');
  const start = Date.now();
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/broker-contract.js'), 'run', '--profile', profile, '--report-dir', reportDir],
      { cwd: dir, env: sandboxEnv(trace), stdio: 'ignore' },
    );
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(signal ? 130 : (code ?? 1)));
  });
  const end = Date.now();
  const spans = await readTrace(trace);
  const calls = readCalls(reportDir);
  const results = await readResultsFile(join(reportDir, 'results.json'));
  const { passed, failed, skipped } = results.verdict;
  const wallMs = end - start;
  return {
    profile,
    wallMs,
    exitCode,
    clauses: { total: passed + failed + skipped, passed, failed, skipped },
    clausesPerSecond: ((passed + failed) * 1000) / wallMs,
    split: splitRun(spans, calls, start, end),
    spans,
    calls,
  };
}
