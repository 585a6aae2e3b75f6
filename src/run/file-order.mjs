// @ts-check
/**
 * The order of a phase's suite files when the runner chooses it (`order` in src/run/run.ts, the
 * self-test's runs): the runner names the files in a variable, and the suites' test sequencer
 * (suites/support/sequencer.mjs) runs them so. Which files run is Jest's to decide from the paths it
 * was given; the order only changes how early a failure shows. Plain JavaScript, so that the
 * sequencer, which Jest loads without a transform, imports it as the TypeScript does.
 */

/** The variable that lists a phase's file names in the order to run them; unset, Jest's own order. */
export const ORDER_ENV = 'BROKER_CONTRACT_FILE_ORDER';

/**
 * The file names to run first, in order, or undefined for Jest's own order.
 * @param {Record<string, string | undefined>} env
 * @returns {string[] | undefined}
 */
export function fileOrder(env) {
  const text = env[ORDER_ENV];
  if (text === undefined || text === '') return undefined;
  return text.split(',').filter((name) => name !== '');
}

/**
 * `items` with those whose name is in `order` first, in its order, then the others in the order they
 * came: the same items, only sorted.
 * @template T
 * @param {readonly T[]} items
 * @param {readonly string[]} order
 * @param {(item: T) => string} nameOf
 * @returns {T[]}
 */
export function inOrder(items, order, nameOf) {
  const rank = (/** @type {T} */ item) => {
    const index = order.indexOf(nameOf(item));
    return index === -1 ? order.length : index;
  };
  // Array.prototype.sort is stable: the unnamed keep the order they came in.
  return [...items].sort((a, b) => rank(a) - rank(b));
}
