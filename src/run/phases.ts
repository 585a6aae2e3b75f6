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

/** The phases of a run of `profile` over `files` (names in suites/), narrowed by `only` (a regular expression on paths). */
export function planPhases(profile: RunProfile, files: readonly string[], only?: string): Phase[] {
  const chosen = PROFILE_FILES[profile];
  const pattern = only === undefined ? undefined : new RegExp(only);
  const selected = [...files]
    .filter((file) => file.endsWith('.test.ts'))
    .filter((file) => chosen === 'all' || chosen.some((prefix) => file.startsWith(prefix)))
    .filter((file) => pattern === undefined || pattern.test(`suites/${file}`))
    .sort();
  const phases: Phase[] = [
    { name: 'settings', files: selected.filter((f) => f.startsWith(SETTINGS_PREFIX)), exclusive: true },
    { name: 'transfers', files: selected.filter((f) => !f.startsWith(SETTINGS_PREFIX)), exclusive: false },
  ];
  return phases.filter((phase) => phase.files.length > 0);
}
