import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatBench,
  parseBenchArgs,
  reproduce,
  UsageError,
  type BenchReport,
} from '../../scripts/bench/main.js';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { STACK_FRAME } from '../helpers/cli.js';

const MAIN = join(PROJECT_ROOT, 'scripts/bench/main.ts');
const TSX = createRequire(import.meta.url).resolve('tsx');

function bench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, MAIN, ...args],
      { cwd: PROJECT_ROOT, timeout: 240_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('bench options', () => {
  it('defaults to three runs of smoke and full, 256 MiB and 1 GiB, every fault, every part', () => {
    const options = parseBenchArgs([], '/somewhere');
    expect(options).toMatchObject({
      runs: 3,
      profiles: ['smoke', 'full'],
      largeMiB: [256, 1024],
      parts: ['verdict', 'large', 'peers', 'selftest'],
      out: '/somewhere/reports',
    });
    expect(options.faults.length).toBeGreaterThan(40);
    expect(parseBenchArgs(['--faults', 'none']).faults).toEqual([]);
  });

  it.each([
    [['--runs', '0'], '--runs 0'],
    [['--profiles', 'fast'], '--profiles fast'],
    [['--large-mib', '1,x'], '--large-mib 1,x'],
    [['--faults', 'no-such-fault'], 'no-such-fault'],
    [['--parts', 'verdict,speed'], "'speed'"],
    [['--colour'], '--colour'],
  ])('refuses %j, naming the problem', (args, named) => {
    expect(() => parseBenchArgs(args)).toThrow(UsageError);
    expect(() => parseBenchArgs(args)).toThrow(named);
  });

  it('gives the command that repeats a run, faults only when not all', () => {
    const options = { ...parseBenchArgs(['--runs', '1', '--faults', 'status-as-number']) };
    expect(reproduce(options)).toBe(
      'npm run bench -- --runs 1 --profiles smoke,full --large-mib 256,1024 --faults status-as-number --parts verdict,large,peers,selftest',
    );
  });
});

describe('the report', () => {
  const summary = (median: number) => ({ median, min: median, max: median, n: 1 });
  const report: BenchReport = {
    startedAt: '2026-12-05T08:00:00.000Z',
    durationMs: 300_000,
    machine: { cpus: 2, cpuModel: 'cpu', memoryGiB: 24, node: 'v20', loadAverage: [0.1, 0.2, 0.3] },
    options: {
      runs: 1,
      profiles: ['full'],
      largeMiB: [4],
      faults: ['status-as-number'],
      parts: ['selftest'],
    },
    selftest: {
      wallMs: 161_000,
      conformant: { passed: 342, failed: 0, skipped: 3 },
      faults: 1,
      caught: ['status-as-number'],
      missed: [],
      faultRunMs: summary(9_000),
    },
    errors: [{ part: 'large', message: 'no disk space' }],
  };

  it("puts the self-test's checks, false failures and kills in the peers table", () => {
    const md = formatBench(report);
    expect(md).toContain('| broker-contract self-test | – | 345 | 0 | 1 of 1 | 9.0 | 161.0 |');
    expect(md).not.toContain('## Verdict time');
  });

  it('lists a part that could not be measured, with the reason', () => {
    expect(formatBench(report)).toContain('## Not measured\n\n- large: no disk space');
  });
});

describe('npm run bench on a tiny configuration', () => {
  let out: string;
  let run: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'bench-test-'));
    run = await bench([
      ...['--runs', '1', '--profiles', 'smoke', '--large-mib', '4'],
      ...['--faults', 'initialize-bare-id', '--parts', 'verdict,large,peers', '--out', out],
    ]);
  }, 240_000);
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('exits 0 and prints the report it writes to bench.md', async () => {
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.code).toBe(0);
    const md = await readFile(join(out, 'bench.md'), 'utf8');
    expect(run.stdout.trim()).toBe(md.trim());
    expect(md).toContain(
      'Reproduce: `npm run bench -- --runs 1 --profiles smoke --large-mib 4 --faults initialize-bare-id --parts verdict,large,peers`',
    );
    for (const heading of [
      '## Verdict time',
      '## Transition latency',
      '## Large files',
      '## Peers side by side',
    ])
      expect(md).toContain(heading);
    expect(md).toMatch(/\n\| smoke \| 1 \| \d+\.\d \| (\d+\.\d \| ){5}\d+\/0\/\d+ \| \d+\.\d \|\n/);
    expect(md).toMatch(/\n\| all \| \d+ \| /);
    expect(md).toMatch(/\n\| 4 \| \d+ \| \d+ % \| \d+ \| \d+ % \| yes \| -?\d+ \|\n/);
    expect(md).toMatch(/\n\| Portman [\d.]+ \(newman\) \| \d+\.\d \| \d+ \| \d+ \| [01] of 1 \| /);
    expect(md).not.toContain('## Not measured');
  });

  it('writes the figures as JSON: the split adds up to the wall time', async () => {
    const json = JSON.parse(await readFile(join(out, 'bench.json'), 'utf8')) as BenchReport;
    expect(json.errors).toEqual([]);
    const [smoke] = json.verdict ?? [];
    expect(smoke?.profile).toBe('smoke');
    const [first] = smoke?.runs ?? [];
    expect(first?.exitCode).toBe(0);
    const parts = Object.values(first?.split ?? {}).reduce((a, b) => a + b, 0);
    expect(parts).toBeCloseTo(first?.wallMs ?? NaN, 0);
    expect(json.transitions?.figures.at(-1)?.status).toBe('all');
    expect(json.largeFiles?.[0]).toMatchObject({ sizeMiB: 4, verified: true });
    expect(json.peers?.runs.map((r) => r.condition)).toEqual(['conformant', 'initialize-bare-id']);
    expect(json.peers?.findings.length).toBeGreaterThan(3);
  });

  it('refuses a bad option in one line and the usage, exit 2', async () => {
    const bad = await bench(['--runs', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^bench: --runs many: expected a whole number ≥ 1\nusage: npm run bench/);
    expect(bad.stderr).not.toMatch(STACK_FRAME);
  });
});
