/**
 * Members a body carries that its schema does not define. Upstream serialises exactly the properties
 * of its response models (CONTRACT.md §1, the bodies of §4.5–4.11, §6.2; §10.2 item 5 shows the
 * published document meant `additionalProperties: false` for the overview), so a document that says
 * `x-closed-models: true` at its root reads an object schema that lists `properties` and says nothing
 * of `additionalProperties` or `unevaluatedProperties` as the whole model. A shape that may grow says
 * so explicitly (`additionalProperties: true` or a schema); one closed explicitly (`false`) is
 * enforced by ajv already, with the same violation kind (src/spec/violations.ts). JSON Schema's
 * default is open, so a document without the marker (Altinn's, a user's `BROKER_OPENAPI`) is read
 * the plain way. docs/decisions/0010-closed-models.md.
 */
import { escapeToken, fromPointer, getAt, isLocalRef, isPlainObject, toPointer } from './pointer.js';
import type { Violation } from './violations.js';

export const CLOSED_MODELS = 'x-closed-models';

/** Whether the document closes its object schemas that do not say otherwise. */
export function closesModels(document: unknown): boolean {
  return isPlainObject(document) && document[CLOSED_MODELS] === true;
}

/** Whether `value` is valid against the schema at `schemaPointer`: which branch of a composition applies. */
export type Validates = (schemaPointer: string, value: unknown) => boolean;

type Schema = Record<string, unknown>;

/** A schema and where it stands in the document, so that a branch can be validated on its own. */
interface Placed {
  schema: Schema;
  pointer: string;
}

const COMPOSED_BY_VALIDITY = ['anyOf', 'oneOf'] as const;

function names(list: readonly string[], max = 8): string {
  const shown = list.slice(0, max).join(', ');
  return list.length > max ? `${shown}, … ${list.length - max} more` : shown || 'none';
}

/** Open: the schema admits members it does not list (`additionalProperties` or `unevaluated…` not false). */
function admitsOthers(schema: Schema): boolean {
  return (
    (schema.additionalProperties !== undefined && schema.additionalProperties !== false) ||
    (schema.unevaluatedProperties !== undefined && schema.unevaluatedProperties !== false)
  );
}

function closedExplicitly(schema: Schema): boolean {
  return schema.additionalProperties === false || schema.unevaluatedProperties === false;
}

export class UndocumentedProperties {
  constructor(
    private readonly document: unknown,
    private readonly validates: Validates,
  ) {}

  /** One violation per member, at any depth, that the schema at `schemaPointer` does not define. */
  check(schemaPointer: string, value: unknown, where: string): Violation[] {
    const found: Violation[] = [];
    if (!closesModels(this.document)) return found;
    this.visit(this.place([], getAt(this.document, schemaPointer), schemaPointer), value, [], where, found);
    return found;
  }

  private place(into: Placed[], schema: unknown, pointer: string): Placed[] {
    if (isPlainObject(schema)) into.push({ schema, pointer });
    return into;
  }

