/** How every CLI ends on a document it cannot load: the defects, a hint, exit 2, no stack trace. */
import { SpecLoadError } from '../spec/errors.js';

export function exitOnLoadError(error: unknown, lenient: boolean): never {
  if (!(error instanceof SpecLoadError)) throw error;
  console.error(error.message);
  if (error.code !== 'SPEC_UNREADABLE' && !lenient)
    console.error('(try --lenient to repair what can be repaired)');
  process.exit(2);
}
