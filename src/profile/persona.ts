/**
 * A persona of the profile by name. The four required personas are always there; an optional one
 * (RECIPIENT2) only when its `P_ORG` is set, so asking for it otherwise is a configuration matter.
 */
import { EnvironmentError } from '../errors.js';
import type { PersonaName, PersonaProfile, Profile } from './types.js';

export function personaOf(profile: Pick<Profile, 'personas'>, name: PersonaName): PersonaProfile {
  const persona = profile.personas[name];
  if (persona !== undefined) return persona;
  throw new EnvironmentError(
    'ENV_PERSONA_ABSENT',
    `${name} is not configured in this environment (${name}_ORG is unset).`,
    `Set the ${name}_* variables of ENVIRONMENT.md to run the checks that need it.`,
  );
}

/** Whether the optional persona is configured. */
export function hasPersona(profile: Pick<Profile, 'personas'>, name: PersonaName): boolean {
  return profile.personas[name] !== undefined;
}
