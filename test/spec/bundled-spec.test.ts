/**
 * The bundled spec against CONTRACT.md §10: one row per defect of Altinn's published document,
 * asserting that spec/broker-api.yaml does not repeat it.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadSpec } from '../../src/spec/load.js';
import { deref } from '../../src/spec/pointer.js';
import type { OpenApiDocument, ParameterObject, ResponseObject } from '../../src/spec/types.js';
import { ContractValidator } from '../../src/spec/validator.js';

let doc: OpenApiDocument;
let validator: ContractValidator;
beforeAll(async () => {
  const spec = await loadSpec();
  doc = spec.document;
  validator = new ContractValidator(spec);
});

const op = (id: string) => {
  const info = validator.operations.get(id);
  if (!info) throw new Error(`no operation ${id}`);
  return info;
};
const statuses = (id: string) => Object.keys(op(id).operation.responses ?? {});
const response = (id: string, status: string) =>
  deref<ResponseObject>(doc, op(id).operation.responses?.[status] ?? { $ref: '#/missing' });
const schema = (name: string) => doc.components?.schemas?.[name] as Record<string, unknown>;
const params = (id: string) =>
  op(id).parameters.map((p: ParameterObject) => `${p.in}:${p.name}${p.required ? '!' : ''}`);

describe('spec/broker-api.yaml fixes the published document (CONTRACT.md §10)', () => {
  it.each<[string, () => void]>([
    ['2: eight separate webhooks', () => expect(Object.keys(doc.webhooks ?? {})).toHaveLength(8)],
    [
      '3: every path under paths',
      () => expect(Object.keys(doc).filter((k) => k.startsWith('/'))).toEqual([]),
    ],
    [
      '4, 10: the multipart operation answers 200 with a fileTransferId object',
      () =>
        expect(
          validator.validateResponse('initializeAndUploadFileTransfer', {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: '"an-id"',
          }).ok,
        ).toBe(false),
    ],
    ['7: no nullable anywhere', () => expect(JSON.stringify(doc)).not.toContain('"nullable"')],
    [
      '8: a security scheme, and security on every operation',
      () => {
        expect(Object.keys(doc.components?.securitySchemes ?? {})).not.toHaveLength(0);
        for (const o of validator.operations.all.filter((x) => !x.webhook))
          expect(o.operation.security).toBeDefined();
      },
    ],
    ['9: confirm answers 204', () => expect(statuses('confirmDownload')).toContain('204')],
    ['9: PUT resource answers 204', () => expect(statuses('configureResource')).toContain('204')],
    [
      '9: GET resource 200 has a body schema',
      () => expect(response('getResource', '200')?.content).toBeDefined(),
    ],
    [
      '9: download errors are JSON ProblemDetails',
      () =>
        expect(Object.keys(response('downloadFileTransfer', '404')?.content ?? {})).toContain(
          'application/problem+json',
        ),
    ],
    ['9: 503 carries a body', () => expect(response('initializeFileTransfer', '503')?.content).toBeDefined()],
    [
      '11: the streamed upload has an octet-stream body',
      () =>
        expect(JSON.stringify(op('uploadFileTransfer').operation.requestBody)).toContain(
          'application/octet-stream',
        ),
    ],
    [
      '12: search takes orderAscending and role, and requires resourceId',
      () =>
        expect(params('searchFileTransfers')).toEqual(
          expect.arrayContaining(['query:resourceId!', 'query:orderAscending', 'query:role']),
        ),
    ],
    [
      '13: download has Range, 206 and 416',
      () => {
        expect(params('downloadFileTransfer')).toContain('header:Range');
        expect(statuses('downloadFileTransfer')).toEqual(expect.arrayContaining(['206', '416']));
      },
    ],
    [
      '14: undocumented statuses documented (406 on initialize, 500 everywhere)',
      () => {
        expect(statuses('initializeFileTransfer')).toEqual(expect.arrayContaining(['406', '415', '500']));
        for (const o of validator.operations.all.filter((x) => !x.webhook))
          expect(Object.keys(o.operation.responses ?? {})).toContain('500');
      },
    ],
    [
      '15: ProblemDetails has code, traceId, statusDescription, errors',
      () => {
        const text = JSON.stringify(doc.components?.schemas);
        for (const field of ['"code"', '"traceId"', '"statusDescription"', '"errors"'])
          expect(text).toContain(field);
      },
    ],
    [
      '16: initialize accepts the URN sender and a 3000-character value',
      () => {
        const body = {
          fileName: 'f',
          resourceId: 'r',
          sendersFileTransferReference: 'x',
          sender: 'urn:altinn:organization:identifier-no:991825827',
          recipients: ['0192:986252932'],
          propertyList: { k: 'v'.repeat(3000) },
        };
        expect(
          validator.validateRequest('initializeFileTransfer', { contentType: 'application/json', body })
            .violations,
        ).toEqual([]);
      },
    ],
    [
      '17: the overview has published',
      () =>
        expect(Object.keys(schema('FileTransferOverviewExt').properties as object)).toContain('published'),
    ],
    [
      '18: the resource PUT body has requiredParty',
      () => expect(Object.keys(schema('ResourceExt').properties as object)).toContain('requiredParty'),
    ],
    [
      '20: the service owner body needs only name',
      () => expect(schema('ServiceOwnerInitializeExt').required).toEqual(['name']),
    ],
    [
      '23: the CloudEvent has subject and data',
      () =>
        expect(Object.keys(schema('BrokerCloudEvent').properties as object)).toEqual(
          expect.arrayContaining(['subject', 'data']),
        ),
    ],
    [
      '24: the TUS endpoints and monthly statistics exist',
      () => {
        for (const id of [
          'tusGetCapabilities',
          'tusCreateUpload',
          'tusGetUploadOffset',
          'tusUploadChunk',
          'tusTerminateUpload',
          'tusGetPartialUploadOffset',
          'tusUploadPartialChunk',
          'tusTerminatePartialUpload',
          'getMonthlyStatistics',
        ])
          op(id);
      },
    ],
  ])('%s', (_name, check) => check());

  it('gives every operation a stable, readable operationId', () => {
    expect(
      validator.operations.all
        .filter((o) => !o.webhook)
        .map((o) => o.id)
        .sort(),
    ).toEqual([
      'configureResource',
      'confirmDownload',
      'downloadFileTransfer',
      'getFileTransferDetails',
      'getFileTransferOverview',
      'getMonthlyStatistics',
      'getResource',
      'getServiceOwner',
      'initializeAndUploadFileTransfer',
      'initializeFileTransfer',
      'registerServiceOwner',
      'searchFileTransfers',
      'tusCreateUpload',
      'tusGetCapabilities',
      'tusGetPartialUploadOffset',
      'tusGetUploadOffset',
      'tusTerminatePartialUpload',
      'tusTerminateUpload',
      'tusUploadChunk',
      'tusUploadPartialChunk',
      'uploadFileTransfer',
    ]);
  });
});
