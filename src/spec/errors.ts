/** The loader's one failure type: a document that cannot be read, or that is not a usable OpenAPI document. */
import type { SpecDefect } from './types.js';

export type SpecErrorCode = 'SPEC_UNREADABLE' | 'SPEC_SYNTAX' | 'SPEC_STRUCTURE';

export function formatDefect(defect: SpecDefect): string {
  const where = defect.line !== undefined ? `line ${defect.line}, column ${defect.column}` : '';
  const pointer = defect.pointer ? `#${defect.pointer}` : '';
  const place = [where, pointer].filter(Boolean).join(' ') || '(document)';
  return `${place}: ${defect.message}`;
}

export class SpecLoadError extends Error {
  override readonly name = 'SpecLoadError';
  constructor(
    readonly code: SpecErrorCode,
    readonly source: string,
    readonly defects: SpecDefect[],
  ) {
    const what = code === 'SPEC_UNREADABLE' ? 'could not be read' : `has ${defects.length} defect(s)`;
    super(`OpenAPI document ${source} ${what}:\n` + defects.map((d) => `  - ${formatDefect(d)}`).join('\n'));
  }
}
