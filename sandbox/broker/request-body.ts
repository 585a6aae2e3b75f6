/**
 * Request bodies as ASP.NET Core binds them (CONTRACT.md §1): JSON property names match
 * case-insensitively and unknown ones are ignored; model validation yields `errors` keyed by the
 * C# property path (§2.2). The rules themselves come from spec/, through the contract validator.
 */
import type { IncomingMessage } from 'node:http';
import type { ContractValidator } from '../../src/spec/validator.js';

export async function readBody(stream: IncomingMessage | undefined, limit = 1_048_576): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Top-level keys renamed to the spelling the schema uses, matched case-insensitively. */
export function bindKeys(body: Record<string, unknown>, known: string[]): Record<string, unknown> {
  const byLower = new Map(known.map((k) => [k.toLowerCase(), k]));
  const bound: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const name = byLower.get(key.toLowerCase());
    if (name) bound[name] = value;
  }
  return bound;
}

/** `/recipients/0` → `Recipients[0]`, `/propertyList` → `PropertyList` (§2.2 keys). */
export function csharpPath(pointer: string, prefix = ''): string {
  const parts = pointer.split('/').slice(1);
  if (parts.length === 0) return prefix || '$';
  const [head, ...rest] = parts;
  const name = (head ?? '').charAt(0).toUpperCase() + (head ?? '').slice(1);
  const tail = rest.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');
  return `${prefix ? `${prefix}.` : ''}${name}${tail}`;
}

/** Messages upstream's tests assert on (§2.2), by keyword at propertyList. */
const PROPERTY_LIST_MESSAGES: Record<string, string> = {
  maxProperties: 'PropertyList can contain at most 10 properties',
  propertyNames: 'PropertyList Key can not be longer than 50',
  maxLength: 'PropertyList Value can not be longer than 3000',
};

export function validationErrors(
  validator: ContractValidator,
  operationId: string,
  body: unknown,
  options: { prefix?: string; ignore?: (pointer: string, keyword: string | undefined) => boolean } = {},
): Record<string, string[]> | undefined {
  const { violations } = validator.validateRequest(operationId, { contentType: 'application/json', body });
  const errors: Record<string, string[]> = {};
  for (const v of violations) {
    if (v.kind !== 'schema') continue;
    const pointer = v.pointer ?? '';
    if (options.ignore?.(pointer, v.keyword)) continue;
    // Composition keywords repeat what their branches said.
    if (v.keyword === 'anyOf' || v.keyword === 'oneOf' || v.keyword === 'if') continue;
    const inList = pointer.startsWith('/propertyList');
    const key = inList ? 'PropertyList' : csharpPath(pointer, options.prefix);
    const message =
      (inList && v.keyword && PROPERTY_LIST_MESSAGES[v.keyword]) || v.message.replace(/^.*?: /, '');
    (errors[key] ??= []).push(message);
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}
