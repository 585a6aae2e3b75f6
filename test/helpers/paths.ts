/** Where the shared fixtures live: `../shared` from the project root, read at test time, never copied. */
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const PUBLISHED_SPEC = `${SHARED}upstream/altinn-broker-v1.published.json`;
