/**
 * The project's Postman Collection v2.1 schema (a real Postman export passes, broken collections do
 * not), and the translation of spec/ response schemas for the Postman sandbox's ajv 6: every schema the
 * export embeds compiles under ajv 6 with unknown keywords and formats refused (docs/decisions/0006).
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { collectionErrors } from '../../src/postman/collection-schema.js';
import { COLLECTION_FILE, POSTMAN_DIR } from '../../src/postman/export.js';
import { responseSchema, SchemaTranslationError, toDraft07 } from '../../src/postman/schemas.js';
import { loadSpec } from '../../src/spec/load.js';
import { PROJECT_ROOT, SHARED } from '../helpers/paths.js';

interface Ajv6 {
  compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown };
}
type Ajv6Class = new (options: Record<string, unknown>) => Ajv6;

/** An ajv 6 copy some package bundles (the sandbox's own is inside its bootcode); none is a dependency. */
function findAjv6(): { version: string; Ajv: Ajv6Class } {
  const modules = join(PROJECT_ROOT, 'node_modules');
  const candidates = readdirSync(modules).flatMap((name) =>
    name.startsWith('@')
      ? readdirSync(join(modules, name)).map((sub) => join(modules, name, sub, 'node_modules/ajv'))
      : [join(modules, name, 'node_modules/ajv')],
  );
  const require = createRequire(import.meta.url);
  for (const dir of candidates) {
    let version: string;
    try {
      version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      continue;
    }
    if (version.startsWith('6.')) return { version, Ajv: require(dir) as Ajv6Class };
  }
  throw new Error('no ajv 6 under node_modules/*/node_modules: the ajv 6 compile check cannot run');
}

const sandboxAjv = /"ajv":\s*"(\d+)\./.exec(
  readFileSync(join(PROJECT_ROOT, 'node_modules/postman-sandbox/package.json'), 'utf8'),
)?.[1];

/** The `const schemas = {...};` block of every exported test script, parsed back. */
function exportedSchemas(): { request: string; status: string; schema: unknown }[] {
  const collection = JSON.parse(readFileSync(join(POSTMAN_DIR, COLLECTION_FILE), 'utf8')) as {
    item: { item: { name: string; event: { script: { exec: string[] } }[] }[] }[];
  };
  return collection.item.flatMap((folder) =>
    folder.item.flatMap((item) =>
      item.event.flatMap(({ script: { exec } }) => {
        const start = exec.indexOf('const schemas = {');
        if (start < 0) return [];
        const end = exec.indexOf('};', start);
        const block = JSON.parse(['{', ...exec.slice(start + 1, end), '}'].join('\n')) as Record<
          string,
          unknown
        >;
        return Object.entries(block).map(([status, schema]) => ({ request: item.name, status, schema }));
      }),
    ),
  );
}

const INFO = {
  name: 'x',
  schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
};
const REQUEST = { method: 'GET', url: '{{baseUrl}}/a' };
const item = (extra: Record<string, unknown>) => ({ name: 'r', request: REQUEST, ...extra });

