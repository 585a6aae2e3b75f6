/**
 * Classifies the differences between two OpenAPI 3.1 documents by what they do to a client of
 * the API (paths: https://spec.openapis.org/oas/v3.1.0#paths-object, webhooks: #oas-webhooks).
 * A change is breaking when a client written against the old document can fail against the new.
 * Descriptions, summaries and examples are never compared.
 */
import { compareSchemas, deref, report, unionKeys } from './diff-schema.js';
import type { DiffContext, Flow, Side } from './diff-schema.js';
import { isPlainObject } from './pointer.js';
import { HTTP_METHODS } from './types.js';
import type {
  MediaTypeObject,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  PathItemObject,
  SecurityRequirement,
} from './types.js';

/** The rule that produced a change; "request"/"response" in a name is the direction of the data. */
export type ChangeKind =
  | 'path-removed'
  | 'path-added'
  | 'webhook-removed'
  | 'webhook-added'
  | 'operation-removed'
  | 'operation-added'
  | 'operation-deprecated'
  | 'parameter-removed'
  | 'parameter-added-required'
  | 'parameter-added-optional'
  | 'parameter-became-required'
  | 'parameter-became-optional'
  | 'request-body-removed'
  | 'request-body-added'
  | 'request-body-became-required'
  | 'request-body-became-optional'
  | 'status-removed'
  | 'status-added'
  | 'media-type-removed'
  | 'media-type-added'
  | 'response-header-removed'
  | 'response-header-added'
  | 'property-removed'
  | 'property-added'
  | 'required-request-field-added'
  | 'required-request-field-removed'
  | 'required-response-field-added'
  | 'required-response-field-removed'
  | 'enum-narrowed'
  | 'enum-widened'
  | 'type-changed'
  | 'constraint-tightened'
  | 'constraint-loosened'
  | 'security-scope-changed'
  | 'security-requirement-changed'
  | 'unresolved-ref';

export interface SpecChange {
  severity: 'breaking' | 'non-breaking';
  kind: ChangeKind;
  /** `POST /broker/api/v1/filetransfer › request body › /recipients/items`, `webhook <name>`, ... */
  location: string;
  message: string;
}

export function diffSpecs(oldDoc: OpenApiDocument, newDoc: OpenApiDocument): SpecChange[] {
  const ctx: DiffContext = { docs: { old: oldDoc, new: newDoc }, changes: [] };
  diffPathItems(ctx, 'path', oldDoc.paths ?? {}, newDoc.paths ?? {});
  diffPathItems(ctx, 'webhook', oldDoc.webhooks ?? {}, newDoc.webhooks ?? {});
  const seen = new Set<string>();
  const unique = ctx.changes.filter((c) => {
    const key = JSON.stringify([c.location, c.kind, c.message, c.severity]);
    return !seen.has(key) && Boolean(seen.add(key));
  });
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0); // locale-independent
  return unique.sort(
    (a, b) => order(a.location, b.location) || order(a.kind, b.kind) || order(a.message, b.message),
  );
}

