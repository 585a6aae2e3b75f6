/** Ajv's modules as Node loads them (src/spec/ajv-modules.mjs). */
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type addFormatsModule from 'ajv-formats';

export interface AjvModules {
  Ajv2020: typeof Ajv2020;
  addFormats: typeof addFormatsModule.default;
}
export declare function requireAjv(): AjvModules;
