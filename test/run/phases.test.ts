/** The order of a run: the settings phase alone before the rest, per profile (src/run/phases.ts). */
import { describe, expect, it } from '@jest/globals';
import { needsSetup, orderPhases, parseShard, planPhases, shardFiles } from '../../src/run/phases.js';

const FILES = [
  '00-setup.test.ts',
  '01-access.test.ts',
  '02-service-owner.test.ts',
  '03a-resource-settings.test.ts',
  '03b-resource-effects.test.ts',
  '04-events.test.ts',
  '05a-happy-path.test.ts',
  '07a-authorization-parties.test.ts',
  '07b-authorization-tokens.test.ts',
  'README.md',
  'support',
];

const plan = (...args: Parameters<typeof planPhases>) =>
  planPhases(...args).map((p) => [p.name, p.exclusive, p.files.map((f) => f.slice(0, 3))]);

describe('phases', () => {
  it.each([
    [
      'full: the settings files alone first, then every other file',
      'full',
      undefined,
      [
        ['settings', true, ['03a', '03b']],
        ['transfers', false, ['00-', '01-', '02-', '04-', '05a', '07a', '07b']],
      ],
    ],
    ['smoke: no settings phase', 'smoke', undefined, [['transfers', false, ['00-', '01-', '02-', '05a']]]],
    [
      'security: setup, access and the matrix',
      'security',
      undefined,
      [['transfers', false, ['00-', '01-', '07a', '07b']]],
    ],
    [
      '--only narrows within the profile',
      'full',
      '03b|05a',
      [
        ['settings', true, ['03b']],
        ['transfers', false, ['05a']],
      ],
    ],
    ['--only that matches nothing runs nothing', 'full', 'nothing', []],
  ] as const)('%s', (_name, profile, only, want) => {
    expect(plan(profile, FILES, only)).toEqual(want);
  });

  it.each([
    ['suites/00-setup.test.ts', false],
    ['/abs/suites/01-access.test.ts', false],
    ['02-service-owner.test.ts', false],
    ['04-events.test.ts', false],
    ['03a-resource-settings.test.ts', true],
    ['/abs/suites/05a-happy-path.test.ts', true],
    ['08-search.test.ts', true],
  ])('%s needs the setup: %s', (file, want) => {
    expect(needsSetup(file)).toBe(want);
  });
});

describe('shards', () => {
  const ALL = FILES.filter((f) => f.endsWith('.test.ts')).concat([
    '05b-x.test.ts',
    '08-search.test.ts',
    '09-new.test.ts',
  ]);

  it.each([1, 2, 3, 5, 20])('%i shards: disjoint, and their union is every file', (total) => {
    const shards = Array.from({ length: total }, (_, i) => shardFiles(ALL, { index: i + 1, total }));
    const union = shards.flat();
    expect([...union].sort()).toEqual([...ALL].sort());
    expect(new Set(union).size).toBe(union.length);
  });

  it('puts the setup report in shard 1 and spreads the heavy files', () => {
    const [first, second, third] = [1, 2, 3].map((index) => shardFiles(ALL, { index, total: 3 }));
    expect(first).toContain('00-setup.test.ts');
    // The two heaviest files never share a shard.
    const heavy = [first, second, third].filter(
      (files) =>
        files?.includes('07a-authorization-parties.test.ts') ||
        files?.includes('07b-authorization-tokens.test.ts'),
    );
    expect(heavy).toHaveLength(2);
  });

  it('keeps the phases within a shard: the settings files still run alone first', () => {
    const phases = [1, 2, 3].flatMap((index) => planPhases('full', FILES, undefined, { index, total: 3 }));
    const settings = phases.filter((p) => p.name === 'settings').flatMap((p) => p.files);
    expect(settings.sort()).toEqual(['03a-resource-settings.test.ts', '03b-resource-effects.test.ts']);
    expect(phases.every((p) => p.exclusive === (p.name === 'settings'))).toBe(true);
  });

  it.each([
    ['2/3', { index: 2, total: 3 }],
    ['1/1', { index: 1, total: 1 }],
    ['0/3', "--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/3), got '0/3'"],
    ['4/3', "--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/3), got '4/3'"],
    ['2', "--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/3), got '2'"],
    ['a/b', "--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/3), got 'a/b'"],
  ])('parses %j', (text, want) => {
    expect(parseShard(text)).toEqual(want);
  });
});

describe('a chosen order', () => {
  const planned = planPhases('full', FILES);
  const ordered = (order: Parameters<typeof orderPhases>[1]) =>
    orderPhases(planned, order).map((p) => [p.name, p.exclusive, p.files.map((f) => f.slice(0, 3))]);

  it.each([
    [
      'none: the planned order, files by name',
      {},
      [
        ['settings', true, ['03a', '03b']],
        ['transfers', false, ['00-', '01-', '02-', '04-', '05a', '07a', '07b']],
      ],
    ],
    [
      'files first, in the order named, each in its own phase; the rest by name',
      { first: ['07b', '03b', '05a'] },
      [
        ['settings', true, ['03b', '03a']],
        ['transfers', false, ['07b', '05a', '00-', '01-', '02-', '04-', '07a']],
      ],
    ],
    [
      'a prefix names every file it starts',
      { first: ['07'] },
      [
        ['settings', true, ['03a', '03b']],
        ['transfers', false, ['07a', '07b', '00-', '01-', '02-', '04-', '05a']],
      ],
    ],
    [
      'settings last: the transfers phase first, the settings phase still alone',
      { settingsLast: true, first: ['07a'] },
      [
        ['transfers', false, ['07a', '00-', '01-', '02-', '04-', '05a', '07b']],
        ['settings', true, ['03a', '03b']],
      ],
    ],
  ] as const)('%s', (_name, order, want) => {
    expect(ordered(order)).toEqual(want);
  });

  it('settings last without a settings phase (smoke) leaves the transfers alone', () => {
    expect(orderPhases(planPhases('smoke', FILES), { settingsLast: true }).map((p) => p.name)).toEqual([
      'transfers',
    ]);
  });
});
