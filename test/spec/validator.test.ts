import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadSpec, loadSpecText } from '../../src/spec/load.js';
import type { ResponseSample } from '../../src/spec/response-body.js';
import { ContractValidator } from '../../src/spec/validator.js';
import { notFound } from '../helpers/upstream-bodies.js';

const ID = '0850124f-6ae9-4821-b4f9-8ee7c937ecfc';
const JSON_UTF8 = { 'content-type': 'application/json; charset=utf-8' };

/** An overview body shaped as upstream writes it (CONTRACT.md §4.5): nulls explicit, .NET date-times. */
const overview = {
  fileTransferId: ID,
  resourceId: 'my-broker-resource',
  fileName: 'report.xml',
  sendersFileTransferReference: 'ref-1',
  checksum: null,
  useVirusScan: true,
  fileTransferSize: 0,
  fileTransferStatus: 'Initialized',
  fileTransferStatusText: 'Ready for upload',
  fileTransferStatusChanged: '2026-08-18T10:00:00.1234567+00:00',
  created: '2026-08-18T10:00:00.1234567+00:00',
  expirationTime: '2026-09-17T10:00:00+00:00',
  sender: '0192:991825827',
  recipients: [
    {
      recipient: '0192:986252932',
      currentRecipientFileTransferStatusCode: 'Initialized',
      currentRecipientFileTransferStatusText: 'Initialized',
      currentRecipientFileTransferStatusChanged: '2026-08-18T10:00:00.12+00:00',
    },
  ],
  propertyList: { Key: 'value' },
  published: null,
};

const validationProblem = {
  type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
  title: 'One or more validation errors occurred.',
  status: 400,
  errors: { PropertyList: ['PropertyList can contain at most 10 properties'] },
  traceId: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
};

const event = {
  specversion: '1.0',
  id: '6f1c0c9e-2b7e-4a57-9d1e-0f5b3f0e2a11',
  type: 'no.altinn.broker.published',
  time: '2026-08-18T10:00:00.1234567+00:00',
  resource: 'urn:altinn:resource:my-broker-resource',
  resourceinstance: ID,
  subject: 'urn:altinn:organization:identifier-no:986252932',
  source: 'https://platform.tt02.altinn.no/broker/api/v1/filetransfer',
  data: { Role: 'Recipient' },
};

const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = JSON_UTF8,
): ResponseSample => ({
  status,
  headers,
  body: JSON.stringify(body),
});

let validator: ContractValidator;
beforeAll(async () => {
  validator = new ContractValidator(await loadSpec());
});

describe('responses that conform', () => {
  it.each<[string, string, ResponseSample]>([
    ['an overview as upstream writes it', 'getFileTransferOverview', json(200, overview)],
    ['a Broker error as application/json', 'getFileTransferOverview', json(404, notFound)],
    [
      'a Broker error as application/problem+json',
      'downloadFileTransfer',
      json(404, notFound, { 'content-type': 'application/problem+json; charset=utf-8' }),
    ],
    ['a validation problem without a code', 'initializeFileTransfer', json(400, validationProblem)],
    ['a 401 with no body (no token)', 'getFileTransferOverview', { status: 401, headers: {}, body: '' }],
    [
      'a 401 with BRO-00006',
      'getFileTransferOverview',
      json(401, { ...notFound, status: 401, code: 'BRO-00006' }),
    ],
    [
      'the 406 plain text without a Content-Type',
      'initializeFileTransfer',
      { status: 406, headers: {}, body: 'Supported: application/json' },
    ],
    ['confirm as 204 with no body', 'confirmDownload', { status: 204, headers: {}, body: '' }],
    ['search as an array of ids', 'searchFileTransfers', json(200, [ID])],
    [
      'a ranged download with its headers',
      'downloadFileTransfer',
      {
        status: 206,
        headers: {
          'content-type': 'application/octet-stream',
          'content-range': 'bytes 0-9/100',
          'content-length': '10',
          'accept-ranges': 'bytes',
          'content-disposition': "attachment; filename=report.xml; filename*=UTF-8''report.xml",
        },
        bodyNotRead: true,
      },
    ],
  ])('%s', (_name, operation, response) => {
    expect(validator.validateResponse(operation, response).violations).toEqual([]);
  });
});

