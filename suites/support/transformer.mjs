// @ts-check
/**
 * @swc/jest, loaded only when a file must be transpiled. Jest asks a transformer for a file's cache key
 * before anything else, and @swc/jest answers from @swc/core, whose native binding (35 MB) every Jest
 * worker then opened, 70-150 ms each, to read files already in Jest's cache. The key here says the same
 * from the versions in the packages' manifests; the first file to miss the cache loads @swc/jest. Plain
 * JavaScript because Jest loads its transformer without one. Unit tests and suites share it
 * (jest.config.ts, src/run/jest.ts).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** What a transpiled file depends on besides its text: the compiler's and its Jest adapter's versions. */
const VERSIONS = ['@swc/core', '@swc/jest'].map(
  (name) => `${name}@${/** @type {{ version: string }} */ (require(`${name}/package.json`)).version}`,
);

/**
 * @typedef {import('@jest/transform').SyncTransformer<unknown>} Transformer
 * @typedef {{ createTransformer(options: unknown): Transformer }} TransformerFactory
 */

/**
 * @param {unknown} swcOptions @swc/jest's options, as the Jest configuration gives them
 * @returns {Transformer}
 */
export function createTransformer(swcOptions) {
  // Taken before @swc/jest sees them: it adds its own settings to the options it is given, which
  // changed the keys of the files after the first miss and missed them again on every run.
  const settings = JSON.stringify([VERSIONS, swcOptions]);
  /** @type {Transformer | undefined} */
  let swc;
  const load = () =>
    (swc ??= /** @type {TransformerFactory} */ (require('@swc/jest')).createTransformer(
      JSON.parse(JSON.stringify(swcOptions)),
    ));
  return {
    canInstrument: false,
    getCacheKey(source, path, options) {
      return createHash('sha1')
        .update(JSON.stringify([settings, options.configString, options.instrument, path]))
        .update('\0')
        .update(source)
        .digest('hex');
    },
    process: (source, path, options) => load().process(source, path, options),
    processAsync: (source, path, options) => {
      const transformer = load();
      return transformer.processAsync
        ? transformer.processAsync(source, path, options)
        : Promise.resolve(transformer.process(source, path, options));
    },
  };
}

export default { createTransformer };
