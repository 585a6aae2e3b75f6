// @ts-check
/**
 * The suites' test sequencer: Jest's own (failed first, then slowest first, from its cache), unless the
 * runner names the order of the phase's files (src/run/file-order.mjs): the self-test starts a faulty
 * run with the files most likely to catch its fault, and its conformant run with the file that waits
 * longest. Only the order changes; which files run is decided before sorting. Plain JavaScript because
 * Jest loads it without a transform.
 */
import { basename } from 'node:path';
import Sequencer from '@jest/test-sequencer';
import { fileOrder, inOrder } from '../../src/run/file-order.mjs';

export default class SuiteSequencer extends Sequencer {
  /** @param {import('@jest/test-result').Test[]} tests */
  async sort(tests) {
    const sorted = await super.sort(tests);
    const order = fileOrder(process.env);
    return order === undefined ? sorted : inOrder(sorted, order, (test) => basename(test.path));
  }
}
