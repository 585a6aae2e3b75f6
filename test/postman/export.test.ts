/**
 * The Postman export of the getting-started walk: the same bytes on every export and equal
 * to the committed files, a valid v2.1 collection, every request an operation of spec/, every variable
 * declared, no secret written; and the exported collection, run through newman against the sandbox
 * with tokens from the harness's Maskinporten flow, passes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import newman, { type NewmanRunOptions, type NewmanRunSummary } from 'newman';
import { startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import { collectionErrors } from '../../src/postman/collection-schema.js';
import type { PostmanEnvironment } from '../../src/postman/collection-types.js';
import {
  buildPostmanExport,
  COLLECTION_FILE,
  ENVIRONMENT_FILE,
  POSTMAN_DIR,
  renderPostmanExport,
} from '../../src/postman/export.js';
import { TOKEN_VARIABLES, WALK } from '../../src/postman/walk.js';
import { loadSpec } from '../../src/spec/load.js';
import { OperationIndex } from '../../src/spec/operations.js';
import { broker } from '../helpers/cli.js';
import { walkValues } from './walk-values.js';

const spec = await loadSpec();
const index = new OperationIndex(spec.document);
const exported = buildPostmanExport(spec);
const { collection, environment } = exported;
const requests = collection.item.flatMap((folder) =>
  folder.item.map((item) => ({ folder: folder.name, item })),
);
const walkRequests = WALK.flatMap((step) => step.requests);
const committed = async (name: string) => readFile(join(POSTMAN_DIR, name), 'utf8');

/** The naming contract shared with the newman runner. */
const CONTRACT_VARIABLES = [
  'baseUrl',
  'resourceId',
  'senderParty',
  'recipientParty',
  'serviceownerToken',
  'senderToken',
  'recipientToken',
];

