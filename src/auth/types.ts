/** What the client and the event subscriber need from authentication. */
import type { PersonaName } from '../profile/types.js';

export interface TokenProvider {
  /** A bearer token for the persona with its profile scopes, cached until 30 s before expiry. */
  token(persona: PersonaName): Promise<string>;
}
