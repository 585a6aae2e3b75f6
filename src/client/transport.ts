/**
 * The fetch under the typed client: a time limit on each answer's headers and on each pause in its
 * body, retries of idempotent calls after 429 or 503 that honour `Retry-After`, and transport
 * failures turned into EnvironmentErrors that name the operation (STYLE.md "Failures are typed").
 * A streamed request body (an upload of any size) is not counted whole in the time limit: the limit
 * bounds each pause between two of its chunks, and the wait from its last byte until the answer.
 */
import { EnvironmentError } from '../errors.js';
import { isStreamedBody } from './bodies.js';
import { type ClientPolicy, retryAfterMs } from './policy.js';

/** What the transport knows about a call, for its messages. */
export interface CallLabel {
  operation: string;
  method: string;
  pathTemplate: string;
}

export interface TransportHooks {
  label(request: Request): CallLabel;
  /** Told of each attempt's outcome, for the request log. */
  attempt?(request: Request, outcome: { status?: number; error?: string }): void;
  sleep?(ms: number): Promise<void>;
  /** Asked before each call; throws to stop it (the Broker already stopped answering, see BrokerCircuit). */
  beforeCall?(label: CallLabel): void;
  /** Told when a call got no answer in time, with the message its EnvironmentError carries. */
  noAnswer?(label: CallLabel, message: string): void;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function describe(label: CallLabel): string {
  return `${label.operation} (${label.method} ${label.pathTemplate})`;
}

/**
 * Node's fetch reports a refused or reset connection as `TypeError: fetch failed` with the cause's code;
 * a refused redirect (a streamed body, src/client/bodies.ts) as a cause with only a message. Read by
 * shape, not `instanceof`: under Jest the error comes from another realm.
 */
function transportCode(error: unknown): string {
  const { cause, name } = (error ?? {}) as { cause?: { code?: unknown; message?: unknown }; name?: unknown };
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string' && cause.message !== '') return cause.message;
  return typeof name === 'string' ? name : 'unknown';
}

/**
 * A streamed request body passed through as the connection takes it: `handed` after each chunk, `ended`
 * after the last. Once `signal` aborts it fails and stops its source: Node's fetch (undici 6) otherwise
 * reads an aborted request's body on to its end and discards it, so the rest of a large upload would
 * still be made (and a body without end read forever).
 */
function watchedBody(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  on: { handed(): void; ended(): void },
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        signal.addEventListener(
          'abort',
          () => {
            controller.error(signal.reason);
            reader.cancel(signal.reason).catch(() => undefined);
          },
          { once: true },
        );
      },
      async pull(controller) {
        const { done, value } = await reader.read();
        if (signal.aborted) return;
        if (done) {
          controller.close();
          on.ended();
        } else {
          controller.enqueue(value);
          on.handed();
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    // Nothing read ahead: a chunk is made when the connection wants one.
    { highWaterMark: 0 },
  );
}

/** A body that fails when it pauses longer than the idle limit, so a stalled download ends with a reason. */
function withIdleTimeout(response: Response, idleMs: number, label: CallLabel): Response {
  if (!response.body) return response;
  const reader = response.body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new EnvironmentError(
                'HTTP_BODY_TIMEOUT',
                `${describe(label)}: the response body stopped for ${idleMs} ms.`,
                'The Broker or a proxy stalled mid-transfer; check its health and the network path.',
              ),
            ),
          idleMs,
        );
      });
      try {
        const { done, value } = await Promise.race([reader.read(), stalled]);
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        void reader.cancel().catch(() => undefined);
        controller.error(
          error instanceof EnvironmentError
            ? error
            : new EnvironmentError(
                'HTTP_CONNECTION',
                `${describe(label)}: the connection closed while the response body was read (${transportCode(error)}).`,
                'The Broker or a proxy dropped the connection mid-response; check its logs.',
              ),
        );
      } finally {
        clearTimeout(timer);
      }
    },
    cancel(reason) {
      clearTimeout(timer);
      return reader.cancel(reason);
    },
  });
  return new Response(response.status === 204 || response.status === 304 ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

export function createTransport(policy: ClientPolicy, hooks: TransportHooks, base: typeof fetch = fetch) {
  const sleep = hooks.sleep ?? wait;
  return async function transport(request: Request): Promise<Response> {
    const label = hooks.label(request);
    hooks.beforeCall?.(label);
    const streamed = isStreamedBody(request.body);
    // A stream is sent once: repeating it would need the whole body kept (a tee holds every chunk).
    const retryable = !streamed && policy.idempotentMethods.includes(request.method.toUpperCase());
    for (let attempt = 0; ; attempt += 1) {
      const controller = new AbortController();
      const onCallerAbort = () => controller.abort(request.signal.reason);
      request.signal.addEventListener('abort', onCallerAbort, { once: true });
      // The time limit runs from the start for a body of known size. For a streamed body (an upload
      // of any size) it starts again at each chunk the connection takes, and at the last byte: a large
      // upload is not cut off for its size, and a Broker that stops reading it still times out.
      let timer: NodeJS.Timeout | undefined;
      let answered = false;
      let bodyEnded = !streamed;
      const startClock = () => {
        clearTimeout(timer);
        if (!answered) timer = setTimeout(() => controller.abort(new Error('timeout')), policy.timeoutMs);
      };
      const sent = streamed
        ? new Request(request, {
            body: watchedBody(request.body as ReadableStream<Uint8Array>, controller.signal, {
              handed: startClock,
              ended: () => ((bodyEnded = true), startClock()),
            }),
            duplex: 'half',
          } as RequestInit)
        : retryable
          ? request.clone()
          : request;
      startClock();
      let response: Response;
      try {
        // `duplex` lets a streamed request body through Node's fetch (a Request already carries it).
        response = await base(sent, { signal: controller.signal });
      } catch (error) {
        const timedOut = controller.signal.aborted && !request.signal.aborted;
        hooks.attempt?.(request, { error: timedOut ? 'timeout' : transportCode(error) });
        if (request.signal.aborted) throw error;
        if (timedOut) {
          // Another call may have found the Broker silent first: then this one stops the same way.
          hooks.beforeCall?.(label);
          const message = !bodyEnded
            ? `${describe(label)}: the connection took no more of the request body for ${policy.timeoutMs} ms.`
            : `${describe(label)}: no answer within ${policy.timeoutMs} ms${streamed ? ' of the end of the request body' : ''}.`;
          hooks.noAnswer?.(label, message);
          throw new EnvironmentError(
            'HTTP_TIMEOUT',
            message,
            'The Broker is slow or hanging; check that BROKER_BASE_URL is right and the service is healthy.',
          );
        }
        throw new EnvironmentError(
          'HTTP_CONNECTION',
          `${describe(label)}: the request failed before an answer came (${transportCode(error)}).`,
          'Check that BROKER_BASE_URL is reachable from this machine (DNS, firewall, TLS).',
        );
      } finally {
        answered = true;
        clearTimeout(timer);
        request.signal.removeEventListener('abort', onCallerAbort);
      }
      hooks.attempt?.(request, { status: response.status });
      if (!retryable || attempt >= policy.retries || !policy.retryStatuses.includes(response.status)) {
        return withIdleTimeout(response, policy.bodyIdleTimeoutMs, label);
      }
      const delay = retryAfterMs(response.headers.get('retry-after')) ?? policy.retryDelayMs;
      if (delay > policy.maxRetryDelayMs) return withIdleTimeout(response, policy.bodyIdleTimeoutMs, label);
      await response.body?.cancel().catch(() => undefined);
      await sleep(delay);
    }
  };
}
