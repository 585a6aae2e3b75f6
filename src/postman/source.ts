/**
 * Postman collection (v2.1) and environment files as the newman runner reads them:
 * only the parts it rewrites are typed; everything else is carried through untouched. A file that is
 * missing or not JSON stops the run before anything starts, naming the file and the position.
 */
import { readFile } from 'node:fs/promises';
import * as jsonc from 'jsonc-parser';
import { EnvironmentError } from '../errors.js';
import { lineColumn } from '../spec/parse.js';

export interface PostmanVariable {
  key: string;
  value?: unknown;
  type?: string;
  /** Collection variables. */
  disabled?: boolean;
  /** Environment values. */
  enabled?: boolean;
  [other: string]: unknown;
}

export interface PostmanUrlObject {
  raw?: string;
  protocol?: string;
  host?: string | string[];
  port?: string;
  path?: string | string[];
  [other: string]: unknown;
}

export type PostmanUrl = string | PostmanUrlObject;

export interface PostmanRequest {
  method?: string;
  url?: PostmanUrl;
  [other: string]: unknown;
}

export interface PostmanItem {
  id?: string;
  name?: string;
  /** A folder's children. */
  item?: PostmanItem[];
  /** A request; v2.1 allows a bare URL string. */
  request?: PostmanRequest | string;
  [other: string]: unknown;
}

export interface PostmanCollection {
  info?: { name?: string; [other: string]: unknown };
  item: PostmanItem[];
  variable?: PostmanVariable[];
  [other: string]: unknown;
}

export interface PostmanEnvironment {
  name?: string;
  values: PostmanVariable[];
  [other: string]: unknown;
}

/** The default collection of `npm run newman` (the file name the export writes and the runner reads). */
export const DEFAULT_COLLECTION = 'postman/broker-contract.postman_collection.json';

/** `x.postman_collection.json` → `x.postman_environment.json` beside it; undefined for other names. */
export function siblingEnvironment(collectionPath: string): string | undefined {
  const match = /^(.*)\.postman_collection\.json$/.exec(collectionPath);
  return match ? `${match[1]}.postman_environment.json` : undefined;
}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new EnvironmentError(
      'POSTMAN_FILE_UNREADABLE',
      `The Postman ${what} ${path} could not be read (${code}).`,
      code === 'ENOENT'
        ? `Check the path; the default collection is written by \`npm run postman:export\`.`
        : 'Check that it is a file this user may read.',
    );
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const errors: jsonc.ParseError[] = [];
  const value: unknown = jsonc.parse(body, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first !== undefined) {
    const { line, column } = lineColumn(body, first.offset);
    throw new EnvironmentError(
      'POSTMAN_FILE_MALFORMED',
      `The Postman ${what} ${path} is not valid JSON: ${jsonc.printParseErrorCode(first.error)} at line ${line}, column ${column}.`,
      `Export it again from Postman, or fix the JSON at ${path}:${line}:${column}.`,
    );
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function readCollection(path: string): Promise<PostmanCollection> {
  const value = await readJson(path, 'collection');
  if (!isObject(value) || !Array.isArray(value.item)) {
    throw new EnvironmentError(
      'POSTMAN_FILE_MALFORMED',
      `The Postman collection ${path} has no "item" array: it is not a v2.1 collection.`,
      'Export it from Postman as "Collection v2.1".',
    );
  }
  return value as PostmanCollection;
}

export async function readEnvironment(path: string): Promise<PostmanEnvironment> {
  const value = await readJson(path, 'environment');
  if (!isObject(value) || !Array.isArray(value.values)) {
    throw new EnvironmentError(
      'POSTMAN_FILE_MALFORMED',
      `The Postman environment ${path} has no "values" array: it is not a Postman environment file.`,
      'Export the environment from Postman (Environments → … → Export).',
    );
  }
  return value as PostmanEnvironment;
}

/** A folder's or request's place in the tree, for reports: `Broker / {fileTransferId} / Overview`. */
export type ItemPath = string;

/** Every request of the tree with its path, depth first in collection order. */
export function requestsOf(
  items: PostmanItem[],
  parents: string[] = [],
): { path: ItemPath; item: PostmanItem }[] {
  return items.flatMap((item) => {
    const here = [...parents, item.name ?? item.id ?? '(unnamed)'];
    if (Array.isArray(item.item)) return requestsOf(item.item, here);
    return item.request === undefined ? [] : [{ path: here.join(' / '), item }];
  });
}