describe('responses that break the contract, each kind of violation', () => {
  it.each<[string, string, ResponseSample, object]>([
    [
      'a status the spec does not document, listing those it does',
      'getFileTransferOverview',
      json(418, {}),
      { kind: 'undocumented-status', actual: 418, expected: expect.arrayContaining(['200', '401', '404']) },
    ],
    [
      'a wrong content type',
      'getFileTransferOverview',
      { status: 200, headers: { 'content-type': 'text/html' }, body: '<html/>' },
      { kind: 'content-type', actual: 'text/html', expected: ['application/json'] },
    ],
    [
      'a body without a Content-Type',
      'getFileTransferOverview',
      { status: 200, headers: {}, body: JSON.stringify(overview) },
      { kind: 'content-type', actual: null },
    ],
    [
      'an empty 200',
      'getFileTransferOverview',
      { status: 200, headers: {}, body: '' },
      { kind: 'missing-body' },
    ],
    [
      'a body that is not JSON',
      'getFileTransferOverview',
      { status: 200, headers: JSON_UTF8, body: '{"fileTransferId":' },
      { kind: 'malformed-body' },
    ],
    [
      'a body where none is documented',
      'confirmDownload',
      json(204, { ok: true }),
      { kind: 'unexpected-body' },
    ],
    [
      'a missing required property',
      'getFileTransferOverview',
      json(200, { ...overview, fileTransferStatus: undefined }),
      { kind: 'schema', keyword: 'required', pointer: '/fileTransferStatus', expected: 'present' },
    ],
    [
      'a status name outside the enum',
      'getFileTransferOverview',
      json(200, { ...overview, fileTransferStatus: 'Publishd' }),
      {
        kind: 'schema',
        keyword: 'enum',
        pointer: '/fileTransferStatus',
        actual: 'Publishd',
        expected: expect.arrayContaining(['Published']),
      },
    ],
    [
      'a number where a string belongs',
      'getFileTransferOverview',
      json(200, { ...overview, fileName: 42 }),
      { kind: 'schema', keyword: 'type', pointer: '/fileName', actual: 'integer' },
    ],
    [
      'a numeric enum (not a string, CONTRACT.md §1)',
      'getFileTransferOverview',
      json(200, { ...overview, fileTransferStatus: 3 }),
      { kind: 'schema', pointer: '/fileTransferStatus' },
    ],
    [
      'a malformed GUID',
      'getFileTransferOverview',
      json(200, { ...overview, fileTransferId: 'not-a-guid' }),
      { kind: 'schema', keyword: 'format', pointer: '/fileTransferId', actual: 'not-a-guid' },
    ],
    [
      'a deep violation inside an array item',
      'getFileTransferOverview',
      json(200, {
        ...overview,
        recipients: [{ ...overview.recipients[0], currentRecipientFileTransferStatusCode: 'Done' }],
      }),
      { kind: 'schema', pointer: '/recipients/0/currentRecipientFileTransferStatusCode' },
    ],
    [
      'an error code without the BRO- form',
      'getFileTransferOverview',
      json(404, { ...notFound, code: 'BRO-1' }),
      { kind: 'schema', keyword: 'pattern', pointer: '/code', actual: 'BRO-1' },
    ],
    [
      'a Broker code the response does not document (BRO-00007 for an unknown id)',
      'getFileTransferOverview',
      json(404, { ...notFound, code: 'BRO-00007' }),
      { kind: 'error-code', pointer: '/code', actual: 'BRO-00007', expected: ['BRO-00001'] },
    ],
    [
      'a Broker error named errorCode instead of code',
      'getFileTransferOverview',
      json(404, { ...notFound, code: undefined, errorCode: 'BRO-00001' }),
      { kind: 'schema', keyword: 'required', pointer: '/code' },
    ],
    [
      'a required download header missing',
      'downloadFileTransfer',
      {
        status: 206,
        headers: {
          'content-type': 'application/octet-stream',
          'accept-ranges': 'bytes',
          'content-length': '10',
          'content-disposition': 'attachment',
        },
        bodyNotRead: true,
      },
      { kind: 'header', pointer: 'Content-Range', expected: 'present' },
    ],
    [
      'a malformed header',
      'downloadFileTransfer',
      {
        status: 206,
        headers: {
          'content-type': 'application/octet-stream',
          'content-range': 'bytes */100',
          'accept-ranges': 'bytes',
          'content-length': '10',
          'content-disposition': 'attachment',
        },
        bodyNotRead: true,
      },
      { kind: 'header', pointer: 'Content-Range', actual: 'bytes */100' },
    ],
  ])('%s', (_name, operation, response, want) => {
    const { violations } = validator.validateResponse(operation, response);
    expect(violations).toContainEqual(expect.objectContaining(want));
    for (const v of violations) expect(v.message).toContain(operation);
  });

  it('says in its message where, what was expected and what came', () => {
    const [violation] = validator.validateResponse(
      'getFileTransferOverview',
      json(200, { ...overview, fileTransferStatus: 'Publishd' }),
    ).violations;
    expect(violation?.message).toBe(
      'getFileTransferOverview 200 /fileTransferStatus: must be equal to one of the allowed values (expected one of "Initialized", "UploadStarted", "UploadProcessing", "Published", "Cancelled", "AllConfirmedDownloaded", "Purged", "Failed", got "Publishd")',
    );
  });

  it('names an operation the document does not have', () => {
    expect(validator.validateResponse('cancelFileTransfer', json(200, {})).violations).toEqual([
      expect.objectContaining({ kind: 'unknown-operation' }),
    ]);
  });
});

