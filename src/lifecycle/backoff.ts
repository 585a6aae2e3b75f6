/**
 * How fast the poller reads again (STYLE.md "Policies are values"): quickly at first, because the
 * sandbox and a scan-free upload publish within milliseconds, then ever less often, because malware
 * scanning on Altinn's environments takes minutes (ENVIRONMENT.md "Timing", CONTRACT.md §5.3). The
 * numbers are in src/defaults.ts.
 */
import { POLL_BACKOFF_FACTOR, POLL_FIRST_DELAY_MS, POLL_MAX_DELAY_MS } from '../defaults.js';

export interface BackoffPolicy {
  /** Pause after the first read. @default POLL_FIRST_DELAY_MS */
  initialDelayMs: number;
  /** Each pause is the previous one times this. @default POLL_BACKOFF_FACTOR */
  factor: number;
  /** No pause is longer. @default POLL_MAX_DELAY_MS */
  maxDelayMs: number;
  /**
   * Each pause is moved at random by up to this fraction either way (0.2: ±20 %), so that parallel
   * polls spread out; off by default so that runs are repeatable. @default 0
   */
  jitter: number;
  /** The source of randomness for jitter, in [0, 1). @default Math.random */
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialDelayMs: POLL_FIRST_DELAY_MS,
  factor: POLL_BACKOFF_FACTOR,
  maxDelayMs: POLL_MAX_DELAY_MS,
  jitter: 0,
  random: Math.random,
};

/** The pause after read number `attempt` (0 = the first), in whole milliseconds. */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  const grown = Math.min(policy.initialDelayMs * policy.factor ** attempt, policy.maxDelayMs);
  const spread = policy.jitter === 0 ? 1 : 1 - policy.jitter + 2 * policy.jitter * policy.random();
  return Math.round(Math.min(grown * spread, policy.maxDelayMs));
}
