/** The order of a run: the settings phase alone before the rest, per profile (src/run/phases.ts). */
import { describe, expect, it } from '@jest/globals';
import { needsSetup, planPhases } from '../../src/run/phases.js';

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
