/**
 * Structural checks of an OpenAPI 3.x document (OAS 3.1 §4.8): fields where they may stand,
 * schemas that are schemas, `$ref`s that resolve. Each defect carries a JSON pointer and one
 * line saying what is wrong; a likely cause is named where the shape suggests one (a brace that
 * closed an object early is the usual culprit in hand-edited JSON, CONTRACT.md §10.2).
 */
import {
  COMPONENT_FIELDS,
  OPERATION_FIELDS,
  PATH_ITEM_FIELDS,
  RESPONSE_FIELDS,
  ROOT_FIELDS,
  SCHEMA_KEYWORDS,
  SUBSCHEMA_ARRAY_KEYWORDS,
  SUBSCHEMA_KEYWORDS,
  SUBSCHEMA_MAP_KEYWORDS,
  isExtension,
  isMediaTypeKey,
  isStatusKey,
} from './keywords.js';
import { getAt, isPlainObject, toPointer } from './pointer.js';
import { HTTP_METHODS } from './types.js';

export type Severity = 'error' | 'warning';

export interface StructuralDefect {
  severity: Severity;
  pointer: string;
  message: string;
}

type Path = (string | number)[];
type Obj = Record<string, unknown>;

export function looksLikePathItem(value: unknown): boolean {
  return isPlainObject(value) && HTTP_METHODS.some((m) => isPlainObject(value[m]));
}

const SCHEMA_HINTS = ['type', '$ref', 'properties', 'allOf', 'anyOf', 'oneOf', 'enum', 'items', 'format'];
export function looksLikeSchema(value: unknown): boolean {
  return isPlainObject(value) && SCHEMA_HINTS.some((k) => k in value);
}

class Checker {
  readonly defects: StructuralDefect[] = [];
  constructor(private readonly root: Obj) {}

  add(severity: Severity, path: Path, message: string): void {
    this.defects.push({ severity, pointer: toPointer(path), message });
  }

  unknownFields(
    obj: Obj,
    allowed: Set<string>,
    path: Path,
    what: string,
    hint: (key: string) => string,
  ): void {
    for (const key of Object.keys(obj)) {
      if (allowed.has(key) || isExtension(key)) continue;
      this.add('error', [...path, key], `'${key}' is not a valid field of ${what}${hint(key)}`);
    }
  }

  document(): void {
    const root = this.root;
    this.unknownFields(root, ROOT_FIELDS, [], 'the document root', (key) =>
      key.startsWith('/') && looksLikePathItem(root[key])
        ? ': a path item outside `paths` (did a brace close `paths` early?)'
        : '',
    );
    if (typeof root.openapi !== 'string' || !/^3\.[01]\.\d+/.test(root.openapi)) {
      this.add(
        'error',
        ['openapi'],
        `unsupported OpenAPI version ${JSON.stringify(root.openapi)}: 3.0.x or 3.1.x is needed`,
      );
    }
    if (!isPlainObject(root.info)) this.add('error', ['info'], 'the required `info` object is missing');
    this.pathMap(root.paths, ['paths'], true);
    this.pathMap(root.webhooks, ['webhooks'], false);
    if (!isPlainObject(root.paths) && !isPlainObject(root.webhooks)) {
      this.add('error', [], 'the document has neither `paths` nor `webhooks`');
    }
    this.components(root.components);
    this.security();
    this.operationIds();
  }

  pathMap(map: unknown, path: Path, templated: boolean): void {
    if (map === undefined) return;
    if (!isPlainObject(map)) return this.add('error', path, 'must be an object');
    for (const [key, item] of Object.entries(map)) {
      if (isExtension(key)) continue;
      if (templated && !key.startsWith('/'))
        this.add('error', [...path, key], `path '${key}' must begin with '/'`);
      this.pathItem(item, [...path, key]);
    }
  }

