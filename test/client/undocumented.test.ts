/**
 * An answer carrying a member its model does not define, through the client's check middleware
 * (src/client/check.ts): a ContractError naming the operation, the method and path template and the
 * member's JSON pointer; and, for a name that looks internal, a security observation as well, under
 * either violation policy. A stand-in Broker serves the bodies.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createBroker, type Broker } from '../../src/client/broker.js';
import { violationsOf } from '../../src/client/check.js';
import { ContractError } from '../../src/errors.js';
import type { Observation } from '../../src/spec/internal-names.js';
import { serve, type TestServer } from '../helpers/http.js';
import { contractValidator } from '../sandbox/client.js';
import { recipientEntry, upstreamOverview } from '../helpers/upstream-bodies.js';

const ID = randomUUID();
const BLOB = `https://altinnbroker.blob.core.windows.net/brokerfiles/${ID}`;
const OVERVIEW = 'getFileTransferOverview (GET /broker/api/v1/filetransfer/{fileTransferId})';
const SERVICE_OWNER = 'getServiceOwner (GET /broker/api/v1/serviceowner)';

const recipient = recipientEntry;
const overview = upstreamOverview(ID);
const serviceOwner = {
  name: 'Digdir',
  storageProviders: [{ type: 'AltinnAzure', deploymentStatus: 'Ready', deploymentEnvironment: 'test' }],
};

/** What the stand-in answers next, as status and JSON body. */
let next: { status: number; body: unknown } = { status: 200, body: overview };
let stand: TestServer;
beforeAll(async () => {
  stand = await serve((_req, res) => {
    res.writeHead(next.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(next.body));
  });
});
afterAll(async () => {
  await stand.close();
});

async function broker(observed: Observation[], onViolation: 'throw' | 'record' = 'throw'): Promise<Broker> {
  return createBroker({
    baseUrl: stand.url,
    tokens: { token: () => Promise.resolve('stand-in-token') },
    validator: await contractValidator(),
    onViolation,
    observe: (o) => observed.push(o),
  });
}

type Call = 'overview' | 'serviceowner';
function call(client: Broker, which: Call) {
  return which === 'overview'
    ? client.as('RECIPIENT').GET('/broker/api/v1/filetransfer/{fileTransferId}', {
        params: { path: { fileTransferId: ID } },
      })
    : client.as('SERVICEOWNER').GET('/broker/api/v1/serviceowner');
}

describe('an undocumented member in an answer', () => {
  it.each<[string, Call, { status: number; body: unknown }, string, string | undefined, boolean]>([
    [
      'the blob URL beside the overview’s members',
      'overview',
      { status: 200, body: { ...overview, fileLocation: BLOB } },
      OVERVIEW,
      '/fileLocation',
      true,
    ],
    [
      'a SAS token inside a recipient',
      'overview',
      { status: 200, body: { ...overview, recipients: [{ ...recipient, sasToken: 'sv=2024&sig=x' }] } },
      OVERVIEW,
      '/recipients/0/sasToken',
      true,
    ],
    [
      'a plain-named member: a failure, no observation',
      'overview',
      { status: 200, body: { ...overview, priority: 1 } },
      OVERVIEW,
      '/priority',
      false,
    ],
    [
      'a connection string in a storage provider',
      'serviceowner',
      {
        status: 200,
        body: {
          ...serviceOwner,
          storageProviders: [{ ...serviceOwner.storageProviders[0], connectionString: 'x' }],
        },
      },
      SERVICE_OWNER,
      '/storageProviders/0/connectionString',
      true,
    ],
    [
      'an internal-looking key in propertyList, which is the sender’s own map: nothing',
      'overview',
      { status: 200, body: { ...overview, propertyList: { blobUrl: 'mine' } } },
      OVERVIEW,
      undefined,
      false,
    ],
    [
      'an extension member of a ProblemDetails, which may grow (§2.1): nothing',
      'overview',
      {
        status: 404,
        body: { status: 404, title: 'Not Found', code: 'BRO-00001', internalPath: '/x', traceId: 'x' },
      },
      OVERVIEW,
      undefined,
      false,
    ],
  ])('%s', async (_name, which, answer, operation, pointer, observes) => {
    next = answer;
    const observed: Observation[] = [];
    const error = await call(await broker(observed), which).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (pointer === undefined) {
      expect(error).toBeUndefined();
    } else {
      expect(error).toBeInstanceOf(ContractError);
      expect((error as ContractError).code).toBe('RESPONSE_VIOLATION');
      expect((error as ContractError).context.violations).toEqual([
        expect.objectContaining({ kind: 'undocumented-property', pointer }),
      ]);
      expect((error as Error).message).toContain(operation);
      expect((error as Error).message).toContain(`[undocumented-property] `);
      expect((error as Error).message).toContain(` ${pointer}: the spec does not define this property`);
    }
    expect(observed).toEqual(
      observes
        ? [
            {
              title: 'an undocumented property that looks internal',
              detail: expect.stringContaining(`${operation} ${answer.status} carries ${pointer}`),
            },
          ]
        : [],
    );
    if (observes) expect(JSON.stringify(observed)).not.toContain(BLOB);
  });

  it('is observed under the record policy too, and kept on the answer', async () => {
    next = { status: 200, body: { ...overview, fileLocation: BLOB } };
    const observed: Observation[] = [];
    const { response } = await call(await broker(observed, 'record'), 'overview');
    expect(violationsOf(response)).toEqual([
      expect.objectContaining({ kind: 'undocumented-property', pointer: '/fileLocation' }),
    ]);
    expect(observed).toHaveLength(1);
  });
});
