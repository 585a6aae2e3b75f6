/**
 * What the sandbox is seeded with: the personas and their Maskinporten clients, the Resource
 * Registry, and the knobs that make it fast to test (time scale, processing delay). One value,
 * built by the launcher, read by every part.
 */
import type { JWK } from 'jose';

/** ENVIRONMENT.md's personas; RECIPIENT2 is the optional second recipient organisation. */
export type PersonaName = 'SERVICEOWNER' | 'SENDER' | 'RECIPIENT' | 'RECIPIENT2' | 'OUTSIDER';

export interface ClientRegistration {
  clientId: string;
  /** The organisation (9 digits) the client acts for. */
  org: string;
  /** Public keys the client signs its assertions with, each with a `kid`. */
  jwks: JWK[];
  /** Scopes this client may be granted. */
  allowedScopes: string[];
  /** Orgs whose system user this client may act as (authorization_details). */
  systemUserOrgs?: string[];
}

export interface RegistryResource {
  id: string;
  /** The owner as `0192:NNNNNNNNN` (CONTRACT.md §3.7). */
  owner: string;
  /** The owner's org code, as the registry's `hasCompetentAuthority.orgcode` (§3.7: `ttd` is special). */
  orgcode?: string;
  /** `Enabled` turns on the access-list check of recipients (§3.7). */
  accessListMode?: 'Enabled' | 'Disabled';
  /** Orgs (9 digits) and what they may do on the resource (the PDP's answers, §3.5). */
  access: { org: string; read: boolean; write: boolean; subscribe?: boolean }[];
  /** Orgs on the resource's access list (only read when accessListMode is Enabled). */
  accessList?: string[];
}

export interface SandboxConfig {
  /** Origin the sandbox is reached at, e.g. `http://127.0.0.1:40123` (set by the launcher). */
  origin: string;
  clients: ClientRegistration[];
  registry: RegistryResource[];
  /** Real milliseconds per sandbox millisecond is 1 / timeScale: 3600 makes an hour pass in a second. @default 1 */
  timeScale: number;
  /** Simulated malware scan, in sandbox milliseconds, between upload and Published. @default 200 */
  processingDelayMs: number;
  /** Where uploads are stored; created by the launcher and deleted on stop. */
  dataDir: string;
  /** Event delivery retries (count and first backoff in real ms). @default {attempts: 5, backoffMs: 50} */
  delivery: { attempts: number; backoffMs: number };
  /**
   * State present at start: service owners already registered (storage ready) and resources already
   * configured in Broker, as on a long-lived test environment. Empty: the suite registers them.
   */
  seed: { serviceOwners: { org: string; name: string }[]; resources: string[] };
  /** Reported as `deploymentEnvironment` of storage providers. @default 'sandbox' */
  environmentName: string;
  /** The active fault, if any (SANDBOX_FAULT). */
  fault?: string;
  /**
   * Lifetime of Maskinporten access tokens, in wall-clock seconds. Maskinporten lets each client have
   * its own lifetime; a short one lets a run obtain a genuinely expired token quickly. @default 120
   */
  maskinportenTokenLifetimeS?: number;
  /**
   * Wall-clock ms from POST /serviceowner until its storage providers are Ready (§8.1): wall time, so a
   * fresh environment's provisioning is not sped up with the clock. @default processingDelayMs / timeScale
   */
  provisioningWallMs?: number;
  /**
   * The `exp` of an exchanged Altinn token: `altinn`, 30 minutes from the exchange; `maskinporten`, the
   * `exp` of the Maskinporten token it came from, as Altinn's exchange does. @default 'altinn'
   */
  exchangedTokenExpiry?: 'altinn' | 'maskinporten';
}
