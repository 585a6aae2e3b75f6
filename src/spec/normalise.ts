/**
 * Translates OpenAPI 3.0 schema constructs into their JSON Schema 2020-12 equivalents, so that a
 * 3.0 document, or a 3.1 document written with 3.0 habits (Altinn's, CONTRACT.md §10.3), is
 * validated as its author meant rather than with the 3.0 keywords silently ignored.
 * See docs/decisions/0002-nullable-under-3-1.md.
 */
import { SUBSCHEMA_ARRAY_KEYWORDS, SUBSCHEMA_KEYWORDS, SUBSCHEMA_MAP_KEYWORDS } from './keywords.js';
import { isPlainObject } from './pointer.js';

type Obj = Record<string, unknown>;

export interface Translation {
  construct: 'nullable' | 'example' | 'exclusiveMinimum' | 'exclusiveMaximum' | 'format-binary';
  count: number;
  message: string;
}

const MESSAGES: Record<Translation['construct'], string> = {
  nullable: '`nullable: true` (OpenAPI 3.0) read as `null` added to `type`',
  example: '`example` (OpenAPI 3.0) read as `examples: [example]`',
  exclusiveMinimum: 'boolean `exclusiveMinimum` (OpenAPI 3.0) read as a numeric bound',
  exclusiveMaximum: 'boolean `exclusiveMaximum` (OpenAPI 3.0) read as a numeric bound',
  'format-binary': '`format: binary` (OpenAPI 3.0) read as `contentMediaType: application/octet-stream`',
};

function translateSchema(schema: Obj, count: (c: Translation['construct']) => void): void {
  if ('nullable' in schema) {
    if (schema.nullable === true) {
      count('nullable');
      if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
      else if (Array.isArray(schema.type) && !schema.type.includes('null'))
        schema.type = [...schema.type, 'null'];
      else if (schema.type === undefined) {
        // No type to widen (a $ref or a composition): null becomes an explicit alternative.
        const rest = { ...schema };
        delete rest.nullable;
        for (const key of Object.keys(schema)) delete schema[key];
        schema.anyOf = [rest, { type: 'null' }];
        return;
      }
      if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    }
    delete schema.nullable;
  }
  if ('example' in schema) {
    count('example');
    if (!Array.isArray(schema.examples)) schema.examples = [schema.example];
    delete schema.example;
  }
  for (const [bound, limit] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof schema[bound] !== 'boolean') continue;
    count(bound);
    if (schema[bound] === true && typeof schema[limit] === 'number') {
      schema[bound] = schema[limit];
      delete schema[limit];
    } else {
      delete schema[bound];
    }
  }
  if (schema.format === 'binary' && schema.type === 'string') {
    count('format-binary');
    delete schema.format;
    schema.contentMediaType ??= 'application/octet-stream';
  }
}

function walkSchema(schema: unknown, count: (c: Translation['construct']) => void, depth: number): void {
  if (!isPlainObject(schema) || depth > 64) return;
  translateSchema(schema, count);
  for (const k of SUBSCHEMA_KEYWORDS) walkSchema(schema[k], count, depth + 1);
  for (const k of SUBSCHEMA_ARRAY_KEYWORDS) {
    const list = schema[k];
    if (Array.isArray(list)) for (const s of list) walkSchema(s, count, depth + 1);
  }
  for (const k of SUBSCHEMA_MAP_KEYWORDS) {
    const map = schema[k];
    if (isPlainObject(map)) for (const s of Object.values(map)) walkSchema(s, count, depth + 1);
  }
}

/** Every place OpenAPI puts a schema: components, parameters, headers, media types. */
function walkDocument(node: unknown, count: (c: Translation['construct']) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walkDocument(n, count));
  if (!isPlainObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples') continue;
    if (key === 'schema') walkSchema(value, count, 0);
    else if (key === 'schemas' && isPlainObject(value))
      for (const s of Object.values(value)) walkSchema(s, count, 0);
    else walkDocument(value, count);
  }
}

/** Rewrites the document in place to OpenAPI 3.1 schema semantics; returns what it translated. */
export function normaliseDocument(document: Obj): Translation[] {
  const counts = new Map<Translation['construct'], number>();
  walkDocument(document, (c) => counts.set(c, (counts.get(c) ?? 0) + 1));
  return [...counts].map(([construct, count]) => ({
    construct,
    count,
    message: `${MESSAGES[construct]} (${count}×)`,
  }));
}
