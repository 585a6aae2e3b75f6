/**
 * The exported walk on the environments it meets (CONTRACT.md §8.1–§8.3), run through newman
 * against the sandbox: on a fresh one it registers the service owner, waits for its storage and
 * configures the resource before the transfer; on a provisioned one it finds both and changes nothing;
 * a step that fails ends the run, and no request goes out with an id it does not have.
 */
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import newman, { type NewmanRunOptions, type NewmanRunSummary } from 'newman';
import { startSandbox, type SandboxOptions } from '../../sandbox/launcher.js';
import type { PostmanEnvironment } from '../../src/postman/collection-types.js';
import { COLLECTION_FILE, ENVIRONMENT_FILE, POSTMAN_DIR } from '../../src/postman/export.js';
import { WALK } from '../../src/postman/walk.js';
import { buildProfile } from '../../src/profile/load.js';
import { createTokenProvider } from '../../src/auth/tokens.js';
import { walkValues } from './walk-values.js';

const collection = JSON.parse(await readFile(join(POSTMAN_DIR, COLLECTION_FILE), 'utf8')) as object;
const environment = JSON.parse(
  await readFile(join(POSTMAN_DIR, ENVIRONMENT_FILE), 'utf8'),
) as PostmanEnvironment;
const LAST = WALK.at(-1)?.requests.at(-1)?.name;

interface Sent {
  name: string;
  url: string;
  status: number | undefined;
}
interface Walked {
  sent: Sent[];
  failures: string[];
}

