/**
 * A Broker that accepts connections and never answers (a hung process behind a load balancer): the
 * smoke profile says within one request time limit that the Broker at that URL does not answer, with
 * what timed out and after how long, skips what remains with that reason, cleans up and exits 2. The
 * measure is how many requests the silent Broker was sent: one time limit per run, not per clause.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REQUEST_TIMEOUT_MS } from '../../src/defaults.js';
import type { ResultsFile } from '../../src/report/results-file.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import { broker } from '../helpers/cli.js';
import { writeEnvFile } from '../helpers/sandbox-env.js';

let dir: string;
let sandbox: RunningSandbox;
let silent: Server;
let requests = 0;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broker-contract-silent-'));
  // Maskinporten, the token exchange and the events service still answer: only the Broker is silent.
  sandbox = await startSandbox();
  silent = createServer((socket) => socket.once('data', () => (requests += 1)));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await writeEnvFile(join(dir, 'silent.env'), { ...sandbox.env, BROKER_BASE_URL: origin });
});

afterAll(async () => {
  silent.close();
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

it('smoke against a silent Broker: one time limit, then every Broker clause skipped with the reason, exit 2', async () => {
  const { code, stdout } = await broker(
    ['run', '--profile', 'smoke', '--env-file', join(dir, 'silent.env'), '--report-dir', 'out'],
    { cwd: dir, env: { ...process.env, BROKER_OPENAPI: '' }, timeoutMs: 3 * REQUEST_TIMEOUT_MS },
  );
  expect(code).toBe(2);
  const said = `the Broker at ${origin} does not answer: getServiceOwner (GET /broker/api/v1/serviceowner): no answer within ${REQUEST_TIMEOUT_MS} ms.`;
  expect(stdout).toContain(said);
  const results = JSON.parse(await readFile(join(dir, 'out', 'results.json'), 'utf8')) as ResultsFile;
  const failed = results.cases.filter((c) => c.outcome === 'failed');
  expect(failed.map((c) => [c.family, c.file])).toEqual([['environment', 'suites/00-setup.test.ts']]);
  // Every clause that needed the Broker is skipped with that reason, or with the setup's that says it
  // (and the smoke profile's writes as always).
  const skipped = results.cases.filter((c) => c.outcome === 'skipped');
  expect(skipped.length).toBeGreaterThan(20);
  for (const c of skipped)
    expect(c.reason).toMatch(/does not answer|no answer within|read-only in the smoke profile/);
  // The passes are the clauses that call no Broker (Maskinporten tokens).
  for (const c of results.cases.filter((x) => x.outcome === 'passed')) expect(c.operations).toEqual([]);
  // One time limit for the run: the setup's first call; nothing was sent after it.
  expect(requests).toBe(1);
  // Cleaned up: the event subscriptions deleted, so the ledger holds none.
  const ledger = join(dir, 'out', '.subscriptions.json');
  if (existsSync(ledger)) expect(JSON.parse(await readFile(ledger, 'utf8'))).toEqual({ entries: [] });
}, 240_000);
