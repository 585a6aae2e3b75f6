/** The runner's Jest child (src/run/jest.ts): when it writes no results, a quiet run still shows why. */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJest } from '../../src/run/jest.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broker-contract-jest-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a quiet Jest that writes no results', () => {
  it('fails naming the run, with the end of its stderr on ours', async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      // Node itself refuses to start it: nothing runs, nothing is written.
      const env = { ...process.env, NODE_OPTIONS: `--require ${join(dir, 'absent-preload.cjs')}` };
      const outputFile = join(dir, 'results.json');
      await expect(
        runJest({ files: ['01-access.test.ts'], quiet: true, outputFile }, env, 'probing'),
      ).rejects.toMatchObject({
        code: 'JEST_NO_RESULTS',
        message: expect.stringContaining(`Jest wrote no results to ${outputFile} (probing).`),
      });
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toContain(`Cannot find module '${join(dir, 'absent-preload.cjs')}'`);
  }, 30_000);
});
