/** The stop marker of a run that stops at its first failed clause: a skip is no failure (src/run/stop-marker.mjs). */
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError, EnvironmentError, Skipped } from '../../src/errors.js';
import { isFailure, markStopped, STOP_ENV, stopFile, stopReason } from '../../src/run/stop-marker.mjs';
import { RUN_ENV } from '../../src/suite/run-env.js';
import { withTempDir } from '../helpers/temp-dir.js';

describe('what stops a run', () => {
  it.each([
    ['a thrown Skipped', new Skipped('no RECIPIENT2'), false],
    ['a skip from a worker, its prototype gone', { name: 'Skipped', reason: 'no RECIPIENT2' }, false],
    ['a contract failure', new ContractError('RESPONSE_VIOLATION', 'bad body'), true],
    ['an environment failure', new EnvironmentError('HTTP_TIMEOUT', 'slow'), true],
    ['an expect() mismatch', Object.assign(new Error('expected 401'), { matcherResult: {} }), true],
    ['a plain Error', new Error('boom'), true],
    ['a thrown string', 'boom', true],
    ['a thrown undefined', undefined, true],
    ['a message that mentions Skipped', new Error('Skipped'), true],
  ])('%s: %s', (_name, thrown, want) => {
    expect(isFailure(thrown)).toBe(want);
  });
});

describe('the marker', () => {
  const withDir = (work: (dir: string) => Promise<void>) => withTempDir('stop-marker-', work);

  it('is one of the run variables the runner sets', () => {
    expect(RUN_ENV.stopFile).toBe(STOP_ENV);
  });

  it.each([
    ['unset: the run does not stop early', {}, undefined],
    ['empty: the same', { [STOP_ENV]: '' }, undefined],
    ['set: its file', { [STOP_ENV]: '/r/.side-channel/stop' }, '/r/.side-channel/stop'],
  ])('%s', (_name, env, want) => {
    expect(stopFile(env)).toBe(want);
  });

  it('gives no reason until a clause failed, then names that clause', () =>
    withDir(async (dir) => {
      const env = { [STOP_ENV]: join(dir, 'stop') };
      expect(stopReason(env)).toBeUndefined();
      markStopped(join(dir, 'stop'), '"05a-happy-path.test.ts › §4.8 the recipient downloads"');
      expect(stopReason(env)).toBe(
        'not run: this run stops at its first failed clause, and "05a-happy-path.test.ts › §4.8 the recipient downloads" failed',
      );
    }));

  it('keeps the first clause when two workers fail at once', () =>
    withDir(async (dir) => {
      markStopped(join(dir, 'stop'), 'first');
      markStopped(join(dir, 'stop'), 'second');
      expect(await readFile(join(dir, 'stop'), 'utf8')).toBe('first');
    }));

  it('gives no reason in a run that does not stop early, whatever file is there', () =>
    withDir(async (dir) => {
      markStopped(join(dir, 'stop'), 'first');
      expect(stopReason({})).toBeUndefined();
    }));
});
