/**
 * Checks HTTP responses, requests and CloudEvents against the loaded document. A schema is compiled
 * once per (operation, status, media type) and cached. Every finding is a Violation; the caller
 * decides whether it fails a test. What the Broker sends (responses, events) is also checked for
 * members its model does not define, where the document closes its models (src/spec/undocumented.ts).
 */
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { createAjv, DOCUMENT_ID } from './ajv.js';
import type { LoadedSpec } from './load.js';
import { essence, isJsonMediaType, matchMediaType } from './media.js';
import { checkResponseBody, headerValue, type HeaderBag, type ResponseSample } from './response-body.js';
export type { HeaderBag, ResponseSample } from './response-body.js';
import { OperationIndex, type OperationInfo } from './operations.js';
import { deref, derefAt, escapeToken } from './pointer.js';
import type { HeaderObject, OpenApiDocument, RequestBodyObject, ResponseObject } from './types.js';
import { UndocumentedProperties } from './undocumented.js';
import { fromAjvError, show, type Violation } from './violations.js';

export interface RequestSample {
  contentType?: string;
  /** JSON bodies as values; form bodies as field maps; text as strings. */
  body?: unknown;
  query?: Record<string, string | string[] | undefined>;
  headers?: HeaderBag;
  pathParams?: Record<string, string>;
}

export interface CheckResult {
  operation?: OperationInfo;
  /** The response key the status answered to (`200`, `4XX`, `default`). */
  responseKey?: string;
  mediaType?: string;
  /** The parsed body, when it was JSON. */
  body?: unknown;
  violations: Violation[];
  ok: boolean;
}

/** A schema taken out of the document, with its local `$ref`s pointed back into it. */
function anchorRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchorRefs);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? `${DOCUMENT_ID}${value}`
        : anchorRefs(value),
    ]),
  );
}

function result(violations: Violation[], extra: Omit<CheckResult, 'violations' | 'ok'> = {}): CheckResult {
  return { ...extra, violations, ok: violations.length === 0 };
}

export class ContractValidator {
  readonly operations: OperationIndex;
  private readonly document: OpenApiDocument;
  private readonly strictAjv: Ajv2020;
  private readonly coercingAjv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly undocumented: UndocumentedProperties;

  constructor(spec: LoadedSpec | OpenApiDocument) {
    const loaded = 'source' in spec && 'translations' in spec ? (spec as LoadedSpec) : undefined;
    this.document = loaded ? loaded.document : (spec as OpenApiDocument);
    this.operations = new OperationIndex(this.document);
    // A loaded document's schemas passed the meta-schema as it loaded; a bare one's are checked as they compile.
    const schemasChecked = loaded?.schemasChecked === true;
    this.strictAjv = createAjv(this.document, { schemasChecked });
    this.coercingAjv = createAjv(this.document, { coerce: true, schemasChecked });
    this.undocumented = new UndocumentedProperties(this.document, (pointer, value) =>
      this.compile(pointer)(value),
    );
  }

  /** How many validators have been compiled: the cache is per (operation, status, media type). */
  get compiledCount(): number {
    return this.cache.size;
  }

