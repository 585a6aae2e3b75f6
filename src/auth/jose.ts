/**
 * jose, as the suites and the runner use it. In a Jest worker the suites' environment
 * (suites/support/environment.mjs) imports it once, natively, and hands it over under NATIVE_JOSE:
 * Jest instantiates an ES module package again in every suite file's registry, and jose's 46 modules
 * were loaded 16 times a run. Elsewhere (the runner, unit tests) it is imported here.
 */
import type * as Jose from 'jose';

export const NATIVE_JOSE = Symbol.for('broker-contract:jose');

const jose: typeof Jose =
  (globalThis as Record<symbol, typeof Jose | undefined>)[NATIVE_JOSE] ?? (await import('jose'));

export const {
  CompactSign,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  importJWK,
  importPKCS8,
  SignJWT,
} = jose;
