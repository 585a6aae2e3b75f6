/**
 * Schema comparison for the spec diff: JSON Schema 2020-12 as OpenAPI 3.1 embeds it
 * (https://spec.openapis.org/oas/v3.1.0#schema-object), read only as far as the classifier needs.
 * Annotations (description, title, examples) are never compared.
 */
import type { ChangeKind, SpecChange } from './diff.js';
import { escapeToken, fromPointer, isPlainObject } from './pointer.js';
import type { OpenApiDocument } from './types.js';
import { isReference } from './types.js';

export type Side = 'old' | 'new';

/**
 * Which way the data goes: 'request' is written by the client and read by the server,
 * 'response' is written by the server and read by the client. Every severity rule keys on it.
 */
export type Flow = 'request' | 'response';

export interface DiffContext {
  docs: Record<Side, OpenApiDocument>;
  changes: SpecChange[];
}

/** A backstop behind the cycle check: nesting deeper than any real Broker schema is not compared. */
const MAX_DEPTH = 40;

const UPPER_BOUNDS = ['maxLength', 'maxItems', 'maxProperties', 'maximum', 'exclusiveMaximum'] as const;
const LOWER_BOUNDS = ['minLength', 'minItems', 'minProperties', 'minimum', 'exclusiveMinimum'] as const;
const VARIANTS = ['anyOf', 'oneOf'] as const;

export function report(
  ctx: DiffContext,
  kind: ChangeKind,
  breaking: boolean,
  location: string,
  message: string,
) {
  ctx.changes.push({ severity: breaking ? 'breaking' : 'non-breaking', kind, location, message });
}

/** The keys of both sides, in a stable order, so every comparison reports deterministically. */
export function unionKeys(...sides: { keys(): Iterable<string> }[]): string[] {
  return [...new Set(sides.flatMap((side) => [...side.keys()]))].sort();
}

function at(location: string, pointer: string): string {
  return pointer ? `${location} › ${pointer}` : location;
}

/** A dangling ref only hurts clients when the new document has it; in the old one it is noted. */
function reportUnresolved(ctx: DiffContext, side: Side, ref: string, location: string, why: string) {
  report(ctx, 'unresolved-ref', side === 'new', location, `$ref ${ref} ${why} in the ${side} document`);
}

