/** Reads a document's text from a file path or an http(s) URL, with failures named, never thrown raw. */
import { readFile } from 'node:fs/promises';
import { SPEC_FETCH_TIMEOUT_MS } from '../defaults.js';
import { SpecLoadError } from './errors.js';

export interface ReadOptions {
  fetch?: typeof fetch;
  /** @default SPEC_FETCH_TIMEOUT_MS (src/defaults.ts) */
  timeoutMs?: number;
}

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  // AbortSignal.timeout rejects with a DOMException, which is not an Error in every realm.
  if ((error as { name?: string }).name === 'TimeoutError') return 'no answer in time';
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

export async function readSpecSource(source: string, options: ReadOptions = {}): Promise<string> {
  const fail = (message: string) => new SpecLoadError('SPEC_UNREADABLE', source, [{ pointer: '', message }]);
  if (isUrl(source)) {
    const doFetch = options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(source, {
        headers: { accept: 'application/json, application/yaml, text/yaml, */*' },
        signal: AbortSignal.timeout(options.timeoutMs ?? SPEC_FETCH_TIMEOUT_MS),
      });
    } catch (error) {
      throw fail(`GET ${source} failed: ${causeOf(error)}`);
    }
    if (!response.ok)
      throw fail(`GET ${source} answered ${response.status} ${response.statusText}`.trimEnd());
    return response.text();
  }
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(error));
    throw fail(`cannot read ${source}: ${reason}`);
  }
}
