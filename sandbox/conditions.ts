/**
 * Conditions: the ways Altinn's deployed Broker environments differ from the sandbox's fast defaults,
 * each switchable on its own (`npm run sandbox -- --condition NAME`, `startSandbox({ conditions })`), and
 * their resolution into the concrete settings the launcher builds the sandbox from. A condition stands
 * for a fact of the deployments, so it wins over the knobs that only make the sandbox fast.
 */
import type { PersonaName } from './config.js';

export type SandboxCondition = 'fresh' | 'real-tokens' | 'strict-access-list' | 'slow-scan';

// prettier-ignore
const DESCRIPTIONS: Record<SandboxCondition, string> = {
  fresh: 'no service owner and no configured resource at start; storage provisioning after POST /serviceowner takes 3 s of wall time (503 BRO-00021 meanwhile, §8.1)',
  'real-tokens': 'Maskinporten tokens live 120 s of wall time, and an exchanged Altinn token expires when its Maskinporten token does',
  'strict-access-list': 'the service owner\'s organisation is not on the resource\'s access list: it cannot be a recipient (400 BRO-00028, §3.7)',
  'slow-scan': 'time runs at wall speed (grace PT2H, TTL 30 days), publication comes 3 s after an upload, and the resource keeps Altinn\'s defaults',
};

export const SANDBOX_CONDITIONS: readonly { name: SandboxCondition; description: string }[] = (
  Object.keys(DESCRIPTIONS) as SandboxCondition[]
).map((name) => ({ name, description: DESCRIPTIONS[name] }));

/** `fresh`: wall-clock ms from POST /serviceowner until its storage providers are Ready. */
export const FRESH_PROVISIONING_MS = 3000;
/** `real-tokens`: Maskinporten's default access-token lifetime, in wall-clock seconds. */
export const REAL_MASKINPORTEN_LIFETIME_S = 120;
/** `slow-scan`: wall-clock ms from a completed upload to Published (the malware scan). */
export const SLOW_SCAN_MS = 3000;

/**
 * Who is on the resource's access list (§3.7). As on Altinn's environments the list is on; OUTSIDER
 * is on no list, and `strict-access-list` leaves the service owner off, as a real resource's list may.
 */
const ACCESS_LIST: readonly PersonaName[] = ['SERVICEOWNER', 'SENDER', 'RECIPIENT', 'RECIPIENT2'];

/** The knobs of `SandboxOptions` a condition may decide. */
export interface SandboxKnobs {
  timeScale?: number;
  processingDelayMs?: number;
  seed?: 'ready' | 'empty';
  maskinportenTokenLifetimeS?: number;
  provisioningDelayMs?: number;
}

export interface SandboxSettings {
  /** The active conditions, each once, in catalogue order. */
  conditions: readonly SandboxCondition[];
  timeScale: number;
  /** Sandbox ms from a completed upload to Published. */
  processingDelayMs: number;
  /** Wall-clock ms from POST /serviceowner to Ready storage. */
  provisioningWallMs: number;
  seed: 'ready' | 'empty';
  maskinportenTokenLifetimeS: number;
  /** `maskinporten`: an exchanged token's `exp` is its Maskinporten token's; `altinn`: 30 minutes from the exchange. */
  exchangedTokenExpiry: 'altinn' | 'maskinporten';
  accessList: readonly PersonaName[];
  /** Options given that a condition overrode, one sentence each (the CLI prints them). */
  overridden: string[];
}

const DEFAULTS = { timeScale: 1, processingDelayMs: 200, seed: 'ready', maskinportenTokenLifetimeS: 120 };

export class UnknownConditionError extends Error {
  constructor(readonly condition: string) {
    super(
      `unknown condition '${condition}'; the conditions are ${SANDBOX_CONDITIONS.map((c) => c.name).join(', ')} and all`,
    );
    this.name = 'UnknownConditionError';
  }
}

/** `--condition` values: each may be a comma list, and `all` means every condition. */
export function parseConditions(values: readonly string[]): SandboxCondition[] {
  const names = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  const found = new Set<SandboxCondition>();
  for (const name of names) {
    if (name === '') continue;
    if (name === 'all') SANDBOX_CONDITIONS.forEach((c) => found.add(c.name));
    else if (name in DESCRIPTIONS) found.add(name as SandboxCondition);
    else throw new UnknownConditionError(name);
  }
  return SANDBOX_CONDITIONS.map((c) => c.name).filter((name) => found.has(name));
}

/** The settings `conditions` give on top of `knobs` (a pure function; unknown names throw). */
export function resolveConditions(
  conditions: readonly SandboxCondition[],
  knobs: SandboxKnobs = {},
): SandboxSettings {
  const active = parseConditions(conditions);
  const on = (name: SandboxCondition) => active.includes(name);
  const overridden: string[] = [];
  /** A condition's value wins; a knob given to something else is reported. */
  const decide = <T>(
    condition: SandboxCondition,
    option: keyof SandboxKnobs,
    given: T | undefined,
    value: T,
  ) => {
    if (given !== undefined && given !== value)
      overridden.push(`${condition} sets ${option} to ${String(value)} (${String(given)} was given)`);
    return value;
  };

  const timeScale = on('slow-scan')
    ? decide('slow-scan', 'timeScale', knobs.timeScale, 1)
    : (knobs.timeScale ?? DEFAULTS.timeScale);
  const processingDelayMs = on('slow-scan')
    ? // timeScale is 1 here, so these sandbox ms are wall ms.
      decide('slow-scan', 'processingDelayMs', knobs.processingDelayMs, SLOW_SCAN_MS)
    : (knobs.processingDelayMs ?? DEFAULTS.processingDelayMs);
  const seed = on('fresh')
    ? decide('fresh', 'seed', knobs.seed, 'empty' as const)
    : (knobs.seed ?? (DEFAULTS.seed as 'ready'));
  // An explicit provisioning delay is kept under `fresh`: it is how tests shorten the 3 s.
  const provisioningWallMs =
    knobs.provisioningDelayMs ?? (on('fresh') ? FRESH_PROVISIONING_MS : processingDelayMs / timeScale);
  const maskinportenTokenLifetimeS = on('real-tokens')
    ? decide(
        'real-tokens',
        'maskinportenTokenLifetimeS',
        knobs.maskinportenTokenLifetimeS,
        REAL_MASKINPORTEN_LIFETIME_S,
      )
    : (knobs.maskinportenTokenLifetimeS ?? DEFAULTS.maskinportenTokenLifetimeS);

  return {
    conditions: active,
    timeScale,
    processingDelayMs,
    provisioningWallMs,
    seed,
    maskinportenTokenLifetimeS,
    exchangedTokenExpiry: on('real-tokens') ? 'maskinporten' : 'altinn',
    accessList: on('strict-access-list') ? ACCESS_LIST.filter((p) => p !== 'SERVICEOWNER') : ACCESS_LIST,
    overridden,
  };
}
