/**
 * Which deployment the run uses (ENVIRONMENT.md "Broker"): the one `BROKER_BASE_URL` names, or, when it
 * is unset, the embedded sandbox started now and reached through the same variables, with no back door.
 */
import type { RunningSandbox, SandboxOptions } from '../../sandbox/launcher.js';
import { SANDBOX_EVENT_TIMEOUT_MS, SANDBOX_POLL_TIMEOUT_MS } from '../defaults.js';
import { EnvironmentError } from '../errors.js';
import { buildProfile, readVariables, type LoadProfileOptions } from './load.js';
import type { Profile } from './types.js';

export interface ResolveProfileOptions extends LoadProfileOptions {
  /** How to start the sandbox when `BROKER_BASE_URL` is unset. @default {} */
  sandbox?: SandboxOptions;
}

export interface ResolvedProfile {
  profile: Profile;
  /**
   * The variables the profile was built from (the sandbox's, when one was started): what a worker
   * process needs to rebuild the same profile with `buildProfile`. Holds secrets; pass, never print.
   */
  variables: Record<string, string>;
  /** The sandbox started for this run, if one was. */
  sandbox?: RunningSandbox;
  /** Stops the sandbox, if one was started; safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * The user's variables that still apply to the sandbox: how long to wait, which spec to validate against,
 * where the local webhook receiver listens. Everything else describes a deployment (its URLs, clients,
 * keys, scopes granted there), and a `.env` written for tt02 must not leak into a sandbox run.
 */
const RUN_SETTINGS = [
  'BROKER_POLL_TIMEOUT_MS',
  'BROKER_EVENT_TIMEOUT_MS',
  'BROKER_OPENAPI',
  'EVENTS_WEBHOOK_PORT',
];

/**
 * The sandbox publishes and delivers in milliseconds, so its waits default far below ENVIRONMENT.md's
 * (sized for malware scanning on Altinn's environments): a defect shows as a failed wait in seconds.
 */
const SANDBOX_WAITS = {
  BROKER_POLL_TIMEOUT_MS: String(SANDBOX_POLL_TIMEOUT_MS),
  BROKER_EVENT_TIMEOUT_MS: String(SANDBOX_EVENT_TIMEOUT_MS),
};

export async function resolveProfile(options: ResolveProfileOptions = {}): Promise<ResolvedProfile> {
  const vars = await readVariables(options);
  if (vars.BROKER_BASE_URL !== undefined) {
    if ((options.sandbox?.conditions ?? []).length > 0) {
      throw new EnvironmentError(
        'ENV_SANDBOX_CONDITION',
        `A sandbox condition was asked for, but BROKER_BASE_URL is set (${vars.BROKER_BASE_URL}): conditions apply only to the embedded sandbox.`,
        'Unset BROKER_BASE_URL to run against the sandbox, or leave out --sandbox-condition.',
      );
    }
    return { profile: buildProfile(vars), variables: vars, stop: () => Promise.resolve() };
  }
  // Imported only when needed: a run against a real deployment never loads the sandbox's server.
  const { startSandbox } = await import('../../sandbox/launcher.js');
  const sandbox = await startSandbox(options.sandbox);
  try {
    const variables: Record<string, string> = { ...SANDBOX_WAITS, ...sandbox.env };
    for (const name of RUN_SETTINGS) {
      const value = vars[name];
      if (value !== undefined) variables[name] = value;
    }
    return {
      profile: buildProfile(variables, { sandbox: true }),
      variables,
      sandbox,
      stop: () => sandbox.stop(),
    };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}