describe('operations and compiled schemas', () => {
  it.each([
    ['get', `/broker/api/v1/filetransfer/${ID}`, 'getFileTransferOverview'],
    ['get', `/broker/api/v1/filetransfer/${ID}/details`, 'getFileTransferDetails'],
    ['post', '/broker/api/v1/filetransfer/upload', 'initializeAndUploadFileTransfer'],
    ['post', `/broker/api/v1/filetransfer/${ID}/upload`, 'uploadFileTransfer'],
    ['head', `/broker/api/v1/filetransfer/upload/tus/${ID}`, 'tusGetUploadOffset'],
    [
      'patch',
      `/broker/api/v1/filetransfer/upload/tus/${ID}/partial/0123456789abcdef0123456789abcdef`,
      'tusUploadPartialChunk',
    ],
    ['GET', '/broker/api/v1/statistics/monthly', 'getMonthlyStatistics'],
  ])('%s %s is %s', (method, path, id) => {
    expect(validator.operations.match(method, path)?.id).toBe(id);
  });

  it('compiles each (operation, status, media type) once', () => {
    const fresh = new ContractValidator(
      validator.operations.all.length
        ? (validator as unknown as { document: never }).document
        : ({} as never),
    );
    fresh.validateResponse('getFileTransferOverview', json(200, overview));
    const after = fresh.compiledCount;
    for (let i = 0; i < 5; i++) fresh.validateResponse('getFileTransferOverview', json(200, overview));
    expect(fresh.compiledCount).toBe(after);
    fresh.validateResponse(
      'getFileTransferOverview',
      json(404, notFound, { 'content-type': 'application/problem+json' }),
    );
    expect(fresh.compiledCount).toBe(after + 1);
  });

  it('compiles every response, request and webhook schema of the bundled spec', () => {
    for (const op of validator.operations.all) {
      for (const status of Object.keys(op.operation.responses ?? {})) {
        expect(() =>
          validator.validateResponse(op, { status: Number(status), headers: JSON_UTF8, body: '{}' }),
        ).not.toThrow();
      }
      expect(() =>
        validator.validateRequest(op, { body: {}, contentType: 'application/json' }),
      ).not.toThrow();
    }
  });
});

