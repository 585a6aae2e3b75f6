import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvironmentError } from '../../src/errors.js';
import {
  REPORT_FILES,
  runNewman,
  type NewmanCommandOptions,
  type NewmanOutcome,
} from '../../src/postman/newman.js';
import type { PostmanCollection } from '../../src/postman/source.js';
import { broker } from '../helpers/cli.js';
import { SHARED } from '../helpers/paths.js';

const THIRD_PARTY = `${SHARED}upstream/altinn-broker-postman-collection.json`;
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\./;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broker-contract-newman-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A run against a fresh embedded sandbox, whatever the caller's environment says. */
function run(name: string, options: NewmanCommandOptions): Promise<NewmanOutcome> {
  return runNewman({ env: {}, envFile: false, reportDir: join(dir, name), log: () => undefined, ...options });
}

const statusTest = (status: number) => ({
  listen: 'test',
  script: { exec: [`pm.test('answers ${status}', () => pm.response.to.have.status(${status}));`] },
});

/** Our own spelling of the shared naming contract, with tt02 hard-coded as a third party would. */
function tiny(withTests: boolean, overviewScript: string[] = []): PostmanCollection {
  return {
    info: { name: 'tiny', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{senderToken}}', type: 'string' }] },
    variable: [
      { key: 'baseUrl', value: 'https://platform.tt02.altinn.no' },
      { key: 'fileTransferId', value: '' },
    ],
    item: [
      {
        name: 'Initialize',
        request: {
          method: 'POST',
          header: [{ key: 'Content-Type', value: 'application/json' }],
          url: '{{baseUrl}}/broker/api/v1/filetransfer',
          body: {
            mode: 'raw',
            raw: JSON.stringify({
              fileName: 'tiny.txt',
              resourceId: '{{resourceId}}',
              sender: '{{senderParty}}',
              recipients: ['{{recipientParty}}'],
              sendersFileTransferReference: 'tiny',
            }),
          },
        },
        event: [
          ...(withTests ? [statusTest(200)] : []),
          {
            listen: 'test',
            script: {
              exec: ["pm.collectionVariables.set('fileTransferId', pm.response.json().fileTransferId);"],
            },
          },
        ],
      },
      {
        name: 'Overview',
        request: { method: 'GET', url: '{{baseUrl}}/broker/api/v1/filetransfer/{{fileTransferId}}' },
        event: [
          ...(withTests ? [statusTest(200)] : []),
          { listen: 'test', script: { exec: overviewScript } },
        ],
      },
    ],
  };
}

async function write(name: string, collection: PostmanCollection): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(collection));
  return path;
}

async function reportTexts(outcome: NewmanOutcome): Promise<[string, string][]> {
  return Promise.all(outcome.files.map(async (f) => [f, await readFile(f, 'utf8')] as [string, string]));
}

describe('the third-party collection (Altinn.Broker), Broker folder, against the sandbox', () => {
  let outcome: NewmanOutcome;
  beforeAll(async () => {
    outcome = await run('third-party', {
      collection: THIRD_PARTY,
      folders: ['Initialize', '{fileTransferId}'],
    });
  }, 30_000);

  it('runs Initialize first, then the {fileTransferId} requests, each reaching the sandbox', () => {
    expect(outcome.report.checks.map((c) => c.item)).toEqual([
      'Initialize',
      'Overview',
      'Upload',
      'Details',
      'Download',
      'Confirm Download',
    ]);
    expect(outcome.report.requests).toEqual({ total: 6, failed: 0 });
  });

  it('rewrote the tt02 base URL the collection hard-codes', () => {
    expect(outcome.report.rewrites).toContainEqual({
      where: 'collection variable baseUrl',
      from: 'https://platform.tt02.altinn.no',
    });
  });

  it('injected the tokens, the resource id and the organisations under the collection own names', () => {
    expect(outcome.report.injected).toEqual(
      expect.arrayContaining([
        'baseUrl',
        'sender_token',
        'recipient_token',
        'resource_id',
        'sender_orgnumber',
        'recipient_orgnumber',
      ]),
    );
  });

  it('validated every Broker response against the spec, by operation and path template', () => {
    expect(outcome.report.checks.every((c) => c.validated)).toBe(true);
    expect(outcome.report.checks[0]).toMatchObject({
      method: 'POST',
      pathTemplate: '/broker/api/v1/filetransfer',
      status: 200,
      violations: [],
    });
    expect(outcome.report.checks[1]?.pathTemplate).toBe('/broker/api/v1/filetransfer/{fileTransferId}');
  });

  it('wrote JUnit, HTML, the validator JUnit and the summary', async () => {
    const texts = Object.fromEntries(await reportTexts(outcome));
    const at = (name: string) => texts[join(dir, 'third-party', name)] ?? '';
    expect(at(REPORT_FILES.junit)).toContain('<testsuite name="Broker / Initialize"');
    expect(at(REPORT_FILES.html)).toContain('<html');
    expect(at(REPORT_FILES.validator)).toContain(
      'POST /broker/api/v1/filetransfer answers as the spec documents',
    );
    expect(at(REPORT_FILES.summary)).toContain(
      'collection variable baseUrl: https://platform.tt02.altinn.no',
    );
  });
});

