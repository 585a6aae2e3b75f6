// @ts-check
/**
 * Ajv and ajv-formats as Node's own `require` loads them, once per process: for src/spec/ajv.ts, and
 * for the suites' test environment (suites/support/environment.mjs), which hands this to every suite
 * file of its worker, since Jest evaluates a CommonJS package again in each file's registry (Ajv's 90
 * files cost about 80 ms per file). Plain JavaScript, so that the environment, which Jest loads without
 * a transform, imports it as the TypeScript does.
 */
import { createRequire } from 'node:module';

/** @type {import('./ajv-modules.d.mts').AjvModules | undefined} */
let loaded;

/** @returns {import('./ajv-modules.d.mts').AjvModules} */
export function requireAjv() {
  if (loaded === undefined) {
    const require = createRequire(import.meta.url);
    const formats = require('ajv-formats');
    // ajv-formats is CommonJS with `exports.default`.
    loaded = { Ajv2020: require('ajv/dist/2020.js').Ajv2020, addFormats: formats.default ?? formats };
  }
  return loaded;
}
