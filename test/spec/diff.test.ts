import { describe, expect, it } from '@jest/globals';
import type { SpecChange } from '../../src/spec/diff.js';
import { diffSpecs } from '../../src/spec/diff.js';
import { diffExitCode, formatDiffTable } from '../../src/spec/diff-format.js';
import type {
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  PathItemObject,
  SchemaObject,
} from '../../src/spec/types.js';

const PATH = '/broker/api/v1/filetransfer';
const POST = `POST ${PATH}`;
const REQ = `${POST} › request body`;
const RES = `${POST} › 200 application/json`;
const WEBHOOK = 'no.altinn.broker.published';

function spec(paths: Record<string, PathItemObject>, extra: Partial<OpenApiDocument> = {}): OpenApiDocument {
  return { openapi: '3.1.0', info: { title: 'Broker', version: '1' }, paths, ...extra };
}

const OK: OperationObject = { responses: { '200': { description: 'OK' } } };
const str: SchemaObject = { type: 'string' };
const obj = (properties: Record<string, SchemaObject>, required: string[] = [], more = {}): SchemaObject => ({
  type: 'object',
  properties,
  required,
  ...more,
});
const json = (schema: SchemaObject) => ({ 'application/json': { schema } });

/** A POST at PATH taking `request` and answering 200 with `response`; `op` overrides the operation. */
function endpoint(
  opts: {
    request?: SchemaObject;
    response?: SchemaObject;
    op?: OperationObject;
    extra?: Partial<OpenApiDocument>;
  } = {},
): OpenApiDocument {
  const { request = obj({}), response = obj({}), op = {}, extra = {} } = opts;
  const post: OperationObject = {
    requestBody: { required: true, content: json(request) },
    responses: { '200': { description: 'OK', content: json(response) } },
    ...op,
  };
  return spec({ [PATH]: { post } }, extra);
}
const req = (request: SchemaObject, extra?: Partial<OpenApiDocument>) => endpoint({ request, extra });
const res = (response: SchemaObject, extra?: Partial<OpenApiDocument>) => endpoint({ response, extra });
const withParams = (...parameters: ParameterObject[]) => endpoint({ op: { parameters } });
const query = (name: string, required = false): ParameterObject => ({
  in: 'query',
  name,
  required,
  schema: str,
});
const webhook = (payload: SchemaObject) =>
  spec({}, { webhooks: { [WEBHOOK]: { post: { requestBody: { content: json(payload) }, ...OK } } } });
const secured = (...scopes: string[]) => endpoint({ op: { security: [{ maskinporten: scopes }] } });
const schemas = (s: Record<string, SchemaObject>): Partial<OpenApiDocument> => ({
  components: { schemas: s },
});
const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });

type Want = Partial<SpecChange>[];
type Row<T> = [string, { given: [T, T]; want: Want }];
const breaks = (kind: SpecChange['kind'], location?: string): Want => [
  { severity: 'breaking', kind, ...(location ? { location } : {}) },
];
const notes = (kind: SpecChange['kind'], location?: string): Want => [
  { severity: 'non-breaking', kind, ...(location ? { location } : {}) },
];

