/** The order of a phase's files when the runner names it (src/run/file-order.mjs): the same files, sorted. */
import { describe, expect, it } from '@jest/globals';
import { fileOrder, inOrder, ORDER_ENV } from '../../src/run/file-order.mjs';
import { RUN_ENV } from '../../src/suite/run-env.js';

describe('the file order', () => {
  it('is one of the run variables the runner sets', () => {
    expect(RUN_ENV.fileOrder).toBe(ORDER_ENV);
  });

  it.each([
    ['unset: Jest orders', {}, undefined],
    ['empty: Jest orders', { [ORDER_ENV]: '' }, undefined],
    [
      'a comma list of names',
      { [ORDER_ENV]: '07b-a.test.ts,05a-b.test.ts' },
      ['07b-a.test.ts', '05a-b.test.ts'],
    ],
  ])('%s', (_name, env, want) => {
    expect(fileOrder(env)).toEqual(want);
  });

  it.each([
    ['the named first, in the order named', ['a', 'b', 'c', 'd'], ['c', 'a'], ['c', 'a', 'b', 'd']],
    ['the unnamed keep the order they came in', ['d', 'b', 'a', 'c'], ['a'], ['a', 'd', 'b', 'c']],
    ['a name that is not there is ignored', ['a', 'b'], ['x', 'b'], ['b', 'a']],
    ['no names: unchanged', ['b', 'a'], [], ['b', 'a']],
  ])('%s', (_name, items, order, want) => {
    const got = inOrder(
      items.map((name) => ({ path: `/suites/${name}` })),
      order,
      (item) => item.path.split('/').pop() ?? '',
    );
    expect(got.map((item) => item.path.split('/').pop())).toEqual(want);
  });
});
