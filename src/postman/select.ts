/**
 * Which requests of a collection the runner sends. `--folder` picks folders or
 * requests by name or id, like newman's option, but in the order given, so `Initialize` can run before
 * the `{fileTransferId}` folder that follows it in a third-party collection. Requests that do not go
 * to the Broker (`/broker/api/v1` on the profile's base URL) are skipped and listed: in third-party
 * collections they fetch tokens from Maskinporten or set up system users, which the harness's own
 * Maskinporten flow replaces, and against another deployment they would fail for reasons that say
 * nothing about the Broker's contract.
 */
import { API_PREFIX } from '../api-prefix.js';
import { EnvironmentError } from '../errors.js';
import type { PostmanCollection, PostmanEnvironment, PostmanItem, PostmanUrlObject } from './source.js';
import { requestsOf } from './source.js';

/** The items named (by name or id), each under a copy of its folder chain so inherited auth and scripts still apply. */
export function selectFolders(collection: PostmanCollection, names: readonly string[]): PostmanCollection {
  if (names.length === 0) return collection;
  const item = names.map((name) => {
    const chain = findChain(collection.item, name);
    if (chain === undefined) {
      const folders = requestsOf(collection.item).map((r) => r.path);
      throw new EnvironmentError(
        'POSTMAN_FOLDER_UNKNOWN',
        `--folder ${name}: the collection has no folder or request of that name or id.`,
        `Its requests: ${folders.join('; ')}.`,
      );
    }
    const [target, ...ancestors] = [...chain].reverse();
    let node = structuredClone(target) as PostmanItem;
    for (const parent of ancestors) node = { ...withoutId(parent), item: [node] };
    return node;
  });
  return { ...collection, item };
}

function withoutId(item: PostmanItem): PostmanItem {
  const { id: _id, item: _children, ...rest } = item;
  return rest;
}

function findChain(items: PostmanItem[], name: string): PostmanItem[] | undefined {
  for (const item of items) {
    if (item.name === name || item.id === name) return [item];
    const below = Array.isArray(item.item) ? findChain(item.item, name) : undefined;
    if (below) return [item, ...below];
  }
  return undefined;
}

/** Enabled variables, environment over collection (Postman's precedence). */
export function variableValues(
  collection: PostmanCollection,
  environment: PostmanEnvironment,
): Map<string, string> {
  const values = new Map<string, string>();
  for (const v of collection.variable ?? [])
    if (v.disabled !== true) values.set(v.key, String(v.value ?? ''));
  for (const v of environment.values) if (v.enabled !== false) values.set(v.key, String(v.value ?? ''));
  return values;
}

/** `{{name}}` replaced by its value, repeatedly (values may refer to variables); unknown names stay. */
export function resolveTemplate(text: string, values: Map<string, string>): string {
  let out = text;
  for (let depth = 0; depth < 5 && out.includes('{{'); depth++) {
    out = out.replace(/\{\{([^{}\s]+)\}\}/g, (whole, name: string) => values.get(name) ?? whole);
  }
  return out;
}

/** The URL as newman builds it: from the parts when the object has them, else `raw`. */
export function urlText(url: string | PostmanUrlObject | undefined): string {
  if (url === undefined || typeof url === 'string') return url ?? '';
  if (url.host === undefined) return url.raw ?? '';
  const host = Array.isArray(url.host) ? url.host.join('.') : url.host;
  const path = Array.isArray(url.path) ? url.path.join('/') : (url.path ?? '');
  const origin = `${url.protocol ? `${url.protocol.replace(/:$/, '')}://` : ''}${host}${url.port ? `:${url.port}` : ''}`;
  return `${origin}${path === '' ? '' : `/${path.replace(/^\//, '')}`}`;
}

export interface SkippedRequest {
  path: string;
  /** Origin and path the request would have gone to (no query: it may carry credentials). */
  url: string;
  reason: string;
}

/**
 * The collection without requests that provably leave the Broker. A URL still holding a variable in
 * its origin (set by a script at run time) is kept: the validator only checks what reaches the Broker.
 */
export function keepBrokerRequests(
  collection: PostmanCollection,
  values: Map<string, string>,
  baseUrl: string,
): { collection: PostmanCollection; skipped: SkippedRequest[] } {
  const skipped: SkippedRequest[] = [];
  const target = new URL(baseUrl).origin;
  const prune = (items: PostmanItem[], parents: string[]): PostmanItem[] =>
    items.flatMap((item) => {
      const here = [...parents, item.name ?? item.id ?? '(unnamed)'];
      if (Array.isArray(item.item)) {
        const kept = prune(item.item, here);
        return kept.length === 0 && item.item.length > 0 ? [] : [{ ...item, item: kept }];
      }
      const request = item.request;
      const resolved = resolveTemplate(urlText(typeof request === 'string' ? request : request?.url), values);
      const reason = foreignReason(resolved, target);
      if (reason === undefined) return [item];
      skipped.push({ path: here.join(' / '), url: resolved.replace(/[?#].*$/, ''), reason });
      return [];
    });
  return { collection: { ...collection, item: prune(collection.item, []) }, skipped };
}

function foreignReason(url: string, target: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`);
  } catch {
    return undefined;
  }
  if (parsed.host.includes('{{')) return undefined;
  if (parsed.origin !== target) return `not a Broker call: ${parsed.origin} is not the profile's base URL`;
  if (!parsed.pathname.startsWith(API_PREFIX)) return `not a Broker call: outside ${API_PREFIX}`;
  return undefined;
}
