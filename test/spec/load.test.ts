import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpecLoadError } from '../../src/spec/errors.js';
import { BUNDLED_SPEC, loadSpec, loadSpecText } from '../../src/spec/load.js';
import { ContractValidator } from '../../src/spec/validator.js';
import { serve, unusedPort, type TestServer } from '../helpers/http.js';
import { PUBLISHED_SPEC } from '../helpers/paths.js';

async function loadError(promise: Promise<unknown>): Promise<SpecLoadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SpecLoadError)) throw new Error(`expected a SpecLoadError, got ${String(error)}`);
  return error;
}

const TRAILING_COMMA = '"description": "User-defined properties related to the file",';
let published: string;
beforeAll(async () => {
  published = await readFile(PUBLISHED_SPEC, 'utf8');
});

describe('the bundled spec', () => {
  it('loads strictly, with no repairs, warnings or 3.0 constructs', async () => {
    const spec = await loadSpec();
    expect(spec.source).toBe(BUNDLED_SPEC);
    expect(spec.document.openapi).toBe('3.1.0');
    expect(spec.repairs).toEqual([]);
    expect(spec.warnings).toEqual([]);
    expect(spec.translations).toEqual([]);
    expect(spec.schemasChecked).toBe(true);
    expect(Object.keys(spec.document.webhooks ?? {})).toHaveLength(8);
  });

  it('is loaded once per process, and each caller gets a copy of its own', async () => {
    const first = await loadSpec();
    first.document.info.title = 'changed by one caller';
    const second = await loadSpec();
    expect(second.document.info.title).not.toBe('changed by one caller');
    expect(second.document).not.toBe(first.document);
    expect(second.source).toBe(BUNDLED_SPEC);
  });
});

describe('the published document (CONTRACT.md §10)', () => {
  it('stops at the trailing comma, located where JSON.parse fails', async () => {
    const error = await loadError(loadSpec(PUBLISHED_SPEC));
    expect(error.code).toBe('SPEC_SYNTAX');
    expect(error.defects).toEqual([
      { pointer: '', line: 1097, column: 11, message: expect.stringContaining("trailing comma before '}'") },
    ]);
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it('lists every structural defect with its pointer once the comma is gone', async () => {
    const error = await loadError(
      loadSpecText(published.replace(TRAILING_COMMA, TRAILING_COMMA.slice(0, -1)), 'x.json'),
    );
    expect(error.code).toBe('SPEC_STRUCTURE');
    const by = (pattern: RegExp) => error.defects.filter((d) => pattern.test(d.message));
    expect(by(/outside `paths`/).map((d) => d.pointer)).toEqual([
      '/~1broker~1api~1v1~1filetransfer~1{fileTransferId}',
      '/~1broker~1api~1v1~1filetransfer~1{fileTransferId}~1details',
      '/~1broker~1api~1v1~1filetransfer~1{fileTransferId}~1download',
      '/~1broker~1api~1v1~1filetransfer~1{fileTransferId}~1confirmdownload',
      '/~1broker~1api~1v1~1resource~1{resourceId}',
      '/~1broker~1api~1v1~1serviceowner',
    ]);
    expect(by(/path item nested in another/).map((d) => d.pointer)).toEqual([
      '/webhooks/no.altinn.broker.filetransferinitialized/no.altinn.broker.filepurged',
      '/webhooks/no.altinn.broker.filetransferinitialized/no.altinn.broker.fileneverconfirmeddownloaded',
    ]);
    const multipart = '/paths/~1broker~1api~1v1~1filetransfer~1upload';
    const form = `${multipart}/post/requestBody/content/multipart~1form-data/schema`;
    expect(by(/belongs inside an operation/).map((d) => d.pointer)).toEqual([`${multipart}/responses`]);
    expect(by(/is not a media type/).map((d) => d.pointer)).toEqual([
      `${multipart}/post/requestBody/content/encoding`,
    ]);
    expect(by(/outside `properties`/).map((d) => d.pointer)).toEqual([
      `${form}/Metadata.Checksum`,
      `${form}/Metadata.DisableVirusScan`,
      `${form}/FileTransfer`,
    ]);
    expect(by(/a schema must be an object/).map((d) => d.pointer)).toEqual([
      `${form}/properties/description`,
      '/components/schemas/description',
    ]);
    expect(by(/outside `components.schemas`/)).toHaveLength(13);
    const dangling = by(/does not resolve/).map(
      (d) => d.message.match(/'#\/components\/schemas\/(\w+)'/)?.[1],
    );
    expect(dangling.sort()).toEqual(
      [
        'FileTransferStatusDetailsExt',
        'FileTransferStatusEventExt',
        'FileTransferStatusExt',
        'FileTransferUploadResponseExt',
        'ProblemDetails',
        'RecipientFileTransferStatusDetailsExt',
        'RecipientFileTransferStatusEventExt',
        'RecipientFileTransferStatusExt',
        'ResourceExt',
        'ServiceOwnerInitializeExt',
        'ServiceOwnerOverviewExt',
        'StorageProviderExt',
        'StorageProviderTypeExt',
      ].sort(),
    );
    expect(error.defects).toHaveLength(6 + 2 + 1 + 1 + 3 + 2 + 13 + 13);
    expect(error.defects.filter((d) => d.line === undefined).length).toBeLessThanOrEqual(2);
  });

  it('loads leniently: repairs the comma and the nesting, and says what it did', async () => {
    const spec = await loadSpec(PUBLISHED_SPEC, { lenient: true });
    expect(spec.repairs[0]).toEqual({
      pointer: '',
      line: 1096,
      column: 73,
      message: 'removed a trailing comma',
    });
    expect(spec.repairs.filter((r) => r.message.includes('into paths'))).toHaveLength(6);
    expect(spec.repairs.filter((r) => r.message.includes('into webhooks'))).toHaveLength(2);
    expect(spec.repairs.filter((r) => r.message.includes('into components.schemas'))).toHaveLength(13);
    expect(spec.warnings.map((w) => w.message)).toEqual([expect.stringContaining('no `securitySchemes`')]);
    expect(spec.translations).toContainEqual(expect.objectContaining({ construct: 'nullable', count: 46 }));
    expect(Object.keys(spec.document.paths ?? {})).toHaveLength(9);
    expect(Object.keys(spec.document.webhooks ?? {})).toHaveLength(8);
    const validator = new ContractValidator(spec);
    for (const op of validator.operations.all.filter((o) => !o.webhook)) {
      for (const status of Object.keys(op.operation.responses ?? {})) {
        expect(() =>
          validator.validateResponse(op, { status: Number(status), headers: {}, body: '' }),
        ).not.toThrow();
      }
    }
  });
});

/** A document of one operation, GET /a. */
const withGet = (operation: Record<string, unknown>) => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: { '/a': { get: operation } },
});
const jsonOk = (schema: unknown) => ({
  200: { description: 'ok', content: { 'application/json': { schema } } },
});

