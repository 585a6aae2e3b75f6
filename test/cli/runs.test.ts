/**
 * `broker-contract run` and `merge` end to end through the bin, from another directory: each exit
 * code (0 conformant, 1 a contract break, 2 the environment), the reports written relative to where
 * the user is, the shards of a profile merged into the verdict of the unsharded run, and the bin
 * reached by name through `npm link` and `npx`, as the README says.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ResultsFile } from '../../src/report/results-file.js';
import { readCalls } from '../../src/report/side-channel.js';
import { TRACE_ENV } from '../../src/trace.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import { broker, STACK_FRAME } from '../helpers/cli.js';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { writeEnvFile } from '../helpers/sandbox-env.js';

const exec = promisify(execFile);
/** No deployment variable from the shell: the embedded sandbox, as on a fresh machine. */
const ENV = { ...process.env, BROKER_BASE_URL: '', BROKER_OPENAPI: '' };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broker-contract-runs-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const results = async (reportDir: string) =>
  JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as ResultsFile;

/** The clauses and their outcomes, comparable across runs. */
const outcomes = (r: ResultsFile) => r.cases.map((c) => `${c.fullName}: ${c.outcome}`).sort();

describe('exit codes', () => {
  it('0: a conformant sandbox, reports written under the directory the user is in', async () => {
    const { code } = await broker(['run', '--profile', 'smoke', '--only', '02', '--report-dir', 'out'], {
      cwd: dir,
      env: ENV,
    });
    expect(code).toBe(0);
    for (const file of ['report.md', 'report.html', 'junit.xml', 'results.json'])
      expect(existsSync(join(dir, 'out', file))).toBe(true);
    const r = await results(join(dir, 'out'));
    expect(r.verdict.exitCode).toBe(0);
    expect(r.coverage.totals.operations.exercised).toBeGreaterThan(0);
  }, 120_000);

  it('1: a sandbox that breaks §8.1 (a repeat registration answers 200), caught as a contract failure', async () => {
    let sandbox: RunningSandbox | undefined;
    try {
      sandbox = await startSandbox({ fault: 'serviceowner-repeat-ok' });
      const envFile = join(dir, 'faulty.env');
      await writeEnvFile(envFile, sandbox.env);
      const { code } = await broker(
        ['run', '--only', '02', '--env-file', envFile, '--report-dir', 'faulty'],
        { cwd: dir, env: ENV },
      );
      expect(code).toBe(1);
      const failed = (await results(join(dir, 'faulty'))).cases.filter((c) => c.outcome === 'failed');
      expect(failed.map((c) => [c.family, c.clause])).toContainEqual([
        'contract',
        expect.stringContaining('409 BRO-07002'),
      ]);
    } finally {
      await sandbox?.stop();
    }
  }, 120_000);

  it('a missing env file is named (on Node 20, by Node itself: it reads --env-file anywhere in argv)', async () => {
    const { code, stderr } = await broker(['run', '--env-file', 'absent.env', '--report-dir', 'never'], {
      cwd: dir,
      env: ENV,
    });
    if (process.versions.node.startsWith('20.')) {
      expect(code).toBe(9);
      expect(stderr.trim()).toMatch(/node: absent\.env: not found$/);
    } else {
      expect(code).toBe(2);
      expect(stderr).toMatch(/absent\.env/);
    }
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it.each([['an invalid variable', [], { BROKER_BASE_URL: 'not a url' }, /BROKER_BASE_URL/]])(
    '2: %s, named, no stack trace, no report of a run that did not happen',
    async (_what, args, env, message) => {
      const { code, stderr } = await broker(['run', '--report-dir', 'never', ...args], {
        cwd: dir,
        env: { ...ENV, ...env },
      });
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(STACK_FRAME);
      expect(existsSync(join(dir, 'never', 'results.json'))).toBe(false);
    },
    60_000,
  );
});

describe('the phases (decision 0008)', () => {
  it('the transfers start once every setting is back, while the settings phase still awaits its purges', async () => {
    const trace = join(dir, 'phases-trace.jsonl');
    const { code } = await broker(['run', '--only', '03|08', '--report-dir', 'phases'], {
      cwd: dir,
      env: { ...ENV, [TRACE_ENV]: trace },
    });
    expect(code).toBe(0);
    const calls = readCalls(join(dir, 'phases'));
    const settings = calls.filter((c) => (c.test ?? '').startsWith('03 '));
    const transfers = calls.filter((c) => (c.test ?? '').startsWith('08 '));
    const lastWrite = Math.max(
      ...settings.filter((c) => c.method === 'PUT').map((c) => c.startedAt + c.durationMs),
    );
    const firstTransfer = Math.min(...transfers.map((c) => c.startedAt));
    // No transfer call while a setting was changed; the settings phase went on beside the transfers.
    expect(firstTransfer).toBeGreaterThanOrEqual(lastWrite);
    const spans = (await readFile(trace, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; label?: string; start: number; end: number })
      .filter((span) => span.kind === 'jest');
    const phase = (label: string) => spans.find((span) => span.label === label);
    expect(phase('transfers')?.start).toBeLessThan(phase('settings')?.end ?? 0);
    expect(settings.some((c) => c.startedAt > firstTransfer)).toBe(true);
  }, 120_000);
});

describe('shards', () => {
  it('the smoke profile in 3 shards, merged: the clauses and verdict of the unsharded run', async () => {
    const run = (name: string, ...args: string[]) =>
      broker(['run', '--profile', 'smoke', '--report-dir', name, ...args], { cwd: dir, env: ENV });
    const whole = await run('whole');
    const shards = [];
    for (const i of [1, 2, 3]) shards.push(await run(`shard${i}`, '--shard', `${i}/3`));
    expect([whole.code, ...shards.map((s) => s.code)]).toEqual([0, 0, 0, 0]);
    const merged = await broker(
      [
        'merge',
        'shard1/results.json',
        'shard3/results.json',
        'shard2/results.json',
        '--report-dir',
        'merged',
      ],
      { cwd: dir, env: ENV },
    );
    expect(merged.code).toBe(0);
    const [a, b] = [await results(join(dir, 'whole')), await results(join(dir, 'merged'))];
    expect(outcomes(b)).toEqual(outcomes(a));
    expect(b.verdict).toEqual(a.verdict);
    expect(existsSync(join(dir, 'merged', 'report.html'))).toBe(true);
    expect(b.coverage.totals.operations.exercised).toBe(a.coverage.totals.operations.exercised);
  }, 300_000);

  it('a merge missing a shard is refused, naming it', async () => {
    const { code, stderr } = await broker(['merge', 'shard1/results.json', 'shard3/results.json'], {
      cwd: dir,
      env: ENV,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('shard 2/3 missing');
  });
});

describe('from another directory, by name', () => {
  it('inside the clone, npx finds its bin by name with no link', async () => {
    const out = join(dir, 'inside');
    const { stdout } = await exec(
      'npx',
      ['--no-install', 'broker-contract', 'run', '--profile', 'smoke', '--only', '02', '--report-dir', out],
      { cwd: join(PROJECT_ROOT, 'examples'), env: ENV, timeout: 120_000 },
    );
    expect(stdout).toContain('PASS:');
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  }, 150_000);

  it('npm link once, then npx broker-contract run from anywhere', async () => {
    const prefix = join(dir, 'npm-prefix');
    await mkdir(prefix, { recursive: true });
    const env = { ...ENV, npm_config_prefix: prefix, npm_config_audit: 'false', npm_config_fund: 'false' };
    await exec('npm', ['link'], { cwd: PROJECT_ROOT, env });
    const elsewhere = join(dir, 'elsewhere');
    await mkdir(elsewhere);
    const { stdout } = await exec(
      'npx',
      [
        '--no-install',
        'broker-contract',
        'run',
        '--profile',
        'smoke',
        '--only',
        '02',
        '--report-dir',
        'gate',
      ],
      {
        cwd: elsewhere,
        env,
        timeout: 120_000,
      },
    );
    expect(stdout).toContain('PASS:');
    expect(existsSync(join(elsewhere, 'gate', 'report.html'))).toBe(true);
  }, 150_000);
});