describe('the Postman Collection v2.1 schema', () => {
  it('accepts a real Postman export (the upstream Altinn Broker collection)', () => {
    const upstream: unknown = JSON.parse(
      readFileSync(join(SHARED, 'upstream/altinn-broker-postman-collection.json'), 'utf8'),
    );
    expect(collectionErrors(upstream)).toEqual([]);
  });

  it('accepts the smallest collection: info and an empty item list', () => {
    expect(collectionErrors({ info: INFO, item: [] })).toEqual([]);
  });

  it.each([
    ['info is required', { item: [] }],
    ['item is required', { info: INFO }],
    ['info.name is required', { info: { schema: INFO.schema }, item: [] }],
    ['info.schema is required', { info: { name: 'x' }, item: [] }],
    [
      'info.schema must name v2.1.0 (v2.0 is another shape)',
      { info: { ...INFO, schema: INFO.schema.replace('2.1.0', '2.0.0') }, item: [] },
    ],
    ['an item is a request or a folder, not neither', { info: INFO, item: [{ name: 'x' }] }],
    ['an item is a request or a folder, not both', { info: INFO, item: [item({ item: [] })] }],
    ['a folder holds items that are valid too', { info: INFO, item: [{ name: 'f', item: [{ name: 'x' }] }] }],
    [
      'a header needs a key',
      { info: INFO, item: [item({ request: { ...REQUEST, header: [{ value: 'v' }] } })] },
    ],
    [
      'a header value is a string',
      { info: INFO, item: [item({ request: { ...REQUEST, header: [{ key: 'k', value: 1 }] } })] },
    ],
    [
      'the body mode is raw, urlencoded, formdata, file or graphql',
      { info: INFO, item: [item({ request: { ...REQUEST, body: { mode: 'binary' } } })] },
    ],
    [
      'a raw body language is one Postman knows',
      {
        info: INFO,
        item: [
          item({ request: { ...REQUEST, body: { mode: 'raw', options: { raw: { language: 'yaml' } } } } }),
        ],
      },
    ],
    [
      'the auth type is one of the format',
      { info: INFO, item: [item({ request: { ...REQUEST, auth: { type: 'token' } } })] },
    ],
    [
      'auth attributes are a list of {key, value}',
      {
        info: INFO,
        item: [item({ request: { ...REQUEST, auth: { type: 'bearer', bearer: { token: 't' } } } })],
      },
    ],
    [
      'an event listens to test or prerequest',
      { info: INFO, item: [item({ event: [{ listen: 'posttest' }] })] },
    ],
    [
      'a script is JavaScript',
      {
        info: INFO,
        item: [item({ event: [{ listen: 'test', script: { type: 'text/python', exec: [] } }] })],
      },
    ],
    [
      'script.exec is lines or one string',
      { info: INFO, item: [item({ event: [{ listen: 'test', script: { exec: [1] } }] })] },
    ],
    ['a variable needs a key or an id', { info: INFO, item: [], variable: [{ value: 'v' }] }],
    [
      'a variable type is one of the format',
      { info: INFO, item: [], variable: [{ key: 'k', type: 'secret' }] },
    ],
    [
      'url.host is a string or a list of strings',
      { info: INFO, item: [item({ request: { url: { host: 1 } } })] },
    ],
    ['a response code is an integer', { info: INFO, item: [item({ response: [{ code: '200' }] })] }],
  ])('%s', (_rule, collection) => {
    expect(collectionErrors(collection)).not.toEqual([]);
  });
});