describe('requests: our valid ones are valid, our invalid ones invalid for the reason intended', () => {
  const initialize = {
    fileName: 'report.xml',
    resourceId: 'my-broker-resource',
    sendersFileTransferReference: 'ref-1',
    sender: '0192:991825827',
    recipients: ['0192:986252932', 'urn:altinn:organization:identifier-no:986252932'],
    propertyList: { Key: 'value' },
    checksum: null,
    disableVirusScan: false,
  };

  it.each<[string, object]>([
    ['the usual body', initialize],
    ['a URN resource id', { ...initialize, resourceId: 'urn:altinn:resource:my-broker-resource' }],
    ['a whitespace checksum (counts as none)', { ...initialize, checksum: '  ' }],
    ['a lower-case 32-character checksum', { ...initialize, checksum: 'd41d8cd98f00b204e9800998ecf8427e' }],
    ['an empty property key (upstream has no lower bound)', { ...initialize, propertyList: { '': 'v' } }],
  ])('initialize accepts %s', (_name, body) => {
    expect(
      validator.validateRequest('initializeFileTransfer', { contentType: 'application/json', body })
        .violations,
    ).toEqual([]);
  });

  it.each<[string, object, string, string]>([
    ['a plain 9-digit sender', { ...initialize, sender: '991825827' }, '/sender', 'pattern'],
    ['no recipients', { ...initialize, recipients: [] }, '/recipients', 'minItems'],
    ['a malformed recipient', { ...initialize, recipients: ['986252932'] }, '/recipients/0', 'pattern'],
    ['an empty file name', { ...initialize, fileName: '' }, '/fileName', 'minLength'],
    ['a resource id with a colon', { ...initialize, resourceId: 'a:b' }, '/resourceId', 'pattern'],
    [
      'eleven properties',
      { ...initialize, propertyList: Object.fromEntries([...Array(11).keys()].map((i) => [`k${i}`, 'v'])) },
      '/propertyList',
      'maxProperties',
    ],
    [
      'a 51-character property key',
      { ...initialize, propertyList: { ['k'.repeat(51)]: 'v' } },
      '/propertyList',
      'propertyNames',
    ],
    [
      'a 3001-character property value',
      { ...initialize, propertyList: { k: 'v'.repeat(3001) } },
      '/propertyList/k',
      'maxLength',
    ],
    [
      'an upper-case checksum',
      { ...initialize, checksum: 'D41D8CD98F00B204E9800998ECF8427E' },
      '/checksum',
      'pattern',
    ],
    [
      'a 31-character checksum',
      { ...initialize, checksum: 'd41d8cd98f00b204e9800998ecf8427' },
      '/checksum',
      'pattern',
    ],
  ])('initialize rejects %s at %s (%s)', (_name, body, pointer, keyword) => {
    const { violations } = validator.validateRequest('initializeFileTransfer', {
      contentType: 'application/json',
      body,
    });
    expect(violations).toContainEqual(expect.objectContaining({ kind: 'schema', pointer, keyword }));
  });

  it.each<[string, object, boolean]>([
    ['P30D', { fileTransferTimeToLive: 'P30D' }, true],
    ['PT2H grace', { purgeFileTransferGracePeriod: 'PT2H' }, true],
    ['P1DT12H', { fileTransferTimeToLive: 'P1DT12H' }, true],
    ['30D (not ISO 8601)', { fileTransferTimeToLive: '30D' }, false],
    ['48H (not ISO 8601)', { purgeFileTransferGracePeriod: '48H' }, false],
    ['P1W (weeks are rejected)', { fileTransferTimeToLive: 'P1W' }, false],
    ['max size 0', { maxFileTransferSize: 0 }, false],
    ['max size -1', { maxFileTransferSize: -1 }, false],
    ['max size over the global cap', { maxFileTransferSize: 1_677_721_600_001 }, false],
    ['manifest shim without service codes', { useManifestFileShim: true }, false],
    [
      'manifest shim with service codes',
      { useManifestFileShim: true, externalServiceCodeLegacy: '4242', externalServiceEditionCodeLegacy: 1 },
      true,
    ],
    ['an empty body', {}, true],
  ])('resource configuration %s', (_name, body, valid) => {
    const { violations } = validator.validateRequest('configureResource', {
      contentType: 'application/json',
      body,
    });
    expect(violations.length === 0).toBe(valid);
  });

  it.each<[string, Record<string, string>, boolean]>([
    ['resourceId alone', { resourceId: 'r' }, true],
    [
      'every filter',
      {
        resourceId: 'r',
        status: 'Published',
        recipientStatus: 'DownloadConfirmed',
        from: '2026-08-18T10:00:00Z',
        to: '2026-08-19T10:00:00Z',
        orderAscending: 'true',
        role: 'sender',
      },
      true,
    ],
    ['a numeric status (binds by value)', { resourceId: 'r', status: '3' }, true],
    ['no resourceId', {}, false],
    ['an unknown status', { resourceId: 'r', status: 'Done' }, false],
    ['a role that is not one', { resourceId: 'r', role: 'owner' }, false],
    ['orderAscending that is no boolean', { resourceId: 'r', orderAscending: 'maybe' }, false],
  ])('search query %s', (_name, query, valid) => {
    const { violations } = validator.validateRequest('searchFileTransfers', { query });
    expect(violations.length === 0).toBe(valid);
    for (const v of violations) expect(v.kind).toBe('parameter');
  });

  it('rejects a request media type the operation does not take', () => {
    const { violations } = validator.validateRequest('initializeFileTransfer', {
      contentType: 'text/plain',
      body: 'x',
    });
    expect(violations).toEqual([expect.objectContaining({ kind: 'content-type', actual: 'text/plain' })]);
  });
});

