/**
 * The suites' Jest plug-ins in a real Jest (suites/support/environment.mjs, runner.mjs, sequencer.mjs):
 * a run that stops at its first failed clause stops at a failure and never at a skip, starts no file
 * after it and reports such a file as skipped with the failed clause's name; the runner's order is the
 * order run; a phase behind its gate starts nothing until the gate opens; the files of one worker
 * share its cache; each file is marked released as it ends; without the runner's variables nothing
 * changes.
 */
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { caseResults, type JestFile } from '../../src/report/results.js';
import { ORDER_ENV } from '../../src/run/file-order.mjs';
import { GATE_ENV, GATE_OWNER_ENV, openGate } from '../../src/run/phase-gate.mjs';
import { RELEASE_ENV } from '../../src/run/phase-release.mjs';
import { STOP_ENV } from '../../src/run/stop-marker.mjs';
import { PROJECT_ROOT } from '../helpers/paths.js';

const exec = promisify(execFile);
const support = (name: string) => join(PROJECT_ROOT, 'suites/support', name);

/** What suites/support/hooks.ts does once the marker is there. */
const SETUP = `
  import { stopReason } from '${join(PROJECT_ROOT, 'src/run/stop-marker.mjs')}';
  beforeEach(() => {
    const reason = stopReason(process.env);
    if (reason !== undefined) throw Object.assign(new Error(reason), { name: 'Skipped', reason });
  });`;

/** Test files as plain ESM with Jest's globals, each clause passing, skipping or failing. */
const FILES: Record<string, string> = {
  'a-skips.test.mjs': `
    test('a1 skipped', () => { throw Object.assign(new Error('no RECIPIENT2'), { name: 'Skipped', reason: 'no RECIPIENT2' }); });
    test('a2 passes', () => {});`,
  'b-fails.test.mjs': `
    test('b1 passes', () => {});
    test('b2 fails', () => { throw new Error('expected 401, got 200'); });
    test('b3 after the failure', () => {});`,
  'c-passes.test.mjs': `
    test('c1 passes', () => {});`,
  'd-hook-fails.test.mjs': `
    afterAll(() => { throw new Error('the cleanup failed'); });
    test('d1 passes', () => {});`,
};

/** Node's arguments for Jest with `config` in `workers` workers. */
const jestArgs = (config: object, workers: number): string[] => [
  '--experimental-vm-modules',
  '--no-warnings=ExperimentalWarning',
  join(PROJECT_ROOT, 'node_modules/jest/bin/jest.js'),
  '--config',
  JSON.stringify(config),
  '--maxWorkers',
  String(workers),
];

async function runJest(
  env: Record<string, string>,
  { files = FILES, workers = 1 }: { files?: Record<string, string>; workers?: number } = {},
): Promise<{ cases: string[]; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'stop-plugins-'));
  for (const [name, text] of Object.entries({ ...files, 'setup.mjs': SETUP }))
    await writeFile(join(dir, name), text);
  const outputFile = join(dir, 'results.json');
  const config = {
    rootDir: dir,
    testMatch: ['<rootDir>/*.test.mjs'],
    transform: {},
    setupFilesAfterEnv: ['<rootDir>/setup.mjs'],
    testEnvironment: support('environment.mjs'),
    runner: support('runner.mjs'),
    testSequencer: support('sequencer.mjs'),
    reporters: [[support('results.mjs'), { outputFile }]],
    cacheDirectory: join(dir, 'cache'),
  };
  await exec(process.execPath, jestArgs(config, workers), {
    cwd: dir,
    env: { ...process.env, ...env },
  }).catch(() => undefined);
  const results = JSON.parse(await readFile(outputFile, 'utf8')) as JestFile[];
  const cases = caseResults(results, dir).map(
    (c) => `${c.file} ${c.clause}: ${c.outcome}${c.outcome === 'skipped' ? ` (${c.reason})` : ''}`,
  );
  return { cases, dir };
}

