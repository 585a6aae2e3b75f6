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
} as const;

export type RunProfile = 'smoke' | 'full' | 'security';
