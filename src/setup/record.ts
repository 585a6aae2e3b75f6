/**
 * What the run's setup (prepare.ts) found and did, handed to the Jest workers as JSON: suite 02 reports
 * the first registration from it, every suite that needs a ready environment is skipped with
 * `blocked` as the reason when a step could not be done, and the report lists `changes`.
 */

export interface SetupStep {
  name: 'service owner' | 'storage' | 'resource';
  /** found: already as needed; made: this run changed the environment; skipped: it may not (writes forbidden). */
  outcome: 'found' | 'made' | 'skipped' | 'failed';
  /** A failed step's family (STYLE.md): the Broker broke the contract, the environment refused us, a wait ran out. */
  family?: 'contract' | 'environment' | 'wait';
  detail: string;
}

export interface SetupRecord {
  steps: SetupStep[];
  /** What GET /serviceowner said first (§4.11); undefined when it said neither 200 nor 404. */
  serviceOwnerBefore?: 'registered' | 'absent';
  /** The name this run registered the service owner under, when it registered. */
  serviceOwnerName?: string;
  /** This run's POST /serviceowner, when it registered. */
  registration?: { status: number; code?: string };
  /** What GET /resource said first (§8.3); undefined when it was not reached or said something else. */
  resourceBefore?: 'configured' | 'absent';
  /** This run's creating PUT /resource, when it configured the resource. */
  creation?: { status: number; code?: string };
  /** What this run changed in the environment, a sentence each. */
  changes: string[];
  /** Set when the environment is not ready for transfers: why, for the skip reasons. */
  blocked?: string;
}

/** The worker variable that carries the record (set by src/run/run.ts). */
export const SETUP_ENV = 'BROKER_CONTRACT_SETUP';

export function setupFromEnvironment(env: NodeJS.ProcessEnv = process.env): SetupRecord | undefined {
  const text = env[SETUP_ENV];
  return text ? (JSON.parse(text) as SetupRecord) : undefined;
}
