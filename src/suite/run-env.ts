/** The variables the runner (src/run/run.ts) sets for its Jest workers, besides the deployment's own. */
/** Set by the runner (src/cli/run.ts) for its workers. */
export const RUN_ENV = {
  reportDir: 'BROKER_CONTRACT_REPORT_DIR',
  runId: 'BROKER_CONTRACT_RUN_ID',
  profile: 'BROKER_CONTRACT_PROFILE',
  sandbox: 'BROKER_CONTRACT_SANDBOX',
  eventsSkip: 'BROKER_CONTRACT_EVENTS_SKIP',
} as const;

export type RunProfile = 'smoke' | 'full' | 'security';
