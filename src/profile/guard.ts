/**
 * The production guard (ENVIRONMENT.md "Broker"): on `prod`/`production` nothing is written unless
 * `BROKER_ALLOW_WRITES=true`. One sentence for every step it stops, setup and suites alike.
 */
import type { Profile } from './types.js';

/** Why writes are forbidden in this profile, or undefined when they are allowed. */
export function writesForbidden(profile: Pick<Profile, 'writesAllowed' | 'envName'>): string | undefined {
  if (profile.writesAllowed) return undefined;
  return `the production guard is on (BROKER_ENV_NAME=${profile.envName}); set BROKER_ALLOW_WRITES=true to write`;
}
