/**
 * The exported collection and the sandbox agree: through newman it passes against the
 * conformant sandbox, and against each fault of the catalogue it fails exactly when
 * src/postman/reach.ts says the fault is within a Postman-style walk's reach.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAULTS } from '../../sandbox/faults.js';
import { startSandbox } from '../../sandbox/launcher.js';
import { runNewman } from '../../src/postman/newman.js';
import { POSTMAN_REACH } from '../../src/postman/reach.js';
import { PROJECT_ROOT } from '../helpers/paths.js';

let dir: string;
let environment: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'postman-agreement-'));
  const env = JSON.parse(
    await readFile(join(PROJECT_ROOT, 'postman/broker-contract.postman_environment.json'), 'utf8'),
  ) as { values: unknown[] };
  // Eight attempts (about 9 s of backoff) instead of sixty: the sandbox publishes in milliseconds.
  env.values.push({ key: '_pollMaxAttempts', value: '8', type: 'default', enabled: true });
  environment = join(dir, 'env.json');
  await writeFile(environment, JSON.stringify(env));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function walk(fault?: string) {
  const sandbox = await startSandbox({ timeScale: 1000, ...(fault ? { fault } : {}) });
  try {
    return await runNewman({
      env: sandbox.env,
      envFile: false,
      collection: join(PROJECT_ROOT, 'postman/broker-contract.postman_collection.json'),
      environment,
      reportDir: join(dir, fault ?? 'conformant'),
      log: () => undefined,
    });
  } finally {
    await sandbox.stop();
  }
}

describe('the exported walk through newman', () => {
  // The first run also pays for the sandbox's cold start (keys, spec): more than Jest's default 5 s.
  it('passes against the conformant sandbox', async () => {
    expect((await walk()).exitCode).toBe(0);
  }, 30_000);

  it('has a reach for every fault of the catalogue, and only for those', () => {
    expect(Object.keys(POSTMAN_REACH).sort()).toEqual(FAULTS.map((f) => f.name).sort());
  });

  it.each(FAULTS.map((f) => [f.name, POSTMAN_REACH[f.name]?.walk ?? false] as const))(
    '%s: caught by the walk = %s',
    async (fault, within) => {
      expect((await walk(fault)).exitCode).toBe(within ? 1 : 0);
    },
    30_000,
  );
});
