import { ORDER_ENV } from '../run/file-order.mjs';
import { GATE_ENV, GATE_OWNER_ENV } from '../run/phase-gate.mjs';
import { RELEASE_ENV } from '../run/phase-release.mjs';
import { STOP_ENV } from '../run/stop-marker.mjs';

/** The variables the runner (src/run/run.ts) sets for its Jest workers, besides the deployment's own. */
export const RUN_ENV = {
  reportDir: 'BROKER_CONTRACT_REPORT_DIR',
  runId: 'BROKER_CONTRACT_RUN_ID',
  profile: 'BROKER_CONTRACT_PROFILE',
  sandbox: 'BROKER_CONTRACT_SANDBOX',
  eventsSkip: 'BROKER_CONTRACT_EVENTS_SKIP',
  /** JSON `[{persona, id, url, created}]`: the run's event subscriptions, for the handshake checks. */
  subscriptions: 'BROKER_CONTRACT_SUBSCRIPTIONS',
  /** JSON `[{persona, reason}]`: subscriptions the events service refused (src/events/subscriptions.ts). */
  subscriptionRefusals: 'BROKER_CONTRACT_SUBSCRIPTION_REFUSALS',
  /**
   * A file holding the spec the runner loaded, as JSON: every worker judges by the same document, and
   * none parses, checks and (for a URL) fetches it again (seconds per suite file).
   */
  spec: 'BROKER_CONTRACT_SPEC',
  /**
   * The stop marker's file in a run that stops at its first failed clause (src/run/stop-marker.mjs);
   * unset, every clause runs.
   */
  stopFile: STOP_ENV,
  /** A phase's suite file names in the order to run them (src/run/file-order.mjs); unset, Jest's order. */
  fileOrder: ORDER_ENV,
  /** A file whose existence lets a phase started early run its files (src/run/phase-gate.mjs). */
  gate: GATE_ENV,
  /** The runner's pid: a phase waiting at its gate ends once the runner is gone (src/run/phase-gate.mjs). */
  gateOwner: GATE_OWNER_ENV,
  /**
   * A directory where each of a phase's files is marked once it has ended or put back every setting it
   * wrote: the next phase starts when all are (src/run/phase-release.mjs).
   */
  release: RELEASE_ENV,
} as const;

export type RunProfile = 'smoke' | 'full' | 'security';