  pathItem(item: unknown, path: Path): void {
    if (!isPlainObject(item)) return this.add('error', path, 'a path item must be an object');
    this.unknownFields(item, PATH_ITEM_FIELDS, path, 'a path item', (key) => {
      if (looksLikePathItem(item[key]))
        return ': a path item nested in another (did a brace close too late?)';
      if (key === 'responses') return ': `responses` belongs inside an operation';
      return '';
    });
    for (const method of HTTP_METHODS) {
      if (item[method] !== undefined) this.operation(item[method], [...path, method]);
    }
    this.parameters(item.parameters, [...path, 'parameters']);
  }

  operation(op: unknown, path: Path): void {
    if (!isPlainObject(op)) return this.add('error', path, 'an operation must be an object');
    this.unknownFields(op, OPERATION_FIELDS, path, 'an operation', () => '');
    this.parameters(op.parameters, [...path, 'parameters']);
    if (isPlainObject(op.requestBody))
      this.content(op.requestBody.content, [...path, 'requestBody', 'content']);
    if (!isPlainObject(op.responses) || Object.keys(op.responses).length === 0) {
      this.add(
        'warning',
        path,
        'the operation documents no responses, so none of its answers can be checked',
      );
      return;
    }
    for (const [status, response] of Object.entries(op.responses)) {
      if (isExtension(status)) continue;
      if (!isStatusKey(status))
        this.add('error', [...path, 'responses', status], `'${status}' is not an HTTP status code`);
      this.response(response, [...path, 'responses', status]);
    }
  }

  parameters(list: unknown, path: Path): void {
    if (list === undefined) return;
    if (!Array.isArray(list)) return this.add('error', path, 'parameters must be an array');
    list.forEach((p, i) => {
      if (isPlainObject(p) && !('$ref' in p) && p.schema !== undefined)
        this.schema(p.schema, [...path, i, 'schema']);
    });
  }

  response(response: unknown, path: Path): void {
    if (!isPlainObject(response)) return this.add('error', path, 'a response must be an object');
    if ('$ref' in response) return;
    this.unknownFields(response, RESPONSE_FIELDS, path, 'a response', () => '');
    if (typeof response.description !== 'string')
      this.add('warning', path, 'a response needs a `description`');
    this.content(response.content, [...path, 'content']);
  }

  content(content: unknown, path: Path): void {
    if (content === undefined) return;
    if (!isPlainObject(content))
      return this.add('error', path, '`content` must map media types to media type objects');
    for (const [mediaType, media] of Object.entries(content)) {
      if (!isMediaTypeKey(mediaType)) {
        const hint = mediaType === 'encoding' ? ' (`encoding` belongs inside a media type object)' : '';
        this.add('error', [...path, mediaType], `'${mediaType}' is not a media type${hint}`);
        continue;
      }
      if (isPlainObject(media) && media.schema !== undefined)
        this.schema(media.schema, [...path, mediaType, 'schema']);
    }
  }

  components(components: unknown): void {
    if (components === undefined) return;
    if (!isPlainObject(components)) return this.add('error', ['components'], 'must be an object');
    this.unknownFields(components, COMPONENT_FIELDS, ['components'], '`components`', (key) =>
      looksLikeSchema(components[key])
        ? ': a schema outside `components.schemas` (did a brace close `schemas` early?)'
        : '',
    );
    const schemas = components.schemas;
    if (isPlainObject(schemas)) {
      for (const [name, schema] of Object.entries(schemas)) {
        if (SCHEMA_KEYWORDS.has(name)) {
          this.add(
            'warning',
            ['components', 'schemas', name],
            `a schema named after the keyword '${name}': a brace probably closed the schema before it early`,
          );
        }
        this.schema(schema, ['components', 'schemas', name]);
      }
    }
  }

