/**
 * Members a body carries that its model does not define (src/spec/undocumented.ts): the bundled
 * spec's models are closed where upstream serialises exactly their properties (CONTRACT.md §1, §4.x,
 * §6.2) and open where the contract says a shape grows (§2, §6.2); the rules of the walk, on small
 * documents; and a document without `x-closed-models` read the plain JSON Schema way.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadSpec, loadSpecText } from '../../src/spec/load.js';
import type { ResponseSample } from '../../src/spec/response-body.js';
import { ContractValidator } from '../../src/spec/validator.js';
import { AT, notFound, recipientEntry, upstreamOverview } from '../helpers/upstream-bodies.js';

const ID = '0850124f-6ae9-4821-b4f9-8ee7c937ecfc';
const BLOB = `https://altinnbroker.blob.core.windows.net/brokerfiles/${ID}`;

const recipient = recipientEntry;
/** An overview as upstream writes it (CONTRACT.md §4.5). */
const overview = upstreamOverview(ID, { Key: 'value' });

const details = {
  ...overview,
  published: undefined,
  fileTransferStatusHistory: [
    {
      fileTransferStatus: 'Initialized',
      fileTransferStatusText: 'Ready for upload',
      fileTransferStatusChanged: AT,
    },
  ],
  recipientFileTransferStatusHistory: [],
};

const serviceOwner = {
  name: 'Digdir',
  storageProviders: [{ type: 'AltinnAzure', deploymentStatus: 'Ready', deploymentEnvironment: 'test' }],
};

const resource = {
  maxFileTransferSize: null,
  fileTransferTimeToLive: '30.00:00:00',
  purgeFileTransferAfterAllRecipientsConfirmed: true,
  purgeFileTransferGracePeriod: null,
  useManifestFileShim: false,
  externalServiceCodeLegacy: null,
  externalServiceEditionCodeLegacy: null,
  requiredParty: null,
};

const event = {
  specversion: '1.0',
  id: '6f1c0c9e-2b7e-4a57-9d1e-0f5b3f0e2a11',
  type: 'no.altinn.broker.published',
  time: AT,
  resource: 'urn:altinn:resource:my-broker-resource',
  resourceinstance: ID,
  subject: 'urn:altinn:organization:identifier-no:986252932',
  source: 'https://platform.tt02.altinn.no/broker/api/v1/filetransfer',
  data: { Role: 'Recipient' },
};

const json = (status: number, body: unknown): ResponseSample => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

const undocumented = (violations: { kind: string; pointer?: string }[]) =>
  violations.filter((v) => v.kind === 'undocumented-property').map((v) => v.pointer);

let bundled: ContractValidator;
beforeAll(async () => {
  bundled = new ContractValidator(await loadSpec());
});

describe('the bundled spec: what the Broker sends carries only what its model defines', () => {
  it.each<[string, string, ResponseSample, string[]]>([
    ['an overview as upstream writes it', 'getFileTransferOverview', json(200, overview), []],
    [
      'an overview with the blob URL of its file',
      'getFileTransferOverview',
      json(200, { ...overview, fileLocation: BLOB }),
      ['/fileLocation'],
    ],
    [
      'a member inside a recipient of the overview',
      'getFileTransferOverview',
      json(200, { ...overview, recipients: [{ ...recipient, actorId: 7 }] }),
      ['/recipients/0/actorId'],
    ],
    [
      'any key in propertyList, a map of the sender’s own (§4.1)',
      'getFileTransferOverview',
      json(200, { ...overview, propertyList: { fileLocation: 'mine' } }),
      [],
    ],
    ['details as upstream writes them', 'getFileTransferDetails', json(200, details), []],
    [
      '`published` in the details, which upstream does not emit there (§4.6)',
      'getFileTransferDetails',
      json(200, { ...details, published: null }),
      ['/published'],
    ],
    [
      'a member inside a history row',
      'getFileTransferDetails',
      json(200, {
        ...details,
        fileTransferStatusHistory: [{ ...details.fileTransferStatusHistory[0], id: 1 }],
      }),
      ['/fileTransferStatusHistory/0/id'],
    ],
    [
      'a member beside the id initialize answers',
      'initializeFileTransfer',
      json(200, { fileTransferId: ID, status: 'Initialized' }),
      ['/status'],
    ],
    [
      'a member of a storage provider',
      'getServiceOwner',
      json(200, {
        ...serviceOwner,
        storageProviders: [{ ...serviceOwner.storageProviders[0], connectionString: 'x' }],
      }),
      ['/storageProviders/0/connectionString'],
    ],
    ['a resource as GET answers it', 'getResource', json(200, resource), []],
    [
      'a resource with a ninth member',
      'getResource',
      json(200, { ...resource, serviceOwnerId: '0192:991825827' }),
      ['/serviceOwnerId'],
    ],
    [
      'ProblemDetails extension members (RFC 9457 §3.2, §2.1)',
      'getFileTransferOverview',
      json(404, { ...notFound, instance: null, extensions: {}, anything: 1 }),
      [],
    ],
    [
      'any field key in a validation body’s errors (§2.2)',
      'initializeFileTransfer',
      json(400, {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: { 'Metadata.Sender': ['invalid'], $: ['x'] },
        traceId: notFound.traceId,
      }),
      [],
    ],
  ])('%s', (_name, operation, response, pointers) => {
    const { violations } = bundled.validateResponse(operation, response);
    expect(undocumented(violations)).toEqual(pointers);
    expect(violations.filter((v) => v.kind !== 'undocumented-property')).toEqual([]);
  });

  it('names the operation, the pointer and what the model defines', () => {
    const [violation] = bundled.validateResponse(
      'getFileTransferOverview',
      json(200, { ...overview, recipients: [{ ...recipient, blobUrl: BLOB }] }),
    ).violations;
    expect(violation).toMatchObject({ kind: 'undocumented-property', pointer: '/recipients/0/blobUrl' });
    expect(violation?.message).toBe(
      'getFileTransferOverview 200 /recipients/0/blobUrl: the spec does not define this property (defined here: ' +
        'recipient, currentRecipientFileTransferStatusCode, currentRecipientFileTransferStatusText, ' +
        'currentRecipientFileTransferStatusChanged)',
    );
  });

  it.each<[string, object, string[]]>([
    ['an event as upstream writes it', event, []],
    ['a CloudEvents extension attribute on the envelope (§6.2)', { ...event, traceparent: '00-x' }, []],
    [
      'a member inside data, which is Broker’s alone',
      { ...event, data: { Role: 'Sender', blobUrl: BLOB } },
      ['/data/blobUrl'],
    ],
  ])('events: %s', (_name, body, pointers) => {
    expect(undocumented(bundled.validateEvent(body).violations)).toEqual(pointers);
  });

  it('does not hold our own requests to it: upstream ignores unknown request members (§1)', () => {
    const body = {
      fileName: 'report.xml',
      resourceId: 'my-broker-resource',
      sendersFileTransferReference: 'ref-1',
      sender: '0192:991825827',
      recipients: ['0192:986252932'],
      extra: true,
    };
    expect(
      bundled.validateRequest('initializeFileTransfer', { contentType: 'application/json', body }).violations,
    ).toEqual([]);
  });
});

