/**
 * What a contract check found wrong, in a form both a report and a person can read: the kind,
 * where (a JSON pointer into the body), what the spec expected and what came.
 */
import type { ErrorObject } from 'ajv';

export type ViolationKind =
  | 'undocumented-status'
  | 'content-type'
  | 'missing-body'
  | 'unexpected-body'
  | 'malformed-body'
  | 'schema'
  /** A member the body carries that its schema does not define (src/spec/undocumented.ts). */
  | 'undocumented-property'
  | 'error-code'
  | 'header'
  | 'parameter'
  | 'unknown-operation';

export interface Violation {
  kind: ViolationKind;
  /** JSON pointer into the body (schema, undocumented-property), or the header or parameter name. */
  pointer?: string;
  /** The JSON Schema keyword that failed, for schema violations. */
  keyword?: string;
  expected?: unknown;
  actual?: unknown;
  message: string;
}

export function show(value: unknown, max = 80): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** One ajv error as a violation with its expected and actual values spelled out. */
export function fromAjvError(error: ErrorObject, where: string): Violation {
  const params = error.params as Record<string, unknown>;
  let pointer = error.instancePath;
  let expected: unknown;
  /** A phrase of ours (`present`, `a string matching …`) rather than a value from the schema. */
  let phrase: string | undefined;
  let actual: unknown = error.data;
  switch (error.keyword) {
    case 'required':
      pointer = `${pointer}/${String(params.missingProperty)}`;
      expected = phrase = 'present';
      actual = undefined;
      break;
    case 'type':
      expected = params.type;
      actual = jsonType(error.data);
      break;
    case 'enum':
      expected = params.allowedValues;
      break;
    case 'const':
      expected = params.allowedValue;
      break;
    // The document closes the object itself (`additionalProperties` or `unevaluatedProperties` false):
    // the same finding as the closed-model walk, so the same kind (and the same security observation).
    case 'additionalProperties':
    case 'unevaluatedProperties':
      pointer = `${pointer}/${String(params.additionalProperty ?? params.unevaluatedProperty)}`;
      expected = phrase = 'no such property';
      actual = 'present';
      break;
    case 'pattern':
      expected = phrase = `a string matching ${String(params.pattern)}`;
      break;
    case 'format':
      expected = phrase = `format ${String(params.format)}`;
      break;
    default:
      expected = error.schema;
  }
  const undocumented = error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties';
  const shownActual = error.keyword === 'type' || undocumented ? String(actual) : show(actual);
  const expectedText =
    phrase ??
    (Array.isArray(expected) ? `one of ${expected.map((v) => show(v)).join(', ')}` : show(expected));
  return {
    kind: undocumented ? 'undocumented-property' : 'schema',
    pointer,
    keyword: error.keyword,
    expected,
    actual,
    message: `${where} ${pointer || '(root)'}: ${error.message ?? error.keyword} (expected ${expectedText}, got ${shownActual})`,
  };
}

export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `  - [${v.kind}] ${v.message}`).join('\n');
}
