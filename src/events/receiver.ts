/**
 * The suite's webhook receiver (ENVIRONMENT.md "Events", CONTRACT.md §6): one node:http server with the
 * public webhook at `path` and the loopback-only query API under `/_receiver`. It runs in Jest's global
 * setup; workers reach it through `BROKER_CONTRACT_RECEIVER`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SuiteError } from '../errors.js';
import type { ContractValidator } from '../spec/validator.js';
import { handleQuery } from './query-api.js';
import { EventStore } from './store.js';
import { QUERY_PREFIX } from './types.js';
import { DEFAULT_MAX_BODY_BYTES, handleDelivery } from './webhook.js';

export interface ReceiverOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** The webhook path. @default '/events' */
  path?: string;
  validator: Pick<ContractValidator, 'validateEvent'>;
  /** @default 1 MiB */
  maxBodyBytes?: number;
  /** @default Date.now */
  now?: () => number;
}

export interface RunningReceiver {
  /** The webhook URL as seen from this machine: `http://127.0.0.1:<port><path>`. */
  url: string;
  /** The loopback base URL of the query API, for `BROKER_CONTRACT_RECEIVER`. */
  baseUrl: string;
  port: number;
  store: EventStore;
  close(): Promise<void>;
}

export async function startReceiver(options: ReceiverOptions): Promise<RunningReceiver> {
  const path = options.path ?? '/events';
  if (path.startsWith(QUERY_PREFIX)) {
    throw new SuiteError('SUITE_BAD_ARGUMENT', `the webhook path ${path} may not lie under ${QUERY_PREFIX}`, {
      path,
    });
  }
  const store = new EventStore();
  const now = options.now ?? Date.now;
  const deps = {
    store,
    validator: options.validator,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    now,
  };
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname === path) return handleDelivery(req, res, deps);
    if (pathname === QUERY_PREFIX || pathname.startsWith(`${QUERY_PREFIX}/`)) {
      return handleQuery(req, res, store, now);
    }
    res.writeHead(404).end();
  };
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // A receiver fault must not look like a Broker fault: answer 500 and keep listening.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`receiver error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${baseUrl}${path}`,
    baseUrl,
    port,
    store,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // Long-polls in flight would otherwise hold the server open until they time out.
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}