describe('the Postman export of the walk', () => {
  it('is the same bytes on every export, and the committed postman/ files are those bytes', async () => {
    const first = await renderPostmanExport(buildPostmanExport(await loadSpec()));
    const second = await renderPostmanExport(buildPostmanExport(await loadSpec()));
    expect(second).toEqual(first);
    expect(await committed(COLLECTION_FILE)).toBe(first[COLLECTION_FILE]);
    expect(await committed(ENVIRONMENT_FILE)).toBe(first[ENVIRONMENT_FILE]);
  });

  it('is a valid Postman Collection v2.1, committed file included', async () => {
    expect(collectionErrors(collection)).toEqual([]);
    expect(collectionErrors(JSON.parse(await committed(COLLECTION_FILE)))).toEqual([]);
  });

  it('has one folder per step of the walk, in its order', () => {
    expect(collection.item.map((f) => f.name)).toEqual([
      '01 Access',
      '02 Service owner',
      '03 Resource',
      '05 File transfer',
    ]);
  });

  it.each(walkRequests.map((r) => [r.name, r] as const))(
    '%s: its operation is in spec/, and the request is that operation',
    (name, walk) => {
      const info = index.get(walk.operationId);
      expect(info?.id).toBe(walk.operationId);
      const item = requests.find((r) => r.item.name === name)?.item;
      const path = (item?.request.url.path ?? []).map((s) => s.replace(/^\{\{(\w+)\}\}$/, 'x')).join('/');
      expect(index.match(item?.request.method ?? '', `/${path}`)?.id).toBe(walk.operationId);
      expect(item?.request.auth.bearer[0]?.value).toBe(`{{${TOKEN_VARIABLES[walk.persona]}}}`);
    },
  );

  it('uses only variables the environment or the collection declares (or Postman dynamic ones)', () => {
    const declared = new Set([
      ...environment.values.map((v) => v.key),
      ...collection.variable.map((v) => v.key),
    ]);
    const text = JSON.stringify(collection);
    const used = new Set([
      ...[...text.matchAll(/\{\{([^}]+)\}\}/g)].map((m) => m[1] ?? ''),
      ...[...text.matchAll(/pm\.(?:collectionV|v)ariables\.(?:get|set)\(\\"([^\\]+)\\"/g)].map(
        (m) => m[1] ?? '',
      ),
    ]);
    const undeclared = [...used].filter((name) => !declared.has(name) && !name.startsWith('$'));
    expect(undeclared).toEqual([]);
    expect([...used]).toEqual(
      expect.arrayContaining(['baseUrl', 'senderToken', 'fileTransferId', '_pollAttempt']),
    );
  });

  it('follows the naming contract: its environment variables, tokens empty and secret', () => {
    expect(environment.values.map((v) => v.key)).toEqual(CONTRACT_VARIABLES);
    for (const v of environment.values.filter((e) => /token/i.test(e.key))) {
      expect([v.key, v.value, v.type]).toEqual([v.key, '', 'secret']);
    }
    // The captured id and the name a first registration gives; everything else is internal (`_`).
    const open = ['fileTransferId', 'serviceOwnerName'];
    expect(collection.variable.map((v) => v.key)).toEqual(expect.arrayContaining(open));
    expect(collection.variable.filter((v) => !open.includes(v.key)).every((v) => v.key.startsWith('_'))).toBe(
      true,
    );
  });

  it.each([
    ['a JWT', /eyJ[\w-]{5,}\.[\w-]{5,}\./],
    ['a PEM private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
    ['a private JWK member', /\\?"(?:d|p|q|dp|dq|qi)\\?"\s*:\s*\\?"/],
    ['a bearer token written out', /Bearer\s+(?!\{\{)[\w.-]{8,}/],
  ])('writes no secret into either file (%s)', async (_what, pattern) => {
    expect(await committed(COLLECTION_FILE)).not.toMatch(pattern);
    expect(await committed(ENVIRONMENT_FILE)).not.toMatch(pattern);
  });

  it.each([
    [
      'two requests of one name (a wait re-runs its request by name)',
      [{ ...WALK[0], requests: [walkRequests[0], walkRequests[0]] }],
      /two requests are named/,
    ],
    [
      'an operation spec/ lacks',
      [{ ...WALK[0], requests: [{ ...walkRequests[0], operationId: 'noSuchOperation' }] }],
      /noSuchOperation/,
    ],
    [
      'a status the operation does not declare',
      [{ ...WALK[0], requests: [{ ...walkRequests[0], expect: [418] }] }],
      /418/,
    ],
  ])('refuses a walk with %s', (_rule, walk, message) => {
    expect(() => buildPostmanExport(spec, walk as typeof WALK)).toThrow(message);
  });
});

const cli = (args: string[]) => broker(['postman-export', ...args]);

describe('broker-contract postman-export', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'postman-export-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('--check fails where the files are missing, --out writes them, --check then passes, and fails once one is edited', async () => {
    const missing = await cli(['--check', '--out', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(COLLECTION_FILE);
    expect((await cli(['--out', dir])).code).toBe(0);
    expect(await readFile(join(dir, COLLECTION_FILE), 'utf8')).toBe(await committed(COLLECTION_FILE));
    expect((await cli(['--check', '--out', dir])).code).toBe(0);
    await writeFile(join(dir, ENVIRONMENT_FILE), (await committed(ENVIRONMENT_FILE)).replace('""', '"x"'));
    const stale = await cli(['--check', '--out', dir]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(ENVIRONMENT_FILE);
    expect(stale.stderr).not.toContain(COLLECTION_FILE);
  }, 30_000);
});

function runNewman(options: NewmanRunOptions): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(options, (error, summary) => (error ? reject(error) : resolve(summary)));
  });
}

describe('the exported collection through newman against the sandbox', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.stop());

  it('passes every check, with tokens from the Maskinporten flow, within seconds', async () => {
    const filled = await walkValues(sandbox);
    const onDisk = JSON.parse(await committed(COLLECTION_FILE)) as NewmanRunOptions['collection'];
    const env = JSON.parse(await committed(ENVIRONMENT_FILE)) as PostmanEnvironment;
    const values = env.values.map((v) => ({ ...v, value: filled[v.key] ?? v.value }));
    const started = Date.now();
    const summary = await runNewman({ collection: onDisk, environment: { values } as never, reporters: [] });
    const failures = summary.run.failures.map((f) => `${f.source?.name ?? '?'}: ${f.error.message}`);
    expect(failures).toEqual([]);
    expect(summary.run.stats.requests.total).toBeGreaterThanOrEqual(walkRequests.length);
    expect(summary.run.stats.assertions.total).toBeGreaterThan(25);
    expect(Date.now() - started).toBeLessThan(10_000);
    for (const name of Object.values(TOKEN_VARIABLES)) {
      expect(await committed(COLLECTION_FILE)).not.toContain(filled[name]);
      expect(await committed(ENVIRONMENT_FILE)).not.toContain(filled[name]);
    }
  }, 30_000);
});