describe('response schemas for the Postman sandbox (ajv 6, draft-07)', () => {
  const root = {
    components: {
      schemas: {
        Id: { type: 'string', format: 'uuid', description: 'an id', examples: ['x'] },
        Self: { type: 'object', properties: { next: { $ref: '#/components/schemas/Self' } } },
      },
    },
  };
  it.each([
    ['a $ref is inlined', { $ref: '#/components/schemas/Id' }, { type: 'string', format: 'uuid' }],
    [
      'a $ref with only annotations beside it becomes its target',
      { $ref: '#/components/schemas/Id', description: 'why' },
      { type: 'string', format: 'uuid' },
    ],
    [
      'a $ref with constraints beside it keeps both under allOf (2020-12 applies siblings)',
      { $ref: '#/components/schemas/Id', maxLength: 36 },
      { allOf: [{ type: 'string', format: 'uuid' }, { maxLength: 36 }] },
    ],
    [
      'prefixItems becomes an items array',
      { prefixItems: [{ type: 'string' }] },
      { items: [{ type: 'string' }] },
    ],
    [
      'items beside prefixItems becomes additionalItems',
      { prefixItems: [{ type: 'string' }], items: false },
      { items: [{ type: 'string' }], additionalItems: false },
    ],
    [
      'dependentRequired becomes dependencies',
      { dependentRequired: { a: ['b'] } },
      { dependencies: { a: ['b'] } },
    ],
    [
      'dependentSchemas becomes dependencies',
      { dependentSchemas: { a: { required: ['b'] } } },
      { dependencies: { a: { required: ['b'] } } },
    ],
    [
      '$defs becomes definitions',
      { $defs: { a: { type: 'string' } } },
      { definitions: { a: { type: 'string' } } },
    ],
    ['const is kept', { const: 3 }, { const: 3 }],
    ['a type list (nullable under 3.1) is kept', { type: ['string', 'null'] }, { type: ['string', 'null'] }],
    [
      'extensions, examples, discriminator and content keywords are dropped',
      {
        type: 'string',
        'x-max-duration': 'P1D',
        example: 'a',
        examples: ['a'],
        discriminator: { propertyName: 't' },
        contentMediaType: 'application/octet-stream',
        contentEncoding: 'base64',
      },
      { type: 'string' },
    ],
    ['a format ajv 6 lacks is dropped', { type: 'integer', format: 'int64' }, { type: 'integer' }],
    ['date-time is kept', { type: 'string', format: 'date-time' }, { type: 'string', format: 'date-time' }],
    [
      'properties named like keywords are properties, not keywords',
      { properties: { format: { type: 'string' }, example: { type: 'integer' } } },
      { properties: { format: { type: 'string' }, example: { type: 'integer' } } },
    ],
    [
      'nested schemas are translated too',
      { anyOf: [{ items: { $ref: '#/components/schemas/Id' } }], not: { const: 0 } },
      { anyOf: [{ items: { type: 'string', format: 'uuid' } }], not: { const: 0 } },
    ],
    [
      'a not whose constraint had to be dropped goes too (never stricter than spec/)',
      { type: 'integer', not: { format: 'int32' } },
      { type: 'integer' },
    ],
    [
      'an if whose condition lost a constraint goes with its then and else',
      { if: { format: 'int64' }, then: { minimum: 1 }, else: { maximum: 0 }, minimum: -5 },
      { minimum: -5 },
    ],
    [
      'an if that translates whole is kept with its branches',
      { if: { const: true }, then: { required: ['a'] } },
      { if: { const: true }, then: { required: ['a'] } },
    ],
  ])('%s', (_rule, given, want) => {
    expect(toDraft07(given, root)).toEqual(want);
  });

  it.each([
    ['a recursive schema cannot be inlined', { $ref: '#/components/schemas/Self' }, 'SCHEMA_REF_CYCLE'],
    ['a remote $ref is refused', { $ref: 'https://example.com/s.json' }, 'SCHEMA_REMOTE_REF'],
    ['a dangling $ref is refused', { $ref: '#/components/schemas/Nope' }, 'SCHEMA_DANGLING_REF'],
  ])('%s', (_rule, given, code) => {
    let thrown: unknown;
    try {
      toDraft07(given, root);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SchemaTranslationError);
    expect((thrown as SchemaTranslationError).code).toBe(code);
  });

  it('reads the schema of an operation and status from spec/, and none for a body-less answer', async () => {
    const spec = await loadSpec();
    expect(responseSchema(spec, 'initializeFileTransfer', 200)).toEqual({
      type: 'object',
      required: ['fileTransferId'],
      properties: { fileTransferId: { type: 'string', format: 'uuid' } },
    });
    expect(responseSchema(spec, 'confirmDownload', 204)).toBeUndefined();
    expect(responseSchema(spec, 'downloadFileTransfer', 200)).toBeUndefined();
    expect(() => responseSchema(spec, 'noSuchOperation', 200)).toThrow(/noSuchOperation/);
    expect(() => responseSchema(spec, 'getServiceOwner', 418)).toThrow(/418/);
  });

  it('the Postman sandbox bundles ajv 6, the version the scripts are written for', () => {
    expect(sandboxAjv).toBe('6');
  });

  it.each([
    ['a format ajv 6 lacks', { type: 'integer', format: 'int64' }],
    ['a 2020-12 keyword', { type: 'array', prefixItems: [{ type: 'string' }] }],
    ['an OpenAPI keyword', { type: 'object', discriminator: { propertyName: 't' } }],
  ])('the ajv 6 check has teeth: it refuses %s', (_what, schema) => {
    const { Ajv } = findAjv6();
    const ajv = new Ajv({ allErrors: true, logger: false, strictKeywords: true, unknownFormats: true });
    expect(() => ajv.compile(schema)).toThrow();
  });

  it('every schema the export embeds compiles under ajv 6 with unknown keywords and formats refused', () => {
    const { version, Ajv } = findAjv6();
    expect(version).toMatch(/^6\./);
    const embedded = exportedSchemas();
    expect(embedded.length).toBeGreaterThanOrEqual(10);
    for (const { request, status, schema } of embedded) {
      const ajv = new Ajv({ allErrors: true, logger: false, strictKeywords: true, unknownFormats: true });
      expect([request, status, typeof ajv.compile(schema)]).toEqual([request, status, 'function']);
    }
  });
});
