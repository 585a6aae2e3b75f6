/**
 * The middleware that makes the client self-validating: each answer is checked against the
 * operation the spec defines for its method and path, logged (redacted) for the reports, and a
 * violation fails the call that got it, with the request and the response in the message. An
 * undocumented member whose name looks internal is also told to `observe`, whatever the policy.
 */
import type { Middleware } from 'openapi-fetch';
import { ContractError } from '../errors.js';
import { redact, redactHeaders } from '../redact.js';
import { internalsObservations, type Observe } from '../spec/internal-names.js';
import type { ContractValidator } from '../spec/validator.js';
import { formatViolations, type Violation } from '../spec/violations.js';
import { excerpt, type LoggedCall, type RequestLog } from './request-log.js';

/** `throw`: a violation rejects the call. `record`: it is only logged and readable with `violationsOf`. */
export type ViolationPolicy = 'throw' | 'record';

export interface CallState {
  persona: string;
  startedAt: number;
  attempts: number;
  requestBody?: string;
  lastError?: string;
}

const found = new WeakMap<Response, Violation[]>();

/** The violations the validator found in an answer (empty for a conformant one). */
export function violationsOf(response: Response): Violation[] {
  return found.get(response) ?? [];
}

function isJsonRequest(request: Request): boolean {
  return /json/i.test(request.headers.get('content-type') ?? '');
}

export interface CheckOptions {
  validator: ContractValidator;
  log: RequestLog;
  persona: string;
  states: WeakMap<Request, CallState>;
  onViolation: ViolationPolicy;
  testName?: () => string | undefined;
  /** Told of each security observation an answer gives (src/spec/internal-names.ts). @default ignore them */
  observe?: Observe;
}

export function checkMiddleware(options: CheckOptions): Middleware {
  const { validator, log, states } = options;
  return {
    async onRequest({ request }) {
      const state: CallState = { persona: options.persona, startedAt: Date.now(), attempts: 0 };
      if (isJsonRequest(request)) state.requestBody = excerpt(redact(await request.clone().text()));
      states.set(request, state);
      return undefined;
    },
    async onResponse({ request, response, schemaPath, options: fetchOptions }) {
      const state = states.get(request);
      const operation = validator.operations.match(request.method, new URL(request.url).pathname);
      const streamed = (fetchOptions.parseAs === 'stream' && response.ok) || request.method === 'HEAD';
      const text = streamed ? undefined : await response.text();
      const result = operation
        ? validator.validateResponse(
            operation,
            text === undefined
              ? { status: response.status, headers: response.headers, bodyNotRead: true }
              : { status: response.status, headers: response.headers, body: text },
          )
        : {
            violations: [
              {
                kind: 'unknown-operation' as const,
                message: `the spec defines no operation for ${request.method} ${schemaPath}`,
              },
            ],
          };
      const call: LoggedCall = {
        test: options.testName?.(),
        persona: options.persona,
        operation: operation?.id,
        method: request.method,
        pathTemplate: schemaPath,
        url: redact(request.url),
        requestHeaders: redactHeaders(request.headers),
        requestBody: state?.requestBody,
        status: response.status,
        responseHeaders: redactHeaders(response.headers),
        responseBody: text === undefined ? undefined : excerpt(redact(text)),
        attempts: state?.attempts ?? 1,
        startedAt: state?.startedAt ?? Date.now(),
        durationMs: Date.now() - (state?.startedAt ?? Date.now()),
        violations: result.violations,
      };
      log.add(call);
      const what = `${call.operation ?? 'unknown operation'} (${call.method} ${call.pathTemplate}) ${call.status}`;
      for (const observation of internalsObservations(what, result.violations))
        options.observe?.(observation);
      const answer =
        text === undefined
          ? response
          : new Response(response.status === 204 || response.status === 304 ? null : text, {
              status: response.status,
              statusText: response.statusText,
              headers: response.headers,
            });
      found.set(answer, result.violations);
      if (result.violations.length > 0 && options.onViolation === 'throw') {
        throw new ContractError('RESPONSE_VIOLATION', describeViolation(call), {
          operation: call.operation,
          method: call.method,
          pathTemplate: call.pathTemplate,
          status: call.status,
          violations: call.violations,
        });
      }
      return answer;
    },
    onError({ request, error }) {
      const state = states.get(request);
      log.add({
        test: options.testName?.(),
        persona: options.persona,
        operation: validator.operations.match(request.method, new URL(request.url).pathname)?.id,
        method: request.method,
        pathTemplate: new URL(request.url).pathname,
        url: redact(request.url),
        requestHeaders: redactHeaders(request.headers),
        requestBody: state?.requestBody,
        attempts: state?.attempts ?? 1,
        startedAt: state?.startedAt ?? Date.now(),
        durationMs: Date.now() - (state?.startedAt ?? Date.now()),
        violations: [],
        error: redact(error instanceof Error ? error.message : String(error)),
      });
      return undefined;
    },
  };
}

function headerLines(headers: Record<string, string> | undefined): string {
  return Object.entries(headers ?? {})
    .map(([name, value]) => `      ${name}: ${value}`)
    .join('\n');
}

/** One readable failure: which operation, as whom, what the spec wanted, and the exchange itself (redacted). */
export function describeViolation(call: LoggedCall): string {
  return [
    `${call.operation ?? 'unknown operation'} (${call.method} ${call.pathTemplate}) as ${call.persona}: ` +
      `the answer broke the contract (status ${call.status}).`,
    formatViolations(call.violations),
    `  request: ${call.method} ${call.url}`,
    headerLines(call.requestHeaders),
    call.requestBody ? `    body: ${call.requestBody}` : '',
    `  response: ${call.status}`,
    headerLines(call.responseHeaders),
    call.responseBody !== undefined
      ? `    body: ${call.responseBody || '(empty)'}`
      : '    body: (streamed, not read)',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
