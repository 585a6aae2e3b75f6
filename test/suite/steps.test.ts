/** Dependent steps: a failure skips what needs it, with a reason naming the step, instead of cascading. */
import { describe, expect, it } from '@jest/globals';
import { Skipped } from '../../src/errors.js';
import { classifyThrown } from '../../src/report/results.js';
import { flow, skip } from '../../src/suite/steps.js';

async function outcome(body: () => Promise<void> | void): Promise<string> {
  try {
    await body();
    return 'passed';
  } catch (error) {
    return error instanceof Skipped ? `skipped: ${error.reason}` : 'failed';
  }
}

describe('a walk of dependent steps', () => {
  it.each([
    ['every step passes', [true, true, true], ['passed', 'passed', 'passed']],
    [
      'a failure skips the next step, and that skip the one after',
      [true, false, true, true],
      [
        'passed',
        'failed',
        'skipped: needs "step 1", which failed',
        'skipped: needs "step 2", which needs "step 1", which failed',
      ],
    ],
  ])('%s', async (_name, passes, want) => {
    const walk = flow();
    const bodies = passes.map((pass, i) =>
      walk.step(`step ${i}`, () => {
        if (!pass) throw new Error('boom');
      }),
    );
    const got: string[] = [];
    for (const body of bodies) got.push(await outcome(body));
    expect(got).toEqual(want);
  });

  it('a step with explicit needs runs when those passed, whatever failed in between', async () => {
    const walk = flow();
    const first = walk.step('initialize', () => undefined);
    const second = walk.step('upload', () => {
      throw new Error('boom');
    });
    const third = walk.step('overview', () => undefined, ['initialize']);
    expect([await outcome(first), await outcome(second), await outcome(third)]).toEqual([
      'passed',
      'failed',
      'passed',
    ]);
  });

  it('a step whose need never ran is skipped, saying so', async () => {
    const walk = flow();
    walk.step('initialize', () => undefined);
    const later = walk.step('confirm', () => undefined);
    expect(await outcome(later)).toBe('skipped: needs "initialize", which did not run');
  });
});

describe('skip', () => {
  it('ends a test with a reason the reports read as a skip', () => {
    let thrown: unknown;
    try {
      skip('EVENTS_API_URL is not set');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Skipped);
    expect(classifyThrown(thrown)).toEqual({ skipped: 'EVENTS_API_URL is not set' });
    // As Jest's workers hand it over: own properties only.
    expect(classifyThrown(JSON.parse(JSON.stringify(thrown)))).toEqual({
      skipped: 'EVENTS_API_URL is not set',
    });
  });
});
