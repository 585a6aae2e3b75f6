/**
 * Every Schema Object of the document (OAS 3.1 §4.8.24) checked once against the JSON Schema 2020-12
 * meta-schema when the document loads, so a `minLength: "ten"` or a `type: strin` is named by its
 * place. Ajv's check as a validator compiles saw only the schema handed to `compile` (a `$ref` into the
 * document, or a header's wrapper), never the document's schemas it reached through the `$ref`, and it
 * compiled the meta-schema again in each Ajv instance: two per Jest worker, a tenth of a second each.
 */
import { requireAjvModules } from './ajv.js';
import { isPlainObject, toPointer } from './pointer.js';

type Path = (string | number)[];

export interface SchemaDefect {
  pointer: string;
  message: string;
}

/** Where a Schema Object stands outside another schema: `components.schemas`, and any `schema` field. */
export function schemaPlaces(document: unknown): { path: Path; schema: unknown }[] {
  const places: { path: Path; schema: unknown }[] = [];
  const walk = (node: unknown, path: Path): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, [...path, i]));
    if (!isPlainObject(node)) return;
    for (const [key, child] of Object.entries(node)) {
      // Examples are values, not schemas, whatever their members are called; extensions are anyone's.
      if (key === 'example' || key === 'examples' || key.startsWith('x-')) continue;
      if (key === 'schema') places.push({ path: [...path, key], schema: child });
      else if (path.length === 1 && path[0] === 'components' && key === 'schemas' && isPlainObject(child))
        for (const [name, schema] of Object.entries(child))
          places.push({ path: [...path, key, name], schema });
      else walk(child, [...path, key]);
    }
  };
  walk(document, []);
  return places;
}

/** The schemas that break the meta-schema, one defect per place (Ajv's first complaint there). */
export function checkSchemas(document: unknown): SchemaDefect[] {
  const { Ajv2020 } = requireAjvModules();
  // The meta-schema's own vocabularies; OpenAPI's keywords (discriminator, xml, x-*) are annotations.
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  const defects = new Map<string, string>();
  for (const { path, schema } of schemaPlaces(document)) {
    if (ajv.validateSchema(schema as object)) continue;
    for (const error of ajv.errors ?? []) {
      const pointer = toPointer(path) + error.instancePath;
      const keyword = error.instancePath.split('/').pop() || 'the schema';
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
      const message = `${keyword} ${error.message ?? 'is invalid'}${allowed ? ` (${allowed.join(', ')})` : ''}`;
      if (!defects.has(pointer)) defects.set(pointer, message);
    }
  }
  return [...defects].map(([pointer, message]) => ({
    pointer,
    message: `not a JSON Schema 2020-12 schema: ${message}`,
  }));
}
