/**
 * How much of the spec a run exercised: each operation's documented responses (OAS 3.1 §4.8.16
 * Responses Object) marked as seen or not, the statuses the Broker answered that the spec does not
 * document, and each event type of `webhooks` (CONTRACT.md §6) marked as received or not. A plain JSON
 * value: it goes into results.json as `coverage` and into the HTML report.
 */
import type { LoggedCall } from '../client/request-log.js';
import { fullEventType } from '../events/types.js';
import { OperationIndex, type OperationInfo } from '../spec/operations.js';
import type { OpenApiDocument } from '../spec/types.js';

export interface StatusCoverage {
  /** The Responses Object key: `200`, `4XX` or `default`. */
  status: string;
  exercised: boolean;
  /** Answered calls this key documents. */
  calls: number;
}

export interface OperationCoverage {
  operationId: string;
  /** Upper case, as in the request log. */
  method: string;
  path: string;
  /** At least one call got an answer (a call that got none exercised nothing of the contract). */
  exercised: boolean;
  calls: number;
  statuses: StatusCoverage[];
  /** Statuses that came and that no key of the operation documents; not counted in the totals. */
  undocumented: { status: number; calls: number }[];
}

export interface EventCoverage {
  type: string;
  received: boolean;
  count: number;
}

export interface Ratio {
  exercised: number;
  total: number;
}

export interface Coverage {
  operations: OperationCoverage[];
  events: EventCoverage[];
  /** Calls that match no operation of the spec, by `METHOD path`; not counted in the totals. */
  unmatched: { call: string; calls: number }[];
  /** Event types received that `webhooks` does not list; not counted in the totals. */
  undocumentedEvents: { type: string; count: number }[];
  totals: { operations: Ratio; statuses: Ratio; events: Ratio };
}

/**
 * The key that documents a status: the exact code beats its range (`4XX`), which beats `default`
 * (OAS 3.1 §4.8.16.2); undefined when none does.
 */
export function documentingKey(keys: readonly string[], status: number): string | undefined {
  const code = String(status);
  return (
    keys.find((key) => key === code) ??
    keys.find((key) => /^[1-5]XX$/i.test(key) && key[0] === code[0]) ??
    keys.find((key) => key === 'default')
  );
}

/** Path prefixes the spec's servers add (`https://host/base` → `/base`), to put before a call's path. */
function serverPrefixes(document: OpenApiDocument): string[] {
  const prefixes = (document.servers ?? []).map((server) => {
    try {
      return new URL(server.url, 'http://server.invalid').pathname.replace(/\/$/, '');
    } catch {
      return '';
    }
  });
  return [...new Set(prefixes.filter((prefix) => prefix !== ''))];
}

/**
 * The operation a call is for. The client logs the spec's own operationId and path template, so those
 * decide first; a call logged without them (a transport error logs the concrete path) is matched by
 * its method and path, with a base path the deployment adds in front dropped, or the servers' base
 * path put in front when the spec's paths carry it and the call's does not.
 */
function operationOf(index: OperationIndex, prefixes: string[], call: LoggedCall): OperationInfo | undefined {
  const byId = call.operation === undefined ? undefined : index.get(call.operation);
  if (byId && !byId.webhook) return byId;
  const path = (call.pathTemplate.split('?')[0] ?? '').replace(/\/+$/, '') || '/';
  const segments = path.split('/').filter((s) => s !== '');
  const candidates = [
    ...segments.map((_, drop) => `/${segments.slice(drop).join('/')}`),
    ...prefixes.map((prefix) => `${prefix}${path}`),
  ];
  for (const candidate of candidates) {
    const found = index.match(call.method, candidate);
    if (found) return found;
  }
  return undefined;
}

function tally<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function operationCoverage(info: OperationInfo, statuses: Map<number, number>): OperationCoverage {
  const keys = Object.keys(info.operation.responses ?? {});
  const byKey = new Map<string, number>();
  const undocumented: OperationCoverage['undocumented'] = [];
  for (const [status, calls] of statuses) {
    const key = documentingKey(keys, status);
    if (key === undefined) undocumented.push({ status, calls });
    else byKey.set(key, (byKey.get(key) ?? 0) + calls);
  }
  const calls = [...statuses.values()].reduce((sum, n) => sum + n, 0);
  return {
    operationId: info.id,
    method: info.method.toUpperCase(),
    path: info.path,
    exercised: calls > 0,
    calls,
    statuses: keys.map((status) => ({
      status,
      exercised: byKey.has(status),
      calls: byKey.get(status) ?? 0,
    })),
    undocumented: undocumented.sort((a, b) => a.status - b.status),
  };
}

function eventCoverage(document: OpenApiDocument, received: readonly string[]) {
  const counts = new Map<string, number>();
  for (const type of received) tally(counts, fullEventType(type));
  const documented = Object.keys(document.webhooks ?? {});
  const events = documented.map((type) => ({
    type,
    received: counts.has(type),
    count: counts.get(type) ?? 0,
  }));
  const undocumentedEvents = [...counts]
    .filter(([type]) => !documented.includes(type))
    .map(([type, count]) => ({ type, count }));
  return { events, undocumentedEvents };
}

function ratio<T>(items: readonly T[], exercised: (item: T) => boolean): Ratio {
  return { exercised: items.filter(exercised).length, total: items.length };
}

export function computeCoverage(
  spec: OpenApiDocument,
  calls: readonly LoggedCall[],
  eventTypesReceived: readonly string[],
): Coverage {
  const index = new OperationIndex(spec);
  const prefixes = serverPrefixes(spec);
  const seen = new Map<OperationInfo, Map<number, number>>();
  const unmatched = new Map<string, number>();
  for (const call of calls) {
    const info = operationOf(index, prefixes, call);
    if (!info) tally(unmatched, `${call.method} ${call.pathTemplate}`);
    else if (call.status !== undefined) {
      const statuses = seen.get(info) ?? new Map<number, number>();
      tally(statuses, call.status);
      seen.set(info, statuses);
    }
  }
  const operations = index.all
    .filter((info) => !info.webhook)
    .map((info) => operationCoverage(info, seen.get(info) ?? new Map()));
  const { events, undocumentedEvents } = eventCoverage(spec, eventTypesReceived);
  return {
    operations,
    events,
    unmatched: [...unmatched].map(([call, n]) => ({ call, calls: n })),
    undocumentedEvents,
    totals: {
      operations: ratio(operations, (op) => op.exercised),
      statuses: ratio(
        operations.flatMap((op) => op.statuses),
        (s) => s.exercised,
      ),
      events: ratio(events, (e) => e.received),
    },
  };
}