/** Schemas of the request body: the client writes them, so narrowing breaks. */
const requestSchemas: Row<SchemaObject>[] = [
  ['identical', { given: [obj({ a: str }), obj({ a: str })], want: [] }],
  [
    'description and examples changed',
    { given: [{ description: 'a' }, { description: 'b', examples: [1] }], want: [] },
  ],
  ['enum narrowed', { given: [{ enum: ['a', 'b'] }, { enum: ['a'] }], want: breaks('enum-narrowed', REQ) }],
  ['enum widened', { given: [{ enum: ['a'] }, { enum: ['a', 'b'] }], want: notes('enum-widened', REQ) }],
  [
    'new required field',
    { given: [obj({}), obj({ b: str }, ['b'])], want: breaks('required-request-field-added', `${REQ} › /b`) },
  ],
  [
    'optional field added',
    { given: [obj({}), obj({ a: str })], want: notes('property-added', `${REQ} › /a`) },
  ],
  [
    'optional field becomes required',
    { given: [obj({ a: str }), obj({ a: str }, ['a'])], want: breaks('required-request-field-added') },
  ],
  [
    'required field becomes optional',
    { given: [obj({ a: str }, ['a']), obj({ a: str })], want: notes('required-request-field-removed') },
  ],
  [
    'property removed, extra properties allowed',
    { given: [obj({ a: str }), obj({})], want: notes('property-removed') },
  ],
  [
    'property removed, additionalProperties false',
    {
      given: [
        obj({ a: str }, [], { additionalProperties: false }),
        obj({}, [], { additionalProperties: false }),
      ],
      want: breaks('property-removed', `${REQ} › /a`),
    },
  ],
  [
    'type changed',
    {
      given: [obj({ n: str }), obj({ n: { type: 'integer' } })],
      want: breaks('type-changed', `${REQ} › /n`),
    },
  ],
  ['null no longer accepted', { given: [{ type: ['string', 'null'] }, str], want: breaks('type-changed') }],
  ['null now accepted', { given: [str, { type: ['string', 'null'] }], want: notes('type-changed') }],
  [
    'integer widened to number',
    { given: [{ type: 'integer' }, { type: 'number' }], want: notes('type-changed') },
  ],
  [
    'a type change hides the changes inside',
    { given: [obj({ a: str }), str], want: breaks('type-changed', REQ) },
  ],
  [
    'maxLength lowered',
    { given: [{ maxLength: 10 }, { maxLength: 5 }], want: breaks('constraint-tightened') },
  ],
  ['maxLength raised', { given: [{ maxLength: 5 }, { maxLength: 10 }], want: notes('constraint-loosened') }],
  ['minLength raised', { given: [{ minLength: 1 }, { minLength: 2 }], want: breaks('constraint-tightened') }],
  [
    'maxItems added',
    { given: [{ type: 'array' }, { type: 'array', maxItems: 5 }], want: breaks('constraint-tightened') },
  ],
  ['minItems raised', { given: [{ minItems: 0 }, { minItems: 1 }], want: breaks('constraint-tightened') }],
  ['maximum lowered', { given: [{ maximum: 10 }, { maximum: 9 }], want: breaks('constraint-tightened') }],
  ['minimum raised', { given: [{ minimum: 0 }, { minimum: 1 }], want: breaks('constraint-tightened') }],
  [
    'maxProperties lowered',
    { given: [{ maxProperties: 3 }, { maxProperties: 2 }], want: breaks('constraint-tightened') },
  ],
  ['pattern added', { given: [str, { ...str, pattern: '^[a-z]+$' }], want: breaks('constraint-tightened') }],
  [
    'pattern changed',
    { given: [{ pattern: '^a' }, { pattern: '^b' }], want: breaks('constraint-tightened') },
  ],
  ['pattern removed', { given: [{ pattern: '^a' }, {}], want: notes('constraint-loosened') }],
  ['format added', { given: [str, { ...str, format: 'uuid' }], want: breaks('constraint-tightened') }],
  [
    'additionalProperties turned false',
    { given: [obj({}), obj({}, [], { additionalProperties: false })], want: breaks('constraint-tightened') },
  ],
  [
    'constraint inside array items',
    {
      given: [
        obj({ recipients: { type: 'array', items: { maxLength: 9 } } }),
        obj({ recipients: { type: 'array', items: { maxLength: 8 } } }),
      ],
      want: breaks('constraint-tightened', `${REQ} › /recipients/items`),
    },
  ],
  [
    'oneOf loses an alternative',
    { given: [{ oneOf: [str, { type: 'integer' }] }, { oneOf: [str] }], want: breaks('type-changed') },
  ],
  [
    'oneOf gains an alternative',
    { given: [{ oneOf: [str] }, { oneOf: [str, { type: 'integer' }] }], want: notes('type-changed') },
  ],
  [
    'oneOf alternative changed',
    {
      given: [{ oneOf: [str] }, { oneOf: [{ ...str, enum: ['a'] }] }],
      want: breaks('enum-narrowed', `${REQ} › /oneOf/0`),
    },
  ],
];

