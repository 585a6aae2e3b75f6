/**
 * Every response newman receives from the Broker, checked by the suite's own validator as well
 * (CONTRACT.md §4 per operation, §2 for error shapes): the collection's test scripts
 * check what their author thought of; this checks the documented status, headers and body schema.
 * Violations are failures of the run, kept apart from the collection's own assertion failures.
 */
import type { EventEmitter } from 'node:events';
import type { Item, Request, Response } from 'postman-collection';
import { API_PREFIX } from '../api-prefix.js';
import { redact } from '../redact.js';
import type { ContractValidator } from '../spec/validator.js';
import type { Violation } from '../spec/violations.js';

export interface RequestCheck {
  /** The request's name in the collection. */
  item: string;
  method: string;
  /** The concrete path, without origin or query. */
  path: string;
  status?: number;
  /** The operationId and path template the request matched, when it matched one. */
  operation?: string;
  pathTemplate?: string;
  /** False when the request did not reach the Broker or matched no documented operation. */
  validated: boolean;
  violations: Violation[];
  /** Why it was not validated: a transport error, an undocumented path. */
  note?: string;
}

/** newman's `request` event (its `runtimeEvents` definition: response, request, item, ...). */
interface RequestEventArgs {
  request: Request;
  response?: Response;
  item: Item;
}

/** Response headers as the validator reads them; repeated headers joined as HTTP allows. */
function headerRecord(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of response.headers.all()) {
    const name = header.key.toLowerCase();
    headers[name] = name in headers ? `${headers[name]}, ${header.value}` : header.value;
  }
  return headers;
}

/** Checks one exchange; pure apart from the validator's schema cache. */
export function checkExchange(
  validator: ContractValidator,
  baseUrl: string,
  args: RequestEventArgs,
  error: Error | null,
): RequestCheck | undefined {
  const url = new URL(args.request.url.toString());
  if (url.origin !== new URL(baseUrl).origin) return undefined;
  const check: RequestCheck = {
    item: args.item.name,
    method: args.request.method.toUpperCase(),
    path: url.pathname,
    validated: false,
    violations: [],
  };
  if (error !== null || args.response === undefined) {
    return { ...check, note: `no response: ${redact(error?.message ?? 'newman received nothing')}` };
  }
  check.status = args.response.code;
  const operation = validator.operations.match(check.method, url.pathname);
  if (operation === undefined) {
    const where = url.pathname.startsWith(API_PREFIX)
      ? 'the spec documents no such operation'
      : 'not a Broker path';
    return { ...check, note: `${where}; not validated` };
  }
  const stream = args.response.stream;
  const result = validator.validateResponse(operation, {
    status: args.response.code,
    headers: headerRecord(args.response),
    body: stream === undefined ? null : new Uint8Array(stream),
  });
  return {
    ...check,
    operation: operation.id,
    pathTemplate: operation.path,
    validated: true,
    violations: result.violations.map((v) => ({ ...v, message: redact(v.message) })),
  };
}

/** Subscribes to newman's `request` events; the returned list fills as the run goes. */
export function attachValidator(
  run: EventEmitter,
  validator: ContractValidator,
  baseUrl: string,
  onCheck: (check: RequestCheck) => void = () => undefined,
): RequestCheck[] {
  const checks: RequestCheck[] = [];
  run.on('request', (error: Error | null, args: RequestEventArgs) => {
    const check = checkExchange(validator, baseUrl, args, error);
    if (check === undefined) return;
    checks.push(check);
    onCheck(check);
  });
  return checks;
}