describe('a run that stops at its first failed clause', () => {
  it.each([
    [
      'stops at the failure, not at the skip before it; the file after it is not started',
      'a-skips.test.mjs,b-fails.test.mjs,c-passes.test.mjs',
      [
        'a-skips.test.mjs a1 skipped: skipped (no RECIPIENT2)',
        'a-skips.test.mjs a2 passes: passed',
        'b-fails.test.mjs b1 passes: passed',
        'b-fails.test.mjs b2 fails: failed',
        'b-fails.test.mjs b3 after the failure: skipped (not run: this run stops at its first failed clause, and "b-fails.test.mjs › b2 fails" failed)',
        'c-passes.test.mjs (suite set-up): skipped (not run: this run stops at its first failed clause, and "b-fails.test.mjs › b2 fails" failed)',
        'd-hook-fails.test.mjs (suite set-up): skipped (not run: this run stops at its first failed clause, and "b-fails.test.mjs › b2 fails" failed)',
      ],
    ],
    [
      'a failing hook stops it too',
      'd-hook-fails.test.mjs,c-passes.test.mjs',
      [
        'd-hook-fails.test.mjs (suite set-up): failed',
        'd-hook-fails.test.mjs d1 passes: passed',
        'c-passes.test.mjs (suite set-up): skipped (not run: this run stops at its first failed clause, and the afterAll hook of "d-hook-fails.test.mjs" failed)',
        'a-skips.test.mjs (suite set-up): skipped (not run: this run stops at its first failed clause, and the afterAll hook of "d-hook-fails.test.mjs" failed)',
        'b-fails.test.mjs (suite set-up): skipped (not run: this run stops at its first failed clause, and the afterAll hook of "d-hook-fails.test.mjs" failed)',
      ],
    ],
    [
      'runs the files in the order named, the unnamed after them',
      'c-passes.test.mjs,a-skips.test.mjs,b-fails.test.mjs',
      [
        'c-passes.test.mjs c1 passes: passed',
        'a-skips.test.mjs a1 skipped: skipped (no RECIPIENT2)',
        'a-skips.test.mjs a2 passes: passed',
        'b-fails.test.mjs b1 passes: passed',
        'b-fails.test.mjs b2 fails: failed',
        'b-fails.test.mjs b3 after the failure: skipped (not run: this run stops at its first failed clause, and "b-fails.test.mjs › b2 fails" failed)',
        'd-hook-fails.test.mjs (suite set-up): skipped (not run: this run stops at its first failed clause, and "b-fails.test.mjs › b2 fails" failed)',
      ],
    ],
  ])('%s', async (_name, order, want) => {
    const stop = join(tmpdir(), `stop-plugins-marker-${process.pid}-${Math.random()}`);
    const { cases, dir } = await runJest({ [STOP_ENV]: stop, [ORDER_ENV]: order });
    try {
      expect(cases).toEqual(want);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(stop, { force: true });
    }
  });

  it('without the runner variables, every clause runs', async () => {
    const { cases, dir } = await runJest({});
    try {
      expect([...cases].sort()).toEqual([
        'a-skips.test.mjs a1 skipped: skipped (no RECIPIENT2)',
        'a-skips.test.mjs a2 passes: passed',
        'b-fails.test.mjs b1 passes: passed',
        'b-fails.test.mjs b2 fails: failed',
        'b-fails.test.mjs b3 after the failure: passed',
        'c-passes.test.mjs c1 passes: passed',
        'd-hook-fails.test.mjs (suite set-up): failed',
        'd-hook-fails.test.mjs d1 passes: passed',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('in two workers, the file running beside the failure finishes its clause and skips the rest', async () => {
    const stop = join(tmpdir(), `stop-plugins-marker-${process.pid}-${Math.random()}`);
    // Each waits for the other (a file up to 30 s), so that b2 fails while c1 runs, however the
    // workers are scheduled.
    const until = (what: string) => `
      for (let i = 0; i < 300 && !existsSync(${what}); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));`;
    const files = {
      'b-fails.test.mjs': `
        import { existsSync, readdirSync, readFileSync } from 'node:fs';
        test('b1 passes', async () => {${until(`process.env.${STOP_ENV} + '.c1'`)}
        });
        test('b2 fails', () => { throw new Error('expected 401, got 200'); });
        test('b3 after the failure', () => {});`,
      'c-beside.test.mjs': `
        import { existsSync, writeFileSync } from 'node:fs';
        test('c1 running as the other fails', async () => {
          writeFileSync(process.env.${STOP_ENV} + '.c1', '');${until(`process.env.${STOP_ENV}`)}
        });
        test('c2 after the failure', () => {});`,
      'e-later.test.mjs': `test('e1 passes', () => {});`,
    };
    const { cases, dir } = await runJest(
      { [STOP_ENV]: stop, [ORDER_ENV]: 'b-fails.test.mjs,c-beside.test.mjs,e-later.test.mjs' },
      { files, workers: 2 },
    );
    const because =
      'not run: this run stops at its first failed clause, and "b-fails.test.mjs › b2 fails" failed';
    try {
      expect([...cases].sort()).toEqual([
        'b-fails.test.mjs b1 passes: passed',
        'b-fails.test.mjs b2 fails: failed',
        `b-fails.test.mjs b3 after the failure: skipped (${because})`,
        'c-beside.test.mjs c1 running as the other fails: passed',
        `c-beside.test.mjs c2 after the failure: skipped (${because})`,
        `e-later.test.mjs (suite set-up): skipped (${because})`,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(stop, { force: true });
      await rm(`${stop}.c1`, { force: true });
    }
  });
});

describe("a phase's release (src/run/phase-release.mjs)", () => {
  it('marks each file as it ends, whether its clauses passed or failed or it did not load', async () => {
    const released = join(tmpdir(), `stop-plugins-released-${process.pid}-${Math.random()}`);
    const files = { ...FILES, 'e-does-not-load.test.mjs': `throw new Error('a syntax error, say');` };
    const { dir } = await runJest({ [RELEASE_ENV]: released }, { files });
    try {
      expect(readdirSync(released).sort()).toEqual(Object.keys(files).sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(released, { recursive: true, force: true });
    }
  });

  it('in a run that stops at its first failure, a file that does not load writes the stop marker', async () => {
    const released = join(tmpdir(), `stop-plugins-released-${process.pid}-${Math.random()}`);
    const stop = join(tmpdir(), `stop-plugins-marker-${process.pid}-${Math.random()}`);
    const files = {
      'e-does-not-load.test.mjs': `throw new Error('a syntax error, say');`,
      'c-passes.test.mjs': FILES['c-passes.test.mjs'] as string,
    };
    const { cases, dir } = await runJest(
      { [RELEASE_ENV]: released, [STOP_ENV]: stop, [ORDER_ENV]: 'e-does-not-load.test.mjs' },
      { files },
    );
    try {
      const reason =
        'not run: this run stops at its first failed clause, and the file "e-does-not-load.test.mjs" (it did not run to its end) failed';
      expect(cases).toEqual([
        'e-does-not-load.test.mjs (suite set-up): failed',
        `c-passes.test.mjs (suite set-up): skipped (${reason})`,
      ]);
      expect(readdirSync(released).sort()).toEqual(Object.keys(files).sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(released, { recursive: true, force: true });
      await rm(stop, { force: true });
    }
  });
});

describe('a phase started behind its gate', () => {
  const gateModule = JSON.stringify(join(PROJECT_ROOT, 'src/run/phase-gate.mjs'));

  it('loads its files at once, runs no clause until the gate opens, and its files see what it brought', async () => {
    const gate = join(tmpdir(), `stop-plugins-gate-${process.pid}-${Math.random()}`);
    const loaded = (n: number) => `${gate}.loaded-${n}`;
    const ran = `${gate}.ran`;
    // As every suite file does through src/suite/context.ts: pass the gate before any clause.
    const file = (n: number) => `
        import { writeFileSync } from 'node:fs';
        import { passGate } from ${gateModule};
        writeFileSync(${JSON.stringify(loaded(n))}, '');
        await passGate(process.env);
        test('g${n} sees the setup', () => {
          writeFileSync(${JSON.stringify(ran)}, '');
          expect(process.env.GATED_SETUP).toBe('{"steps":[]}');
        });`;
    const files = { 'g1-gated.test.mjs': file(1), 'g2-gated.test.mjs': file(2) };
    const run = runJest({ [GATE_ENV]: gate }, { files, workers: 2 });
    try {
      // Both workers started and loaded their files before the gate opened; neither ran a clause.
      const deadline = Date.now() + 20_000;
      while (!(existsSync(loaded(1)) && existsSync(loaded(2))) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect([existsSync(loaded(1)), existsSync(loaded(2)), existsSync(ran)]).toEqual([true, true, false]);
      openGate(gate, { GATED_SETUP: '{"steps":[]}' });
      const { cases, dir } = await run;
      await rm(dir, { recursive: true, force: true });
      // In the order the two workers finished.
      expect([...cases].sort()).toEqual([
        'g1-gated.test.mjs g1 sees the setup: passed',
        'g2-gated.test.mjs g2 sees the setup: passed',
      ]);
    } finally {
      openGate(gate);
      await run.catch(() => undefined);
      await rm(gate, { force: true });
      for (const path of [loaded(1), loaded(2), ran]) await rm(path, { force: true });
    }
  }, 60_000);

  it('ends, workers and all, when the process that started it is gone before opening the gate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stop-plugins-orphan-'));
    const gate = join(dir, 'gate-0');
    try {
      const waiting = (n: number) => `
        import { writeFileSync } from 'node:fs';
        import { passGate } from ${gateModule};
        writeFileSync(${JSON.stringify(join(dir, `loaded-${n}`))}, '');
        await passGate(process.env);
        test('o${n}', () => {});`;
      const files = { 'o1-waits.test.mjs': waiting(1), 'o2-waits.test.mjs': waiting(2) };
      for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
      const config = {
        rootDir: dir,
        testMatch: ['<rootDir>/*.test.mjs'],
        transform: {},
        runner: support('runner.mjs'),
        cacheDirectory: join(dir, 'cache'),
      };
      // A stand-in for the runner: starts Jest as the runner does (a group leader, its pid as the
      // gate's owner), waits until both workers have loaded their files, then dies without opening it.
      const standIn = `
        const { existsSync } = require('node:fs');
        const { spawn } = require('node:child_process');
        const jest = spawn(process.execPath, ${JSON.stringify(jestArgs(config, 2))},
          { cwd: ${JSON.stringify(dir)}, env: { ...process.env, ${GATE_ENV}: ${JSON.stringify(gate)}, ${GATE_OWNER_ENV}: String(process.pid) }, detached: true, stdio: 'ignore' });
        const loaded = ${JSON.stringify([1, 2].map((n) => join(dir, `loaded-${n}`)))};
        const look = setInterval(() => { if (loaded.every((f) => existsSync(f))) { console.log(jest.pid); process.exit(0); } }, 50);`;
      const { stdout } = await exec(process.execPath, ['-e', standIn], { timeout: 30_000 });
      const group = Number(stdout.trim());
      expect(group).toBeGreaterThan(0);
      const groupAlive = () =>
        readdirSync('/proc')
          .filter((p) => /^\d+$/.test(p))
          .some((p) => {
            try {
              return readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ')[2] === String(group);
            } catch {
              return false;
            }
          });
      const deadline = Date.now() + 10_000;
      while (groupAlive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(groupAlive()).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("a worker's cache", () => {
  it('outlives each file: a later file of the same worker sees what an earlier one put there', async () => {
    const key = "Symbol.for('broker-contract:worker-cache')";
    const files = {
      'h1-first.test.mjs': `test('h1 puts', () => { globalThis[${key}].set('validator', 'made by h1'); });`,
      'h2-second.test.mjs': `test('h2 finds', () => { expect(globalThis[${key}].get('validator')).toBe('made by h1'); });`,
    };
    const { cases, dir } = await runJest(
      { [ORDER_ENV]: 'h1-first.test.mjs,h2-second.test.mjs' },
      { files, workers: 1 },
    );
    await rm(dir, { recursive: true, force: true });
    expect(cases).toEqual(['h1-first.test.mjs h1 puts: passed', 'h2-second.test.mjs h2 finds: passed']);
  });

  it('holds Ajv and jose as Node loaded them once: the same modules in every file, not a copy each', async () => {
    const ajv = "globalThis[Symbol.for('broker-contract:ajv')]()";
    const jose = "globalThis[Symbol.for('broker-contract:jose')]";
    const files = {
      'n1-first.test.mjs': `test('n1 keeps them', () => {
        expect(typeof ${ajv}.Ajv2020).toBe('function');
        expect(typeof ${ajv}.addFormats).toBe('function');
        expect(typeof ${jose}.SignJWT).toBe('function');
        globalThis[Symbol.for('broker-contract:worker-cache')].set('seen', [${ajv}.Ajv2020, ${jose}.decodeJwt]);
      });`,
      'n2-second.test.mjs': `test('n2 gets the same', () => {
        const [Ajv2020, decodeJwt] = globalThis[Symbol.for('broker-contract:worker-cache')].get('seen');
        expect(${ajv}.Ajv2020).toBe(Ajv2020);
        expect(${jose}.decodeJwt).toBe(decodeJwt);
      });`,
    };
    const { cases, dir } = await runJest(
      { [ORDER_ENV]: 'n1-first.test.mjs,n2-second.test.mjs' },
      { files, workers: 1 },
    );
    await rm(dir, { recursive: true, force: true });
    expect(cases).toEqual([
      'n1-first.test.mjs n1 keeps them: passed',
      'n2-second.test.mjs n2 gets the same: passed',
    ]);
  });
});
