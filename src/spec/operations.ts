/**
 * An index of a document's operations (OAS 3.1 §4.8.8–4.8.10): by operationId, and by method and
 * concrete request path, with path-level parameters merged into each operation.
 */
import { deref, escapeToken } from './pointer.js';
import {
  HTTP_METHODS,
  type HttpMethod,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type PathItemObject,
  type ReferenceObject,
} from './types.js';

export interface OperationInfo {
  /** The operationId, or `METHOD /path` when the document gives none. */
  id: string;
  method: HttpMethod;
  path: string;
  operation: OperationObject;
  parameters: ParameterObject[];
  /** JSON pointer of the operation object, for compiling its fragments. */
  pointer: string;
  /** True for entries of `webhooks`, where `path` is the webhook's name. */
  webhook: boolean;
}

function mergeParameters(
  document: OpenApiDocument,
  item: PathItemObject,
  op: OperationObject,
): ParameterObject[] {
  const byKey = new Map<string, ParameterObject>();
  const add = (list: (ParameterObject | ReferenceObject)[] | undefined) => {
    for (const p of list ?? []) {
      const param = deref<ParameterObject>(document, p);
      if (param)
        byKey.set(`${param.in}:${param.in === 'header' ? param.name.toLowerCase() : param.name}`, param);
    }
  };
  add(item.parameters);
  add(op.parameters);
  return [...byKey.values()];
}

function templateRegex(path: string): RegExp {
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}

export class OperationIndex {
  readonly all: OperationInfo[] = [];
  private readonly byId = new Map<string, OperationInfo>();
  private readonly matchers: { info: OperationInfo; regex: RegExp; literal: number }[] = [];

  constructor(document: OpenApiDocument) {
    for (const [mapName, map] of [
      ['paths', document.paths],
      ['webhooks', document.webhooks],
    ] as const) {
      for (const [path, rawItem] of Object.entries(map ?? {})) {
        const item = deref<PathItemObject>(document, rawItem);
        if (!item) continue;
        for (const method of HTTP_METHODS) {
          const operation = item[method];
          if (!operation) continue;
          const info: OperationInfo = {
            id: operation.operationId ?? `${method.toUpperCase()} ${path}`,
            method,
            path,
            operation,
            parameters: mergeParameters(document, item, operation),
            pointer: `/${mapName}/${escapeToken(path)}/${method}`,
            webhook: mapName === 'webhooks',
          };
          this.all.push(info);
          this.byId.set(info.id, info);
          if (mapName === 'webhooks') this.byId.set(`webhook:${path}`, info);
          else
            this.matchers.push({
              info,
              regex: templateRegex(path),
              literal: path.replace(/\{[^}]+\}/g, '').length,
            });
        }
      }
    }
    // A literal segment beats a template (`/filetransfer/upload` before `/filetransfer/{id}`).
    this.matchers.sort((a, b) => b.literal - a.literal);
  }

  get(id: string): OperationInfo | undefined {
    return this.byId.get(id);
  }

  webhook(name: string): OperationInfo | undefined {
    return this.byId.get(`webhook:${name}`);
  }

  /** The operation a concrete request path (no query, no origin) is for. */
  match(method: string, path: string): OperationInfo | undefined {
    const m = method.toLowerCase();
    return this.matchers.find(({ info, regex }) => info.method === m && regex.test(path))?.info;
  }
}
