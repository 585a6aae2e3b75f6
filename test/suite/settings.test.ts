/**
 * Putting back the resource settings a check changed (CONTRACT.md §8.2: null cannot be written, an
 * empty requiredParty counts as unset; §8.3: GET writes durations as TimeSpan text, PUT takes ISO 8601).
 */
import { describe, expect, it } from '@jest/globals';
import type { ResourceOverview } from '../../src/suite/admin.js';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RELEASE_ENV } from '../../src/run/phase-release.mjs';
import type { SuiteContext } from '../../src/suite/context.js';
import {
  holdSettings,
  releaseSettings,
  restoration,
  withSettings,
  type SettingName,
} from '../../src/suite/settings.js';
import { withTempDir } from '../helpers/temp-dir.js';

const SET: ResourceOverview = {
  maxFileTransferSize: 5_000,
  fileTransferTimeToLive: '1.12:00:00',
  purgeFileTransferAfterAllRecipientsConfirmed: false,
  purgeFileTransferGracePeriod: '00:30:00',
  useManifestFileShim: true,
  externalServiceCodeLegacy: 'legacy',
  externalServiceEditionCodeLegacy: 7,
  requiredParty: '0192:314000001',
};

const UNSET: ResourceOverview = {
  maxFileTransferSize: null,
  fileTransferTimeToLive: null,
  purgeFileTransferAfterAllRecipientsConfirmed: true,
  purgeFileTransferGracePeriod: null,
  useManifestFileShim: false,
  externalServiceCodeLegacy: null,
  externalServiceEditionCodeLegacy: null,
  requiredParty: null,
};

describe('restoration: the body that puts back what a check changed', () => {
  it.each([
    ['a size', SET, ['maxFileTransferSize'], { maxFileTransferSize: 5_000 }, 0],
    [
      'a TTL read as TimeSpan text goes back as ISO 8601',
      SET,
      ['fileTransferTimeToLive'],
      { fileTransferTimeToLive: 'P1DT12H' },
      0,
    ],
    ['a grace period', SET, ['purgeFileTransferGracePeriod'], { purgeFileTransferGracePeriod: 'PT30M' }, 0],
    [
      'a switch',
      SET,
      ['purgeFileTransferAfterAllRecipientsConfirmed'],
      { purgeFileTransferAfterAllRecipientsConfirmed: false },
      0,
    ],
    [
      'a shim that was on goes back with both its legacy codes (§4.10 row 0)',
      SET,
      ['useManifestFileShim'],
      { useManifestFileShim: true, externalServiceCodeLegacy: 'legacy', externalServiceEditionCodeLegacy: 7 },
      0,
    ],
    ['requiredParty', SET, ['requiredParty'], { requiredParty: '0192:314000001' }, 0],
    [
      'an unset TTL goes back as the 30 days that apply',
      UNSET,
      ['fileTransferTimeToLive'],
      { fileTransferTimeToLive: 'P30D' },
      1,
    ],
    [
      'an unset grace period goes back as PT2H',
      UNSET,
      ['purgeFileTransferGracePeriod'],
      { purgeFileTransferGracePeriod: 'PT2H' },
      1,
    ],
    [
      'an unset size goes back as the largest allowed',
      UNSET,
      ['maxFileTransferSize'],
      { maxFileTransferSize: 1_677_721_600_000 },
      1,
    ],
    [
      'an unset requiredParty goes back as "" (counts as unset)',
      UNSET,
      ['requiredParty'],
      { requiredParty: '' },
      1,
    ],
    [
      'a shim that was off goes back off; its unset codes cannot go back',
      UNSET,
      ['useManifestFileShim', 'externalServiceCodeLegacy', 'externalServiceEditionCodeLegacy'],
      { useManifestFileShim: false },
      2,
    ],
    ['nothing changed, nothing written', SET, [], {}, 0],
  ] as const)('%s', (_name, before, changed, body, inexact) => {
    const got = restoration(before, changed as readonly SettingName[]);
    expect(got.body).toEqual(body);
    expect(got.inexact).toHaveLength(inexact);
  });

  it('says why each inexact restoration is inexact, citing §8.2', () => {
    const { inexact } = restoration(UNSET, ['requiredParty', 'fileTransferTimeToLive']);
    expect(inexact).toEqual([
      'requiredParty was unset; written back as "", which counts as unset (§8.2)',
      'fileTransferTimeToLive was unset (30 days apply); written back as P30D (§8.2, §8.3)',
    ]);
  });
});

describe('holding settings, and releasing the settings phase once they are back', () => {
  /** A resource behind a fake Broker: GET answers what the PUTs wrote; each PUT body is recorded. */
  function fakeContext(start: ResourceOverview, refuse = false) {
    let resource = { ...start };
    const puts: object[] = [];
    const ctx = {
      profile: { resourceId: 'broker-contract-resource' },
      requireWrites: () => undefined,
      reportDir: tmpdir(),
      broker: {
        as: () => ({
          GET: async () => ({ data: resource, response: new Response(null, { status: 200 }) }),
          PUT: async (_path: string, { body }: { body: object }) => {
            puts.push(body);
            if (refuse) return { response: new Response(null, { status: 400 }) };
            resource = { ...resource, ...body };
            return { response: new Response(null, { status: 200 }) };
          },
        }),
      },
    } as unknown as SuiteContext;
    return { ctx, puts };
  }

  it('marks the file released only with every write put back, and refuses a write after it', () =>
    withTempDir('release-', async (dir) => {
      const released = join(dir, 'released-0');
      process.env[RELEASE_ENV] = released;
      try {
        const { ctx, puts } = fakeContext(SET);
        const held = await holdSettings(ctx, { maxFileTransferSize: 1_000 });
        expect(held.put.response.status).toBe(200);
        expect(held.before.maxFileTransferSize).toBe(5_000);
        // A write is still out: the file says nothing, and the next phase waits for its end.
        releaseSettings('file:///work/suites/03b-resource-effects.test.ts');
        expect(existsSync(join(released, '03b-resource-effects.test.ts'))).toBe(false);
        await held.restore();
        await held.restore();
        expect(puts).toEqual([{ maxFileTransferSize: 1_000 }, { maxFileTransferSize: 5_000 }]);
        releaseSettings('file:///work/suites/03b-resource-effects.test.ts');
        expect(existsSync(join(released, '03b-resource-effects.test.ts'))).toBe(true);
        // Released, a later write would be seen by the transfers running beside it.
        await expect(withSettings(ctx, { requiredParty: '' }, () => undefined)).rejects.toMatchObject({
          code: 'SUITE_STEP_ORDER',
        });
        expect(puts).toHaveLength(2);
      } finally {
        delete process.env[RELEASE_ENV];
      }
    }));
});
