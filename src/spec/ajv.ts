/**
 * The Ajv set-up shared by every check: JSON Schema 2020-12 (OpenAPI 3.1's dialect, §4.8.24),
 * ajv-formats, and OpenAPI's own formats (§4.4: int32, int64, float, double, password, binary).
 * The loaded document is added once under DOCUMENT_ID so that `#/components/...` references
 * inside any fragment resolve against it.
 */
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { requireAjv, type AjvModules } from './ajv-modules.mjs';
import type { OpenApiDocument } from './types.js';

/**
 * Where the suites' test environment (suites/support/environment.mjs) puts `requireAjv`, run by Node
 * itself in the worker, so that Ajv is loaded once per Jest worker, not once per suite file.
 */
export const NATIVE_AJV = Symbol.for('broker-contract:ajv');

/** Ajv from the worker when the suites' environment has it, else required here (the runner, unit tests). */
export function requireAjvModules(): AjvModules {
  const native = (globalThis as Record<symbol, (() => AjvModules) | undefined>)[NATIVE_AJV];
  return native ? native() : requireAjv();
}

export const DOCUMENT_ID = 'urn:broker-contract:openapi';

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

export interface AjvOptions {
  /** Coerce strings to the schema's types: for headers and parameters, which arrive as strings. */
  coerce?: boolean;
  /**
   * The document's schemas passed the meta-schema when it loaded (src/spec/schema-check.ts): Ajv's
   * own check of each schema it compiles is left out, which compiled the meta-schema in every Ajv
   * instance to look at little more than a `$ref` into the document.
   */
  schemasChecked?: boolean;
}

export function createAjv(document: OpenApiDocument, options: AjvOptions = {}): Ajv2020 {
  const { Ajv2020, addFormats } = requireAjvModules();
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    // OpenAPI adds keywords of its own (discriminator, xml, x-*): unknown keywords are annotations.
    strict: false,
    validateFormats: true,
    logger: false,
    coerceTypes: options.coerce ? 'array' : false,
    validateSchema: !options.schemasChecked,
    // Ajv's optimising pass over the code it generates drops unused names and empty branches: the
    // code checks the same without it. It made over 40 % of a worker's compiles (60 of 140 ms cold for the
    // spec's 46 response schemas), and a suite validates too few bodies for faster code to repay it.
    code: { optimize: false },
  });
  addFormats(ajv);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('password', true);
  ajv.addFormat('binary', true);
  // Not checked against the JSON Schema meta-schema: the document is no schema (its own schemas sit
  // under `components` and `paths`, which the meta-schema does not reach, so the check saw nothing but
  // top-level keywords), SwaggerParser has validated it (src/spec/load.ts), and each schema is still
  // checked as it compiles. The check cost 30-100 ms per Ajv instance: two per validator, one
  // validator per suite file.
  ajv.addSchema(document as object, DOCUMENT_ID, undefined, false);
  return ajv;
}
