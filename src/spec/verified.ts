/**
 * Texts swagger-parser has already passed. Its schema check (the backstop of src/spec/load.ts) compiles
 * the OpenAPI 3.1 schema and walks the whole document: a quarter of a second at the start of every run,
 * on the way to the sandbox and the setup. `npm run generate` runs it on spec/broker-api.yaml and records
 * the text's SHA-256 with swagger-parser's version in generated/spec-verified.json; a load of a text with
 * that digest, checked by that version, leaves the backstop out. `npm test` fails when the record is
 * stale (`generate:check`), as it does for the generated types; any other text is checked as before.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const VERIFIED_FILE = fileURLToPath(new URL('../../generated/spec-verified.json', import.meta.url));

export interface VerifiedRecord {
  /** SHA-256 (hex) of the document's text, as read. */
  sha256: string;
  /** The swagger-parser version that passed it. */
  swaggerParser: string;
}

export function swaggerParserVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@apidevtools/swagger-parser/package.json') as { version: string }).version;
}

/** The record of `text`, as `npm run generate` writes it. */
export function verifiedRecord(text: string): VerifiedRecord {
  return { sha256: createHash('sha256').update(text).digest('hex'), swaggerParser: swaggerParserVersion() };
}

/** The recorded text, or undefined when there is no record (a checkout that never ran generate). */
export function readVerified(file = VERIFIED_FILE): VerifiedRecord | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<VerifiedRecord>;
    return typeof value.sha256 === 'string' && typeof value.swaggerParser === 'string'
      ? { sha256: value.sha256, swaggerParser: value.swaggerParser }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether swagger-parser, at its installed version, has passed exactly this text. */
export function alreadyVerified(text: string, record = readVerified()): boolean {
  if (record === undefined) return false;
  const current = verifiedRecord(text);
  return record.sha256 === current.sha256 && record.swaggerParser === current.swaggerParser;
}