describe('syntax and structure of other documents', () => {
  it.each([
    [
      'a YAML syntax error, by line and column',
      'openapi: 3.1.0\ninfo:\n  title: [unclosed\n',
      'x.yaml',
      { line: 4 },
    ],
    ['a missing colon in JSON', '{\n  "openapi" "3.1.0"\n}', 'x.json', { line: 2, column: 13 }],
    ['an empty file', '', 'x.json', { line: 1 }],
  ])('%s', async (_name, text, name, where) => {
    const error = await loadError(loadSpecText(text, name));
    expect(error.code).toBe('SPEC_SYNTAX');
    expect(error.defects[0]).toMatchObject(where);
  });

  it.each([
    ['Swagger 2.0', { swagger: '2.0', info: {}, paths: {} }, '/swagger', /not supported/],
    [
      'an unknown OpenAPI version',
      { openapi: '4.0.0', info: { title: 't', version: '1' }, paths: {} },
      '/openapi',
      /unsupported/,
    ],
    [
      'an operation id used twice',
      {
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        paths: {
          '/a': { get: { operationId: 'same', responses: { 200: { description: 'ok' } } } },
          '/b': { get: { operationId: 'same', responses: { 200: { description: 'ok' } } } },
        },
      },
      '/paths/~1b/get/operationId',
      /also used at/,
    ],
    [
      'a status key that is no status',
      {
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        paths: { '/a': { get: { responses: { ok: { description: 'x' } } } } },
      },
      '/paths/~1a/get/responses/ok',
      /not an HTTP status code/,
    ],
    [
      'a schema keyword with a value of the wrong kind',
      withGet({ responses: jsonOk({ type: 'string', minLength: 'ten' }) }),
      '/paths/~1a/get/responses/200/content/application~1json/schema/minLength',
      /not a JSON Schema 2020-12 schema: minLength must be integer/,
    ],
    [
      'a type that is no JSON type, in a header',
      withGet({
        responses: { 200: { description: 'ok', headers: { 'X-A': { schema: { type: 'strin' } } } } },
      }),
      '/paths/~1a/get/responses/200/headers/X-A/schema/type',
      /type must be equal to one of the allowed values \(array, .*string\)/,
    ],
    [
      'a parameter in no place, which only swagger-parser checks (a text it has not passed)',
      withGet({
        parameters: [{ name: 'x', in: 'nowhere', schema: { type: 'string' } }],
        responses: { 200: { description: 'ok' } },
      }),
      '',
      /swagger-parser: #\/paths\/~1a\/get\/parameters\/0\/in must be equal to one of the allowed values/,
    ],
  ])('rejects %s, naming the place', async (_name, doc, pointer, message) => {
    const error = await loadError(loadSpecText(JSON.stringify(doc, null, 2), 'x.json'));
    expect(error.defects).toContainEqual(
      expect.objectContaining({ pointer, message: expect.stringMatching(message) }),
    );
  });

  it('loads a schema that breaks the meta-schema in lenient mode, with a warning', async () => {
    const doc = withGet({ operationId: 'getA', responses: jsonOk({ type: 'object', required: 'id' }) });
    const spec = await loadSpecText(JSON.stringify(doc, null, 2), 'x.json', { lenient: true });
    expect(spec.schemasChecked).toBe(false);
    expect(spec.warnings).toContainEqual(
      expect.objectContaining({
        pointer: '/paths/~1a/get/responses/200/content/application~1json/schema/required',
        line: expect.any(Number),
      }),
    );
    // Ajv still refuses it as it compiles, as it did before the load checked schemas.
    expect(() =>
      new ContractValidator(spec).validateResponse('getA', {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    ).toThrow(/required value must be \["array"\]/);
  });

  it('names a file that does not exist', async () => {
    const error = await loadError(loadSpec('/nonexistent/broker.yaml'));
    expect(error.code).toBe('SPEC_UNREADABLE');
    expect(error.message).toContain('/nonexistent/broker.yaml: no such file');
  });
});

describe('documents split over files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'broker-contract-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('bundles external $refs into one document', async () => {
    await writeFile(
      join(dir, 'schemas.yaml'),
      'Thing:\n  type: object\n  required: [id]\n  properties:\n    id: {type: string}\n',
    );
    const main = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/thing': {
          get: {
            operationId: 'getThing',
            responses: {
              200: {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: './schemas.yaml#/Thing' } } },
              },
            },
          },
        },
      },
    };
    await writeFile(join(dir, 'main.json'), JSON.stringify(main));
    const spec = await loadSpec(join(dir, 'main.json'));
    const result = new ContractValidator(spec).validateResponse('getThing', {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(result.violations.map((v) => v.pointer)).toEqual(['/id']);
  });
});