/** Schemas of the 200 response: the client reads them, so what it relied on must stay. */
const responseSchemas: Row<SchemaObject>[] = [
  [
    'property removed',
    {
      given: [obj({ id: str, name: str }), obj({ id: str })],
      want: breaks('property-removed', `${RES} › /name`),
    },
  ],
  [
    'property no longer required',
    {
      given: [obj({ id: str }, ['id']), obj({ id: str })],
      want: breaks('required-response-field-removed', `${RES} › /id`),
    },
  ],
  [
    'property may now be null',
    {
      given: [obj({ a: str }), obj({ a: { type: ['string', 'null'] } })],
      want: breaks('type-changed', `${RES} › /a`),
    },
  ],
  [
    'property added',
    { given: [obj({}), obj({ a: str }, ['a'])], want: notes('property-added', `${RES} › /a`) },
  ],
  [
    'property becomes required',
    { given: [obj({ a: str }), obj({ a: str }, ['a'])], want: notes('required-response-field-added') },
  ],
  [
    'enum widened (noted, not breaking)',
    { given: [{ enum: ['a'] }, { enum: ['a', 'b'] }], want: notes('enum-widened') },
  ],
  ['enum narrowed', { given: [{ enum: ['a', 'b'] }, { const: 'a' }], want: notes('enum-narrowed') }],
  [
    'maxLength lowered',
    { given: [{ maxLength: 10 }, { maxLength: 5 }], want: notes('constraint-tightened') },
  ],
  [
    'oneOf gains an alternative',
    { given: [{ oneOf: [str] }, { oneOf: [str, { type: 'integer' }] }], want: breaks('type-changed') },
  ],
];

const statuses = (...codes: string[]): OperationObject => ({
  responses: Object.fromEntries(codes.map((code) => [code, { description: code }])),
});
const content = (where: 'body' | '200', ...types: string[]): OperationObject => {
  const media = Object.fromEntries(types.map((type) => [type, { schema: str }]));
  return where === 'body'
    ? { requestBody: { content: media }, ...OK }
    : { responses: { '200': { description: 'OK', content: media } } };
};
const header = (name?: string): OperationObject => ({
  responses: { '200': { description: 'OK', headers: name ? { [name]: { schema: str } } : {} } },
});
const op = (o: OperationObject) => spec({ [PATH]: { post: o } });

