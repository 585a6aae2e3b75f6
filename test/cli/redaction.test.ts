/**
 * No secret reaches a report or the console: a run through the bin against a sandbox that breaks a
 * download (so failures carry their calls as evidence), with a known `Ocp-Apim-Subscription-Key` in
 * BROKER_EXTRA_HEADERS and the personas' private keys known to the test, then every file under the
 * report directory (the hidden side channel too) and all console output searched for them and for
 * any token (a JWT's shape: its signed parts, or the `eyJ` of its header and payload).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import { broker } from '../helpers/cli.js';
import { writeEnvFile } from '../helpers/sandbox-env.js';

const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*/;
let dir: string;
let sandbox: RunningSandbox;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broker-contract-redaction-'));
  sandbox = await startSandbox({ fault: 'download-corrupt' });
});
afterAll(async () => {
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The secrets a user holds: each persona's private key (whole, and each private member), the key. */
function secretsOf(env: Record<string, string>, subscriptionKey: string): Map<string, string> {
  const secrets = new Map<string, string>([['the subscription key', subscriptionKey]]);
  for (const [name, value] of Object.entries(env)) {
    if (!name.endsWith('_JWK')) continue;
    secrets.set(`${name} (whole)`, value);
    const jwk = JSON.parse(value) as Record<string, string>;
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
      const part = jwk[member];
      if (part) secrets.set(`${name}.${member}`, part);
    }
  }
  return secrets;
}

it('a failing run writes no private key, subscription key or token anywhere', async () => {
  const subscriptionKey = randomBytes(16).toString('hex');
  const env = {
    ...sandbox.env,
    BROKER_EXTRA_HEADERS: JSON.stringify({ 'Ocp-Apim-Subscription-Key': subscriptionKey }),
  };
  await writeEnvFile(join(dir, 'deployment.env'), env);
  const run = await broker(
    ['run', '--profile', 'smoke', '--env-file', join(dir, 'deployment.env'), '--report-dir', 'out'],
    {
      cwd: dir,
      env: { ...process.env, BROKER_OPENAPI: '' },
    },
  );
  expect(run.code).toBe(1);
  const files = await filesUnder(join(dir, 'out'));
  const texts = new Map<string, string>([
    ['stdout', run.stdout],
    ['stderr', run.stderr],
  ]);
  for (const file of files) texts.set(file, await readFile(file, 'utf8'));
  // The evidence is there: the reports carry the failed download's call, with its headers.
  expect(texts.get(join(dir, 'out', 'report.md'))).toContain('/download');
  expect([...texts.values()].join('\n')).toContain('Ocp-Apim-Subscription-Key');
  const leaks: string[] = [];
  for (const [where, text] of texts) {
    for (const [what, secret] of secretsOf(env, subscriptionKey))
      if (text.includes(secret)) leaks.push(`${what} in ${where}`);
    const token = JWT.exec(text);
    if (token) leaks.push(`a token (${token[0].slice(0, 12)}…) in ${where}`);
  }
  expect(leaks).toEqual([]);
}, 180_000);