describe('the whole third-party collection', () => {
  it('skips the Authenticator requests as non-Broker calls and says so', async () => {
    const outcome = await run('third-party-all', { collection: THIRD_PARTY });
    expect(outcome.report.skipped.map((s) => s.path)).toEqual(
      expect.arrayContaining([
        'Authenticator / Get Systemprovider Maskinporten Token',
        'Authenticator / System Register / Register system',
      ]),
    );
    expect(outcome.report.skipped.every((s) => s.path.startsWith('Authenticator'))).toBe(true);
    expect(outcome.report.injected).not.toContain('sender_maskinporten_token');
    expect(await readFile(join(dir, 'third-party-all', REPORT_FILES.summary), 'utf8')).toContain(
      'https://test.maskinporten.no/token',
    );
  }, 30_000);
});

describe('our own tiny collection', () => {
  it('passes against a conformant sandbox: exit 0', async () => {
    const outcome = await run('tiny', { collection: await write('tiny.json', tiny(true)) });
    expect(outcome.report.assertions).toEqual({ total: 2, failed: 0 });
    expect(outcome.report.checks.map((c) => [c.item, c.violations])).toEqual([
      ['Initialize', []],
      ['Overview', []],
    ]);
    expect(outcome.exitCode).toBe(0);
  }, 30_000);

  it('fails on a sandbox that answers initialize with 201, by the validator alone: exit 1', async () => {
    const outcome = await run('tiny-201', {
      collection: await write('tiny-no-tests.json', tiny(false)),
      sandbox: { fault: 'initialize-201' },
    });
    expect(outcome.report.assertions.failed).toBe(0);
    expect(outcome.report.checks[0]?.violations).toEqual([
      expect.objectContaining({ kind: 'undocumented-status', actual: 201 }),
    ]);
    expect(outcome.exitCode).toBe(1);
    const summary = await readFile(join(dir, 'tiny-201', REPORT_FILES.summary), 'utf8');
    expect(summary).toMatch(
      /Initialize: initializeFileTransfer POST `\/broker\/api\/v1\/filetransfer` → 201/,
    );
  }, 30_000);
});

describe('no token reaches a report file', () => {
  it('even when a script writes one into an assertion name', async () => {
    const leaky = tiny(true, ["pm.test('token ' + pm.variables.get('senderToken'), () => {});"]);
    const outcome = await run('leaky', { collection: await write('leaky.json', leaky) });
    const texts = await reportTexts(outcome);
    expect(texts.map(([file]) => file).sort()).toEqual(outcome.files.slice().sort());
    for (const [file, text] of texts) expect([file, JWT.test(text)]).toEqual([file, false]);
    expect(texts.some(([, text]) => text.includes('token [redacted]'))).toBe(true);
  }, 30_000);
});

describe('files that cannot be used', () => {
  it.each<[string, string, RegExp]>([
    ['missing', 'absent.json', /absent\.json could not be read \(ENOENT\)/],
    ['malformed, with its position', 'broken.json', /broken\.json is not valid JSON: .* at line 3, column 3/],
    ['not a collection', 'not-collection.json', /not-collection\.json has no "item" array/],
  ])('%s', async (_case, name, message) => {
    await writeFile(join(dir, 'broken.json'), '{\n  "item": [\n  ,]\n}');
    await writeFile(join(dir, 'not-collection.json'), '{"info": {}}');
    const attempt = run('none', { collection: join(dir, name) });
    await expect(attempt).rejects.toThrow(EnvironmentError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('an unknown --folder names the collection requests', async () => {
    await expect(run('none', { collection: THIRD_PARTY, folders: ['Nope'] })).rejects.toThrow(
      /--folder Nope/,
    );
  }, 30_000);

  it('the CLI exits 2 with the message and no stack trace', async () => {
    const { code, stderr } = await broker(['newman', join(dir, 'broken.json')], {
      env: { ...process.env, BROKER_BASE_URL: '' },
    });
    expect(code).toBe(2);
    expect(stderr).toContain('broken.json is not valid JSON');
    expect(stderr).not.toMatch(/\n\s+at \S+ \(/);
  }, 30_000);
});
