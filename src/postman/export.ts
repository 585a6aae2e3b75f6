/**
 * Builds the Postman collection and environment of the getting-started walk from walk.ts and spec/:
 * one folder per step, every request with its persona's token variable, its path from the
 * spec's operation, and test scripts checking the status and the spec/ schema. The output is the same
 * bytes for the same input: no random ids (ids are hashes of the content), no timestamps.
 */
import { createHash } from 'node:crypto';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import type { LoadedSpec } from '../spec/load.js';
import { OperationIndex, type OperationInfo } from '../spec/operations.js';
import {
  COLLECTION_SCHEMA_URL,
  type PostmanCollection,
  type PostmanEnvironment,
  type PostmanFolder,
  type PostmanRequest,
  type PostmanRequestItem,
} from './collection-types.js';
import { responseSchema, type Draft07Schema } from './schemas.js';
import { prerequestScript } from './prerequest.js';
import { testScript } from './scripts.js';
import { POLL_VARIABLES } from './waits.js';
import {
  answerStatus,
  answerText,
  PARTY_VARIABLES,
  TOKEN_VARIABLES,
  WALK,
  WALK_VARIABLES,
  type WalkRequest,
  type WalkStep,
} from './walk.js';

export const POSTMAN_DIR = fileURLToPath(new URL('../../postman/', import.meta.url));
export const COLLECTION_FILE = 'broker-contract.postman_collection.json';
export const ENVIRONMENT_FILE = 'broker-contract.postman_environment.json';
const NAME = 'Altinn 3 Broker: getting started (broker-contract)';
/** A placeholder a person replaces; the runner puts the profile's base URL in its place. */
export const PLACEHOLDER_BASE_URL = 'https://platform.tt02.altinn.no';

export interface PostmanExport {
  collection: PostmanCollection;
  environment: PostmanEnvironment;
}

/** The draft-07 schema of each status `request` accepts that has a JSON body, keyed by status. */
export function embeddedSchemas(spec: LoadedSpec, request: WalkRequest): Record<string, Draft07Schema> {
  const schemas: Record<string, Draft07Schema> = {};
  for (const status of new Set(request.expect.map(answerStatus))) {
    const schema = responseSchema(spec, request.operationId, status);
    if (schema !== undefined) schemas[String(status)] = schema;
  }
  return schemas;
}

function operation(index: OperationIndex, request: WalkRequest): OperationInfo {
  const info = index.get(request.operationId);
  if (!info || info.webhook) throw new Error(`walk.ts: ${request.name}: no operation ${request.operationId}`);
  return info;
}

const WAITS_ON: Record<NonNullable<WalkRequest['poll']>['on'], string> = {
  fileTransferStatus: 'the status',
  storage: 'the storage (`none`: no provider yet)',
  answer: 'the answer',
};

/** The variables a path template takes its parameters from (`{fileTransferId}`). */
function pathVariables(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
}

function buildRequest(info: OperationInfo, request: WalkRequest): PostmanRequest {
  // Path parameters come from the variable of the same name (walk.ts).
  const path = info.path.replace(/\{([^}]+)\}/g, '{{$1}}');
  const query = Object.entries(request.query ?? {}).map(([key, value]) => ({ key, value }));
  const search = query.length > 0 ? `?${query.map((q) => `${q.key}=${q.value}`).join('&')}` : '';
  const body = request.body;
  const method = info.method.toUpperCase();
  return {
    auth: {
      type: 'bearer',
      bearer: [{ key: 'token', value: `{{${TOKEN_VARIABLES[request.persona]}}}`, type: 'string' }],
    },
    method,
    header:
      body === undefined
        ? []
        : [{ key: 'Content-Type', value: 'json' in body ? 'application/json' : 'application/octet-stream' }],
    ...(body === undefined
      ? {}
      : {
          body:
            'json' in body
              ? {
                  mode: 'raw',
                  raw: JSON.stringify(body.json, null, 2),
                  options: { raw: { language: 'json' } },
                }
              : { mode: 'raw', raw: body.octets, options: { raw: { language: 'text' } } },
        }),
    url: {
      raw: `{{baseUrl}}${path}${search}`,
      host: ['{{baseUrl}}'],
      path: path.split('/').filter((segment) => segment !== ''),
      ...(query.length > 0 ? { query } : {}),
    },
    description: [
      `\`${request.operationId}\` as ${request.persona}: \`${method} ${info.path}\`.`,
      `Expects ${request.expect.map(answerText).join(' or ')} (CONTRACT.md ${request.clause}).`,
      ...(request.onlyIf
        ? [
            `Sent only when \`${request.onlyIf.variable}\` is ${request.onlyIf.answers.join(' or ')}; ` +
              `otherwise skipped: ${request.onlyIf.otherwise}.`,
          ]
        : []),
      ...(request.poll
        ? [
            `Waits: asks again while ${WAITS_ON[request.poll.on]} is ${request.poll.while.join(', ')}, ` +
              `until it is ${request.poll.until.join(' or ')}. In the Collection Runner this happens by ` +
              'itself; by hand, send it again until the test passes.',
          ]
        : []),
    ].join('\n\n'),
  };
}

