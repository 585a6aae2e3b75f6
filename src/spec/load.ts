/**
 * Loads the OpenAPI document the suite validates against: the bundled `spec/broker-api.yaml`, or
 * `BROKER_OPENAPI` (a path or URL). A broken document stops the load with every defect listed
 * (line and column for syntax, JSON pointer for structure); `lenient` repairs what is mechanically
 * repairable, reports each repair, and loads the rest.
 */
import { fileURLToPath } from 'node:url';
import { SpecLoadError } from './errors.js';
import { normaliseDocument, type Translation } from './normalise.js';
import { parseSpecText, type ParsedText } from './parse.js';
import { isPlainObject, toPointer } from './pointer.js';
import { repairStructure } from './repair.js';
import { checkSchemas } from './schema-check.js';
import { alreadyVerified } from './verified.js';
import { readSpecSource, type ReadOptions } from './source.js';
import { checkStructure, collectRefs } from './structure.js';
import type { OpenApiDocument, SpecDefect } from './types.js';

export const BUNDLED_SPEC = fileURLToPath(new URL('../../spec/broker-api.yaml', import.meta.url));

export interface LoadOptions extends ReadOptions {
  /** Repair what is mechanically repairable and load the rest. @default false */
  lenient?: boolean;
  /** Run swagger-parser's check even on a text it has passed (`npm run generate`). @default false */
  recheck?: boolean;
}

export interface LoadedSpec {
  source: string;
  document: OpenApiDocument;
  format: 'json' | 'yaml';
  /** What lenient mode changed to make the document loadable. */
  repairs: SpecDefect[];
  /** Defects that do not stop the load (all of them, in lenient mode). */
  warnings: SpecDefect[];
  /** OpenAPI 3.0 constructs read with their 3.1 meaning. */
  translations: Translation[];
  /** Every schema passed the JSON Schema meta-schema (src/spec/schema-check.ts); not so in lenient mode. */
  schemasChecked: boolean;
}

/**
 * The bundled document, loaded once per process: the embedded sandbox and the runner both judge by it,
 * and a load (parse, structural walk, swagger-parser) takes a quarter to half a second. Each caller
 * gets its own copy, so no caller's change reaches another.
 */
let bundled: Promise<LoadedSpec> | undefined;

export async function loadSpec(
  source: string = BUNDLED_SPEC,
  options: LoadOptions = {},
): Promise<LoadedSpec> {
  if (source !== BUNDLED_SPEC || Object.keys(options).length > 0) {
    const text = await readSpecSource(source, options);
    return loadSpecText(text, source, options);
  }
  bundled ??= readSpecSource(source, options).then((text) => loadSpecText(text, source, options));
  try {
    return structuredClone(await bundled);
  } catch (error) {
    bundled = undefined;
    throw error;
  }
}

function located(parsed: ParsedText, defect: { pointer: string; message: string }): SpecDefect {
  return { ...parsed.locate(defect.pointer), ...defect };
}

/** swagger-parser, loaded only for a document that needs it: its modules cost 80 ms. */
async function swaggerParser() {
  return (await import('@apidevtools/swagger-parser')).default;
}

/** swagger-parser's schema check, as a backstop for what our own structural walk does not cover. */
async function swaggerParserDefects(document: unknown): Promise<SpecDefect[]> {
  const SwaggerParser = await swaggerParser();
  try {
    await SwaggerParser.validate(structuredClone(document) as OpenApiDocument as never);
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !/^Swagger schema validation failed/.test(line))
      .slice(0, 20)
      .map((line) => ({ pointer: '', message: `swagger-parser: ${line}` }));
  }
}

export async function loadSpecText(
  text: string,
  source: string,
  options: LoadOptions = {},
): Promise<LoadedSpec> {
  const lenient = options.lenient ?? false;
  const parsed = parseSpecText(text, source, lenient);
  if (!('value' in parsed)) throw new SpecLoadError('SPEC_SYNTAX', source, parsed.defects);
  const value = parsed.value;
  if (isPlainObject(value) && typeof value.swagger === 'string') {
    throw new SpecLoadError('SPEC_STRUCTURE', source, [
      {
        pointer: '/swagger',
        message: `Swagger ${value.swagger} is not supported: convert it to OpenAPI 3.x`,
      },
    ]);
  }
  const repairs: SpecDefect[] = parsed.repairs.slice();
  if (lenient && isPlainObject(value)) {
    repairs.push(...repairStructure(value).map((r) => located(parsed, r)));
  }
  let document = value;
  const external = collectRefs(document).some(({ ref }) => !ref.startsWith('#'));
  if (external) {
    try {
      document = await (await swaggerParser()).bundle(source, document as never);
    } catch (error) {
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      throw new SpecLoadError('SPEC_STRUCTURE', source, [
        { pointer: '', message: `an external $ref failed: ${message}` },
      ]);
    }
  }
  const structural = checkStructure(document).map((d) => ({ ...located(parsed, d), severity: d.severity }));
  const errors = structural.filter((d) => d.severity === 'error');
  const warnings: SpecDefect[] = structural.filter((d) => d.severity === 'warning');
  if (errors.length > 0 && !lenient) throw new SpecLoadError('SPEC_STRUCTURE', source, errors.map(strip));
  if (lenient) {
    warnings.unshift(...errors.map(strip));
    repairs.push(...neutraliseDanglingRefs(document));
  } else {
    // Left out for a text swagger-parser has passed already (src/spec/verified.ts).
    const verified = !options.recheck && !external && alreadyVerified(text);
    const backstop = verified ? [] : await swaggerParserDefects(document);
    if (backstop.length > 0) throw new SpecLoadError('SPEC_STRUCTURE', source, backstop);
  }
  const translations = normaliseDocument(document as Record<string, unknown>);
  // After normalising: a 3.0 document's schemas are judged in their 3.1 reading, as they compile.
  const schemaDefects = checkSchemas(document).map((d) =>
    strip({ ...located(parsed, d), severity: 'error' }),
  );
  if (schemaDefects.length > 0 && !lenient) throw new SpecLoadError('SPEC_STRUCTURE', source, schemaDefects);
  warnings.push(...schemaDefects);
  return {
    source,
    document: document as OpenApiDocument,
    format: parsed.format,
    repairs,
    warnings,
    translations,
    schemasChecked: schemaDefects.length === 0,
  };
}

function strip(defect: SpecDefect & { severity: string }): SpecDefect {
  const { pointer, line, column, message } = defect;
  return line === undefined ? { pointer, message } : { pointer, line, column, message };
}

/** Lenient mode: a `$ref` that still dangles after repair is read as "any value", and said so. */
function neutraliseDanglingRefs(document: unknown): SpecDefect[] {
  const repairs: SpecDefect[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, [...path, i]));
    if (!isPlainObject(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'example' || key === 'examples') continue;
      if (isPlainObject(child) && typeof child.$ref === 'string' && child.$ref.startsWith('#')) {
        if (resolves(document, child.$ref)) continue;
        node[key] = { description: `unresolved ${child.$ref}: any value accepted` };
        repairs.push({
          pointer: toPointer([...path, key]),
          message: `$ref '${child.$ref}' does not resolve: any value accepted there`,
        });
      } else walk(child, [...path, key]);
    }
  };
  walk(document, []);
  return repairs;
}

function resolves(document: unknown, ref: string): boolean {
  let node: unknown = document;
  for (const part of ref.slice(1).split('/').slice(1)) {
    if (!isPlainObject(node)) return false;
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node !== undefined;
}
