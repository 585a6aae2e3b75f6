/**
 * Every operation of the authorization matrix (CONTRACT.md §3.2, §3.6, §4.1–4.12) as one call, with
 * the outcome a caller holding the scope gets by its relation. Calls that could change state are aimed
 * at the fixture where the rightful caller is refused by a status rule, so the matrix never mutates.
 */
import type { components } from '../../generated/broker-api.js';
import type { BrokerClient } from '../client/broker.js';
import { form, octets } from '../client/bodies.js';
import { SuiteError } from '../errors.js';
import type { SuiteContext } from './context.js';
import { DENIED, denied, ok, SCOPE, type Answer, type Fixtures, type Operation } from './matrix.js';
import { multipartForm } from './multipart.js';
import { API, initializeBody, payload } from './transfers.js';
import { TUS_PATH, TUS_VERSION } from './tus.js';

function fixture(fixtures: Fixtures | undefined, which: keyof Fixtures): string {
  if (!fixtures)
    throw new SuiteError(
      'SUITE_BAD_ARGUMENT',
      `this operation needs the fixture transfers (${which}), and its row was called without them`,
      { fixture: which },
    );
  return fixtures[which];
}

/** TUS create (§4.4) as any caller; tus.ts's client is bound to a persona, the matrix needs broken tokens. */
function tusCreate(client: BrokerClient, id: string, length: number): Promise<Answer> {
  return client.POST(TUS_PATH, {
    params: { path: { fileTransferId: id } },
    headers: { 'Tus-Resumable': TUS_VERSION, 'Upload-Length': String(length) },
  } as never);
}

type MultipartForm = components['schemas']['FileTransferInitializeAndUploadForm'];

const multipart = (ctx: SuiteContext) => multipartForm(ctx, { label: 'authz-multipart', file: payload(32) });

/** The fixture ids must never reach someone who is neither sender nor recipient (§3.6). */
function noFixtureIds(answer: Answer, fixtures: Fixtures | undefined): string | undefined {
  if (!answer.response.ok || !Array.isArray(answer.data) || !fixtures) return undefined;
  const ids = (answer.data as string[]).map((id) => id.toLowerCase());
  const leaked = [fixtures.published, fixtures.initialized].filter((id) => ids.includes(id.toLowerCase()));
  return leaked.length > 0 ? `search listed transfers of other parties: ${leaked.join(', ')}` : undefined;
}

const path = (id: string) => ({ params: { path: { fileTransferId: id } } });

