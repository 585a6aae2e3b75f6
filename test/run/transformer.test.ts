import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { ROOT } from '../../src/run/jest.js';
import { createTransformer } from '../../suites/support/transformer.mjs';

const OPTIONS = { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } };
const SOURCE = 'export const n: number = 1;\n';
type JestOptions = Parameters<NonNullable<ReturnType<typeof createTransformer>['getCacheKey']>>[2];
// The options Jest hands a transformer; only these fields are read here and by @swc/jest.
const jestOptions = (configString = '{"rootDir":"/x"}') =>
  ({ configString, instrument: false, supportsStaticESM: true }) as unknown as JestOptions;

describe('the suites’ transformer (suites/support/transformer.mjs)', () => {
  it('keys a file by its text, its path and the configuration', () => {
    const t = createTransformer(OPTIONS);
    const key = t.getCacheKey?.(SOURCE, '/x/a.ts', jestOptions());
    expect(key).toMatch(/^[0-9a-f]{40}$/);
    expect(t.getCacheKey?.(SOURCE, '/x/a.ts', jestOptions())).toBe(key);
    expect(t.getCacheKey?.(`${SOURCE} `, '/x/a.ts', jestOptions())).not.toBe(key);
    expect(t.getCacheKey?.(SOURCE, '/x/b.ts', jestOptions())).not.toBe(key);
    expect(t.getCacheKey?.(SOURCE, '/x/a.ts', jestOptions('{"rootDir":"/y"}'))).not.toBe(key);
    expect(
      createTransformer({ ...OPTIONS, minify: true }).getCacheKey?.(SOURCE, '/x/a.ts', jestOptions()),
    ).not.toBe(key);
  });

  it('transpiles with @swc/jest, and keys the next file as before (it changes the options it is given)', () => {
    const t = createTransformer(OPTIONS);
    const before = t.getCacheKey?.(SOURCE, '/x/a.ts', jestOptions());
    const out = t.process(SOURCE, '/x/a.ts', jestOptions());
    expect(typeof out === 'string' ? out : out.code).toMatch(/export const n = 1;/);
    expect(t.getCacheKey?.(SOURCE, '/x/a.ts', jestOptions())).toBe(before);
  });

  it('loads no compiler to key a file', () => {
    const script = `
      const { createTransformer } = await import('./suites/support/transformer.mjs');
      createTransformer({}).getCacheKey('x', '/a.ts', { configString: '{}' });
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((p) => p.includes('@swc') && !p.endsWith('package.json'));
      console.log(JSON.stringify(loaded));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual([]);
  });
});
