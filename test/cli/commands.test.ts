/**
 * The command line as a user meets it (`broker-contract`, the package's bin): every subcommand has
 * its help; an unknown subcommand or option gets one line and the usage, exit 2, never a stack trace;
 * `list` names each clause with its step and sections without calling anything, and its shards add up
 * to the whole profile; `cleanup` says what it did and that transfers are left to expire.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS, main } from '../../src/cli/main.js';
import type { Clause } from '../../src/run/list.js';
import { PROFILE_FILES } from '../../src/run/phases.js';
import { broker, STACK_FRAME } from '../helpers/cli.js';

/** main() in this process, its output captured. */
async function inProcess(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broker-contract-commands-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('help and bad command lines', () => {
  it.each(Object.keys(COMMANDS))('%s --help prints its usage and exits 0', async (name) => {
    const { code, out } = await inProcess([name, '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^usage: broker-contract ${name}`));
  });

  it('--help lists every command with its summary', async () => {
    const { code, out } = await inProcess(['--help']);
    expect(code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(out).toMatch(new RegExp(`\\n  ${name} +\\S`));
  });

  it.each([
    ['no command', [], /^usage: broker-contract COMMAND/],
    ['an unknown command', ['frobnicate'], /^broker-contract: unknown command 'frobnicate'\n\nusage:/],
    [
      'an unknown option',
      ['run', '--nope'],
      /^broker-contract run: Unknown option '--nope'.*\n\nusage: broker-contract run/,
    ],
    [
      'a bad profile',
      ['run', '--profile', 'medium'],
      /--profile must be smoke, full or security, got 'medium'/,
    ],
    [
      'a bad shard',
      ['run', '--shard', '4/3'],
      /--shard must be i\/n with 1 ≤ i ≤ n \(e\.g\. 2\/3\), got '4\/3'/,
    ],
    ['a bad --grep', ['run', '--grep', '(('], /--grep is not a regular expression/],
    ['a bad --grep to list', ['list', '--grep', '(('], /--grep is not a regular expression/],
    ['a bad --only to list', ['list', '--only', '[a'], /--only is not a regular expression/],
    [
      'a missing option value',
      ['list', '--profile'],
      /^broker-contract list: Option '--profile <value>' argument missing/,
    ],
    ['a stray argument', ['cleanup', 'extra'], /Unexpected argument 'extra'/],
    ['spec without an action', ['spec'], /spec needs lint or diff/],
    ['merge without files', ['merge'], /merge needs the results.json of each shard/],
    [
      'a self-test with no parallelism',
      ['selftest', '--parallel', '0'],
      /--parallel must be a whole number ≥ 1, got '0'/,
    ],
    [
      'spec diff with one document',
      ['spec', 'diff', 'a.json'],
      /spec diff needs exactly two documents, got 1/,
    ],
    [
      'an unknown sandbox fault',
      ['sandbox', '--fault', 'nope'],
      /unknown fault 'nope'; --list-faults lists them/,
    ],
  ])('%s: one line, the usage, exit 2', async (_what, argv, message) => {
    const { code, err } = await inProcess(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain('usage: broker-contract');
    expect(err).not.toMatch(STACK_FRAME);
  });

  it('a results file that is not one: exit 2 naming it, no stack trace (through the bin)', async () => {
    const { code, stderr } = await broker(['merge', join(dir, 'absent.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(dir, 'absent.json')} cannot be read: it does not exist.`);
    expect(stderr).not.toMatch(STACK_FRAME);
  });
});

describe('list', () => {
  /** From a directory without reports/results.json, so no operations are read. */
  const list = async (...args: string[]) => {
    const run = await broker(['list', '--json', ...args], { cwd: dir });
    return { ...run, clauses: run.code === 0 ? (JSON.parse(run.stdout) as Clause[]) : [] };
  };

  it('a --results file that cannot be read is named', async () => {
    const { code, stderr } = await list('--profile', 'smoke', '--results', join(dir, 'none.json'));
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(dir, 'none.json')} cannot be read: it does not exist.`);
  });

  it('lists the clauses of the smoke profile with their step and CONTRACT.md sections', async () => {
    const { code, clauses } = await list('--profile', 'smoke');
    expect(code).toBe(0);
    const files = [...new Set(clauses.map((c) => c.file))];
    const smoke = PROFILE_FILES.smoke;
    expect(smoke).not.toBe('all');
    expect(files.map((f) => [...smoke].find((prefix) => f.startsWith(`suites/${prefix}`)))).toEqual(smoke);
    expect(clauses.every((c) => c.step !== '' && c.clause !== '' && c.operations === undefined)).toBe(true);
    const registered = clauses.find((c) => c.clause.startsWith('§8.1 the service owner is registered'));
    expect(registered?.sections).toEqual(['8.1', '8.3']);
  }, 60_000);

  it('the shards of a profile add up to the whole, each clause once', async () => {
    // The security profile: four files over three shards, one of them with two (cheaper than full).
    const [whole, ...shards] = await Promise.all([
      list('--profile', 'security'),
      ...[1, 2, 3].map((i) => list('--profile', 'security', '--shard', `${i}/3`)),
    ]);
    const names = (clauses: Clause[] = []) => clauses.map((c) => `${c.file} ${c.fullName}`);
    const union = shards.flatMap((s) => names(s.clauses));
    expect(whole?.clauses.length).toBeGreaterThan(100);
    // A shard that failed shows what it printed.
    expect(shards.map((s) => (s.code === 0 && s.clauses.length > 0 ? 'listed' : s.stderr))).toEqual([
      'listed',
      'listed',
      'listed',
    ]);
    expect(new Set(union).size).toBe(union.length);
    expect([...union].sort()).toEqual(names(whole?.clauses).sort());
  }, 120_000);

  it('--grep narrows by clause name, as run --grep does', async () => {
    const { code, clauses } = await list('--profile', 'smoke', '--grep', 'no token gets 401');
    expect(code).toBe(0);
    expect(clauses.length).toBeGreaterThan(0);
    expect(clauses.every((c) => /no token gets 401/i.test(c.fullName))).toBe(true);
  }, 60_000);
});

describe('sandbox', () => {
  it.each([
    ['--list-faults', /\n\d+ faults; switch one on with SANDBOX_FAULT=<name> or --fault <name>\.\n$/],
    ['--list-conditions', /\n\d+ conditions; they combine/],
  ])('%s prints the catalogue and exits 0', async (option, last) => {
    const { code, stdout } = await broker(['sandbox', option]);
    expect(code).toBe(0);
    expect(stdout).toMatch(last);
  });
});

describe('cleanup', () => {
  it('with nothing on record: says so, and that transfers are left to expire', async () => {
    const { code, stdout } = await broker(['cleanup', '--report-dir', dir], {
      env: { ...process.env, BROKER_BASE_URL: '' },
    });
    expect(code).toBe(0);
    expect(stdout).toContain(`subscriptions: none on record in ${join(dir, '.subscriptions.json')}`);
    expect(stdout).toContain('transfers: left to expire');
  });
});
