/**
 * The response schemas of spec/ as the Postman sandbox can check them: its ajv is v6 (JSON Schema
 * draft-07), so each schema is made self-contained (every `$ref` inlined) and written in draft-07
 * (docs/decisions/0006-postman-schema.md). Issue 6; CONTRACT.md §4 gives the statuses.
 */
import type { LoadedSpec } from '../spec/load.js';
import { OperationIndex } from '../spec/operations.js';
import { deref, getAt, isPlainObject } from '../spec/pointer.js';
import type { MediaTypeObject, ResponseObject } from '../spec/types.js';

export type Draft07Schema = { [keyword: string]: unknown } | boolean;

/** Formats ajv 6 checks out of the box; any other (int64, int32, …) would stop it compiling. */
export const AJV6_FORMATS = ['date-time', 'uuid', 'uri', 'email'] as const;

/** Keywords whose value is one schema (`not` and `if` are handled on their own, see `negated`). */
const SCHEMA_KEYWORDS = [
  'additionalItems',
  'additionalProperties',
  'contains',
  'propertyNames',
  'then',
  'else',
] as const;
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf'] as const;
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions'] as const;
/**
 * Draft-07 keywords whose value is data, kept as it is. Annotations (`description`, `title`,
 * `default`, `readOnly`) are left out: they check nothing, and spec/ is where a reader finds them.
 */
const VALUE_KEYWORDS = [
  'type',
  'enum',
  'const',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
] as const;
/** Keywords that only annotate: a `$ref` with nothing else beside it is replaced by its target. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', 'example', 'deprecated', '$comment']);

export class SchemaTranslationError extends Error {
  override readonly name = 'SchemaTranslationError';
  constructor(
    readonly code: 'SCHEMA_REMOTE_REF' | 'SCHEMA_DANGLING_REF' | 'SCHEMA_REF_CYCLE',
    message: string,
  ) {
    super(message);
  }
}

/**
 * `schema`, a fragment of `root` (the OpenAPI document), in draft-07 with no `$ref` left: the 2020-12
 * keywords become their draft-07 forms (`$defs`, `prefixItems`, `dependentRequired`,
 * `dependentSchemas`); extensions, examples, annotations, `discriminator`, content keywords and formats
 * ajv 6 lacks are dropped, as is anything else draft-07 does not know. The result is never stricter
 * than the original: where a dropped constraint sat under `not` or `if`, that `not` or `if` goes too.
 */
export function toDraft07(schema: unknown, root: unknown): Draft07Schema {
  return translate(schema, root, [], { lossy: false });
}

/** Set when a constraint that validates (a format, `unevaluated*`) had to be dropped. */
interface Loss {
  lossy: boolean;
}

/** Keywords that validate in 2020-12 and have no draft-07 form. */
const UNTRANSLATABLE = ['unevaluatedProperties', 'unevaluatedItems', '$dynamicRef', '$recursiveRef'];

