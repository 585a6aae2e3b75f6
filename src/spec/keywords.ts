/** Field names that OpenAPI 3.1 (§4.8) and JSON Schema 2020-12 define, for the structural checks. */
import { HTTP_METHODS } from './types.js';

// prettier-ignore
export const ROOT_FIELDS = new Set([
  'openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags',
  'externalDocs',
]);

export const PATH_ITEM_FIELDS = new Set<string>([
  '$ref',
  'summary',
  'description',
  'servers',
  'parameters',
  ...HTTP_METHODS,
]);

// prettier-ignore
export const OPERATION_FIELDS = new Set([
  'tags', 'summary', 'description', 'externalDocs', 'operationId', 'parameters', 'requestBody', 'responses',
  'callbacks', 'deprecated', 'security', 'servers',
]);

export const RESPONSE_FIELDS = new Set(['description', 'headers', 'content', 'links']);

// prettier-ignore
export const COMPONENT_FIELDS = new Set([
  'schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'securitySchemes', 'links',
  'callbacks', 'pathItems',
]);

/** Keywords whose value is one subschema. */
// prettier-ignore
export const SUBSCHEMA_KEYWORDS = [
  'additionalProperties', 'items', 'not', 'if', 'then', 'else', 'contains', 'propertyNames',
  'unevaluatedProperties', 'unevaluatedItems', 'contentSchema',
] as const;

/** Keywords whose value is an array of subschemas. */
export const SUBSCHEMA_ARRAY_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;

/** Keywords whose value maps names to subschemas. */
// prettier-ignore
export const SUBSCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'] as const;

// prettier-ignore
export const SCHEMA_KEYWORDS = new Set<string>([
  ...SUBSCHEMA_KEYWORDS, ...SUBSCHEMA_ARRAY_KEYWORDS, ...SUBSCHEMA_MAP_KEYWORDS,
  '$schema', '$id', '$ref', '$anchor', '$dynamicRef', '$dynamicAnchor', '$vocabulary', '$comment',
  'type', 'enum', 'const', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxContains', 'minContains',
  'maxProperties', 'minProperties', 'required', 'dependentRequired', 'dependencies', 'format', 'title',
  'description', 'default', 'deprecated', 'readOnly', 'writeOnly', 'examples', 'contentEncoding',
  'contentMediaType',
  // OpenAPI's own schema fields (3.1 §4.8.24), and 3.0's, which the normaliser translates.
  'discriminator', 'xml', 'externalDocs', 'example', 'nullable',
]);

export function isExtension(key: string): boolean {
  return key.startsWith('x-');
}

export function isStatusKey(key: string): boolean {
  return key === 'default' || /^[1-5](?:\d\d|XX)$/.test(key);
}

export function isMediaTypeKey(key: string): boolean {
  return /^[\w.+*-]+\/[\w.+*-]+(?:\s*;.*)?$/.test(key);
}
