/**
 * The event harness the runner (src/run/run.ts) starts before Jest and stops after it (ENVIRONMENT.md "Events"):
 * leftovers of a killed run swept, the receiver listening, SENDER, RECIPIENT and OUTSIDER subscribed
 * (OUTSIDER's subscription may be refused, src/events/subscriptions.ts), and
 * `BROKER_CONTRACT_RECEIVER` set for the workers. Without `EVENTS_API_URL` it only reports why event
 * checks are skipped.
 */
import type { TokenProvider } from '../auth/types.js';
import type { Profile } from '../profile/types.js';
import type { ContractValidator } from '../spec/validator.js';
import { WORKER_ENV } from '../defaults.js';
import { DEFAULT_LEDGER_PATH, sweepLedger } from './ledger.js';
import { startReceiver, type RunningReceiver } from './receiver.js';
import { createSubscriptions, isHandshakeFor, type Subscriptions } from './subscriptions.js';

export interface EventHarnessOptions {
  profile: Pick<Profile, 'resourceId' | 'events' | 'eventsSkipReason' | 'personas'>;
  tokens: TokenProvider;
  validator: Pick<ContractValidator, 'validateEvent'>;
  /** Where the receiver listens; a tunnel or a remote events service may need `0.0.0.0`. @default '127.0.0.1' */
  host?: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default 'reports/.subscriptions.json' */
  ledgerPath?: string;
  /** @default HANDSHAKE_WAIT_MS (src/defaults.ts) */
  handshakeWithinMs?: number;
  /** @default console.warn */
  log?: (line: string) => void;
}

export interface EventHarness {
  /** Set when event checks are skipped (no `EVENTS_API_URL`); nothing else is then running. */
  skipReason?: string;
  receiver?: RunningReceiver;
  /** The URL the subscriptions deliver to. */
  webhookUrl?: string;
  subscriptions?: Subscriptions;
  /** Deletes the subscriptions created, then closes the receiver; safe to call again. */
  stop(): Promise<void>;
}

const CURRENT = Symbol.for('broker-contract.event-harness');
type Holder = { [CURRENT]?: EventHarness };

export async function startEventHarness(options: EventHarnessOptions): Promise<EventHarness> {
  const { profile } = options;
  const events = profile.events;
  if (!events) {
    return remember({
      skipReason: profile.eventsSkipReason ?? 'EVENTS_API_URL is not set',
      stop: () => Promise.resolve(),
    });
  }
  const log = options.log ?? ((line: string) => console.warn(line));
  const ledgerPath = options.ledgerPath ?? DEFAULT_LEDGER_PATH;
  await sweepLedger({
    path: ledgerPath,
    apiUrl: events.apiUrl,
    tokens: options.tokens,
    fetch: options.fetch,
    log,
  });
  const receiver = await startReceiver({
    port: events.webhookPort,
    host: options.host,
    validator: options.validator,
  });
  const webhookUrl = events.webhookUrl ?? receiver.url;
  let subscriptions: Subscriptions;
  try {
    subscriptions = await createSubscriptions({
      profile,
      tokens: options.tokens,
      webhookUrl,
      ledgerPath,
      log,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.handshakeWithinMs === undefined ? {} : { handshakeWithinMs: options.handshakeWithinMs }),
      awaitHandshake: async (subscription, withinMs) => {
        const read = () => receiver.store.handshakes().filter((h) => isHandshakeFor(h, subscription));
        return (await receiver.store.waitFor(read, withinMs))[0] ?? null;
      },
    });
  } catch (error) {
    await receiver.close();
    throw error;
  }
  const previous = process.env[WORKER_ENV.receiver];
  process.env[WORKER_ENV.receiver] = receiver.baseUrl;
  let stopping: Promise<void> | undefined;
  return remember({
    receiver,
    webhookUrl,
    subscriptions,
    stop() {
      stopping ??= (async () => {
        try {
          await subscriptions.cleanup();
        } finally {
          await receiver.close();
          if (previous === undefined) delete process.env[WORKER_ENV.receiver];
          else process.env[WORKER_ENV.receiver] = previous;
        }
      })();
      return stopping;
    },
  });
}

/** Stops the harness the last `startEventHarness` of this process started, for callers that did not keep the handle (tests). */
export async function stopEventHarness(): Promise<void> {
  const holder = globalThis as Holder;
  const harness = holder[CURRENT];
  delete holder[CURRENT];
  await harness?.stop();
}

function remember(harness: EventHarness): EventHarness {
  (globalThis as Holder)[CURRENT] = harness;
  return harness;
}
