/**
 * The Postman Collection Format v2.1.0 as a JSON Schema (draft-07), written for this project from the
 * format's documentation: the official schema is neither fetched nor committed (docs/decisions/0006).
 * Strict where the format is (required members, enumerations, request item versus folder); open where
 * Postman's own exports add members (`_postman_previewlanguage`, `packages`, `headerFamily`). Issue 6.
 */
import { Ajv } from 'ajv';

const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
const arrayOf = (items: object) => ({ type: 'array', items });
const STRING = { type: 'string' };
const BOOLEAN = { type: 'boolean' };

/** Request methods Postman offers; any other token is a custom method, which the format allows. */
const METHOD = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]*$' };

const AUTH_TYPES = [
  'apikey',
  'awsv4',
  'basic',
  'bearer',
  'digest',
  'edgegrid',
  'hawk',
  'noauth',
  'oauth1',
  'oauth2',
  'ntlm',
  'jwt',
  'asap',
] as const;

const definitions = {
  description: {
    oneOf: [
      STRING,
      { type: 'null' },
      {
        type: 'object',
        properties: { content: STRING, type: STRING, version: {} },
      },
    ],
  },
  info: {
    type: 'object',
    required: ['name', 'schema'],
    properties: {
      name: { type: 'string', minLength: 1 },
      _postman_id: STRING,
      description: ref('description'),
      version: {},
      schema: {
        type: 'string',
        // The file declares the format it is in; v2.0 and v1 differ in shape, so only v2.1.0 is read.
        pattern:
          '^https://schema\\.(?:getpostman|postman)\\.com/json/collection/v2\\.1\\.0/collection\\.json$',
      },
    },
  },
  variable: {
    type: 'object',
    anyOf: [{ required: ['key'] }, { required: ['id'] }],
    properties: {
      id: STRING,
      key: STRING,
      value: {},
      type: { type: 'string', enum: ['string', 'boolean', 'any', 'number'] },
      name: STRING,
      description: ref('description'),
      system: BOOLEAN,
      disabled: BOOLEAN,
    },
  },
  variableList: arrayOf(ref('variable')),
  script: {
    type: 'object',
    properties: {
      id: STRING,
      type: { type: 'string', enum: ['text/javascript'] },
      exec: { oneOf: [arrayOf(STRING), STRING] },
      src: ref('url'),
      name: STRING,
      packages: { type: 'object' },
    },
  },
  event: {
    type: 'object',
    required: ['listen'],
    properties: {
      id: STRING,
      listen: { type: 'string', enum: ['test', 'prerequest'] },
      script: ref('script'),
      disabled: BOOLEAN,
    },
  },
  eventList: arrayOf(ref('event')),
  authAttribute: {
    type: 'object',
    required: ['key'],
    properties: { key: STRING, value: {}, type: STRING },
  },
  auth: {
    type: 'object',
    required: ['type'],
    properties: {
      type: { type: 'string', enum: AUTH_TYPES },
      noauth: {},
      ...Object.fromEntries(
        AUTH_TYPES.filter((t) => t !== 'noauth').map((t) => [t, arrayOf(ref('authAttribute'))]),
      ),
    },
  },
  header: {
    type: 'object',
    required: ['key', 'value'],
    properties: { key: STRING, value: STRING, disabled: BOOLEAN, description: ref('description') },
  },
  headerList: arrayOf(ref('header')),
  queryParam: {
    type: 'object',
    properties: {
      key: { type: ['string', 'null'] },
      value: { type: ['string', 'null'] },
      disabled: BOOLEAN,
      description: ref('description'),
    },
  },
  url: {
    oneOf: [
      STRING,
      {
        type: 'object',
        properties: {
          raw: STRING,
          protocol: STRING,
          host: { oneOf: [STRING, arrayOf(STRING)] },
          path: {
            oneOf: [
              STRING,
              arrayOf({
                oneOf: [STRING, { type: 'object', properties: { type: STRING, value: STRING } }],
              }),
            ],
          },
          port: STRING,
          query: arrayOf(ref('queryParam')),
          hash: STRING,
          variable: ref('variableList'),
        },
      },
    ],
  },
  keyValue: {
    type: 'object',
    required: ['key'],
    properties: { key: STRING, value: STRING, disabled: BOOLEAN, description: ref('description') },
  },
  formParam: {
    type: 'object',
    required: ['key'],
    properties: {
      key: STRING,
      value: STRING,
      src: { oneOf: [{ type: ['string', 'null'] }, arrayOf(STRING)] },
      type: { type: 'string', enum: ['text', 'file'] },
      contentType: STRING,
      disabled: BOOLEAN,
      description: ref('description'),
    },
  },
  body: {
    oneOf: [
      { type: 'null' },
      {
        type: 'object',
        properties: {
          mode: { type: 'string', enum: ['raw', 'urlencoded', 'formdata', 'file', 'graphql'] },
          raw: STRING,
          urlencoded: arrayOf(ref('keyValue')),
          formdata: arrayOf(ref('formParam')),
          file: { type: 'object', properties: { src: { type: ['string', 'null'] }, content: STRING } },
          graphql: { type: 'object', properties: { query: STRING, variables: {} } },
          options: {
            type: 'object',
            properties: {
              raw: {
                type: 'object',
                properties: {
                  language: { type: 'string', enum: ['text', 'javascript', 'json', 'html', 'xml'] },
                },
              },
            },
          },
          disabled: BOOLEAN,
        },
      },
    ],
  },
  request: {
    oneOf: [
      STRING,
      {
        type: 'object',
        properties: {
          url: ref('url'),
          auth: { oneOf: [{ type: 'null' }, ref('auth')] },
          proxy: { type: 'object' },
          certificate: { type: 'object' },
          method: METHOD,
          description: ref('description'),
          header: { oneOf: [ref('headerList'), STRING] },
          body: ref('body'),
        },
      },
    ],
  },
  response: {
    type: 'object',
    properties: {
      id: STRING,
      originalRequest: ref('request'),
      responseTime: { type: ['null', 'string', 'number'] },
      timings: { type: ['object', 'null'] },
      header: { oneOf: [arrayOf({ oneOf: [ref('header'), STRING] }), STRING, { type: 'null' }] },
      cookie: arrayOf({ type: 'object' }),
      body: { type: ['null', 'string'] },
      status: STRING,
      code: { type: 'integer' },
    },
  },
  item: {
    type: 'object',
    required: ['request'],
    properties: {
      id: STRING,
      name: STRING,
      description: ref('description'),
      variable: ref('variableList'),
      event: ref('eventList'),
      request: ref('request'),
      response: arrayOf(ref('response')),
      protocolProfileBehavior: { type: 'object' },
    },
  },
  itemGroup: {
    type: 'object',
    required: ['item'],
    properties: {
      id: STRING,
      name: STRING,
      description: ref('description'),
      variable: ref('variableList'),
      item: arrayOf(ref('itemOrGroup')),
      event: ref('eventList'),
      auth: { oneOf: [{ type: 'null' }, ref('auth')] },
      protocolProfileBehavior: { type: 'object' },
    },
  },
  // A request item has `request`, a folder has `item`; an object with both or neither is neither.
  itemOrGroup: { oneOf: [ref('item'), ref('itemGroup')] },
};

export const POSTMAN_COLLECTION_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Postman Collection Format v2.1.0 (broker-contract)',
  type: 'object',
  required: ['info', 'item'],
  properties: {
    info: ref('info'),
    item: arrayOf(ref('itemOrGroup')),
    event: ref('eventList'),
    variable: ref('variableList'),
    auth: { oneOf: [{ type: 'null' }, ref('auth')] },
    protocolProfileBehavior: { type: 'object' },
  },
  definitions,
} as const;

let compiled: ReturnType<Ajv['compile']> | undefined;

/** Every way `value` breaks the format, as `<instance path> <message>`; empty when it is a v2.1 collection. */
export function collectionErrors(value: unknown): string[] {
  compiled ??= new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }).compile(
    POSTMAN_COLLECTION_SCHEMA,
  );
  if (compiled(value)) return [];
  return (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
