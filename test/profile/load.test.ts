import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EnvironmentError } from '../../src/errors.js';
import { loadProfile, readVariables } from '../../src/profile/load.js';
import { staticVars } from './vars.js';

let dir: string;
let envFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'profile-test-'));
  envFile = join(dir, 'test.env');
  const lines = Object.entries(staticVars()).map(([name, value]) => `${name}=${value}`);
  await writeFile(
    envFile,
    [...lines, 'BROKER_RESOURCE_ID=from-file', 'BROKER_ENV_NAME=from-file', 'UNRELATED=ignored', ''].join(
      '\n',
    ),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('loadProfile: where variables come from', () => {
  // prettier-ignore
  const rows: [string, Record<string, string | undefined>, string, string][] = [
    ['the file fills what the process environment lacks', {}, 'from-file', 'from-file'],
    ['the process environment wins over the file', { BROKER_RESOURCE_ID: 'from-env' }, 'from-env', 'from-file'],
    ['an empty process variable counts as unset', { BROKER_RESOURCE_ID: '', BROKER_ENV_NAME: ' ' }, 'from-file', 'from-file'],
  ];
  it.each(rows)('%s', async (_rule, env, resourceId, envName) => {
    const profile = await loadProfile({ env, envFile, envFileRequired: true });
    expect([profile.resourceId, profile.envName]).toEqual([resourceId, envName]);
  });

  it('reads only ENVIRONMENT.md variables and leaves process.env alone', async () => {
    const vars = await readVariables({ env: {}, envFile });
    expect(vars).not.toHaveProperty('UNRELATED');
    expect(process.env.BROKER_RESOURCE_ID).toBeUndefined();
    expect(process.env.UNRELATED).toBeUndefined();
  });

  it('a missing default .env is fine', async () => {
    const profile = await loadProfile({ env: staticVars(), envFile: join(dir, 'absent.env') });
    expect(profile.resourceId).toBe('broker-contract-tests');
  });

  it('a missing --env-file is an EnvironmentError naming the path', async () => {
    const path = join(dir, 'typo.env');
    const failure = loadProfile({ env: staticVars(), envFile: path, envFileRequired: true });
    await expect(failure).rejects.toBeInstanceOf(EnvironmentError);
    await expect(failure).rejects.toMatchObject({
      code: 'ENV_FILE_MISSING',
      message: expect.stringContaining(path),
    });
  });

  it('an unreadable --env-file (a directory) is an EnvironmentError too', async () => {
    await expect(loadProfile({ env: {}, envFile: dir, envFileRequired: true })).rejects.toMatchObject({
      code: 'ENV_FILE_UNREADABLE',
    });
  });

  it('validation runs on the merged variables', async () => {
    await expect(loadProfile({ env: { SENDER_ORG: 'abc' }, envFile })).rejects.toMatchObject({
      code: 'ENV_INVALID',
      message: expect.stringContaining("SENDER_ORG: 'abc' is not 9 digits"),
    });
  });
});
