/**
 * Where a faulty run of the self-test starts, by its fault's category (sandbox/faults.ts): the phase
 * and the suite files whose clauses check what that category breaks, so that the first failed clause,
 * at which the run stops (src/run/stop-marker.mjs), comes seconds in. Only the order: what a run checks
 * is the same (`orderPhases`, src/run/phases.ts), so a fault the first files miss is still caught by
 * whichever later clause checks it, only later; and the settings phase still never runs beside the
 * transfers (CONTRACT.md §8.2).
 *
 * Chosen from every fault's failed clauses in each file, with each file run whole (49 faults, the
 * self-test's sandbox): the settings phase comes first where a fault of the category is caught by no
 * other file (schema: GET resource's durations, 03a and 03b only; lifecycle: the purge after confirm,
 * 03b; validation: the time-to-live limit, 03a; configuration: all of them), since it takes seconds
 * and a missed fault would cost the whole transfers phase.
 */
import type { FaultCategory } from '../../sandbox/faults.js';
import type { RunOrder } from './phases.js';

// prettier-ignore
export const FAULT_ORDER: Record<FaultCategory, RunOrder> = {
  // 03b's first transfer fails on every body the Broker shapes wrongly; 03a alone reads GET resource.
  schema: { first: ['03b', '03a', '06b', '05b'] },
  // 07a's parties matrix sees the wrong status of five faults at once; 06c the status gates.
  status: { settingsLast: true, first: ['07a', '06c'] },
  // 03b walks a transfer to its purge; 05b confirms with two recipients; 06b confirms too early.
  lifecycle: { first: ['03b', '05b', '06b', '05a'] },
  // The happy path expects every event of a transfer (05b sees no fault it misses); 04 checks the
  // subscription handshake, 06a the events of a failed upload.
  events: { settingsLast: true, first: ['05a', '04', '06a'] },
  // 07b waits for its expired tokens (seconds on this sandbox), so the quick matrices go first.
  authorization: { settingsLast: true, first: ['07a', '06b', '07b'] },
  integrity: { settingsLast: true, first: ['05d', '06a', '05c'] },
  search: { settingsLast: true, first: ['08'] },
  validation: { first: ['03a', '06b'] },
  configuration: { first: ['03b', '03a'] },
};
