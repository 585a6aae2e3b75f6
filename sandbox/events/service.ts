/**
 * The Altinn Events stand-in: the subscription API the suite uses (ENVIRONMENT.md "Events") and the
 * delivery of the Broker's CloudEvents (CONTRACT.md §6) to the subscribers allowed to see them.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxConfig } from '../config.js';
import { CLOUDEVENTS_JSON, DEFAULT_TIMEOUT_MS, DeliveryQueue, postJson } from './delivery.js';
import { SUBSCRIBE_SCOPE, denyResource, matches, parseCreateRequest } from './subscriptions.js';
import type {
  Authenticate,
  BrokerCloudEvent,
  DeliveryRecord,
  EventsFaultHooks,
  Subscription,
  ValidationCloudEvent,
} from './types.js';

export const EVENTS_PREFIX = '/events/api/v1';

export interface EventsServiceDeps {
  config: SandboxConfig;
  authenticate: Authenticate;
  /** @default Date.now */
  now?: () => number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default no logging */
  log?: (line: string) => void;
  faults?: EventsFaultHooks;
  /** How long the handshake and each delivery attempt may take. @default 5000 */
  timeoutMs?: number;
}

interface Stored {
  subscription: Subscription;
  /** The owner, 9 digits. */
  org: string;
}

export class EventsService {
  readonly #config: SandboxConfig;
  readonly #authenticate: Authenticate;
  readonly #now: () => number;
  readonly #fetch: typeof fetch;
  readonly #faults: EventsFaultHooks;
  readonly #timeoutMs: number;
  readonly #queue: DeliveryQueue;
  readonly #subscriptions = new Map<number, Stored>();
  #nextId = 1;

