/**
 * The order of a conformance run, as the getting-started guide's: the setup (src/setup) first, then the
 * resource settings, whose clauses write the shared resource and so run alone, one file at a time, then
 * everything else in parallel (CONTRACT.md §8.2: a setting changed by one test would change what the
 * transfers running alongside observe).
 */
import type { RunProfile } from '../suite/run-env.js';

export interface Phase {
  name: 'settings' | 'transfers';
  /** Suite file names, e.g. `03a-resource-settings.test.ts`. */
  files: string[];
  /** Settings run one file at a time; transfers use the run's workers. */
  exclusive: boolean;
}

/** Which suite files each profile runs, as prefixes of their names (suites/NN-*.test.ts). */
export const PROFILE_FILES: Record<RunProfile, readonly string[] | 'all'> = {
  smoke: ['00-setup', '01-access', '02-service-owner', '05a-happy-path'],
  full: 'all',
  security: ['00-setup', '01-access', '07'],
};

/** Step 3 of the guide: the files whose clauses write the resource's settings. */
const SETTINGS_PREFIX = '03';

/**
 * Files that report on the setup or need nothing of it (tokens, scopes, the service owner, event
 * subscriptions); every other file is skipped with the setup's reason when the setup could not finish.
 */
export const SETUP_FREE: readonly string[] = ['00-setup', '01-access', '02-service-owner', '04-events'];

export function needsSetup(file: string): boolean {
  const name = file.split('/').pop() ?? file;
  return !SETUP_FREE.some((prefix) => name.startsWith(prefix));
}

/** One of n runners of a sharded run (`--shard i/n`), counted from 1. */
export interface Shard {
  index: number;
  total: number;
}

/** `i/n` with 1 ≤ i ≤ n, or a message that says what is wrong. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || total < 1 || index < 1 || index > total)
    return `--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/3), got '${text}'`;
  return { index, total };
}

/**
 * How much a file weighs when shards are balanced: its clauses in the full profile when this was
 * written (a file not listed weighs 10). Balance only: the union of the shards is the whole run
 * whatever the weights, since each file goes to exactly one shard.
 */
const SHARD_WEIGHTS: Record<string, number> = {
  '00': 4,
  '01': 12,
  '02': 4,
  '03a': 36,
  '03b': 16,
  '04': 2,
  '05a': 14,
  '05b': 9,
  '05c': 19,
  '05d': 18,
  '06a': 9,
  '06b': 23,
  '06c': 12,
  '07a': 60,
  '07b': 84,
  '08': 23,
};

function weight(file: string): number {
  const prefix = /^(\d+[a-z]?)-/.exec(file)?.[1] ?? '';
  return SHARD_WEIGHTS[prefix] ?? 10;
}

/**
 * The files of shard `index` of `total`: the setup's report (00-setup) in shard 1, the others
 * heaviest first to the lightest shard so far (ties to the lower shard), so that every file is in
 * exactly one shard and the assignment depends only on the file names.
 */
export function shardFiles(files: readonly string[], shard: Shard): string[] {
  const loads = Array.from({ length: shard.total }, () => 0);
  const owner = new Map<string, number>();
  const byWeight = [...files].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b));
  for (const file of byWeight) {
    const target = file.startsWith('00-') ? 0 : loads.indexOf(Math.min(...loads));
    owner.set(file, target);
    loads[target] = (loads[target] ?? 0) + weight(file);
  }
  return files.filter((file) => owner.get(file) === shard.index - 1);
}

/**
 * The phases of a run of `profile` over `files` (names in suites/), narrowed by `only` (a regular
 * expression on paths) and to one shard's files.
 */
export function planPhases(
  profile: RunProfile,
  files: readonly string[],
  only?: string,
  shard?: Shard,
): Phase[] {
  const chosen = PROFILE_FILES[profile];
  const pattern = only === undefined ? undefined : new RegExp(only);
  const selected = [...files]
    .filter((file) => file.endsWith('.test.ts'))
    .filter((file) => chosen === 'all' || chosen.some((prefix) => file.startsWith(prefix)))
    .filter((file) => pattern === undefined || pattern.test(`suites/${file}`))
    .sort();
  const mine = shard === undefined ? selected : shardFiles(selected, shard);
  const phases: Phase[] = [
    { name: 'settings', files: mine.filter((f) => f.startsWith(SETTINGS_PREFIX)), exclusive: true },
    { name: 'transfers', files: mine.filter((f) => !f.startsWith(SETTINGS_PREFIX)), exclusive: false },
  ];
  return phases.filter((phase) => phase.files.length > 0);
}

/**
 * How a run may be ordered without changing what it checks (the self-test's runs, src/run/fault-order.ts):
 * the same phases with the same files, only earlier or later.
 */
export interface RunOrder {
  /**
   * The transfers phase first, the settings phase after it. The phases still never overlap, so no
   * transfer sees a setting changed under it (CONTRACT.md §8.2), and the setup has already configured
   * the resource before either (decision 0008). @default false
   */
  settingsLast?: boolean;
  /** Prefixes of suite file names to run first in their phase, in this order; the rest follow by name. */
  first?: readonly string[];
}

/** `phases` in `order`: each file once, in the phase it was planned in. */
export function orderPhases(phases: readonly Phase[], order: RunOrder): Phase[] {
  const first = order.first ?? [];
  const rank = (file: string) => {
    const index = first.findIndex((prefix) => file.startsWith(prefix));
    return index === -1 ? first.length : index;
  };
  const ordered = phases.map((phase) => ({
    ...phase,
    files: [...phase.files].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)),
  }));
  return order.settingsLast
    ? [...ordered.filter((p) => p.name !== 'settings'), ...ordered.filter((p) => p.name === 'settings')]
    : ordered;
}
