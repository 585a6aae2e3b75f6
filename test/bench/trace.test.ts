import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrace } from '../../scripts/bench/verdict.js';
import { trace, traced, TRACE_ENV, tracing } from '../../src/trace.js';

describe('trace', () => {
  const saved = process.env[TRACE_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[TRACE_ENV];
    else process.env[TRACE_ENV] = saved;
  });

  it('writes nothing while the variable is unset', async () => {
    delete process.env[TRACE_ENV];
    expect(tracing()).toBe(false);
    trace({ kind: 'wait', start: 1, end: 2 });
    await expect(traced('wait', async () => 7)).resolves.toBe(7);
  });

  it('appends one line per span with the pid, and traces a failed step too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trace-test-'));
    try {
      const file = join(dir, 'trace.jsonl');
      process.env[TRACE_ENV] = file;
      trace({ kind: 'transition', start: 5, end: 5, id: 'abc', label: 'Published' });
      await expect(
        traced('auth', () => Promise.reject(new Error('no token')), { label: 'SENDER' }),
      ).rejects.toThrow('no token');
      const spans = await readTrace(file);
      expect(spans).toHaveLength(2);
      expect(spans[0]).toEqual({
        kind: 'transition',
        start: 5,
        end: 5,
        id: 'abc',
        label: 'Published',
        pid: process.pid,
      });
      expect(spans[1]).toMatchObject({ kind: 'auth', label: 'SENDER', pid: process.pid });
      expect(spans[1]?.end).toBeGreaterThanOrEqual(spans[1]?.start ?? Infinity);
      expect((await readFile(file, 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a missing trace as no spans', async () => {
    await expect(readTrace(join(tmpdir(), 'no-such-trace.jsonl'))).resolves.toEqual([]);
  });
});
