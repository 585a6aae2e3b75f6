/**
 * The getting-started guide's first steps, done before any transfer suite runs (CONTRACT.md §8): the
 * service owner registered (§4.11, §8.1), its storage provisioned (§8.1: initialize answers 503
 * BRO-00021 until then), and the resource configured in Broker (§8.2: the first PUT creates it; §8.3:
 * GET answers 400 BRO-00025 before). Each step starts from whatever state the environment is in and
 * writes only what is missing; what it wrote is listed for the report. The calls are a small interface
 * so the order can be tested from every starting state.
 */
import { STORAGE_POLL_FIRST_DELAY_MS, STORAGE_POLL_MAX_DELAY_MS } from '../defaults.js';
import type { SetupRecord, SetupStep } from './record.js';

/** What the Broker answered, as much as the setup reads of it. */
export interface SetupAnswer {
  status: number;
  /** The Broker error code of a ProblemDetails body (§2.1). */
  code?: string;
  body?: unknown;
}

export interface SetupCalls {
  readServiceOwner(): Promise<SetupAnswer>;
  registerServiceOwner(name: string): Promise<SetupAnswer>;
  readResource(): Promise<SetupAnswer>;
  /** PUT `{}`: creates the Broker resource from the registry and changes nothing else (§8.2). */
  createResource(): Promise<SetupAnswer>;
}

export interface SetupOptions {
  resourceId: string;
  /** The name a registration gives the service owner. */
  serviceOwnerName: string;
  /** Undefined: writes are allowed; otherwise why not (the production guard). */
  writesForbidden?: string;
  /** The longest wait for storage provisioning: `BROKER_POLL_TIMEOUT_MS`. */
  storageTimeoutMs: number;
  /** @default a timer */
  sleep?: (ms: number) => Promise<void>;
  /** @default Date.now */
  now?: () => number;
  /** Progress lines for the terminal. @default none */
  log?: (line: string) => void;
}

/** The provider every transfer of the suite needs: they all keep the virus scan on (§4.1, §8.1). */
const NEEDED_PROVIDER = 'AltinnAzure';

interface StorageProvider {
  type?: unknown;
  deploymentStatus?: unknown;
}

function providers(body: unknown): StorageProvider[] {
  const list = (body as { storageProviders?: unknown } | undefined)?.storageProviders;
  return Array.isArray(list) ? (list as StorageProvider[]) : [];
}

function storageReady(body: unknown): boolean {
  return providers(body).some((p) => p.type === NEEDED_PROVIDER && p.deploymentStatus === 'Ready');
}

function describeStorage(body: unknown): string {
  const list = providers(body);
  if (list.length === 0) return 'no storage providers yet';
  return list.map((p) => `${String(p.type)} ${String(p.deploymentStatus)}`).join(', ');
}

/**
 * An answer that says the environment is set up wrongly rather than that the Broker is broken: no
 * token or scope (401, 403 of the authentication layer), no registry resource (403 BRO-00005), another
 * owner (401 BRO-00006), the owner not registered (400 BRO-00024) (§4.10).
 */
const refusal = (answer: SetupAnswer) =>
  answer.status === 401 || answer.status === 403 || answer.code === 'BRO-00024';

