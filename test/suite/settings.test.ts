/**
 * Putting back the resource settings a check changed (CONTRACT.md §8.2: null cannot be written, an
 * empty requiredParty counts as unset; §8.3: GET writes durations as TimeSpan text, PUT takes ISO 8601).
 */
import { describe, expect, it } from '@jest/globals';
import type { ResourceOverview } from '../../src/suite/admin.js';
import { restoration, type SettingName } from '../../src/suite/settings.js';

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
