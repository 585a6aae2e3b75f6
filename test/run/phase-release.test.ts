/** When a phase lets the next one start (src/run/phase-release.mjs). */
import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  allReleased,
  markReleased,
  RELEASE_ENV,
  releaseDir,
  watchRelease,
} from '../../src/run/phase-release.mjs';
import { RUN_ENV } from '../../src/suite/run-env.js';
import { withTempDir } from '../helpers/temp-dir.js';

const withDir = (work: (dir: string) => Promise<void>) => withTempDir('phase-release-', work);
const FILES = ['03a-resource-settings.test.ts', '03b-resource-effects.test.ts'];

describe('the release of a phase', () => {
  it('is one of the run variables, and absent or empty means nothing is marked', () =>
    withDir(async (dir) => {
      expect(RUN_ENV.release).toBe(RELEASE_ENV);
      expect(releaseDir({ [RELEASE_ENV]: '' })).toBeUndefined();
      markReleased({}, FILES[0] as string);
      markReleased({ [RELEASE_ENV]: '' }, FILES[0] as string);
      expect(existsSync(join(dir, FILES[0] as string))).toBe(false);
    }));

  it('is marked by file name, from a path or a name, twice harmlessly, and counts every file', () =>
    withDir(async (dir) => {
      const env = { [RELEASE_ENV]: join(dir, 'released-0') };
      markReleased(env, `/work/main/suites/${FILES[0]}`);
      expect(allReleased(join(dir, 'released-0'), FILES)).toBe(false);
      markReleased(env, FILES[1] as string);
      markReleased(env, FILES[1] as string);
      expect(allReleased(join(dir, 'released-0'), FILES)).toBe(true);
      expect(allReleased(join(dir, 'released-0'), [...FILES, '05a-happy-path.test.ts'])).toBe(false);
    }));

  it('is awaited until the last file is marked, and not at all once the watch stops', () =>
    withDir(async (dir) => {
      const env = { [RELEASE_ENV]: join(dir, 'released-0') };
      let released = false;
      const watch = watchRelease(join(dir, 'released-0'), FILES, { pollMs: 5 });
      void watch.released.then(() => (released = true));
      markReleased(env, FILES[0] as string);
      await new Promise((resolve) => setTimeout(resolve, 40));
      expect(released).toBe(false);
      markReleased(env, FILES[1] as string);
      await watch.released;
      expect(released).toBe(true);

      let late = false;
      const stopped = watchRelease(join(dir, 'released-1'), FILES, { pollMs: 5 });
      void stopped.released.then(() => (late = true));
      stopped.stop();
      for (const file of FILES) markReleased({ [RELEASE_ENV]: join(dir, 'released-1') }, file);
      await new Promise((resolve) => setTimeout(resolve, 40));
      expect(late).toBe(false);
    }));
});
