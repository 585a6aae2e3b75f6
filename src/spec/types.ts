/**
 * The slice of OpenAPI 3.1 (https://spec.openapis.org/oas/v3.1.0) that the suite reads.
 * Documents are plain JSON values; these types name the parts we navigate and leave the
 * rest open, because a loaded document may be a third party's with extensions of its own.
 */

/** A JSON Schema 2020-12 schema as OpenAPI 3.1 embeds it (boolean schemas included). */
export type SchemaObject = { [keyword: string]: unknown } | boolean;

export interface ReferenceObject {
  $ref: string;
}

export interface MediaTypeObject {
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, unknown>;
  encoding?: Record<string, unknown>;
}

export interface HeaderObject {
  description?: string;
  required?: boolean;
  schema?: SchemaObject;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | ReferenceObject>;
  content?: Record<string, MediaTypeObject>;
  /** Extension: an empty body (no Content-Type) is also a conforming answer. */
  'x-allow-empty-body'?: boolean;
  /** Extension: the body may come without a Content-Type header (upstream's 406). */
  'x-allow-missing-content-type'?: boolean;
  /** Extension: the Broker error codes (`BRO-NNNNN`) this response can carry. */
  'x-error-codes'?: string[];
  [extension: `x-${string}`]: unknown;
}

export interface ParameterObject {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
}

export interface RequestBodyObject {
  description?: string;
  required?: boolean;
  content: Record<string, MediaTypeObject>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: (ParameterObject | ReferenceObject)[];
  requestBody?: RequestBodyObject | ReferenceObject;
  responses?: Record<string, ResponseObject | ReferenceObject>;
  security?: SecurityRequirement[];
  deprecated?: boolean;
  [extension: `x-${string}`]: unknown;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItemObject = {
  [M in HttpMethod]?: OperationObject;
} & {
  summary?: string;
  description?: string;
  parameters?: (ParameterObject | ReferenceObject)[];
  $ref?: string;
};

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers?: { url: string; description?: string }[];
  paths?: Record<string, PathItemObject>;
  webhooks?: Record<string, PathItemObject>;
  components?: {
    schemas?: Record<string, SchemaObject>;
    responses?: Record<string, ResponseObject>;
    parameters?: Record<string, ParameterObject>;
    requestBodies?: Record<string, RequestBodyObject>;
    headers?: Record<string, HeaderObject>;
    securitySchemes?: Record<string, unknown>;
    [key: string]: unknown;
  };
  security?: SecurityRequirement[];
  [key: string]: unknown;
}

export function isReference(value: unknown): value is ReferenceObject {
  return typeof value === 'object' && value !== null && typeof (value as ReferenceObject).$ref === 'string';
}

/** One problem found in a document: where it is, and what is wrong, in one line. */
export interface SpecDefect {
  /** JSON pointer into the document (`/paths/~1broker~1api~1v1~1filetransfer/post`), or '' for the whole. */
  pointer: string;
  /** 1-based line and column, when the defect has a place in the text. */
  line?: number;
  column?: number;
  message: string;
}