function buildItem(spec: LoadedSpec, index: OperationIndex, request: WalkRequest): PostmanRequestItem {
  const info = operation(index, request);
  const where = { method: info.method.toUpperCase(), path: info.path };
  const script = (listen: 'prerequest' | 'test', exec: string[]) => ({
    listen,
    script: { type: 'text/javascript' as const, exec },
  });
  const prerequest = prerequestScript(request, pathVariables(info.path));
  return {
    name: request.name,
    event: [
      ...(prerequest.length > 0 ? [script('prerequest', prerequest)] : []),
      script('test', testScript(request, embeddedSchemas(spec, request), where)),
    ],
    request: buildRequest(info, request),
    response: [],
  };
}

function buildFolder(spec: LoadedSpec, index: OperationIndex, step: WalkStep): PostmanFolder {
  return {
    name: step.folder,
    description: step.description,
    item: step.requests.map((r) => buildItem(spec, index, r)),
  };
}

/** A UUID-shaped id that is a hash of `content`, so the same content always gets the same id. */
export function contentId(content: unknown): string {
  const hex = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function buildPostmanExport(spec: LoadedSpec, walk: WalkStep[] = WALK): PostmanExport {
  const index = new OperationIndex(spec.document);
  const names = walk.flatMap((step) => step.requests.map((r) => r.name));
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined)
    throw new Error(`walk.ts: two requests are named '${twice}'; a wait re-runs by name`);
  const content = {
    item: walk.map((step) => buildFolder(spec, index, step)),
    variable: [
      { key: 'fileTransferId', value: '', type: 'string' as const, description: 'Captured by Initialize.' },
      ...[...Object.values(WALK_VARIABLES), ...Object.values(POLL_VARIABLES)].map((v) => ({
        ...v,
        type: 'string' as const,
      })),
    ],
  };
  const description =
    'The getting-started walk of the Altinn 3 Broker API, generated from spec/ by broker-contract ' +
    '(`npm run postman:export`; do not edit by hand). Fill in the environment (base URL, resource, ' +
    'parties) and paste a bearer token per persona, then run the folders in order. On a fresh ' +
    'environment it registers the service owner, waits for its storage and configures the resource; ' +
    'where they exist it leaves them as they are. The run ends at the first step that fails.';
  const collection: PostmanCollection = {
    info: { _postman_id: contentId(content), name: NAME, description, schema: COLLECTION_SCHEMA_URL },
    ...content,
  };
  const values = [
    { key: 'baseUrl', value: PLACEHOLDER_BASE_URL, type: 'default' as const, enabled: true as const },
    { key: 'resourceId', value: '', type: 'default' as const, enabled: true as const },
    ...Object.values(PARTY_VARIABLES).map((key) => ({
      key,
      value: '',
      type: 'default' as const,
      enabled: true as const,
    })),
    // Never a value here: tokens are pasted by a person or injected by the runner.
    ...Object.values(TOKEN_VARIABLES).map((key) => ({
      key,
      value: '',
      type: 'secret' as const,
      enabled: true as const,
    })),
  ];
  const environment: PostmanEnvironment = {
    id: contentId(values),
    name: `${NAME} environment`,
    values,
    _postman_variable_scope: 'environment',
  };
  return { collection, environment };
}

/** The two files' text, formatted as the project's prettier formats JSON (`npm run format:check`). */
export async function renderPostmanExport(exported: PostmanExport): Promise<Record<string, string>> {
  const options = { ...(await resolveConfig(join(POSTMAN_DIR, COLLECTION_FILE))), parser: 'json' };
  return {
    [COLLECTION_FILE]: await format(JSON.stringify(exported.collection), options),
    [ENVIRONMENT_FILE]: await format(JSON.stringify(exported.environment), options),
  };
}

/** Writes the files into `dir`; returns their paths. */
export async function writePostmanExport(files: Record<string, string>, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths = Object.keys(files).map((name) => join(dir, name));
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(dir, name), text)));
  return paths;
}

/** The files in `dir` that are missing or differ from `files`. */
export async function stalePostmanFiles(files: Record<string, string>, dir: string): Promise<string[]> {
  const stale: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const current = await readFile(join(dir, name), 'utf8').catch(() => undefined);
    if (current !== text) stale.push(join(dir, name));
  }
  return stale;
}
