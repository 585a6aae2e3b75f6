/**
 * Lenient mode: mechanical repairs of mis-nested structure, each reported. A repair moves a
 * member to the one place the structure says it belongs (a path item at the document root goes
 * into `paths`); where two places are possible, nothing is moved and the defect stays reported.
 * These are the shapes that one misplaced brace produces (CONTRACT.md §10.2).
 */
import {
  COMPONENT_FIELDS,
  PATH_ITEM_FIELDS,
  ROOT_FIELDS,
  SCHEMA_KEYWORDS,
  isExtension,
  isMediaTypeKey,
} from './keywords.js';
import { isPlainObject, toPointer } from './pointer.js';
import { HTTP_METHODS } from './types.js';
import { looksLikePathItem, looksLikeSchema } from './structure.js';

type Obj = Record<string, unknown>;
export interface Repair {
  pointer: string;
  message: string;
}

function move(from: Obj, key: string, to: Obj, toKey = key): boolean {
  if (toKey in to) return false;
  to[toKey] = from[key];
  delete from[key];
  return true;
}

export function repairStructure(document: Obj): Repair[] {
  const repairs: Repair[] = [];
  const note = (path: (string | number)[], message: string) =>
    repairs.push({ pointer: toPointer(path), message });

  // Path items that escaped `paths` to the document root.
  for (const key of Object.keys(document)) {
    if (ROOT_FIELDS.has(key) || isExtension(key) || !key.startsWith('/') || !looksLikePathItem(document[key]))
      continue;
    document.paths = isPlainObject(document.paths) ? document.paths : {};
    if (move(document, key, document.paths as Obj))
      note([key], `moved path item '${key}' from the document root into paths`);
  }

  for (const mapName of ['paths', 'webhooks'] as const) {
    const map = document[mapName];
    if (!isPlainObject(map)) continue;
    for (const [itemKey, item] of Object.entries(map)) {
      if (!isPlainObject(item)) continue;
      for (const key of Object.keys(item)) {
        if (PATH_ITEM_FIELDS.has(key) || isExtension(key)) continue;
        if (looksLikePathItem(item[key]) && (mapName === 'webhooks' || key.startsWith('/'))) {
          if (move(item, key, map))
            note([mapName, itemKey, key], `moved '${key}' out of '${itemKey}' into ${mapName}`);
        } else if (key === 'responses') {
          const lacking = HTTP_METHODS.filter(
            (m) => isPlainObject(item[m]) && !('responses' in (item[m] as Obj)),
          );
          const [only] = lacking;
          if (lacking.length === 1 && only && move(item, key, item[only] as Obj)) {
            note([mapName, itemKey, key], `moved responses into the ${only} operation`);
          }
        }
      }
      for (const method of HTTP_METHODS) {
        const op = item[method];
        if (!isPlainObject(op)) continue;
        const base = [mapName, itemKey, method];
        if (isPlainObject(op.requestBody))
          repairContent(op.requestBody.content, [...base, 'requestBody', 'content'], note);
        if (isPlainObject(op.responses)) {
          for (const [status, response] of Object.entries(op.responses)) {
            if (isPlainObject(response))
              repairContent(response.content, [...base, 'responses', status, 'content'], note);
          }
        }
      }
    }
  }

  const components = document.components;
  if (isPlainObject(components)) {
    for (const key of Object.keys(components)) {
      if (COMPONENT_FIELDS.has(key) || isExtension(key) || !looksLikeSchema(components[key])) continue;
      components.schemas = isPlainObject(components.schemas) ? components.schemas : {};
      if (move(components, key, components.schemas as Obj)) {
        note(['components', key], `moved schema '${key}' from components into components.schemas`);
      }
    }
    if (isPlainObject(components.schemas))
      foldKeywordMembers(components.schemas, ['components', 'schemas'], note, true);
  }

  walkSchemas(document, [], (schema, path) => {
    if (isPlainObject(schema.properties)) {
      for (const key of Object.keys(schema)) {
        if (SCHEMA_KEYWORDS.has(key) || isExtension(key) || !looksLikeSchema(schema[key])) continue;
        if (move(schema, key, schema.properties)) note([...path, key], `moved '${key}' into properties`);
      }
      foldKeywordMembers(schema.properties, [...path, 'properties'], note, false);
    }
  });
  return repairs;
}

/** `content.encoding` next to exactly one media type lacking an encoding map: that map. */
function repairContent(
  content: unknown,
  path: (string | number)[],
  note: (p: (string | number)[], m: string) => void,
) {
  if (!isPlainObject(content) || !isPlainObject(content.encoding)) return;
  const targets = Object.keys(content).filter((k) => isMediaTypeKey(k) && isPlainObject(content[k]));
  const [only] = targets;
  if (targets.length !== 1 || !only) return;
  if (move(content, 'encoding', content[only] as Obj)) {
    note([...path, 'encoding'], `moved encoding into the ${only} media type`);
  }
}

/**
 * In a map of named schemas, a member named after a schema keyword whose value is no schema
 * there (a string; or, among components, any keyword name) is the tail of the member before
 * it, cut off by an early brace: it goes back into that member.
 */
function foldKeywordMembers(
  map: Obj,
  path: (string | number)[],
  note: (p: (string | number)[], m: string) => void,
  anyValue: boolean,
): void {
  let previous: string | undefined;
  for (const key of Object.keys(map)) {
    const value = map[key];
    const stray =
      SCHEMA_KEYWORDS.has(key) && (anyValue || (typeof value !== 'boolean' && !isPlainObject(value)));
    if (stray && previous !== undefined && isPlainObject(map[previous])) {
      if (move(map, key, map[previous] as Obj))
        note([...path, key], `moved '${key}' into the schema '${previous}'`);
      continue;
    }
    previous = key;
  }
}

function walkSchemas(
  node: unknown,
  path: (string | number)[],
  visit: (schema: Obj, path: (string | number)[]) => void,
) {
  if (Array.isArray(node)) return node.forEach((n, i) => walkSchemas(n, [...path, i], visit));
  if (!isPlainObject(node)) return;
  if (looksLikeSchema(node)) visit(node, path);
  for (const [k, v] of Object.entries(node))
    if (k !== 'example' && k !== 'examples') walkSchemas(v, [...path, k], visit);
}