  private compile(pointer: string, coerce = false): ValidateFunction {
    const key = `${coerce ? 'c' : 's'}${pointer}`;
    let fn = this.cache.get(key);
    if (!fn) {
      const ajv = coerce ? this.coercingAjv : this.strictAjv;
      fn = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer.split('/').map(encodeURIComponent).join('/')}` });
      this.cache.set(key, fn);
    }
    return fn;
  }

  /** Headers and parameters arrive as strings: validated as `{ v }` with type coercion, cached by place. */
  private valueValidator(place: string, schema: unknown): ValidateFunction {
    const key = `v${place}`;
    let fn = this.cache.get(key);
    if (!fn) {
      fn = this.coercingAjv.compile({ type: 'object', properties: { v: anchorRefs(schema) } });
      this.cache.set(key, fn);
    }
    return fn;
  }

  private schemaViolations(pointer: string, value: unknown, where: string, coerce = false): Violation[] {
    const validate = this.compile(pointer, coerce);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => fromAjvError(e, where));
  }

  /** For what the Broker sends: the schema, then the members its model does not define. */
  private sentViolations(pointer: string, value: unknown, where: string): Violation[] {
    return [
      ...this.schemaViolations(pointer, value, where),
      ...this.undocumented.check(pointer, value, where),
    ];
  }

  private resolveOperation(op: string | OperationInfo): OperationInfo | Violation {
    if (typeof op !== 'string') return op;
    return (
      this.operations.get(op) ?? {
        kind: 'unknown-operation',
        message: `the document has no operation '${op}'`,
      }
    );
  }

  validateResponse(op: string | OperationInfo, response: ResponseSample): CheckResult {
    const info = this.resolveOperation(op);
    if ('kind' in info) return result([info]);
    const responses = info.operation.responses ?? {};
    const status = String(response.status);
    const responseKey = [status, `${status[0]}XX`, 'default'].find((k) => k in responses);
    if (responseKey === undefined) {
      const documented = Object.keys(responses).filter((k) => !k.startsWith('x-'));
      return result(
        [
          {
            kind: 'undocumented-status',
            actual: response.status,
            expected: documented,
            message: `${info.id} answered ${response.status}, which the spec does not document (documented: ${documented.join(', ') || 'none'})`,
          },
        ],
        { operation: info },
      );
    }
    const found = derefAt<ResponseObject>(
      this.document,
      `${info.pointer}/responses/${escapeToken(responseKey)}`,
      responses[responseKey],
    );
    const context = { operation: info, responseKey };
    if (!found) return result([], context);
    const { value: spec, pointer } = found;
    const violations = this.headerViolations(spec, pointer, response.headers, `${info.id} ${status}`);
    const body = checkResponseBody(spec, pointer, response, `${info.id} ${status}`, (p, v) =>
      this.sentViolations(p, v, `${info.id} ${status}`),
    );
    return result([...violations, ...body.violations], {
      ...context,
      mediaType: body.mediaType,
      body: body.value,
    });
  }

  private headerViolations(
    spec: ResponseObject,
    pointer: string,
    headers: HeaderBag,
    where: string,
  ): Violation[] {
    const violations: Violation[] = [];
    for (const [name, raw] of Object.entries(spec.headers ?? {})) {
      const header = deref<HeaderObject>(this.document, raw);
      const value = headerValue(headers, name);
      if (!header || name.toLowerCase() === 'content-type') continue;
      if (value === undefined) {
        if (header.required) {
          violations.push({
            kind: 'header',
            pointer: name,
            expected: 'present',
            message: `${where}: header ${name} is missing`,
          });
        }
        continue;
      }
      if (header.schema === undefined) continue;
      const validate = this.valueValidator(`${pointer}/headers/${name}`, header.schema);
      if (!validate({ v: value })) {
        const first = validate.errors?.[0];
        violations.push({
          kind: 'header',
          pointer: name,
          actual: value,
          expected: header.schema,
          message: `${where}: header ${name} ${first?.message ?? 'is invalid'} (got ${show(value)})`,
        });
      }
    }
    return violations;
  }

  validateRequest(op: string | OperationInfo, request: RequestSample): CheckResult {
    const info = this.resolveOperation(op);
    if ('kind' in info) return result([info]);
    const violations: Violation[] = [];
    for (const param of info.parameters) {
      const source =
        param.in === 'query' ? request.query : param.in === 'path' ? request.pathParams : undefined;
      const value = param.in === 'header' ? headerValue(request.headers, param.name) : source?.[param.name];
      if (value === undefined) {
        // Header and path parameters are checked only when the sample carries headers or path values.
        const given = param.in === 'header' ? request.headers : source;
        if (param.required && (param.in === 'query' || given !== undefined)) {
          violations.push({
            kind: 'parameter',
            pointer: param.name,
            expected: 'present',
            message: `${info.id}: required ${param.in} parameter ${param.name} is missing`,
          });
        }
        continue;
      }
      if (param.schema === undefined) continue;
      const validate = this.valueValidator(
        `${info.pointer}/parameters/${param.in}/${param.name}`,
        param.schema,
      );
      if (!validate({ v: value })) {
        violations.push({
          kind: 'parameter',
          pointer: param.name,
          actual: value,
          message: `${info.id}: ${param.in} parameter ${param.name} ${validate.errors?.[0]?.message ?? 'is invalid'} (got ${show(value)})`,
        });
      }
    }
    const foundBody = info.operation.requestBody
      ? derefAt<RequestBodyObject>(this.document, `${info.pointer}/requestBody`, info.operation.requestBody)
      : undefined;
    const body = foundBody?.value;
    const declared = Object.keys(body?.content ?? {});
    if (request.body === undefined) {
      if (body?.required)
        violations.push({
          kind: 'missing-body',
          expected: declared,
          message: `${info.id}: the request body is required`,
        });
      return result(violations, { operation: info });
    }
    const received =
      essence(request.contentType) ?? (declared.length === 1 ? essence(declared[0]) : undefined);
    const mediaKey = received === undefined ? undefined : matchMediaType(declared, received);
    if (mediaKey === undefined) {
      violations.push({
        kind: 'content-type',
        expected: declared,
        actual: received ?? null,
        message: `${info.id}: request Content-Type ${received ?? '(none)'} is not documented (documented: ${declared.join(', ') || 'no body'})`,
      });
      return result(violations, { operation: info });
    }
    if (body?.content[mediaKey]?.schema !== undefined) {
      const requestBodyPointer = foundBody?.pointer ?? `${info.pointer}/requestBody`;
      const schemaPointer = `${requestBodyPointer}/content/${escapeToken(mediaKey)}/schema`;
      const where = `${info.id} request body`;
      // A webhook's payload is what the Broker sends; a path's request body is ours, and upstream ignores
      // unknown members of requests (CONTRACT.md §1): only the former is held to its model's members.
      const json = isJsonMediaType(mediaKey);
      violations.push(
        ...(info.webhook && json
          ? this.sentViolations(schemaPointer, request.body, where)
          : this.schemaViolations(schemaPointer, request.body, where, !json)),
      );
    }
    return result(violations, { operation: info, mediaType: received });
  }

  /** A CloudEvent delivered to a webhook, checked against `webhooks[type]` (the event's `type`). */
  validateEvent(event: unknown, contentType = 'application/cloudevents+json'): CheckResult {
    const type = (event as { type?: unknown } | null)?.type;
    const info = typeof type === 'string' ? this.operations.webhook(type) : undefined;
    if (!info) {
      const known = this.operations.all.filter((o) => o.webhook).map((o) => o.path);
      return result([
        {
          kind: 'unknown-operation',
          actual: type,
          expected: known,
          message: `event type ${show(type)} is not among the documented webhooks (${known.join(', ')})`,
        },
      ]);
    }
    return this.validateRequest(info, { contentType, body: event });
  }
}
