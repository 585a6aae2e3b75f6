/**
 * Where the self-test's faulty runs start (src/run/fault-order.ts): an order of the full run for every
 * category of fault, naming real suite files, which checks exactly what the full run checks.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FAULTS } from '../../sandbox/faults.js';
import { FAULT_ORDER } from '../../src/run/fault-order.js';
import { orderPhases, planPhases } from '../../src/run/phases.js';
import { PROJECT_ROOT } from '../helpers/paths.js';

const SUITES = readdirSync(join(PROJECT_ROOT, 'suites')).filter((f) => f.endsWith('.test.ts'));
const CATEGORIES = [...new Set(FAULTS.map((f) => f.category))];
const planned = planPhases('full', SUITES);

describe('where a faulty run starts', () => {
  it.each(CATEGORIES)('%s: its first files are suite files, each named once', (category) => {
    const first = FAULT_ORDER[category].first ?? [];
    expect(first.length).toBeGreaterThan(0);
    expect(new Set(first).size).toBe(first.length);
    for (const prefix of first) expect(SUITES.filter((f) => f.startsWith(`${prefix}`))).not.toHaveLength(0);
  });

  it.each(CATEGORIES)('%s: the same phases with the same files as the full run', (category) => {
    const ordered = orderPhases(planned, FAULT_ORDER[category]);
    const files = (phases: typeof planned) =>
      Object.fromEntries(phases.map((p) => [p.name, { exclusive: p.exclusive, files: [...p.files].sort() }]));
    expect(files(ordered)).toEqual(files(planned));
  });

  it.each(CATEGORIES)('%s: starts with a file it names', (category) => {
    const order = FAULT_ORDER[category];
    const firstFile = orderPhases(planned, order)[0]?.files[0] ?? '';
    expect(firstFile.startsWith(order.first?.[0] ?? '-')).toBe(true);
  });

  it('configuration faults start with the settings phase: only its clauses write the resource', () => {
    expect(orderPhases(planned, FAULT_ORDER.configuration)[0]?.name).toBe('settings');
  });
});
