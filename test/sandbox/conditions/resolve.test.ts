/**
 * How conditions resolve into the sandbox's settings (sandbox/conditions.ts), rule by rule: each
 * condition alone, combined, against the knobs that only make the sandbox fast, and the names the CLI
 * accepts.
 */
import { describe, expect, it } from '@jest/globals';
import type { PersonaName } from '../../../sandbox/config.js';
import {
  parseConditions,
  resolveConditions,
  SANDBOX_CONDITIONS,
  UnknownConditionError,
  type SandboxCondition,
  type SandboxKnobs,
  type SandboxSettings,
} from '../../../sandbox/conditions.js';

const LIST: PersonaName[] = ['SERVICEOWNER', 'SENDER', 'RECIPIENT', 'RECIPIENT2'];
const STRICT_LIST: PersonaName[] = ['SENDER', 'RECIPIENT', 'RECIPIENT2'];
/** The run's pace (src/run/run.ts): what a condition must win over. */
const FAST: SandboxKnobs = { timeScale: 1000, processingDelayMs: 200, maskinportenTokenLifetimeS: 5 };

const BASE: SandboxSettings = {
  conditions: [],
  timeScale: 1,
  processingDelayMs: 200,
  provisioningWallMs: 200,
  seed: 'ready',
  maskinportenTokenLifetimeS: 120,
  exchangedTokenExpiry: 'altinn',
  accessList: LIST,
  overridden: [],
};

describe('resolveConditions', () => {
  it.each<[string, SandboxCondition[], SandboxKnobs, Partial<SandboxSettings>]>([
    ['no condition, no knob: the defaults, access list on', [], {}, {}],
    [
      'no condition: the knobs as given; provisioning is the processing delay of sandbox time',
      [],
      FAST,
      { timeScale: 1000, maskinportenTokenLifetimeS: 5, provisioningWallMs: 0.2 },
    ],
    [
      'no condition: an explicit provisioning delay is wall time',
      [],
      { ...FAST, provisioningDelayMs: 50 },
      { timeScale: 1000, maskinportenTokenLifetimeS: 5, provisioningWallMs: 50 },
    ],
    [
      'fresh: seeded empty, 3 s of wall-time provisioning',
      ['fresh'],
      {},
      { conditions: ['fresh'], seed: 'empty', provisioningWallMs: 3000 },
    ],
    [
      'fresh: provisioning stays 3 s whatever the time scale',
      ['fresh'],
      FAST,
      {
        conditions: ['fresh'],
        seed: 'empty',
        provisioningWallMs: 3000,
        timeScale: 1000,
        maskinportenTokenLifetimeS: 5,
      },
    ],
    [
      'fresh: a shorter provisioning delay is kept (tests)',
      ['fresh'],
      { provisioningDelayMs: 100 },
      { conditions: ['fresh'], seed: 'empty', provisioningWallMs: 100 },
    ],
    [
      'fresh wins over seed ready, and says so',
      ['fresh'],
      { seed: 'ready' },
      {
        conditions: ['fresh'],
        seed: 'empty',
        provisioningWallMs: 3000,
        overridden: ['fresh sets seed to empty (ready was given)'],
      },
    ],
    [
      'real-tokens: 120 s Maskinporten tokens, exchanged tokens inherit their exp',
      ['real-tokens'],
      {},
      { conditions: ['real-tokens'], exchangedTokenExpiry: 'maskinporten' },
    ],
    [
      'real-tokens wins over a short token lifetime',
      ['real-tokens'],
      FAST,
      {
        conditions: ['real-tokens'],
        timeScale: 1000,
        provisioningWallMs: 0.2,
        exchangedTokenExpiry: 'maskinporten',
        overridden: ['real-tokens sets maskinportenTokenLifetimeS to 120 (5 was given)'],
      },
    ],
    [
      'strict-access-list: the service owner is off the list',
      ['strict-access-list'],
      {},
      { conditions: ['strict-access-list'], accessList: STRICT_LIST },
    ],
    [
      'slow-scan: wall speed, a 3 s scan',
      ['slow-scan'],
      {},
      { conditions: ['slow-scan'], processingDelayMs: 3000, provisioningWallMs: 3000 },
    ],
    [
      'slow-scan wins over the time scale and the processing delay',
      ['slow-scan'],
      FAST,
      {
        conditions: ['slow-scan'],
        processingDelayMs: 3000,
        provisioningWallMs: 3000,
        maskinportenTokenLifetimeS: 5,
        overridden: [
          'slow-scan sets timeScale to 1 (1000 was given)',
          'slow-scan sets processingDelayMs to 3000 (200 was given)',
        ],
      },
    ],
    [
      'all four combine; the fast knobs lose',
      ['slow-scan', 'strict-access-list', 'real-tokens', 'fresh'],
      FAST,
      {
        conditions: ['fresh', 'real-tokens', 'strict-access-list', 'slow-scan'],
        seed: 'empty',
        processingDelayMs: 3000,
        provisioningWallMs: 3000,
        exchangedTokenExpiry: 'maskinporten',
        accessList: STRICT_LIST,
        overridden: [
          'slow-scan sets timeScale to 1 (1000 was given)',
          'slow-scan sets processingDelayMs to 3000 (200 was given)',
          'real-tokens sets maskinportenTokenLifetimeS to 120 (5 was given)',
        ],
      },
    ],
    [
      'a condition named twice counts once',
      ['fresh', 'fresh'],
      { provisioningDelayMs: 10 },
      { conditions: ['fresh'], seed: 'empty', provisioningWallMs: 10 },
    ],
  ])('%s', (_rule, conditions, knobs, expected) => {
    expect(resolveConditions(conditions, knobs)).toEqual({ ...BASE, ...expected });
  });

  it('an unknown condition (a JavaScript caller) throws', () => {
    expect(() => resolveConditions(['warm' as SandboxCondition])).toThrow(UnknownConditionError);
  });
});

describe('parseConditions (--condition)', () => {
  it.each<[string, string[], SandboxCondition[]]>([
    ['none', [], []],
    ['one', ['fresh'], ['fresh']],
    ['repeated flags, in catalogue order', ['slow-scan', 'fresh'], ['fresh', 'slow-scan']],
    ['a comma list, with spaces', ['real-tokens, strict-access-list'], ['real-tokens', 'strict-access-list']],
    ['all', ['all'], ['fresh', 'real-tokens', 'strict-access-list', 'slow-scan']],
    ['all with a repeat', ['all', 'fresh'], ['fresh', 'real-tokens', 'strict-access-list', 'slow-scan']],
    ['an empty item is ignored', ['fresh,'], ['fresh']],
  ])('%s', (_rule, values, expected) => {
    expect(parseConditions(values)).toEqual(expected);
  });

  it.each([['warm'], ['fresh,Slow-Scan'], ['ALL']])(
    '%s is refused, naming it and the valid names',
    (value) => {
      expect(() => parseConditions([value])).toThrow(
        /unknown condition '.+'; the conditions are fresh, real-tokens, strict-access-list, slow-scan and all/,
      );
    },
  );
});

describe('SANDBOX_CONDITIONS', () => {
  it('lists the four conditions, each with a one-line description', () => {
    expect(SANDBOX_CONDITIONS.map((c) => c.name)).toEqual([
      'fresh',
      'real-tokens',
      'strict-access-list',
      'slow-scan',
    ]);
    for (const c of SANDBOX_CONDITIONS) expect(c.description).toMatch(/^[^\n]{20,}$/);
  });
});