describe('a spec served over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serve((req, res) => {
      if (req.url === '/published.json') return void res.end(published);
      if (req.url === '/bundled.yaml') {
        return void readFile(BUNDLED_SPEC).then(
          (b) => res.end(b),
          () => res.writeHead(500).end(),
        );
      }
      if (req.url === '/hang') return; // never answers
      res.statusCode = 404;
      res.end('not here');
    });
  });
  afterAll(() => server.close());

  it('loads the bundled spec from a URL', async () => {
    const spec = await loadSpec(`${server.url}/bundled.yaml`);
    expect(spec.format).toBe('yaml');
    expect(spec.document.paths?.['/broker/api/v1/filetransfer']).toBeDefined();
  });

  it('loads the published document from a URL, leniently', async () => {
    const spec = await loadSpec(`${server.url}/published.json`, { lenient: true });
    expect(spec.repairs.length).toBeGreaterThan(20);
  });

  it.each([
    ['a 404', '/missing.json', /answered 404/],
    ['a server that never answers', '/hang', /no answer in time/],
  ])('names %s', async (_name, path, message) => {
    const error = await loadError(loadSpec(`${server.url}${path}`, { timeoutMs: 300 }));
    expect(error.code).toBe('SPEC_UNREADABLE');
    expect(error.message).toMatch(message);
  });

  it('names a host that refuses the connection', async () => {
    const error = await loadError(loadSpec(`http://127.0.0.1:${await unusedPort()}/spec.json`));
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});
