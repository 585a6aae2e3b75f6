/** JSON Pointer (RFC 6901): building, reading and resolving local `$ref`s. */

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + escapeToken(String(s))).join('');
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  return body
    .split('/')
    .slice(1)
    .map((s) => unescapeToken(decodeURIComponent(s)));
}

/** The value at `pointer` in `root`, or undefined when any step is missing. */
export function getAt(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const segment of fromPointer(pointer)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

export function isLocalRef(ref: string): boolean {
  return ref.startsWith('#');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows local `$ref`s until a non-reference value; undefined when one dangles or loops. */
export function deref<T>(root: unknown, value: T | { $ref: string }): T | undefined {
  let current: unknown = value;
  const seen = new Set<string>();
  while (isPlainObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!isLocalRef(ref) || seen.has(ref)) return undefined;
    seen.add(ref);
    current = getAt(root, ref);
    if (current === undefined) return undefined;
  }
  return current as T;
}

/** As deref, also returning the pointer where the value finally stands (for compiling fragments of it). */
export function derefAt<T>(
  root: unknown,
  pointer: string,
  value: unknown,
): { value: T; pointer: string } | undefined {
  let current = value;
  let at = pointer;
  const seen = new Set<string>();
  while (isPlainObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!isLocalRef(ref) || seen.has(ref)) return undefined;
    seen.add(ref);
    at = ref.slice(1);
    current = getAt(root, ref);
    if (current === undefined) return undefined;
  }
  return { value: current as T, pointer: at };
}
