/**
 * The dotenv file of ENVIRONMENT.md (`--env-file PATH`, default `.env`), parsed without touching
 * `process.env`: the process environment wins, and the profile does the merge.
 */
import { readFile } from 'node:fs/promises';
import dotenv from 'dotenv';
import { EnvironmentError } from '../errors.js';

export const DEFAULT_ENV_FILE = '.env';

/**
 * The file's variables; `{}` when the default file is absent. A file the user named (`required`) must
 * exist: running against the wrong deployment because of a typo in a path is worse than stopping.
 */
export async function readEnvFile(path: string, required: boolean): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return {};
    throw code === 'ENOENT'
      ? new EnvironmentError(
          'ENV_FILE_MISSING',
          `The env file ${path} does not exist.`,
          'Check the path given to --env-file; it is read relative to the working directory.',
        )
      : new EnvironmentError(
          'ENV_FILE_UNREADABLE',
          `The env file ${path} could not be read (${code ?? 'unknown error'}).`,
          'Check that it is a file this user may read.',
        );
  }
  return dotenv.parse(text);
}