  constructor(deps: EventsServiceDeps) {
    this.#config = deps.config;
    this.#authenticate = deps.authenticate;
    this.#now = deps.now ?? Date.now;
    this.#fetch = deps.fetch ?? globalThis.fetch;
    this.#faults = deps.faults ?? {};
    this.#timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#queue = new DeliveryQueue({
      fetch: this.#fetch,
      attempts: deps.config.delivery.attempts,
      backoffMs: deps.config.delivery.backoffMs,
      timeoutMs: this.#timeoutMs,
      contentType: this.#faults.contentType ?? CLOUDEVENTS_JSON,
      log: deps.log ?? (() => undefined),
    });
  }

  routes(app: FastifyInstance): void {
    void app.register(
      async (scope) => {
        // Altinn Events binds JSON bodies only; anything else is 415, as there.
        scope.removeContentTypeParser('text/plain');
        scope.setNotFoundHandler((req, reply) =>
          problem(reply, 404, 'Not Found', `no route ${req.method} ${req.url}`),
        );
        // Fastify's own rejections (malformed JSON, unsupported media type) keep their status, in our shape.
        scope.setErrorHandler((error, _req, reply) => {
          const { statusCode, message } = error as { statusCode?: unknown; message?: unknown };
          const status =
            typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : 500;
          const detail = typeof message === 'string' ? message : String(error);
          return problem(
            reply,
            status,
            status === 500 ? 'Internal Server Error' : 'Request rejected',
            detail,
          );
        });
        scope.post('/subscriptions', (req, reply) =>
          this.#create(req.headers.authorization, req.body, reply),
        );
        scope.get<{ Params: { id: string } }>('/subscriptions/:id', async (req, reply) => {
          const found = await this.#owned(req.headers.authorization, req.params.id, reply);
          return found ? reply.code(200).send(found.subscription) : reply;
        });
        scope.delete<{ Params: { id: string } }>('/subscriptions/:id', async (req, reply) => {
          const found = await this.#owned(req.headers.authorization, req.params.id, reply);
          if (!found) return reply;
          this.#subscriptions.delete(found.subscription.id);
          return reply.code(200).send();
        });
      },
      { prefix: EVENTS_PREFIX },
    );
  }

  /** Called by the Broker part for each event it emits; delivery happens in the background. */
  publish(event: BrokerCloudEvent): void {
    for (const { subscription, org } of this.#subscriptions.values()) {
      if (!matches(subscription, org, event, this.#faults)) continue;
      const copies = this.#faults.transform?.(event, subscription) ?? [event];
      const isActive = (): boolean => this.#subscriptions.has(subscription.id);
      for (const copy of copies) this.#queue.enqueue(subscription.id, subscription.endPoint, copy, isActive);
    }
  }

  deliveries(): DeliveryRecord[] {
    return this.#queue.records();
  }

  idle(): Promise<void> {
    return this.#queue.idle();
  }

  close(): Promise<void> {
    return this.#queue.close();
  }

  async #create(
    authorization: string | undefined,
    body: unknown,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    const caller = await this.#authenticate(authorization);
    if (!caller) return unauthorized(reply);
    if (!caller.scopes.includes(SUBSCRIBE_SCOPE)) {
      return problem(reply, 403, 'Forbidden', `the token lacks the scope ${SUBSCRIBE_SCOPE}`);
    }
    if (!caller.org)
      return problem(reply, 403, 'Forbidden', 'the token names no organisation to subscribe for');
    const request = parseCreateRequest(body);
    if (typeof request === 'string') return problem(reply, 400, 'Bad Request', request);
    const denied = denyResource(this.#config.registry, request.resourceFilter, caller.org);
    if (denied) return problem(reply, 403, 'Forbidden', denied);

    const id = this.#nextId++;
    const location = `${this.#config.origin}${EVENTS_PREFIX}/subscriptions/${id}`;
    if (!this.#faults.skipValidation) {
      const failure = await this.#handshake(request.endPoint, location);
      if (failure) return problem(reply, 400, 'Bad Request', `endpoint did not validate: ${failure}`);
    }
    const subscription: Subscription = {
      id,
      ...request,
      consumer: `/org/${caller.org}`,
      createdBy: `/org/${caller.org}`,
      created: new Date(this.#now()).toISOString(),
      validated: true,
    };
    this.#subscriptions.set(id, { subscription, org: caller.org });
    return reply.code(201).header('location', location).send(subscription);
  }

  /** Altinn Events accepts an endpoint only after it answers 200 to a validation event; why not, or null. */
  async #handshake(endPoint: string, source: string): Promise<string | null> {
    const event: ValidationCloudEvent = {
      specversion: '1.0',
      id: randomUUID(),
      type: 'platform.events.validatesubscription',
      source,
      time: new Date(this.#now()).toISOString(),
    };
    const result = await postJson(this.#fetch, endPoint, event, {
      contentType: CLOUDEVENTS_JSON,
      timeoutMs: this.#timeoutMs,
    });
    if ('error' in result) return result.error;
    return result.status === 200 ? null : `the endpoint answered ${result.status}, not 200`;
  }

  /** The subscription when the caller owns it; otherwise the 401 or 404 has been sent. */
  async #owned(
    authorization: string | undefined,
    rawId: string,
    reply: FastifyReply,
  ): Promise<Stored | null> {
    const caller = await this.#authenticate(authorization);
    if (!caller) {
      unauthorized(reply);
      return null;
    }
    // Another org's subscription is reported as missing, so ids do not reveal who subscribes.
    const found = /^\d+$/.test(rawId) ? this.#subscriptions.get(Number(rawId)) : undefined;
    if (!found || found.org !== caller.org) {
      problem(reply, 404, 'Not Found', `no subscription ${rawId} of this organisation`);
      return null;
    }
    return found;
  }
}

function unauthorized(reply: FastifyReply): FastifyReply {
  return problem(
    reply.header('www-authenticate', 'Bearer'),
    401,
    'Unauthorized',
    'a valid bearer token is required',
  );
}

function problem(reply: FastifyReply, status: number, title: string, detail: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send({ title, status, detail });
}
