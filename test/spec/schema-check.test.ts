import { describe, expect, it } from '@jest/globals';
import { checkSchemas, schemaPlaces } from '../../src/spec/schema-check.js';
import { toPointer } from '../../src/spec/pointer.js';

const media = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const documentWith = (schema: unknown) => ({
  openapi: '3.1.0',
  paths: { '/a': { get: { responses: { 200: { description: 'ok', ...media(schema) } } } } },
});
const AT = '/paths/~1a/get/responses/200/content/application~1json/schema';

describe('where the schemas of a document stand (OAS 3.1 §4.8.24)', () => {
  it('finds components.schemas, media types, parameters, headers and webhooks, and no schema inside one', () => {
    const document = {
      paths: {
        '/a': {
          parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }],
          post: {
            requestBody: media({ properties: { schema: { type: 'object' } } }),
            responses: { 200: { description: 'ok', headers: { 'X-A': { schema: { type: 'string' } } } } },
          },
        },
      },
      webhooks: { e: { post: { requestBody: media({ type: 'object' }) } } },
      components: {
        schemas: { Thing: { type: 'object', properties: { schema: { type: 'string' } } } },
        parameters: { P: { name: 'p', in: 'path', schema: { type: 'integer' } } },
        examples: { E: { value: { schema: 'not a schema' } } },
      },
      'x-tool': { schema: 'anyone’s' },
    };
    expect(schemaPlaces(document).map(({ path }) => toPointer(path))).toEqual([
      '/paths/~1a/parameters/0/schema',
      '/paths/~1a/post/requestBody/content/application~1json/schema',
      '/paths/~1a/post/responses/200/headers/X-A/schema',
      '/webhooks/e/post/requestBody/content/application~1json/schema',
      '/components/schemas/Thing',
      '/components/parameters/P/schema',
    ]);
  });
});

describe('the meta-schema check', () => {
  it.each([
    ['a plain object schema', { type: 'object', properties: { id: { type: 'string' } } }, []],
    ['a boolean schema', true, []],
    [
      'OpenAPI keywords, as annotations',
      { type: 'object', discriminator: { propertyName: 'k' }, xml: {} },
      [],
    ],
    [
      'a length that is no integer',
      { type: 'string', maxLength: 'long' },
      [
        {
          pointer: `${AT}/maxLength`,
          message: 'not a JSON Schema 2020-12 schema: maxLength must be integer',
        },
      ],
    ],
    [
      'a required list that is no list, deep down',
      { type: 'object', properties: { inner: { type: 'object', required: 'id' } } },
      [
        {
          pointer: `${AT}/properties/inner/required`,
          message: 'not a JSON Schema 2020-12 schema: required must be array',
        },
      ],
    ],
    [
      'a schema that is no schema',
      'string',
      [{ pointer: AT, message: 'not a JSON Schema 2020-12 schema: the schema must be object,boolean' }],
    ],
  ])('%s', (_name, schema, want) => {
    expect(checkSchemas(documentWith(schema))).toEqual(want);
  });
});