const answered = (answer: SetupAnswer) => `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;

/**
 * Brings the environment to the state the transfer suites need, in the guide's order, and says what it
 * found, what it changed and, when a step could not be done, why the suites that need it are skipped.
 */
export async function prepareEnvironment(calls: SetupCalls, options: SetupOptions): Promise<SetupRecord> {
  const record: SetupRecord = { steps: [], changes: [] };
  try {
    return await prepare(calls, options, record);
  } catch (error) {
    // A call that threw (transport, credentials, an answer outside the spec) fails the step it was in.
    const done = new Set(record.steps.map((s) => s.name));
    const name = (['service owner', 'storage', 'resource'] as const).find((n) => !done.has(n)) ?? 'resource';
    const family = (error as { family?: unknown }).family;
    const step: SetupStep = {
      name,
      outcome: 'failed',
      family: family === 'environment' || family === 'wait' ? family : 'contract',
      detail: (error as Error).message,
    };
    record.steps.push(step);
    record.blocked = `the environment is not ready: ${name}: ${step.detail}`;
    return record;
  }
}

async function prepare(calls: SetupCalls, options: SetupOptions, record: SetupRecord): Promise<SetupRecord> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const { steps } = record;
  const stop = (step: SetupStep): SetupRecord => {
    steps.push(step);
    log(`setup: ${step.name}: ${step.detail}`);
    record.blocked = `the environment is not ready: ${step.name}: ${step.detail}`;
    return record;
  };
  const done = (step: SetupStep) => {
    steps.push(step);
    log(`setup: ${step.name}: ${step.detail}`);
  };

  // §4.11: GET answers 200 when registered, 404 BRO-07004 before.
  let owner = await calls.readServiceOwner();
  record.serviceOwnerBefore =
    owner.status === 200 ? 'registered' : owner.status === 404 ? 'absent' : undefined;
  if (owner.status === 404) {
    if (options.writesForbidden) {
      return stop({
        name: 'service owner',
        outcome: 'skipped',
        detail: `not registered, and this run may not register it (${options.writesForbidden})`,
      });
    }
    const registration = await calls.registerServiceOwner(options.serviceOwnerName);
    record.registration = {
      status: registration.status,
      ...(registration.code ? { code: registration.code } : {}),
    };
    if (registration.status !== 200) {
      return stop({
        name: 'service owner',
        outcome: 'failed',
        family: 'contract',
        detail: `GET answered 404 BRO-07004, then registering answered ${answered(registration)}, not 200 (§4.11)`,
      });
    }
    record.serviceOwnerName = options.serviceOwnerName;
    record.changes.push(`registered the service owner as "${options.serviceOwnerName}" (POST /serviceowner)`);
    done({ name: 'service owner', outcome: 'made', detail: 'registered by this run' });
    owner = await calls.readServiceOwner();
  } else if (owner.status === 200) {
    done({ name: 'service owner', outcome: 'found', detail: 'already registered' });
  } else {
    return stop({
      name: 'service owner',
      outcome: 'failed',
      family: owner.status === 401 || owner.status === 403 ? 'environment' : 'contract',
      detail: `GET /serviceowner answered ${answered(owner)}, neither 200 nor 404 BRO-07004 (§4.11)`,
    });
  }

  // §8.1: provisioning is asynchronous; until it is done initialize answers 503 BRO-00021.
  const started = now();
  for (let delay = STORAGE_POLL_FIRST_DELAY_MS; owner.status !== 200 || !storageReady(owner.body);) {
    if (owner.status !== 200) {
      return stop({
        name: 'storage',
        outcome: 'failed',
        family: 'contract',
        detail: `GET /serviceowner answered ${answered(owner)} while waiting for storage (§4.11)`,
      });
    }
    if (now() - started >= options.storageTimeoutMs) {
      return stop({
        name: 'storage',
        outcome: 'failed',
        family: 'wait',
        detail:
          `no ${NEEDED_PROVIDER} storage provider was Ready within ${options.storageTimeoutMs} ms ` +
          `(BROKER_POLL_TIMEOUT_MS); last seen: ${describeStorage(owner.body)} (§8.1)`,
      });
    }
    await sleep(delay);
    delay = Math.min(delay * 2, STORAGE_POLL_MAX_DELAY_MS);
    owner = await calls.readServiceOwner();
  }
  const waited = now() - started;
  done({
    name: 'storage',
    outcome: 'found',
    detail: waited > 0 ? `${NEEDED_PROVIDER} Ready after ${waited} ms` : `${NEEDED_PROVIDER} Ready`,
  });

  // §8.3: a resource never configured in Broker answers 400 BRO-00025; §8.2: the first PUT creates it.
  const resource = await calls.readResource();
  record.resourceBefore =
    resource.status === 200 ? 'configured' : resource.code === 'BRO-00025' ? 'absent' : undefined;
  if (resource.status === 200) {
    done({ name: 'resource', outcome: 'found', detail: `${options.resourceId} is configured in Broker` });
    return record;
  }
  if (resource.status !== 400 || resource.code !== 'BRO-00025') {
    return stop({
      name: 'resource',
      outcome: 'failed',
      family: refusal(resource) ? 'environment' : 'contract',
      detail:
        `GET /resource/${options.resourceId} answered ${answered(resource)}, neither 200 nor 400 ` +
        `BRO-00025 (§4.10: 401 BRO-00006 means SERVICEOWNER does not own the resource)`,
    });
  }
  if (options.writesForbidden) {
    return stop({
      name: 'resource',
      outcome: 'skipped',
      detail: `${options.resourceId} is not configured in Broker, and this run may not configure it (${options.writesForbidden})`,
    });
  }
  const creation = await calls.createResource();
  record.creation = { status: creation.status, ...(creation.code ? { code: creation.code } : {}) };
  if (creation.status !== 200 && creation.status !== 204) {
    return stop({
      name: 'resource',
      outcome: 'failed',
      family: refusal(creation) ? 'environment' : 'contract',
      detail:
        `${options.resourceId} was not configured, and PUT {} answered ${answered(creation)}, not 204 ` +
        `(§4.10, §8.2: 403 BRO-00005 no registry resource, 401 BRO-00006 another owner, 400 BRO-00024 owner not registered)`,
    });
  }
  const after = await calls.readResource();
  if (after.status !== 200) {
    return stop({
      name: 'resource',
      outcome: 'failed',
      family: 'contract',
      detail: `PUT {} answered ${creation.status}, but GET then answered ${answered(after)}, not 200 (§8.2, §8.3)`,
    });
  }
  record.changes.push(
    `configured ${options.resourceId} in Broker with its defaults (PUT /resource/{id} with {})`,
  );
  done({ name: 'resource', outcome: 'made', detail: `${options.resourceId} configured by this run` });
  return record;
}
