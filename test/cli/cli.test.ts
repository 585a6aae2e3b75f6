import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { broker } from '../helpers/cli.js';
import { PROJECT_ROOT, PUBLISHED_SPEC } from '../helpers/paths.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a development script the way its npm script does (tsx), and never throws. */
function run(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
      [join(PROJECT_ROOT, 'src/cli', script), ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, BROKER_OPENAPI: '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const NO_STACK = /\n\s+at \S+ \(/;
const doc = (schema: object) =>
  JSON.stringify({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/a': {
        get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } } },
      },
    },
  });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broker-contract-cli-'));
  await writeFile(
    join(dir, 'old.json'),
    doc({ type: 'object', required: ['a'], properties: { a: { type: 'string' } } }),
  );
  await writeFile(join(dir, 'new.json'), doc({ type: 'object', properties: { b: { type: 'string' } } }));
  await writeFile(
    join(dir, 'wider.json'),
    doc({ type: 'object', required: ['a'], properties: { a: { type: 'string' }, c: { type: 'integer' } } }),
  );
  await writeFile(join(dir, 'stale.ts'), '// not what the generator writes\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('spec lint', () => {
  it('stops on the published document with its located defect, no stack trace', async () => {
    const { code, stderr } = await broker(['spec', 'lint', PUBLISHED_SPEC]);
    expect(code).toBe(2);
    expect(stderr).toContain("line 1097, column 11: trailing comma before '}'");
    expect(stderr).toContain('--lenient');
    expect(stderr).not.toMatch(NO_STACK);
  });

  it('loads it with --lenient and lists the repairs', async () => {
    const { code, stdout } = await broker(['spec', 'lint', PUBLISHED_SPEC, '--lenient']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/repaired \(30\)/);
    expect(stdout).toMatch(/12 operations, 8 webhooks/);
  });

  it('loads the bundled spec by default', async () => {
    const { code, stdout } = await broker(['spec', 'lint']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/spec\/broker-api\.yaml: OpenAPI 3\.1\.0, 21 operations, 8 webhooks/);
  });
});

describe('spec diff', () => {
  it('exits 1 on a breaking change and prints the table', async () => {
    const { code, stdout } = await broker(['spec', 'diff', join(dir, 'old.json'), join(dir, 'new.json')]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/breaking\s+property-removed/);
    expect(stdout).toMatch(/1 breaking, 1 non-breaking/);
  });

  it('exits 0 when nothing breaks', async () => {
    const { code, stdout } = await broker(['spec', 'diff', join(dir, 'old.json'), join(dir, 'wider.json')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/0 breaking, 1 non-breaking/);
  });

  it.each([
    ['one document', ['a.json'], /exactly two documents/],
    ['a document that does not exist', ['/nonexistent.json', '/nonexistent.json'], /no such file/],
  ])('exits 2 given %s', async (_name, args, message) => {
    const { code, stderr } = await broker(['spec', 'diff', ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(NO_STACK);
  });
});

describe('generate --check', () => {
  it('fails on stale types, naming the command that fixes them', async () => {
    const { code, stderr } = await run('generate-types.ts', ['--check', '--target', join(dir, 'stale.ts')]);
    expect(code).toBe(1);
    expect(stderr).toContain('npm run generate');
  });
});
