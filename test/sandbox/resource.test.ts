/**
 * Service owner registration and resource configuration (CONTRACT.md §4.10, §4.11, §8), on a sandbox
 * seeded empty, so the service owner, its storage and the resource are set up here as a suite would on
 * a fresh environment.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SANDBOX_RESOURCE, startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import { call, jsonBody, token, type Answer } from './client.js';
import { API, NO_CODE, expectAnswer, initializeAnswer, party, waitFor } from './fixtures.js';

const RESOURCE = `${API}/resource/${SANDBOX_RESOURCE}`;

let sandbox: RunningSandbox;
let owner: string;
let sender: string;

/** Storage provisioning takes this long (sandbox ms = real ms here): the window for BRO-00021. */
const PROVISIONING_MS = 300;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'empty', processingDelayMs: PROVISIONING_MS });
  [owner, sender] = await Promise.all([token(sandbox, 'SERVICEOWNER'), token(sandbox, 'SENDER')]);
});
afterAll(() => sandbox.stop());

const put = (body: unknown): Promise<Answer> =>
  call(sandbox, 'PUT', RESOURCE, { token: owner, ...jsonBody(body) });
const getResource = (): Promise<Answer> => call(sandbox, 'GET', RESOURCE, { token: owner });
const initializeAsSender = (): Promise<Answer> => initializeAnswer(sandbox, sender);

interface StorageProvider {
  type: string;
  deploymentStatus: string;
  deploymentEnvironment: string;
}

describe('setting up a fresh environment, in this order (§4.11, §8.1, §8.2)', () => {
  const serviceOwner = (body: unknown) => () =>
    call(sandbox, 'POST', `${API}/serviceowner`, { token: owner, ...jsonBody(body) });
  it.each<[string, number, string, () => Promise<Answer>]>([
    [
      'GET serviceowner before registering',
      404,
      'BRO-07004',
      () => call(sandbox, 'GET', `${API}/serviceowner`, { token: owner }),
    ],
    ['PUT resource before the owner is registered', 400, 'BRO-00024', () => put({})],
    ['GET resource before it is configured', 400, 'BRO-00025', getResource],
    ['POST serviceowner', 200, NO_CODE, serviceOwner({ name: 'Digdir' })],
    ['POST serviceowner again', 409, 'BRO-07002', serviceOwner({ name: 'Digdir' })],
    ['POST serviceowner without a name (validation comes first)', 400, NO_CODE, serviceOwner({})],
    ['PUT resource {} creates it from the registry', 204, NO_CODE, () => put({})],
    [
      'PUT a resource the registry does not know',
      403,
      'BRO-00005',
      () => call(sandbox, 'PUT', `${API}/resource/no-such-resource`, { token: owner, ...jsonBody({}) }),
    ],
    ['initialize while storage is being provisioned', 503, 'BRO-00021', initializeAsSender],
  ])('%s → %i %s', async (_step, status, code, act) => {
    expectAnswer(await act(), status, code);
  });

  it('lists the storage providers of the service owner, which become Ready (§4.11)', async () => {
    const read = async () =>
      expectAnswer(await call(sandbox, 'GET', `${API}/serviceowner`, { token: owner }), 200).json as {
        name: string;
        storageProviders: StorageProvider[];
      };
    const first = await read();
    expect(first.name).toBe('Digdir');
    const ready = await waitFor(
      read,
      (o) => o.storageProviders.length > 0 && o.storageProviders.every((p) => p.deploymentStatus === 'Ready'),
      PROVISIONING_MS * 10,
      'every storage provider Ready',
    );
    expect(ready.storageProviders.map((p) => p.type)).toContain('AltinnAzure');
    expect(ready.storageProviders.every((p) => p.deploymentEnvironment === 'sandbox')).toBe(true);
  });

  it('initializes once storage is Ready', async () => {
    expectAnswer(await initializeAsSender(), 200);
  });

  it('shows every setting of a new resource, unset ones as null (§8.3)', async () => {
    expect(expectAnswer(await getResource(), 200).json).toEqual({
      maxFileTransferSize: null,
      fileTransferTimeToLive: null,
      purgeFileTransferAfterAllRecipientsConfirmed: true,
      purgeFileTransferGracePeriod: null,
      useManifestFileShim: false,
      externalServiceCodeLegacy: null,
      externalServiceEditionCodeLegacy: null,
      requiredParty: null,
    });
  });
});