  /**
   * Every schema that applies to `value` at this place: `$ref` targets and `allOf` always, the
   * `anyOf`/`oneOf` branches it satisfies (all of them when it satisfies none, so a body that already
   * breaks the schema is not reported twice over), and `then` or `else` as `if` decides.
   */
  private applicable(start: Placed[], value: unknown): Placed[] {
    const out: Placed[] = [];
    const seen = new Set<string>();
    const queue = [...start];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (seen.has(next.pointer)) continue;
      seen.add(next.pointer);
      out.push(next);
      const { schema, pointer } = next;
      if (typeof schema.$ref === 'string' && isLocalRef(schema.$ref)) {
        // Re-encoded, so that the pointers built on it compile as written (a `$ref` may be URI-encoded).
        const target = toPointer(fromPointer(schema.$ref));
        this.place(queue, getAt(this.document, target), target);
      }
      if (Array.isArray(schema.allOf)) {
        schema.allOf.forEach((branch, i) => this.place(queue, branch, `${pointer}/allOf/${i}`));
      }
      for (const keyword of COMPOSED_BY_VALIDITY) {
        const branches = schema[keyword];
        if (!Array.isArray(branches)) continue;
        const placed = branches.flatMap((branch, i) => this.place([], branch, `${pointer}/${keyword}/${i}`));
        const satisfied = placed.filter((p) => this.satisfies(p.pointer, value));
        queue.push(...(satisfied.length > 0 ? satisfied : placed));
      }
      if (schema.if !== undefined) {
        const holds = this.satisfies(`${pointer}/if`, value);
        this.place(queue, holds ? schema.if : schema.else, `${pointer}/${holds ? 'if' : 'else'}`);
        if (holds) this.place(queue, schema.then, `${pointer}/then`);
      }
    }
    return out;
  }

  /** A branch that cannot be compiled on its own counts as satisfied: the walk then reports less, not more. */
  private satisfies(pointer: string, value: unknown): boolean {
    try {
      return this.validates(pointer, value);
    } catch {
      return true;
    }
  }

  private visit(start: Placed[], value: unknown, path: string[], where: string, found: Violation[]): void {
    if (start.length === 0 || (typeof value !== 'object' && !Array.isArray(value)) || value === null) return;
    const schemas = this.applicable(start, value);
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const next: Placed[] = [];
        for (const { schema, pointer } of schemas) {
          const prefix = schema.prefixItems;
          if (Array.isArray(prefix) && i < prefix.length)
            this.place(next, prefix[i], `${pointer}/prefixItems/${i}`);
          else this.place(next, schema.items, `${pointer}/items`);
        }
        this.visit(next, item, [...path, String(i)], where, found);
      });
      return;
    }
    const defined = [
      ...new Set(
        schemas.flatMap(({ schema }) =>
          isPlainObject(schema.properties) ? Object.keys(schema.properties) : [],
        ),
      ),
    ];
    // A model (it lists properties) that nothing opens, and that no schema closes itself (ajv reports those).
    const closed =
      defined.length > 0 && !schemas.some(({ schema }) => admitsOthers(schema) || closedExplicitly(schema));
    for (const [name, member] of Object.entries(value)) {
      const next: Placed[] = [];
      const documented = schemas.map((placed) => this.member(placed, name, next)).some(Boolean);
      const pointer = toPointer([...path, name]);
      if (!documented && closed) {
        found.push({
          kind: 'undocumented-property',
          pointer,
          keyword: 'x-closed-models',
          expected: defined,
          actual: 'present',
          message: `${where} ${pointer}: the spec does not define this property (defined here: ${names(defined)})`,
        });
      }
      this.visit(next, member, [...path, name], where, found);
    }
  }

  /** Whether one schema defines member `name`, adding the schemas its value must meet to `next`. */
  private member({ schema, pointer }: Placed, name: string, next: Placed[]): boolean {
    const properties = schema.properties;
    if (isPlainObject(properties) && name in properties) {
      // A property whose schema is `false` is defined as forbidden: ajv reports it, not this walk.
      this.place(next, properties[name], `${pointer}/properties/${escapeToken(name)}`);
      return true;
    }
    let matched = false;
    if (isPlainObject(schema.patternProperties)) {
      for (const [pattern, sub] of Object.entries(schema.patternProperties)) {
        if (!matches(pattern, name)) continue;
        matched = true;
        this.place(next, sub, `${pointer}/patternProperties/${escapeToken(pattern)}`);
      }
    }
    if (matched) return true;
    for (const keyword of ['additionalProperties', 'unevaluatedProperties'] as const) {
      const sub = schema[keyword];
      if (sub === undefined || sub === false) continue;
      this.place(next, sub, `${pointer}/${keyword}`);
      return true;
    }
    return false;
  }
}

function matches(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(name);
  } catch {
    return false;
  }
}