export const OPERATIONS = {
  initialize: {
    operationId: 'initializeFileTransfer',
    scopes: [SCOPE.write],
    rightful: 'SENDER',
    kind: 'file',
    writes: true,
    call: (client, ctx) =>
      client.POST(`${API}/filetransfer`, { body: initializeBody(ctx, { label: 'authz-initialize' }) }),
    // §4.1 row 1: the PDP is asked whether the caller may write for the `sender` party.
    outcome: (r) => (r === 'sender' ? ok('§4.1', 200) : denied('§4.1 row 1')),
  },
  upload: {
    operationId: 'uploadFileTransfer',
    scopes: [SCOPE.write],
    rightful: 'SENDER',
    kind: 'file',
    writes: true,
    call: (client, _ctx, f) =>
      client.POST(`${API}/filetransfer/{fileTransferId}/upload`, {
        ...path(fixture(f, 'published')),
        ...octets(payload(16)),
      }),
    // The published fixture: the sender passes the PDP and meets row 3, so nothing is stored.
    outcome: (r) =>
      r === 'sender' ? { statuses: [409], code: 'BRO-00004', clause: '§4.2 row 3' } : denied('§4.2 row 2'),
  },
  'multipart upload': {
    operationId: 'initializeAndUploadFileTransfer',
    scopes: [SCOPE.write],
    rightful: 'SENDER',
    kind: 'file',
    writes: true,
    call: (client, ctx) => client.POST(`${API}/filetransfer/upload`, form<MultipartForm>(multipart(ctx))),
    outcome: (r) => (r === 'sender' ? ok('§4.3', 200) : denied('§4.3, §4.1 row 1')),
  },
  'TUS create': {
    operationId: 'tusCreateUpload',
    scopes: [SCOPE.write],
    rightful: 'SENDER',
    kind: 'file',
    writes: true,
    call: (client, _ctx, f) => tusCreate(client, fixture(f, 'published'), 16),
    // §4.4: Broker refusals come through tusdotnet as text, without a code.
    outcome: (r) => (r === 'sender' ? ok('§4.4, §4.2 row 3', 409) : ok('§4.4, §3.6', 401)),
  },
  overview: {
    operationId: 'getFileTransferOverview',
    scopes: [SCOPE.write, SCOPE.read],
    rightful: 'SENDER',
    kind: 'file',
    writes: false,
    call: (client, _ctx, f) =>
      client.GET(`${API}/filetransfer/{fileTransferId}`, path(fixture(f, 'published'))),
    outcome: (r) => (r === 'sender' || r === 'recipient' ? ok('§4.5', 200) : denied('§3.6, §4.5')),
  },
  details: {
    operationId: 'getFileTransferDetails',
    scopes: [SCOPE.write, SCOPE.read],
    rightful: 'SENDER',
    kind: 'file',
    writes: false,
    call: (client, _ctx, f) =>
      client.GET(`${API}/filetransfer/{fileTransferId}/details`, path(fixture(f, 'published'))),
    outcome: (r) => (r === 'sender' || r === 'recipient' ? ok('§4.6', 200) : denied('§3.6, §4.6')),
  },
  search: {
    operationId: 'searchFileTransfers',
    scopes: [SCOPE.write, SCOPE.read],
    rightful: 'SENDER',
    kind: 'file',
    writes: false,
    call: (client, ctx) =>
      client.GET(`${API}/filetransfer`, { params: { query: { resourceId: ctx.profile.resourceId } } }),
    // §3.5, §4.7 row 2, §13.9: the PDP must permit read and write for the caller's org, which depends on
    // the resource policy, so 401 BRO-00006 is allowed for anyone; a 200 never lists others' transfers.
    outcome: (r) => ({
      statuses: [200, 401],
      code: DENIED,
      clause: r === 'unrelated' ? '§3.6, §4.7' : '§4.7, §13.9',
      check: r === 'unrelated' ? noFixtureIds : undefined,
    }),
  },
  download: {
    operationId: 'downloadFileTransfer',
    scopes: [SCOPE.read],
    rightful: 'RECIPIENT',
    kind: 'file',
    writes: false,
    call: async (client, _ctx, f) => {
      const answer = await client.GET(`${API}/filetransfer/{fileTransferId}/download`, {
        ...path(fixture(f, 'published')),
        parseAs: 'stream',
      });
      if (answer.response.ok) await (answer.data as ReadableStream | undefined)?.cancel();
      return answer;
    },
    // §3.6: a sender that holds the read scope is still no recipient party.
    outcome: (r) => (r === 'recipient' ? ok('§4.8', 200) : denied('§3.6, §4.8 row 2')),
  },
  confirm: {
    operationId: 'confirmDownload',
    scopes: [SCOPE.read],
    rightful: 'RECIPIENT',
    kind: 'file',
    writes: true,
    // The initialized fixture: the recipient passes the PDP and meets row 3, so nothing is confirmed.
    call: (client, _ctx, f) =>
      client.POST(`${API}/filetransfer/{fileTransferId}/confirmdownload`, path(fixture(f, 'initialized'))),
    outcome: (r) =>
      r === 'recipient'
        ? { statuses: [400], code: 'BRO-00003', clause: '§4.9 row 3' }
        : denied('§3.6, §4.9 row 2'),
  },
  'PUT resource': {
    operationId: 'configureResource',
    scopes: [SCOPE.owner],
    rightful: 'SERVICEOWNER',
    kind: 'service owner',
    writes: true,
    // An empty body changes nothing (§4.10: absent fields are left unchanged).
    call: (client, ctx) =>
      client.PUT(`${API}/resource/{resourceId}`, {
        params: { path: { resourceId: ctx.profile.resourceId } },
        body: {},
      }),
    // §13.3: 204 per the framework, 200 per upstream's Bruno collection.
    outcome: (r) => (r === 'owner' ? ok('§4.10, §13.3', 204, 200) : denied('§4.10 row 2′')),
  },
  'GET resource': {
    operationId: 'getResource',
    scopes: [SCOPE.owner],
    rightful: 'SERVICEOWNER',
    kind: 'service owner',
    writes: false,
    call: (client, ctx) =>
      client.GET(`${API}/resource/{resourceId}`, {
        params: { path: { resourceId: ctx.profile.resourceId } },
      }),
    outcome: (r) => (r === 'owner' ? ok('§4.10', 200) : denied('§4.10 GET row 2')),
  },
  'POST serviceowner': {
    operationId: 'registerServiceOwner',
    scopes: [SCOPE.owner],
    rightful: 'SERVICEOWNER',
    kind: 'service owner',
    writes: true,
    call: (client) => client.POST(`${API}/serviceowner`, { body: { name: 'broker-contract' } }),
    // The resource's owner is registered already (§3.5), so it gets 409 and nothing is written.
    outcome: (r) =>
      r === 'owner'
        ? { statuses: [409], code: 'BRO-07002', clause: '§4.11' }
        : { statuses: [], clause: '§4.11', skip: 'it would register this organisation as a service owner' },
  },
  'GET serviceowner': {
    operationId: 'getServiceOwner',
    scopes: [SCOPE.owner],
    rightful: 'SERVICEOWNER',
    kind: 'service owner',
    writes: false,
    call: (client) => client.GET(`${API}/serviceowner`),
    outcome: (r) =>
      r === 'owner'
        ? ok('§4.11', 200)
        : { statuses: [200, 404], code: 'BRO-07004', clause: '§4.11 (registered or not)' },
  },
  'monthly statistics': {
    operationId: 'getMonthlyStatistics',
    scopes: [SCOPE.owner],
    rightful: 'SERVICEOWNER',
    kind: 'service owner',
    writes: false,
    call: (client, ctx) => {
      const now = new Date();
      const query = {
        year: now.getUTCFullYear(),
        month: now.getUTCMonth() + 1,
        resourceId: ctx.profile.resourceId,
      };
      return client.GET(`${API}/statistics/monthly`, { params: { query }, parseAs: 'text' });
    },
    outcome: (r) => (r === 'owner' ? ok('§4.12', 200) : denied('§4.12')),
  },
} satisfies Record<string, Operation>;

export type OperationName = keyof typeof OPERATIONS;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];