describe('CloudEvents against the webhooks', () => {
  it.each<[string, object, string[]]>([
    ['a published event for a recipient', event, []],
    ['a published event for the sender', { ...event, data: { Role: 'Sender' } }, []],
    [
      'an initialized event addressed to a recipient',
      { ...event, type: 'no.altinn.broker.filetransferinitialized' },
      ['/data/Role'],
    ],
    ['a subject in 0192: form instead of the URN', { ...event, subject: '0192:986252932' }, ['/subject']],
    ['a missing specversion', { ...event, specversion: undefined }, ['/specversion']],
    ['a lower-case role key', { ...event, data: { role: 'Recipient' } }, ['/data/Role']],
  ])('%s', (_name, body, pointers) => {
    const { violations } = validator.validateEvent(JSON.parse(JSON.stringify(body)));
    expect(violations.map((v) => v.pointer).filter((p, i, all) => all.indexOf(p) === i)).toEqual(
      pointers.length ? expect.arrayContaining(pointers) : [],
    );
  });

  it('names an event type that no webhook documents', () => {
    const { violations } = validator.validateEvent({ ...event, type: 'no.altinn.broker.cancelled' });
    expect(violations).toEqual([
      expect.objectContaining({ kind: 'unknown-operation', actual: 'no.altinn.broker.cancelled' }),
    ]);
  });
});

describe('a document written with OpenAPI 3.0 habits', () => {
  it('admits null where `nullable: true` says so', async () => {
    const spec = await loadSpecText(
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: {
          '/a': {
            get: {
              operationId: 'getA',
              responses: {
                200: {
                  description: 'ok',
                  content: {
                    'application/json': {
                      schema: {
                        type: 'object',
                        properties: {
                          n: { type: 'integer', minimum: 0, exclusiveMinimum: true, nullable: true },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      }),
      'a.json',
    );
    const v = new ContractValidator(spec);
    expect(v.validateResponse('getA', json(200, { n: null })).violations).toEqual([]);
    expect(v.validateResponse('getA', json(200, { n: 0 })).violations).toEqual([
      expect.objectContaining({ keyword: 'exclusiveMinimum', pointer: '/n' }),
    ]);
  });
});

describe('parameters and headers whose schemas are references', () => {
  it('resolves them against the document', async () => {
    const spec = await loadSpecText(
      JSON.stringify({
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        components: { schemas: { Status: { type: 'string', enum: ['Published'] } } },
        paths: {
          '/a': {
            get: {
              operationId: 'getA',
              parameters: [{ name: 's', in: 'query', schema: { $ref: '#/components/schemas/Status' } }],
              responses: {
                204: {
                  description: 'ok',
                  headers: { 'X-S': { schema: { $ref: '#/components/schemas/Status' } } },
                },
              },
            },
          },
        },
      }),
      'a.json',
    );
    const v = new ContractValidator(spec);
    expect(v.validateRequest('getA', { query: { s: 'Published' } }).violations).toEqual([]);
    expect(v.validateRequest('getA', { query: { s: 'Done' } }).violations).toEqual([
      expect.objectContaining({ kind: 'parameter', pointer: 's' }),
    ]);
    expect(v.validateResponse('getA', { status: 204, headers: { 'x-s': 'Done' } }).violations).toEqual([
      expect.objectContaining({ kind: 'header', pointer: 'X-S' }),
    ]);
  });
});