/** Runs the committed collection once; `variables` overrides what the profile fills in. */
async function walk(
  sandbox: Awaited<ReturnType<typeof startSandbox>>,
  variables: Record<string, string> = {},
  folder?: string,
): Promise<Walked> {
  const filled: Record<string, string> = { ...(await walkValues(sandbox)), ...variables };
  const values = [
    ...environment.values.map((v) => ({ ...v, value: filled[v.key] ?? v.value })),
    ...Object.entries(variables)
      .filter(([key]) => !environment.values.some((v) => v.key === key))
      .map(([key, value]) => ({ key, value, type: 'default', enabled: true })),
  ];
  const summary = await new Promise<NewmanRunSummary>((resolve, reject) => {
    const options: NewmanRunOptions = {
      collection: collection as NewmanRunOptions['collection'],
      environment: { values } as never,
      reporters: [],
      ...(folder ? { folder } : {}),
    };
    newman.run(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
  return {
    sent: summary.run.executions.flatMap((e) =>
      e.request ? [{ name: e.item.name, url: e.request.url.toString(), status: e.response?.code }] : [],
    ),
    failures: summary.run.failures.map((f) => `${f.source?.name ?? '?'}: ${f.error.message}`),
  };
}

async function onSandbox<T>(
  options: SandboxOptions,
  use: (s: Awaited<ReturnType<typeof startSandbox>>) => Promise<T>,
) {
  const sandbox = await startSandbox(options);
  try {
    return await use(sandbox);
  } finally {
    await sandbox.stop();
  }
}

const statusOf = (walked: Walked, name: string) => walked.sent.find((s) => s.name === name)?.status;
const asks = (walked: Walked, name: string) => walked.sent.filter((s) => s.name === name).length;
/** An empty path variable leaves `//` (or a trailing `/`) in the path; an unknown one leaves `{{`. */
const badUrls = (walked: Walked) =>
  walked.sent.map((s) => s.url).filter((url) => /\/\/|\/$|\{\{/.test(url.replace(/^https?:\/\/|\?.*$/g, '')));

describe('the exported walk through newman, on the environments it meets', () => {
  it.each([
    ['fresh: it registers, waits for the storage, configures the resource', 'empty', 200, 204],
    [
      'provisioned: it finds the service owner and the resource, and changes nothing',
      'ready',
      409,
      undefined,
    ],
  ] as const)(
    '%s',
    async (_case, seed, registered, configured) => {
      // A processing delay long enough that the storage is still being provisioned when first read.
      await onSandbox({ seed, processingDelayMs: 500 }, async (sandbox) => {
        const walked = await walk(sandbox);
        expect(walked.failures).toEqual([]);
        expect(statusOf(walked, 'Register the service owner')).toBe(registered);
        expect(statusOf(walked, 'Read the resource configuration')).toBe(seed === 'empty' ? 400 : 200);
        expect(statusOf(walked, 'Configure the resource')).toBe(configured);
        expect(statusOf(walked, 'Read the resource configuration back')).toBe(200);
        if (seed === 'empty') expect(asks(walked, 'Wait for the storage providers')).toBeGreaterThan(1);
        expect(walked.sent.at(-1)?.name).toBe(LAST);
        expect(badUrls(walked)).toEqual([]);
      });
    },
    30_000,
  );

  it('run twice on a fresh environment, the second run finds what the first made', async () => {
    await onSandbox({ seed: 'empty' }, async (sandbox) => {
      expect((await walk(sandbox)).failures).toEqual([]);
      const again = await walk(sandbox);
      expect(again.failures).toEqual([]);
      expect(statusOf(again, 'Register the service owner')).toBe(409);
      expect(statusOf(again, 'Configure the resource')).toBeUndefined();
      expect(again.sent.at(-1)?.name).toBe(LAST);
    });
  }, 30_000);
});

describe('initialize while the storage is still being provisioned', () => {
  it('answers 503 BRO-00021, and the walk sends it again until it is accepted (§8.1)', async () => {
    await onSandbox({ seed: 'empty', processingDelayMs: 1500 }, async (sandbox) => {
      // Registered and configured by hand, so the transfer folder starts before the storage is Ready.
      const profile = buildProfile({ ...sandbox.env });
      const token = await createTokenProvider(profile).token('SERVICEOWNER');
      const call = (method: string, path: string, body: object) =>
        fetch(`${profile.brokerBaseUrl}/broker/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await call('POST', '/serviceowner', { name: 'walk test' })).status).toBe(200);
      expect((await call('PUT', `/resource/${profile.resourceId}`, {})).status).toBe(204);
      const walked = await walk(sandbox, {}, '05 File transfer');
      expect(walked.failures).toEqual([]);
      const initialize = walked.sent.filter((s) => s.name === 'Initialize').map((s) => s.status);
      expect(initialize.at(0)).toBe(503);
      expect(initialize.at(-1)).toBe(200);
      expect(walked.sent.at(-1)?.name).toBe(LAST);
    });
  }, 30_000);
});

describe('a step that fails ends the walk', () => {
  it.each<[string, SandboxOptions, Record<string, string>, string, RegExp]>([
    [
      'a resource that cannot be configured (not in the Resource Registry, §4.10 PUT row 1)',
      { seed: 'empty' },
      { resourceId: 'not-in-the-registry' },
      'Configure the resource',
      /403 BRO-00005/,
    ],
    [
      'initialize answering 201 (fault initialize-201)',
      { fault: 'initialize-201' },
      {},
      'Initialize',
      /'201'/,
    ],
    [
      'a transfer that is never published, once the wait gives up (fault never-published)',
      { fault: 'never-published' },
      { _pollMaxAttempts: '4' },
      'Wait for Published',
      /fileTransferStatus UploadProcessing \(.*\) after 4 answers/,
    ],
  ])(
    '%s',
    async (_case, options, variables, step, message) => {
      await onSandbox(options, async (sandbox) => {
        const walked = await walk(sandbox, variables);
        expect(walked.failures.length).toBeGreaterThan(0);
        for (const failure of walked.failures) expect(failure.startsWith(`${step}: `)).toBe(true);
        expect(walked.failures.join('\n')).toMatch(message);
        // Nothing after the failed step: it was the last request sent.
        expect(walked.sent.at(-1)?.name).toBe(step);
        expect(badUrls(walked)).toEqual([]);
      });
    },
    30_000,
  );

  it('a request whose path needs an id nobody captured is not sent, and fails the run', async () => {
    await onSandbox({}, async (sandbox) => {
      const walked = await walk(sandbox, {}, 'Read the details');
      expect(walked.sent).toEqual([]);
      expect(walked.failures).toEqual([
        'Read the details: no value for fileTransferId: an earlier step failed or was not run',
      ]);
    });
  }, 30_000);
});