function translate(schema: unknown, root: unknown, seen: readonly string[], loss: Loss): Draft07Schema {
  if (typeof schema === 'boolean') return schema;
  if (!isPlainObject(schema)) return {};
  if (typeof schema.$ref === 'string') return inlineRef(schema, root, seen, loss);
  const out: Record<string, unknown> = {};
  const node = (value: unknown) => translate(value, root, seen, loss);
  for (const key of VALUE_KEYWORDS) if (key in schema) out[key] = schema[key];
  if (typeof schema.format === 'string') {
    if ((AJV6_FORMATS as readonly string[]).includes(schema.format)) out.format = schema.format;
    else loss.lossy = true;
  }
  if (UNTRANSLATABLE.some((key) => key in schema)) loss.lossy = true;
  for (const key of SCHEMA_KEYWORDS) if (key in schema) out[key] = node(schema[key]);
  negated('not');
  negated('if');
  for (const key of SCHEMA_LIST_KEYWORDS) {
    const list = schema[key];
    if (Array.isArray(list)) out[key] = list.map(node);
  }
  for (const key of SCHEMA_MAP_KEYWORDS) {
    const map = key === 'definitions' ? (schema.$defs ?? schema.definitions) : schema[key];
    if (isPlainObject(map)) out[key] = mapValues(map, node);
  }
  if (Array.isArray(schema.prefixItems)) {
    out.items = schema.prefixItems.map(node);
    if ('items' in schema) out.additionalItems = node(schema.items);
  } else if ('items' in schema) {
    out.items = Array.isArray(schema.items) ? schema.items.map(node) : node(schema.items);
  }
  const dependencies: Record<string, unknown> = {};
  if (isPlainObject(schema.dependentRequired)) Object.assign(dependencies, schema.dependentRequired);
  if (isPlainObject(schema.dependentSchemas)) {
    Object.assign(dependencies, mapValues(schema.dependentSchemas, node));
  }
  if (isPlainObject(schema.dependencies)) {
    for (const [name, value] of Object.entries(schema.dependencies)) {
      dependencies[name] = Array.isArray(value) ? value : node(value);
    }
  }
  if (Object.keys(dependencies).length > 0) out.dependencies = dependencies;
  return out;

  /**
   * A dropped constraint under `not` (or in an `if` condition) would make the schema stricter, not
   * looser: translate that keyword on its own, and leave it out when anything in it was dropped.
   */
  function negated(key: 'not' | 'if'): void {
    if (!isPlainObject(schema) || !(key in schema)) return;
    const own: Loss = { lossy: false };
    const translated = translate(schema[key], root, seen, own);
    if (!own.lossy) {
      out[key] = translated;
      return;
    }
    loss.lossy = true;
    if (key === 'if') {
      delete out.then;
      delete out.else;
    }
  }
}

/**
 * Draft-07 ignores the siblings of a `$ref`, 2020-12 applies them: siblings that only annotate are
 * dropped, siblings that constrain are kept beside the target under `allOf`.
 */
function inlineRef(
  schema: Record<string, unknown>,
  root: unknown,
  seen: readonly string[],
  loss: Loss,
): Draft07Schema {
  const ref = String(schema.$ref);
  if (!ref.startsWith('#')) {
    throw new SchemaTranslationError('SCHEMA_REMOTE_REF', `$ref '${ref}' is not local: inline it in spec/`);
  }
  if (seen.includes(ref)) {
    throw new SchemaTranslationError(
      'SCHEMA_REF_CYCLE',
      `$ref '${ref}' refers to itself (${[...seen, ref].join(' → ')}): a recursive schema cannot be inlined`,
    );
  }
  const target = getAt(root, ref);
  if (target === undefined) {
    throw new SchemaTranslationError('SCHEMA_DANGLING_REF', `$ref '${ref}' does not resolve in spec/`);
  }
  const resolved = translate(target, root, [...seen, ref], loss);
  const rest = Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$ref'));
  if (Object.keys(rest).every((key) => ANNOTATIONS.has(key) || key.startsWith('x-'))) return resolved;
  return { allOf: [resolved, translate(rest, root, seen, loss)] };
}

function mapValues<T>(map: Record<string, unknown>, f: (value: unknown) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(map).map(([name, value]) => [name, f(value)]));
}

/**
 * The draft-07 schema of the JSON body `operationId` answers with `status`, or undefined when that
 * response has no JSON body (204, a download). Throws when the operation or the status is not in spec/.
 */
export function responseSchema(
  spec: LoadedSpec,
  operationId: string,
  status: number,
): Draft07Schema | undefined {
  const root = spec.document;
  const info = new OperationIndex(root).get(operationId);
  if (!info) throw new Error(`operation ${operationId} is not in ${spec.source}`);
  const raw = info.operation.responses?.[String(status)];
  const response = raw === undefined ? undefined : deref<ResponseObject>(root, raw);
  if (!response) throw new Error(`${operationId} declares no ${status} response in ${spec.source}`);
  const media: MediaTypeObject | undefined = Object.entries(response.content ?? {}).find(([type]) =>
    /^application\/(?:[\w.-]+\+)?json$/i.test(type),
  )?.[1];
  return media?.schema === undefined ? undefined : toDraft07(media.schema, root);
}