/** A one-operation document whose 200 body is `schema`, with `components.schemas` beside it. */
async function documentWith(schema: object, schemas: object = {}, closed = true): Promise<ContractValidator> {
  return new ContractValidator(
    await loadSpecText(
      JSON.stringify({
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        ...(closed ? { 'x-closed-models': true } : {}),
        components: { schemas },
        paths: {
          '/a': {
            get: {
              operationId: 'getA',
              responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } },
            },
          },
        },
      }),
      'a.json',
    ),
  );
}

const A = { type: 'object', properties: { a: { type: 'string' } } };
const B = { type: 'object', properties: { b: { type: 'string' } } };

describe('the rules of the walk', () => {
  it.each<[string, { schema: object; schemas?: object; closed?: boolean; body: unknown }, string[]]>([
    ['a model: a member it does not list', { schema: A, body: { a: 'x', z: 1 } }, ['/z']],
    [
      'a model through $ref',
      { schema: { $ref: '#/components/schemas/A' }, schemas: { A }, body: { z: 1 } },
      ['/z'],
    ],
    [
      'allOf: the members of every branch are defined',
      { schema: { allOf: [A, B] }, body: { a: 'x', b: 'y', z: 1 } },
      ['/z'],
    ],
    [
      'anyOf: the branch the body satisfies decides',
      {
        schema: {
          anyOf: [
            { ...A, required: ['a'] },
            { ...B, required: ['b'] },
          ],
        },
        body: { b: 'y', a: 1 },
      },
      ['/a'],
    ],
    [
      'if/then: the branch the condition picks',
      {
        schema: {
          ...A,
          if: { required: ['a'] },
          then: { properties: { t: {} } },
          else: { properties: { e: {} } },
        },
        body: { a: 'x', t: 1, e: 2 },
      },
      ['/e'],
    ],
    ['additionalProperties true: open', { schema: { ...A, additionalProperties: true }, body: { z: 1 } }, []],
    [
      'additionalProperties a schema: open, and the walk goes on inside',
      { schema: { ...A, additionalProperties: A }, body: { m: { a: 'x', z: 1 } } },
      ['/m/z'],
    ],
    [
      'an open branch opens the whole composition',
      { schema: { allOf: [{ ...A, additionalProperties: true }, B] }, body: { z: 1 } },
      [],
    ],
    [
      'patternProperties: a matching name is defined',
      { schema: { ...A, patternProperties: { '^x-': {} } }, body: { 'x-y': 1, z: 1 } },
      ['/z'],
    ],
    [
      'no properties: the document does not define the model',
      { schema: { type: 'object' }, body: { z: 1 } },
      [],
    ],
    [
      'array items, at their index',
      { schema: { type: 'array', items: A }, body: [{ a: 'x' }, { z: 1 }] },
      ['/1/z'],
    ],
    [
      'additionalProperties false: ajv reports it, once, with the same kind',
      { schema: { ...A, additionalProperties: false }, body: { z: 1 } },
      ['/z'],
    ],
    [
      'unevaluatedProperties false: likewise',
      { schema: { allOf: [A], unevaluatedProperties: false }, body: { a: 'x', z: 1 } },
      ['/z'],
    ],
    [
      'a document without x-closed-models: open, as JSON Schema reads it',
      { schema: A, closed: false, body: { z: 1 } },
      [],
    ],
    [
      'a document without x-closed-models still enforces its own additionalProperties false',
      { schema: { ...A, additionalProperties: false }, closed: false, body: { z: 1 } },
      ['/z'],
    ],
  ])('%s', async (_name, { schema, schemas, closed, body }, pointers) => {
    const validator = await documentWith(schema, schemas, closed ?? true);
    expect(undocumented(validator.validateResponse('getA', json(200, body)).violations)).toEqual(pointers);
  });
});