/** Template parameter names are not part of the contract: `/a/{id}` is `/a/{fileTransferId}`. */
const normalisePath = (path: string) => path.replace(/\{[^}]*\}/g, '{}');
const templateNames = (path: string) => [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');

interface Scope {
  ctx: DiffContext;
  /** `POST /path` or `webhook <name> › POST`. */
  label: string;
  names: Record<Side, string>;
  items: Record<Side, PathItemObject>;
  /**
   * The flow of the request part. A webhook's request is sent by the Broker and read by the
   * client's endpoint, so for webhooks every rule applies with request and response swapped.
   */
  inbound: Flow;
  outbound: Flow;
}

function diffPathItems(
  ctx: DiffContext,
  family: 'path' | 'webhook',
  oldItems: Record<string, PathItemObject>,
  newItems: Record<string, PathItemObject>,
) {
  const index = (items: Record<string, PathItemObject>) =>
    new Map(Object.keys(items).map((name) => [family === 'path' ? normalisePath(name) : name, name]));
  const [before, after] = [index(oldItems), index(newItems)];
  for (const key of unionKeys(before, after)) {
    const oldName = before.get(key);
    const newName = after.get(key);
    const label = family === 'path' ? (newName ?? oldName ?? key) : `webhook ${newName ?? oldName}`;
    if (oldName === undefined) report(ctx, `${family}-added`, false, label, `${family} added`);
    else if (newName === undefined) report(ctx, `${family}-removed`, true, label, `${family} removed`);
    else {
      const item = (side: Side, name: string, items: Record<string, PathItemObject>) => {
        const value = deref(ctx, side, items[name], label);
        return (isPlainObject(value) ? value : {}) as PathItemObject;
      };
      const items = { old: item('old', oldName, oldItems), new: item('new', newName, newItems) };
      const webhook = family === 'webhook';
      for (const method of HTTP_METHODS) {
        const verb = method.toUpperCase();
        const scope: Scope = {
          ctx,
          label: webhook ? `${label} › ${verb}` : `${verb} ${newName}`,
          names: { old: oldName, new: newName },
          items,
          inbound: webhook ? 'response' : 'request',
          outbound: webhook ? 'request' : 'response',
        };
        const op = (item: PathItemObject) => (isPlainObject(item[method]) ? item[method] : undefined);
        diffOperation(scope, op(items.old), op(items.new));
      }
    }
  }
}

function diffOperation(s: Scope, oldOp: OperationObject | undefined, newOp: OperationObject | undefined) {
  if (!oldOp && !newOp) return;
  if (!newOp) return report(s.ctx, 'operation-removed', true, s.label, 'operation removed');
  if (!oldOp) return report(s.ctx, 'operation-added', false, s.label, 'operation added');
  if (!oldOp.deprecated && newOp.deprecated) {
    report(s.ctx, 'operation-deprecated', false, s.label, 'operation deprecated');
  }
  diffParameters(s, oldOp, newOp);
  diffRequestBody(s, oldOp, newOp);
  diffResponses(s, oldOp, newOp);
  // A webhook's security is the client's endpoint's business, not the Broker's contract.
  if (s.inbound === 'request') diffSecurity(s, oldOp, newOp);
}

/** OAS 3.1 Parameter Object (`in: header`): parameters with these names "SHALL be ignored". */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** Path-level parameters merged with the operation's (which override), keyed by (in, name). */
function parameters(s: Scope, side: Side, op: OperationObject): Map<string, ParameterObject> {
  const names = templateNames(s.names[side]);
  const out = new Map<string, ParameterObject>();
  const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
  for (const raw of [...list(s.items[side].parameters), ...list(op.parameters)]) {
    const p = deref(s.ctx, side, raw, s.label);
    if (!isPlainObject(p) || typeof p.name !== 'string' || typeof p.in !== 'string') continue;
    const param = p as unknown as ParameterObject;
    if (param.in === 'header' && IGNORED_HEADERS.has(param.name.toLowerCase())) continue;
    // Path parameters are matched by place in the template, since their names may be renamed.
    const position = param.in === 'path' ? names.indexOf(param.name) : -1;
    const name = param.in === 'header' ? param.name.toLowerCase() : param.name; // RFC 9110: case-insensitive
    out.set(position >= 0 ? `path #${position}` : `${param.in} ${name}`, param);
  }
  return out;
}

function diffParameters(s: Scope, oldOp: OperationObject, newOp: OperationObject) {
  const [before, after] = [parameters(s, 'old', oldOp), parameters(s, 'new', newOp)];
  // The client writes the parameters of its requests; a webhook's are written by the Broker.
  const clientWrites = s.inbound === 'request';
  for (const key of unionKeys(before, after)) {
    const [o, n] = [before.get(key), after.get(key)];
    const shown = n ?? o;
    if (!shown) continue;
    const loc = `${s.label} › ${shown.in} parameter ${shown.name}`;
    const required = (p: ParameterObject) => p.required === true || p.in === 'path';
    if (!n) report(s.ctx, 'parameter-removed', true, loc, 'parameter removed');
    else if (!o) {
      if (required(n))
        report(s.ctx, 'parameter-added-required', clientWrites, loc, 'required parameter added');
      else report(s.ctx, 'parameter-added-optional', false, loc, 'optional parameter added');
    } else {
      if (!required(o) && required(n)) {
        report(s.ctx, 'parameter-became-required', clientWrites, loc, 'parameter became required');
      } else if (required(o) && !required(n)) {
        report(s.ctx, 'parameter-became-optional', !clientWrites, loc, 'parameter became optional');
      }
      compareSchemas(s.ctx, o.schema, n.schema, s.inbound, loc);
    }
  }
}

function diffRequestBody(s: Scope, oldOp: OperationObject, newOp: OperationObject) {
  const body = (side: Side, op: OperationObject) => {
    const value = deref(s.ctx, side, op.requestBody, s.label);
    return isPlainObject(value) ? value : undefined;
  };
  const [o, n] = [body('old', oldOp), body('new', newOp)];
  const loc = `${s.label} › request body`;
  const clientWrites = s.inbound === 'request';
  if (!o && !n) return;
  if (!n) return report(s.ctx, 'request-body-removed', true, loc, 'request body removed');
  if (!o && n.required === true) {
    return report(s.ctx, 'request-body-became-required', clientWrites, loc, 'required request body added');
  }
  if (!o) return report(s.ctx, 'request-body-added', false, loc, 'optional request body added');
  if (o.required !== true && n.required === true) {
    report(s.ctx, 'request-body-became-required', clientWrites, loc, 'request body became required');
  } else if (o.required === true && n.required !== true) {
    report(s.ctx, 'request-body-became-optional', !clientWrites, loc, 'request body became optional');
  }
  // JSON is the Broker's body: its label stays short; other media types are named.
  const named = (mt: string) => (mt === 'application/json' ? loc : `${loc} ${mt}`);
  diffContent(s.ctx, o.content, n.content, s.inbound, named);
}

/** Media types are matched case-insensitively; removing one breaks, adding one does not. */
function diffContent(
  ctx: DiffContext,
  before: unknown,
  after: unknown,
  flow: Flow,
  named: (mt: string) => string,
) {
  const index = (content: unknown) =>
    new Map(
      Object.entries(isPlainObject(content) ? content : {}).map(([mt, m]) => [
        mt.toLowerCase(),
        m as MediaTypeObject,
      ]),
    );
  const [o, n] = [index(before), index(after)];
  for (const mt of unionKeys(o, n)) {
    const [om, nm] = [o.get(mt), n.get(mt)];
    if (!nm) report(ctx, 'media-type-removed', true, named(mt), `media type ${mt} removed`);
    else if (!om) report(ctx, 'media-type-added', false, named(mt), `media type ${mt} added`);
    else compareSchemas(ctx, om.schema, nm.schema, flow, named(mt));
  }
}

function diffResponses(s: Scope, oldOp: OperationObject, newOp: OperationObject) {
  const index = (side: Side, op: OperationObject) =>
    new Map(
      Object.entries(op.responses ?? {}).map(([status, r]) => {
        const value = deref(s.ctx, side, r, `${s.label} › ${status}`);
        const key = /^\dxx$/i.test(status) ? status.toUpperCase() : status; // `2xx` is `2XX`
        return [key, isPlainObject(value) ? value : {}] as const;
      }),
    );
  const [before, after] = [index('old', oldOp), index('new', newOp)];
  for (const status of unionKeys(before, after)) {
    const [o, n] = [before.get(status), after.get(status)];
    const loc = `${s.label} › ${status}`;
    if (!n) report(s.ctx, 'status-removed', true, loc, `response ${status} removed`);
    else if (!o) report(s.ctx, 'status-added', false, loc, `response ${status} added`);
    else {
      diffHeaders(s, loc, o.headers, n.headers);
      diffContent(s.ctx, o.content, n.content, s.outbound, (mt) => `${loc} ${mt}`);
    }
  }
}

function diffHeaders(s: Scope, loc: string, before: unknown, after: unknown) {
  const index = (side: Side, headers: unknown) =>
    new Map(
      Object.entries(isPlainObject(headers) ? headers : {}).map(([name, h]) => {
        const value = deref(s.ctx, side, h, loc);
        return [name.toLowerCase(), isPlainObject(value) ? value : {}] as const;
      }),
    );
  const [o, n] = [index('old', before), index('new', after)];
  // OAS 3.1 Response Object (`headers`): one named Content-Type is ignored; the media type governs it.
  for (const name of unionKeys(o, n).filter((h) => h !== 'content-type')) {
    const [oh, nh] = [o.get(name), n.get(name)];
    const where = `${loc} header ${name}`;
    if (!nh) report(s.ctx, 'response-header-removed', true, where, 'response header removed');
    else if (!oh) report(s.ctx, 'response-header-added', false, where, 'response header added');
    else compareSchemas(s.ctx, oh.schema, nh.schema, s.outbound, where);
  }
}

type Alternative = Map<string, Set<string>>;

/** Security requirements are alternatives (any one suffices) of schemes that all apply. */
function alternatives(security: SecurityRequirement[] | undefined): Alternative[] {
  const list = Array.isArray(security) && security.length > 0 ? security : [{}]; // none: anonymous access
  const scopesOf = (scopes: unknown) => new Set(Array.isArray(scopes) ? scopes.map(String) : []);
  return list.map(
    (req) => new Map(Object.entries(req).map(([scheme, scopes]) => [scheme, scopesOf(scopes)])),
  );
}

const altText = (alt: Alternative) =>
  [...alt].map(([scheme, scopes]) => `${scheme}[${[...scopes].sort().join(' ')}]`).join(' + ') || 'anonymous';

/**
 * Breaking when some old way of authorizing no longer satisfies any new requirement: a token
 * that worked (with its schemes and scopes) is then refused. Dropping scopes is non-breaking.
 */
function diffSecurity(s: Scope, oldOp: OperationObject, newOp: OperationObject) {
  const before = alternatives(oldOp.security ?? s.ctx.docs.old.security);
  const after = alternatives(newOp.security ?? s.ctx.docs.new.security);
  const [oldText, newText] = [before, after].map((alts) => alts.map(altText).sort().join(' or '));
  if (oldText === newText) return;
  const covers = (have: Alternative, need: Alternative) =>
    [...need].every(([scheme, scopes]) => {
      const held = have.get(scheme);
      return held !== undefined && [...scopes].every((scope) => held.has(scope));
    });
  const breaking = !before.every((have) => after.some((need) => covers(have, need)));
  const schemes = (alts: Alternative[]) => [...new Set(alts.flatMap((a) => [...a.keys()]))].sort().join();
  const kind = schemes(before) === schemes(after) ? 'security-scope-changed' : 'security-requirement-changed';
  report(s.ctx, kind, breaking, `${s.label} › security`, `security changed from ${oldText} to ${newText}`);
}