describe('each setting round-trips; durations come back as TimeSpan text (§8.2, §8.3)', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['maxFileTransferSize', { maxFileTransferSize: 1000 }, { maxFileTransferSize: 1000 }],
    [
      'maxFileTransferSize at the global limit',
      { maxFileTransferSize: 1_677_721_600_000 },
      { maxFileTransferSize: 1_677_721_600_000 },
    ],
    ['TTL P30D', { fileTransferTimeToLive: 'P30D' }, { fileTransferTimeToLive: '30.00:00:00' }],
    ['TTL P1DT12H', { fileTransferTimeToLive: 'P1DT12H' }, { fileTransferTimeToLive: '1.12:00:00' }],
    ['TTL PT90M', { fileTransferTimeToLive: 'PT90M' }, { fileTransferTimeToLive: '01:30:00' }],
    ['TTL P1Y (365 days)', { fileTransferTimeToLive: 'P1Y' }, { fileTransferTimeToLive: '365.00:00:00' }],
    ['TTL P365D', { fileTransferTimeToLive: 'P365D' }, { fileTransferTimeToLive: '365.00:00:00' }],
    ['grace PT2H', { purgeFileTransferGracePeriod: 'PT2H' }, { purgeFileTransferGracePeriod: '02:00:00' }],
    [
      'grace PT24H',
      { purgeFileTransferGracePeriod: 'PT24H' },
      { purgeFileTransferGracePeriod: '1.00:00:00' },
    ],
    ['grace P1D', { purgeFileTransferGracePeriod: 'P1D' }, { purgeFileTransferGracePeriod: '1.00:00:00' }],
    ['grace PT0S', { purgeFileTransferGracePeriod: 'PT0S' }, { purgeFileTransferGracePeriod: '00:00:00' }],
    [
      'purge after all confirmed',
      { purgeFileTransferAfterAllRecipientsConfirmed: false },
      { purgeFileTransferAfterAllRecipientsConfirmed: false },
    ],
    [
      'manifest shim with its legacy code and edition',
      { useManifestFileShim: true, externalServiceCodeLegacy: '4711', externalServiceEditionCodeLegacy: 1 },
      { useManifestFileShim: true, externalServiceCodeLegacy: '4711', externalServiceEditionCodeLegacy: 1 },
    ],
    ['requiredParty', { requiredParty: '0192:314000001' }, { requiredParty: '0192:314000001' }],
    [
      'a number written as a JSON string (§1)',
      { maxFileTransferSize: '3000' },
      { maxFileTransferSize: 3000 },
    ],
    ['camelCase or PascalCase keys (§1)', { MaxFileTransferSize: 2000 }, { maxFileTransferSize: 2000 }],
    ['null leaves a field unchanged', { maxFileTransferSize: null }, { maxFileTransferSize: 2000 }],
    [
      'an absent field is left unchanged',
      {},
      { maxFileTransferSize: 2000, purgeFileTransferGracePeriod: '00:00:00' },
    ],
  ])('%s', async (_setting, body, stored) => {
    expectAnswer(await put(body), 204);
    expect(expectAnswer(await getResource(), 200).json).toMatchObject(stored);
  });
});

describe('invalid settings are rejected with their code and change nothing (§4.10)', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['negative size', 'BRO-00011', { maxFileTransferSize: -1 }],
    ['zero size', 'BRO-00012', { maxFileTransferSize: 0 }],
    ['size over 1,677,721,600,000', 'BRO-00022', { maxFileTransferSize: 1_677_721_600_001 }],
    ['size 999,999,999,999,999', 'BRO-00022', { maxFileTransferSize: 999_999_999_999_999 }],
    ['size not a number', NO_CODE, { maxFileTransferSize: 'big' }],
    ['TTL P1W (weeks)', 'BRO-00014', { fileTransferTimeToLive: 'P1W' }],
    ['TTL 30D (no P)', 'BRO-00014', { fileTransferTimeToLive: '30D' }],
    ['TTL P (empty)', 'BRO-00014', { fileTransferTimeToLive: 'P' }],
    ['TTL PT (empty time)', 'BRO-00014', { fileTransferTimeToLive: 'PT' }],
    ['TTL P366D', 'BRO-00015', { fileTransferTimeToLive: 'P366D' }],
    ['TTL P13M (395 days)', 'BRO-00015', { fileTransferTimeToLive: 'P13M' }],
    ['grace 48H (no P)', 'BRO-00017', { purgeFileTransferGracePeriod: '48H' }],
    ['grace P1W (weeks)', 'BRO-00017', { purgeFileTransferGracePeriod: 'P1W' }],
    ['grace PT25H', 'BRO-00018', { purgeFileTransferGracePeriod: 'PT25H' }],
    ['grace P3D', 'BRO-00018', { purgeFileTransferGracePeriod: 'P3D' }],
    ['manifest shim without code or edition (validation)', NO_CODE, { useManifestFileShim: true }],
    [
      'manifest shim with edition 0 (validation)',
      NO_CODE,
      { useManifestFileShim: true, externalServiceCodeLegacy: '4711', externalServiceEditionCodeLegacy: 0 },
    ],
    [
      'a valid size with an invalid TTL',
      'BRO-00014',
      { maxFileTransferSize: 5, fileTransferTimeToLive: 'P1W' },
    ],
  ])('%s → 400 %s', async (_rule, code, body) => {
    const before = expectAnswer(await getResource(), 200).json;
    const answer = expectAnswer(await put(body), 400, code);
    if (code === NO_CODE) expect(answer.json).toHaveProperty('errors');
    expect(expectAnswer(await getResource(), 200).json).toEqual(before);
  });

  it('rejects clearing the stored legacy code while the shim is on: 400 BRO-00023 (§4.10 row 7)', async () => {
    expectAnswer(await put({ externalServiceCodeLegacy: '' }), 400, 'BRO-00023');
  });

  it('applies requiredParty at initialize: another sender to another recipient → 400 BRO-00026 (§4.1 row 9)', async () => {
    expectAnswer(await put({ requiredParty: party(sandbox, 'OUTSIDER') }), 204);
    expectAnswer(await initializeAsSender(), 400, 'BRO-00026');
  });
});