/** Whole documents: operations, parameters, bodies, statuses, security, webhooks and refs. */
const documents: Row<OpenApiDocument>[] = [
  ['identical documents', { given: [endpoint(), endpoint()], want: [] }],
  [
    'summary and description changed',
    { given: [op({ ...OK, summary: 'a' }), op({ ...OK, summary: 'b', description: 'c' })], want: [] },
  ],
  [
    'path template parameter renamed',
    {
      given: [
        spec({
          '/a/{id}': {
            get: { ...OK, parameters: [{ in: 'path', name: 'id', required: true, schema: str }] },
          },
        }),
        spec({
          '/a/{fileTransferId}': {
            get: { ...OK, parameters: [{ in: 'path', name: 'fileTransferId', schema: str }] },
          },
        }),
      ],
      want: [],
    },
  ],
  [
    'schema moved into components',
    { given: [req(ref('X'), schemas({ X: obj({ a: str }) })), req(obj({ a: str }))], want: [] },
  ],
  [
    'operation removed',
    {
      given: [spec({ [PATH]: { get: OK, post: OK } }), op(OK)],
      want: breaks('operation-removed', `GET ${PATH}`),
    },
  ],
  [
    'operation added',
    {
      given: [op(OK), spec({ [PATH]: { get: OK, post: OK } })],
      want: notes('operation-added', `GET ${PATH}`),
    },
  ],
  [
    'operation deprecated',
    { given: [op(OK), op({ ...OK, deprecated: true })], want: notes('operation-deprecated', POST) },
  ],
  [
    'path removed',
    { given: [spec({ '/other': { get: OK } }), spec({})], want: breaks('path-removed', '/other') },
  ],
  ['path added', { given: [spec({}), spec({ '/other': { get: OK } })], want: notes('path-added', '/other') }],
  [
    'webhook removed',
    { given: [webhook(obj({})), spec({})], want: breaks('webhook-removed', `webhook ${WEBHOOK}`) },
  ],
  [
    'webhook added',
    { given: [spec({}), webhook(obj({}))], want: notes('webhook-added', `webhook ${WEBHOOK}`) },
  ],
  [
    'status removed',
    {
      given: [op(statuses('200', '404')), op(statuses('200'))],
      want: breaks('status-removed', `${POST} › 404`),
    },
  ],
  [
    'status added',
    {
      given: [op(statuses('200')), op(statuses('200', '404'))],
      want: notes('status-added', `${POST} › 404`),
    },
  ],
  [
    'response media type removed',
    {
      given: [op(content('200', 'application/json', 'text/plain')), op(content('200', 'application/json'))],
      want: breaks('media-type-removed', `${POST} › 200 text/plain`),
    },
  ],
  [
    'response media type added',
    {
      given: [op(content('200')), op(content('200', 'application/json'))],
      want: notes('media-type-added', RES),
    },
  ],
  [
    'request media type removed',
    {
      given: [op(content('body', 'application/json', 'text/plain')), op(content('body', 'application/json'))],
      want: breaks('media-type-removed', `${REQ} text/plain`),
    },
  ],
  [
    'required request body added',
    {
      given: [endpoint({ op: { requestBody: undefined } }), endpoint()],
      want: breaks('request-body-became-required', REQ),
    },
  ],
  [
    'response header removed',
    {
      given: [op(header('ETag')), op(header())],
      want: breaks('response-header-removed', `${POST} › 200 header etag`),
    },
  ],
  [
    'required parameter added',
    {
      given: [withParams(), withParams(query('q', true))],
      want: breaks('parameter-added-required', `${POST} › query parameter q`),
    },
  ],
  [
    'optional parameter added',
    { given: [withParams(), withParams(query('q'))], want: notes('parameter-added-optional') },
  ],
  [
    'parameter becomes required',
    {
      given: [withParams(query('q')), withParams(query('q', true))],
      want: breaks('parameter-became-required'),
    },
  ],
  [
    'parameter becomes optional',
    {
      given: [withParams(query('q', true)), withParams(query('q'))],
      want: notes('parameter-became-optional'),
    },
  ],
  ['parameter removed', { given: [withParams(query('q')), withParams()], want: breaks('parameter-removed') }],
  [
    'security scope added',
    {
      given: [secured('write'), secured('write', 'admin')],
      want: breaks('security-scope-changed', `${POST} › security`),
    },
  ],
  [
    'security scope dropped',
    { given: [secured('write', 'admin'), secured('write')], want: notes('security-scope-changed') },
  ],
  [
    'security scheme replaced',
    {
      given: [secured('write'), endpoint({ op: { security: [{ apiKey: [] }] } })],
      want: breaks('security-requirement-changed'),
    },
  ],
  [
    'webhook payload property removed (the client reads it)',
    {
      given: [webhook(obj({ a: str })), webhook(obj({}))],
      want: breaks('property-removed', `webhook ${WEBHOOK} › POST › request body › /a`),
    },
  ],
  [
    'webhook payload property added',
    { given: [webhook(obj({})), webhook(obj({ a: str }, ['a']))], want: notes('property-added') },
  ],
  [
    'unresolved ref in the new document',
    { given: [req(obj({})), req(ref('Missing'))], want: breaks('unresolved-ref', REQ) },
  ],
  [
    'unresolved ref only in the old document',
    { given: [req(ref('Missing')), req(obj({}))], want: notes('unresolved-ref', REQ) },
  ],
];

describe('diffSpecs', () => {
  it.each(requestSchemas)('request body: %s', (_, { given: [before, after], want }) => {
    expect(diffSpecs(req(before), req(after))).toMatchObject(want);
  });
  it.each(responseSchemas)('response body: %s', (_, { given: [before, after], want }) => {
    expect(diffSpecs(res(before), res(after))).toMatchObject(want);
  });
  it.each(documents)('%s', (_, { given: [before, after], want }) => {
    expect(diffSpecs(before, after)).toMatchObject(want);
  });
});