  schema(schema: unknown, path: Path, depth = 0): void {
    if (typeof schema === 'boolean') return;
    if (!isPlainObject(schema)) {
      return this.add(
        'error',
        path,
        `a schema must be an object or a boolean, not ${JSON.stringify(schema)}`,
      );
    }
    if (depth > 64) return;
    for (const [key, value] of Object.entries(schema)) {
      if (SCHEMA_KEYWORDS.has(key) || isExtension(key)) continue;
      if (looksLikeSchema(value)) {
        this.add('error', [...path, key], `'${key}' looks like a property declared outside \`properties\``);
      } else {
        this.add('warning', [...path, key], `'${key}' is not a JSON Schema keyword and is ignored`);
      }
    }
    for (const k of SUBSCHEMA_KEYWORDS) if (k in schema) this.schema(schema[k], [...path, k], depth + 1);
    for (const k of SUBSCHEMA_ARRAY_KEYWORDS) {
      const list = schema[k];
      if (Array.isArray(list)) list.forEach((s, i) => this.schema(s, [...path, k, i], depth + 1));
    }
    for (const k of SUBSCHEMA_MAP_KEYWORDS) {
      const map = schema[k];
      if (isPlainObject(map))
        for (const [name, s] of Object.entries(map)) this.schema(s, [...path, k, name], depth + 1);
    }
    if (
      Array.isArray(schema.required) &&
      isPlainObject(schema.properties) &&
      schema.additionalProperties === false
    ) {
      for (const name of schema.required) {
        if (typeof name === 'string' && !(name in schema.properties)) {
          this.add(
            'error',
            [...path, 'required'],
            `'${name}' is required but not declared, and no other property is allowed`,
          );
        }
      }
    }
  }

  security(): void {
    const schemes = (this.root.components as Obj | undefined)?.securitySchemes;
    if (!isPlainObject(schemes) || Object.keys(schemes).length === 0) {
      this.add(
        'warning',
        ['components'],
        'no `securitySchemes`: the document does not say how callers authenticate',
      );
    }
  }

  operationIds(): void {
    const seen = new Map<string, string>();
    for (const [mapName, map] of [
      ['paths', this.root.paths],
      ['webhooks', this.root.webhooks],
    ] as const) {
      if (!isPlainObject(map)) continue;
      for (const [key, item] of Object.entries(map)) {
        if (!isPlainObject(item)) continue;
        for (const method of HTTP_METHODS) {
          const id = (item[method] as Obj | undefined)?.operationId;
          if (typeof id !== 'string') continue;
          const here = toPointer([mapName, key, method]);
          const before = seen.get(id);
          if (before)
            this.add(
              'error',
              [mapName, key, method, 'operationId'],
              `operationId '${id}' is also used at ${before}`,
            );
          else seen.set(id, here);
        }
      }
    }
  }
}

/** Every `$ref` in the document (examples excluded), with where it stands. */
export function collectRefs(root: unknown): { pointer: string; ref: string }[] {
  const refs: { pointer: string; ref: string }[] = [];
  const walk = (node: unknown, path: Path): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, [...path, i]));
    if (!isPlainObject(node)) return;
    if (typeof node.$ref === 'string') refs.push({ pointer: toPointer([...path, '$ref']), ref: node.$ref });
    for (const [k, v] of Object.entries(node)) if (k !== 'example' && k !== 'examples') walk(v, [...path, k]);
  };
  walk(root, []);
  return refs;
}

function danglingRefs(root: unknown): StructuralDefect[] {
  const byTarget = new Map<string, string[]>();
  for (const { pointer, ref } of collectRefs(root)) {
    if (!ref.startsWith('#') || getAt(root, ref) !== undefined) continue;
    byTarget.set(ref, [...(byTarget.get(ref) ?? []), pointer]);
  }
  return [...byTarget].map(([ref, uses]) => ({
    severity: 'error' as const,
    pointer: uses[0] ?? '',
    message: `$ref '${ref}' does not resolve` + (uses.length > 1 ? ` (${uses.length} uses)` : ''),
  }));
}

export function checkStructure(document: unknown): StructuralDefect[] {
  if (!isPlainObject(document))
    return [{ severity: 'error', pointer: '', message: 'the document is not a JSON object' }];
  const checker = new Checker(document);
  checker.document();
  return [...checker.defects, ...danglingRefs(document)];
}