/** The target of a local ref; own properties only, so `#/constructor` does not find Object's. */
function lookup(doc: OpenApiDocument, ref: string): unknown {
  if (!/^#(\/|$)/.test(ref)) return undefined; // external, or a `#anchor` we do not index
  let segments: string[];
  try {
    segments = fromPointer(ref);
  } catch {
    return undefined; // a malformed %-escape: the ref cannot name anything
  }
  let node: unknown = doc;
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function unresolvedReason(ref: string): string {
  return ref.startsWith('#') ? 'cannot be resolved' : 'is external and is not followed';
}

/** Follows a chain of refs (parameters, bodies, responses, path items); undefined, reported, when it breaks. */
export function deref(ctx: DiffContext, side: Side, value: unknown, location: string): unknown {
  const seen = new Set<string>();
  let node = value;
  while (isReference(node)) {
    const ref = node.$ref;
    if (seen.has(ref)) return reportUnresolved(ctx, side, ref, location, 'refers back to itself');
    seen.add(ref);
    node = lookup(ctx.docs[side], ref);
    if (node === undefined) return reportUnresolved(ctx, side, ref, location, unresolvedReason(ref));
  }
  return node;
}

/** One schema with its refs followed and its `allOf` merged: what an instance must satisfy. */
interface Flat {
  types?: Set<string>;
  /** `enum` and `const`, keyed by JSON text so that objects compare by value. */
  values?: Map<string, unknown>;
  properties: Map<string, unknown>;
  required: Set<string>;
  additional?: unknown;
  items?: unknown;
  anyOf?: unknown[];
  oneOf?: unknown[];
  bounds: Map<string, number>;
  pattern?: string;
  format?: string;
  /** The refs followed to build it: two schemas reached again through the same refs are a cycle. */
  refs: string[];
  /** A ref could not be followed: the schema is unknown, so comparing it would only make noise. */
  unresolved?: boolean;
}

function intersect<T>(a: Set<T> | undefined, b: Set<T>): Set<T> {
  return a ? new Set([...a].filter((x) => b.has(x))) : b;
}

function mergeKeywords(flat: Flat, s: Record<string, unknown>) {
  const type = typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? s.type.map(String) : undefined;
  if (type) flat.types = intersect(flat.types, new Set(type));
  if (s.nullable === true && flat.types) flat.types.add('null'); // 3.0 documents fed in unconverted
  const values = Array.isArray(s.enum) ? s.enum : 'const' in s ? [s.const] : undefined;
  if (values) {
    const map = new Map(values.map((v) => [JSON.stringify(v), v]));
    flat.values = flat.values ? new Map([...flat.values].filter(([k]) => map.has(k))) : map;
  }
  // The same property in two allOf branches must satisfy both: keep both, merged when compared.
  for (const [name, sub] of Object.entries(isPlainObject(s.properties) ? s.properties : {})) {
    const prev = flat.properties.get(name);
    flat.properties.set(name, prev === undefined ? sub : { allOf: [prev, sub] });
  }
  if (Array.isArray(s.required)) for (const name of s.required) flat.required.add(String(name));
  if ('additionalProperties' in s && flat.additional !== false) flat.additional = s.additionalProperties;
  if ('items' in s) flat.items = flat.items === undefined ? s.items : { allOf: [flat.items, s.items] };
  for (const kw of VARIANTS) if (Array.isArray(s[kw]) && !flat[kw]) flat[kw] = s[kw] as unknown[];
  for (const key of UPPER_BOUNDS) {
    const v = s[key];
    if (typeof v === 'number') flat.bounds.set(key, Math.min(v, flat.bounds.get(key) ?? Infinity));
  }
  for (const key of LOWER_BOUNDS) {
    const v = s[key];
    if (typeof v === 'number') flat.bounds.set(key, Math.max(v, flat.bounds.get(key) ?? -Infinity));
  }
  if (typeof s.pattern === 'string') flat.pattern = s.pattern;
  if (typeof s.format === 'string') flat.format = s.format;
}

function flatten(ctx: DiffContext, side: Side, schema: unknown, location: string): Flat {
  const flat: Flat = { properties: new Map(), required: new Set(), bounds: new Map(), refs: [] };
  const visit = (s: unknown, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (s === false) flat.types = new Set(); // nothing validates
    if (!isPlainObject(s)) return;
    if (isReference(s)) {
      const { $ref: ref, ...siblings } = s;
      // A ref already followed in this schema is an allOf cycle; its keywords are merged already.
      if (!flat.refs.includes(ref)) {
        flat.refs.push(ref);
        const target = lookup(ctx.docs[side], ref);
        if (target === undefined) {
          flat.unresolved = true;
          reportUnresolved(ctx, side, ref, location, unresolvedReason(ref));
        } else visit(target, depth + 1);
      }
      return visit(siblings, depth + 1); // 3.1 allows keywords beside $ref; they apply too
    }
    mergeKeywords(flat, s);
    if (Array.isArray(s.allOf)) for (const part of s.allOf) visit(part, depth + 1);
  };
  visit(schema, 0);
  return flat;
}

interface Walk {
  ctx: DiffContext;
  flow: Flow;
  location: string;
  /** Ref pairs on the current descent: meeting one again means the schema recurses. */
  stack: Set<string>;
}

/** Compares the schemas a client sends (`request`) or reads (`response`) and reports at `location`. */
export function compareSchemas(ctx: DiffContext, oldS: unknown, newS: unknown, flow: Flow, location: string) {
  walk({ ctx, flow, location, stack: new Set() }, oldS, newS, '', 0);
}

function emit(w: Walk, kind: ChangeKind, breaking: boolean, pointer: string, message: string) {
  report(w.ctx, kind, breaking, at(w.location, pointer), message);
}

function walk(w: Walk, oldS: unknown, newS: unknown, pointer: string, depth: number) {
  if (depth > MAX_DEPTH) return;
  const o = flatten(w.ctx, 'old', oldS, at(w.location, pointer));
  const n = flatten(w.ctx, 'new', newS, at(w.location, pointer));
  const key = o.refs.length + n.refs.length > 0 ? `${o.refs.join(',')}|${n.refs.join(',')}` : undefined;
  if (o.unresolved || n.unresolved || (key !== undefined && w.stack.has(key))) return;
  if (key !== undefined) w.stack.add(key);
  if (compareTypes(w, o, n, pointer)) {
    compareValues(w, o, n, pointer);
    compareConstraints(w, o, n, pointer);
    compareProperties(w, o, n, pointer, depth);
    if (o.items !== undefined || n.items !== undefined)
      walk(w, o.items, n.items, `${pointer}/items`, depth + 1);
    if (isPlainObject(o.additional) && isPlainObject(n.additional)) {
      walk(w, o.additional, n.additional, `${pointer}/*`, depth + 1);
    }
    compareVariants(w, o, n, pointer, depth);
  }
  if (key !== undefined) w.stack.delete(key);
}

function accepts(types: Set<string> | undefined, t: string): boolean {
  return !types || types.has(t) || (t === 'integer' && types.has('number'));
}

const typeText = (types?: Set<string>) => (types ? [...types].sort().join(' | ') || 'nothing' : 'any');

/**
 * Fewer accepted types break requests (values clients send are rejected); more types break
 * responses (clients meet values they do not parse, `null` above all). Returns whether the two
 * still share a type, i.e. whether comparing their insides means anything.
 */
function compareTypes(w: Walk, o: Flat, n: Flat, pointer: string): boolean {
  const lost = o.types ? [...o.types].filter((t) => !accepts(n.types, t)) : n.types ? ['any'] : [];
  const gained = n.types ? [...n.types].filter((t) => !accepts(o.types, t)) : o.types ? ['any'] : [];
  if (lost.length === 0 && gained.length === 0) return true;
  const message = [
    `type changed from ${typeText(o.types)} to ${typeText(n.types)}`,
    ...(lost.includes('null') ? ['null is no longer allowed'] : []),
    ...(gained.includes('null') ? ['the value may now be null'] : []),
  ].join('; ');
  emit(w, 'type-changed', w.flow === 'request' ? lost.length > 0 : gained.length > 0, pointer, message);
  return !o.types || !n.types || [...o.types].some((t) => t !== 'null' && accepts(n.types, t));
}

/**
 * Enum rule: a narrowed request enum rejects values clients send (breaking). A widened response
 * enum is reported but non-breaking: clients must tolerate unknown values (the Broker adds
 * statuses over time), yet a client that switches exhaustively wants to hear of it.
 */
function compareValues(w: Walk, o: Flat, n: Flat, pointer: string) {
  const narrowed = (message: string) => emit(w, 'enum-narrowed', w.flow === 'request', pointer, message);
  const widened = (message: string) => emit(w, 'enum-widened', false, pointer, message);
  if (!o.values || !n.values) {
    if (n.values) narrowed(`values restricted to ${[...n.values.keys()].join(', ')}`);
    else if (o.values) widened('enum removed: any value is allowed');
    return;
  }
  const removed = [...o.values.keys()].filter((k) => !n.values?.has(k));
  const added = [...n.values.keys()].filter((k) => !o.values?.has(k));
  if (removed.length) narrowed(`values removed: ${removed.join(', ')}`);
  if (added.length) widened(`values added: ${added.join(', ')}`);
}

/**
 * Constraint rule: tightening breaks requests (what clients sent before may now be rejected).
 * Loosening is reported but never breaking: a value inside the old bounds is still valid, and
 * clients are expected to parse, not re-validate, what they receive.
 */
function compareConstraints(w: Walk, o: Flat, n: Flat, pointer: string) {
  const change = (tightened: boolean, message: string) => {
    const kind = tightened ? 'constraint-tightened' : 'constraint-loosened';
    emit(w, kind, tightened && w.flow === 'request', pointer, message);
  };
  for (const key of [...UPPER_BOUNDS, ...LOWER_BOUNDS]) {
    const before = o.bounds.get(key);
    const after = n.bounds.get(key);
    if (before === after) continue;
    if (before === undefined || after === undefined) {
      change(after !== undefined, `${key} ${after ?? before} ${after === undefined ? 'removed' : 'added'}`);
    } else {
      const lower = (LOWER_BOUNDS as readonly string[]).includes(key);
      const moved = after > before ? 'raised' : 'lowered';
      change(lower === after > before, `${key} ${moved} from ${before} to ${after}`);
    }
  }
  for (const key of ['pattern', 'format'] as const) {
    const [before, after] = [o[key], n[key]].map((v) => (v === undefined ? undefined : `"${v}"`));
    if (before === after) continue;
    if (after === undefined) change(false, `${key} ${before} removed`);
    else
      change(
        true,
        before === undefined ? `${key} ${after} added` : `${key} changed from ${before} to ${after}`,
      );
  }
  if (o.additional !== false && n.additional === false) change(true, 'additionalProperties set to false');
  if (o.additional === false && n.additional !== false) change(false, 'additionalProperties no longer false');
}

/**
 * Property rules. Requests: a new required field breaks; a removed field breaks only when
 * additionalProperties is false (otherwise the server ignores what clients still send).
 * Responses: a removed field, or one no longer required, breaks clients that read it.
 */
function compareProperties(w: Walk, o: Flat, n: Flat, pointer: string, depth: number) {
  const request = w.flow === 'request';
  const declared = (f: Flat) => new Set([...f.properties.keys(), ...f.required]);
  const [before, after] = [declared(o), declared(n)];
  for (const name of unionKeys(before, after)) {
    const p = `${pointer}/${escapeToken(name)}`;
    const [was, is] = [o.required.has(name), n.required.has(name)];
    if (!after.has(name)) {
      const rejected = !request || n.additional === false;
      const why = !request
        ? 'clients relied on it'
        : rejected
          ? 'clients sending it are rejected'
          : 'ignored if sent';
      emit(w, 'property-removed', rejected, p, `property removed: ${why}`);
    } else if (!before.has(name)) {
      if (request && is) emit(w, 'required-request-field-added', true, p, 'new required property');
      else emit(w, 'property-added', false, p, `${is ? 'required' : 'optional'} property added`);
    } else {
      if (request && !was && is) emit(w, 'required-request-field-added', true, p, 'property became required');
      if (request && was && !is)
        emit(w, 'required-request-field-removed', false, p, 'property became optional');
      if (!request && !was && is)
        emit(w, 'required-response-field-added', false, p, 'property became required');
      if (!request && was && !is) {
        emit(w, 'required-response-field-removed', true, p, 'property became optional: clients relied on it');
      }
      walk(w, o.properties.get(name), n.properties.get(name), p, depth + 1);
    }
  }
}

/**
 * anyOf/oneOf are compared pairwise by index. A changed count cannot be paired, so it is a type
 * change: more alternatives widen (breaking for responses), fewer narrow (breaking for requests),
 * and gaining or losing the keyword altogether breaks both ways.
 */
function compareVariants(w: Walk, o: Flat, n: Flat, pointer: string, depth: number) {
  for (const kw of VARIANTS) {
    const [before, after] = [o[kw], n[kw]];
    if (before && after && before.length === after.length) {
      before.forEach((s, i) => walk(w, s, after[i], `${pointer}/${kw}/${i}`, depth + 1));
    } else if (before || after) {
      const widened = (after?.length ?? 0) > (before?.length ?? 0);
      const breaking = !before || !after || widened === (w.flow === 'response');
      const count = `${before?.length ?? 'no'} to ${after?.length ?? 'no'}`;
      emit(w, 'type-changed', breaking, pointer, `${kw} changed from ${count} alternatives`);
    }
  }
}