describe('diffSpecs with references', () => {
  const node = obj({ name: str, children: { type: 'array', items: ref('Node') } });

  it('finds a change inside a component at every operation that uses it', () => {
    const twoOps = (x: SchemaObject) => {
      const op: OperationObject = { requestBody: { content: json(ref('X')) }, ...OK };
      return spec({ [PATH]: { post: op, put: op } }, schemas({ X: x }));
    };
    const changes = diffSpecs(twoOps(obj({ a: str })), twoOps(obj({ a: { type: 'integer' } })));
    expect(changes.map((c) => [c.kind, c.location])).toEqual([
      ['type-changed', `${REQ} › /a`],
      ['type-changed', `PUT ${PATH} › request body › /a`],
    ]);
  });

  it('follows refs whose pointer escapes ~1 and ~0', () => {
    const escaped = (type: string) =>
      req({ $ref: '#/components/schemas/a~1b~0c' }, schemas({ 'a/b~c': obj({ n: { type } }) }));
    expect(diffSpecs(escaped('string'), escaped('integer'))).toMatchObject(
      breaks('type-changed', `${REQ} › /n`),
    );
  });

  it('merges allOf branches', () => {
    const base = obj({ a: str });
    const before = req({ allOf: [ref('Base'), obj({ b: str })] }, schemas({ Base: base }));
    const after = req({ allOf: [ref('Base'), obj({ b: str }, ['b'])] }, schemas({ Base: base }));
    expect(diffSpecs(before, after)).toMatchObject(breaks('required-request-field-added', `${REQ} › /b`));
  });

  it('stops at a cycle, reporting a change once', () => {
    const renamed = obj({ name: { type: 'integer' }, children: { type: 'array', items: ref('Node') } });
    const changes = diffSpecs(
      res(ref('Node'), schemas({ Node: node })),
      res(ref('Node'), schemas({ Node: renamed })),
    );
    expect(changes).toMatchObject(breaks('type-changed', `${RES} › /name`));
  });

  it('stops at a cycle through allOf', () => {
    const loop = { allOf: [ref('Loop')], properties: { next: ref('Loop') } };
    expect(
      diffSpecs(req(ref('Loop'), schemas({ Loop: loop })), req(ref('Loop'), schemas({ Loop: loop }))),
    ).toEqual([]);
  });

  it('resolves parameter refs and merges path-level parameters', () => {
    const withRef = (required: boolean): OpenApiDocument => ({
      ...spec({ [PATH]: { parameters: [{ $ref: '#/components/parameters/Q' }], post: OK } }),
      components: { parameters: { Q: query('q', required) } },
    });
    expect(diffSpecs(withRef(false), withRef(true))).toMatchObject(
      breaks('parameter-became-required', `${POST} › query parameter q`),
    );
  });

  it('orders changes by location, then kind', () => {
    const changes = diffSpecs(req(obj({ b: str, a: str }, ['a'])), req(obj({ c: str }, ['c'])));
    const keys = changes.map((c) => `${c.location} ${c.kind}`);
    expect(keys).toEqual([...keys].sort());
    expect(changes.map((c) => c.location)).toEqual([`${REQ} › /a`, `${REQ} › /b`, `${REQ} › /c`]);
  });
});

describe('formatDiffTable', () => {
  const changes = diffSpecs(
    endpoint({
      request: obj({ recipients: { type: 'array', items: str } }),
      response: obj({ fileTransferId: str }),
    }),
    endpoint({
      request: obj({ recipients: { type: 'array', items: { ...str, maxLength: 9 } } }),
      response: obj({}),
    }),
  );

  it('ends with the summary line', () => {
    expect(formatDiffTable(changes).trimEnd().split('\n').at(-1)).toBe('2 breaking, 0 non-breaking');
  });

  it('keeps every line within the terminal width', () => {
    const lines = formatDiffTable(changes, { width: 80 }).split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^SEVERITY\s+KIND\s+LOCATION\s+MESSAGE$/);
  });

  it('colours severity only when asked', () => {
    expect(formatDiffTable(changes)).not.toContain('\x1b[');
    expect(formatDiffTable(changes, { color: true })).toContain('\x1b[31mbreaking\x1b[0m');
  });

  it('says so when nothing changed', () => {
    expect(formatDiffTable([])).toBe('No changes.\n0 breaking, 0 non-breaking\n');
  });
});

describe('diffExitCode', () => {
  const change = (severity: SpecChange['severity']): SpecChange => ({
    severity,
    kind: 'type-changed',
    location: '',
    message: '',
  });
  it.each<[string, { given: SpecChange[]; want: 0 | 1 }]>([
    ['no changes', { given: [], want: 0 }],
    ['only non-breaking', { given: [change('non-breaking')], want: 0 }],
    ['any breaking', { given: [change('non-breaking'), change('breaking')], want: 1 }],
  ])('%s', (_, { given, want }) => {
    expect(diffExitCode(given)).toBe(want);
  });
});
