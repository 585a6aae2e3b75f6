/**
 * The typed Broker client (openapi-fetch over the generated `paths`): one client per caller, each
 * call authenticated as its persona, sent with `BROKER_EXTRA_HEADERS`, bounded in time, retried only
 * where that is safe, logged, and checked against the spec. Every operation of the spec is
 * reachable, TUS included (`HEAD`, `PATCH`, `OPTIONS`, `DELETE`).
 */
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../generated/broker-api.js';
import type { TokenProvider } from '../auth/types.js';
import { registerSecret } from '../redact.js';
import type { PersonaName } from '../profile/types.js';
import type { Observe } from '../spec/internal-names.js';
import type { ContractValidator } from '../spec/validator.js';
import { type CallState, checkMiddleware, type ViolationPolicy } from './check.js';
import { type ClientPolicy, DEFAULT_POLICY } from './policy.js';
import { RequestLog } from './request-log.js';
import { createTransport } from './transport.js';

export type BrokerClient = Client<paths>;

export interface BrokerClientOptions {
  /** `BROKER_BASE_URL`: the origin; paths carry `/broker/api/v1`. */
  baseUrl: string;
  /** `BROKER_EXTRA_HEADERS`, sent on every call. */
  extraHeaders?: Record<string, string>;
  tokens: TokenProvider;
  validator: ContractValidator;
  policy?: Partial<ClientPolicy>;
  /** @default 'throw' */
  onViolation?: ViolationPolicy;
  log?: RequestLog;
  /** The current test's name, for the request log (Jest: `expect.getState().currentTestName`). */
  testName?: () => string | undefined;
  /** Where security observations go (the suites: `recordObservation`). @default ignored */
  observe?: Observe;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Shared by every client of a run, so one call that gets no answer stops the others (a Broker gone silent). */
  circuit?: BrokerCircuit;
}

/**
 * What a run does once the Broker stops answering: the first call that waits out its time limit
 * `trip`s the circuit with what timed out; from then on `check` throws before any call is sent (the
 * suites: a skip with that reason), so a silent Broker costs one time limit, not one per clause.
 */
export interface BrokerCircuit {
  check(): void;
  trip(message: string): void;
}

/** Who a call is made as: a persona, a ready token (a hostile one, say), or nobody. */
export type Caller =
  PersonaName | { label: string; token: string } | { label: 'anonymous'; token?: undefined };

export interface Broker {
  as(persona: PersonaName): BrokerClient;
  /** A client that sends exactly this bearer token (for the security suite's hostile tokens). */
  withToken(token: string, label: string): BrokerClient;
  /** A client that sends no Authorization header. */
  anonymous(): BrokerClient;
  readonly log: RequestLog;
  readonly policy: ClientPolicy;
}

export function createBroker(options: BrokerClientOptions): Broker {
  const policy: ClientPolicy = { ...DEFAULT_POLICY, ...options.policy };
  const log = options.log ?? new RequestLog();
  const states = new WeakMap<Request, CallState>();
  for (const value of Object.values(options.extraHeaders ?? {})) registerSecret(value);
  const transport = createTransport(
    policy,
    {
      label(request) {
        const operation = options.validator.operations.match(request.method, new URL(request.url).pathname);
        return {
          operation: operation?.id ?? 'unknown operation',
          method: request.method,
          pathTemplate: operation?.path ?? new URL(request.url).pathname,
        };
      },
      attempt(request, outcome) {
        const state = states.get(request);
        if (!state) return;
        state.attempts += 1;
        if (outcome.error) state.lastError = outcome.error;
      },
      sleep: options.sleep,
      ...(options.circuit
        ? {
            beforeCall: () => options.circuit?.check(),
            noAnswer: (_label, message) => options.circuit?.trip(message),
          }
        : {}),
    },
    options.fetch,
  );

  const make = (caller: Caller): BrokerClient => {
    const label = typeof caller === 'string' ? caller : caller.label;
    const client = createClient<paths>({
      baseUrl: options.baseUrl,
      headers: options.extraHeaders,
      fetch: transport,
    });
    client.use({
      async onRequest({ request }) {
        const token = typeof caller === 'string' ? await options.tokens.token(caller) : caller.token;
        if (token !== undefined) request.headers.set('Authorization', `Bearer ${token}`);
        return request;
      },
    });
    client.use(
      checkMiddleware({
        validator: options.validator,
        log,
        persona: label,
        states,
        onViolation: options.onViolation ?? 'throw',
        testName: options.testName,
        observe: options.observe,
      }),
    );
    return client;
  };

  const personas = new Map<PersonaName, BrokerClient>();
  return {
    as(persona) {
      let client = personas.get(persona);
      if (!client) personas.set(persona, (client = make(persona)));
      return client;
    },
    withToken(token, label) {
      registerSecret(token);
      return make({ label, token });
    },
    anonymous() {
      return make({ label: 'anonymous' });
    },
    log,
    policy,
  };
}
