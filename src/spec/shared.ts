/**
 * The spec the runner loaded, handed to its Jest workers as a JSON file: every worker judges by the
 * same document, and none parses, checks and (for a URL) fetches it again, which cost seconds per
 * suite file. Kept apart from load.ts so that a worker does not even import the parsers.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { LoadedSpec } from './load.js';

export async function writeLoadedSpec(path: string, spec: LoadedSpec): Promise<void> {
  await writeFile(path, JSON.stringify(spec));
}

/** A spec `writeLoadedSpec` wrote: plain JSON, so it comes back equal to what was loaded. */
export async function readLoadedSpec(path: string): Promise<LoadedSpec> {
  return JSON.parse(await readFile(path, 'utf8')) as LoadedSpec;
}
