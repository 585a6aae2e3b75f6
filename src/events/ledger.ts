/**
 * The ledger of subscriptions this suite created (ENVIRONMENT.md "Events": the suite removes what it
 * created), kept in a file so that a run killed before its cleanup is swept by the next one. It holds
 * ids, the events API URL and the persona: never a token.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PersonaName } from '../profile/types.js';
import type { TokenProvider } from '../auth/types.js';
import { EVENTS_REQUEST_TIMEOUT_MS } from '../defaults.js';
import { deleteSubscription } from './events-api.js';

/** @default relative to the working directory, next to the run's reports. */
export const DEFAULT_LEDGER_PATH = 'reports/.subscriptions.json';

export interface LedgerEntry {
  apiUrl: string;
  persona: PersonaName;
  /** Undefined while the create request is in flight: a run killed then leaves an entry without id. */
  id?: string;
  endPoint: string;
  /** ISO time the entry was written. */
  at: string;
  pid: number;
}

const sameEntry = (a: LedgerEntry, b: LedgerEntry): boolean =>
  a.apiUrl === b.apiUrl && a.persona === b.persona && a.id === b.id && a.pid === b.pid && a.at === b.at;

/** Writes are chained, so concurrent updates from one process never lose each other. */
let chain: Promise<unknown> = Promise.resolve();

export async function readLedger(path: string): Promise<LedgerEntry[]> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { entries?: unknown };
    return Array.isArray(parsed.entries) ? (parsed.entries as LedgerEntry[]) : [];
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  }
}

/** Applies `change` to the ledger's entries and writes the result atomically (write, then rename). */
export function updateLedger(path: string, change: (entries: LedgerEntry[]) => LedgerEntry[]): Promise<void> {
  const next = chain.then(async () => {
    const entries = change(await readLedger(path));
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify({ entries }, null, 2)}\n`);
    await rename(temporary, path);
  });
  chain = next.catch(() => undefined);
  return next;
}

export const addEntry = (path: string, entry: LedgerEntry): Promise<void> =>
  updateLedger(path, (entries) => [...entries, entry]);

export const replaceEntry = (path: string, old: LedgerEntry, entry: LedgerEntry | null): Promise<void> =>
  updateLedger(path, (entries) => {
    const kept = entries.filter((candidate) => !sameEntry(candidate, old));
    return entry ? [...kept, entry] : kept;
  });

export interface SweepOptions {
  path?: string;
  /** Only entries of this events API are swept; others belong to another environment's runs. */
  apiUrl: string;
  tokens: TokenProvider;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface SweepResult {
  deleted: LedgerEntry[];
  /** Entries that could not be deleted this time; they stay in the ledger. */
  kept: LedgerEntry[];
}

/** Deletes what a killed run left behind; an id already gone counts as deleted. Never throws. */
export async function sweepLedger(options: SweepOptions): Promise<SweepResult> {
  const path = options.path ?? DEFAULT_LEDGER_PATH;
  const log = options.log ?? (() => undefined);
  const api = {
    apiUrl: options.apiUrl,
    fetch: options.fetch ?? fetch,
    timeoutMs: EVENTS_REQUEST_TIMEOUT_MS,
  };
  const result: SweepResult = { deleted: [], kept: [] };
  let mine: LedgerEntry[];
  try {
    mine = (await readLedger(path)).filter((entry) => entry.apiUrl === options.apiUrl);
  } catch (error) {
    log(`events: the subscription ledger ${path} is unreadable (${(error as Error).message}); nothing swept`);
    return result;
  }
  for (const entry of mine) {
    if (entry.id === undefined) {
      log(
        `events: a run (pid ${entry.pid}) was stopped while ${entry.persona} subscribed ${entry.endPoint} at ${entry.at}; ` +
          `a subscription may exist without an id on record: check ${entry.apiUrl} by hand`,
      );
      result.deleted.push(entry);
      continue;
    }
    try {
      const outcome = await deleteSubscription(
        api,
        entry.persona,
        await options.tokens.token(entry.persona),
        entry.id,
      );
      log(`events: swept subscription ${entry.id} of ${entry.persona} left by run ${entry.pid} (${outcome})`);
      result.deleted.push(entry);
    } catch (error) {
      log(
        `events: could not sweep subscription ${entry.id} of ${entry.persona}: ${(error as Error).message}`,
      );
      result.kept.push(entry);
    }
  }
  if (result.deleted.length > 0) {
    await updateLedger(path, (entries) =>
      entries.filter((e) => !result.deleted.some((d) => sameEntry(d, e))),
    );
  }
  return result;
}
