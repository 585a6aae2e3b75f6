/**
 * Starts the sandbox: persona keys generated now (none is ever committed), a free loopback port, a
 * temporary data directory, the conditions asked for (sandbox/conditions.ts), and the ENVIRONMENT.md
 * variables that reach it. `stop()` closes the server and deletes the data directory.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { SANDBOX_DIR_PREFIX, SANDBOX_OWNER_FILE } from './sweep.js';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type GenerateKeyPairResult, type JWK } from 'jose';
import { loadSpec } from '../src/spec/load.js';
import { ContractValidator } from '../src/spec/validator.js';
import { resolveConditions, type SandboxCondition, type SandboxSettings } from './conditions.js';
import type { ClientRegistration, PersonaName, SandboxConfig } from './config.js';
import { buildServer, type SandboxServer } from './server.js';

export { SANDBOX_CONDITIONS, type SandboxCondition, type SandboxSettings } from './conditions.js';

export interface SandboxOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default 1; `slow-scan` sets 1 */
  timeScale?: number;
  /** Upload to Published (the simulated malware scan). @default 200 sandbox ms; `slow-scan` sets 3000 */
  processingDelayMs?: number;
  fault?: string;
  /**
   * `ready`: service owner registered and resource configured at start; `empty`: the suite does it.
   * @default 'ready'; `fresh` sets 'empty'
   */
  seed?: 'ready' | 'empty';
  delivery?: { attempts: number; backoffMs: number };
  /** Maskinporten access-token lifetime in seconds. @default 120; `real-tokens` sets 120 */
  maskinportenTokenLifetimeS?: number;
  /**
   * How deployed environments differ from the sandbox's fast defaults (sandbox/conditions.ts); they
   * combine, and each wins over the options above it sets. @default [] (none)
   */
  conditions?: readonly SandboxCondition[];
  /**
   * Wall-clock ms from POST /serviceowner until its storage is Ready; kept under `fresh` (so tests can
   * shorten its 3 s). @default 3000 under `fresh`, otherwise processingDelayMs of sandbox time
   */
  provisioningDelayMs?: number;
}

export interface RunningSandbox extends SandboxServer {
  origin: string;
  config: SandboxConfig;
  /** What the conditions and options resolved to (active conditions, overridden options). */
  settings: SandboxSettings;
  /** The ENVIRONMENT.md variables, private keys included (test keys made for this run). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export const SANDBOX_RESOURCE = 'broker-contract-sandbox';

/** Organisation numbers of the personas: the service owner is Digdir's, as for `ttd` resources (§3.7). */
export const PERSONA_ORGS: Record<PersonaName, string> = {
  SERVICEOWNER: '991825827',
  SENDER: '314000001',
  RECIPIENT: '315000002',
  RECIPIENT2: '317000004',
  OUTSIDER: '316000003',
};

const SCOPES: Record<PersonaName, string[]> = {
  SERVICEOWNER: [
    'altinn:serviceowner',
    'altinn:broker.write',
    'altinn:broker.read',
    'altinn:events.subscribe',
  ],
  SENDER: ['altinn:broker.write', 'altinn:broker.read', 'altinn:events.subscribe'],
  RECIPIENT: ['altinn:broker.write', 'altinn:broker.read', 'altinn:events.subscribe'],
  RECIPIENT2: ['altinn:broker.write', 'altinn:broker.read', 'altinn:events.subscribe'],
  OUTSIDER: ['altinn:broker.write', 'altinn:broker.read', 'altinn:events.subscribe'],
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no free loopback port');
  return address.port;
}

async function persona(name: PersonaName): Promise<{ client: ClientRegistration; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `sandbox-${name.toLowerCase()}-${Date.now().toString(36)}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
  const org = PERSONA_ORGS[name];
  return {
    client: {
      clientId: `sandbox-${name.toLowerCase()}`,
      org,
      jwks: [publicJwk],
      allowedScopes: SCOPES[name],
      systemUserOrgs: [org],
    },
    privateJwk,
  };
}

/**
 * What every sandbox of one process can share: the spec's validator and the keys, made once at the
 * first start (RSA key generation and the spec load are most of a start's time). Keys still live
 * only in memory, for this process.
 */
const NAMES: PersonaName[] = ['SERVICEOWNER', 'SENDER', 'RECIPIENT', 'RECIPIENT2', 'OUTSIDER'];
let shared:
  | Promise<{
      validator: ContractValidator;
      personas: Awaited<ReturnType<typeof persona>>[];
      signingKey: GenerateKeyPairResult;
    }>
  | undefined;
function sharedParts() {
  shared ??= Promise.all([
    loadSpec().then((spec) => new ContractValidator(spec)),
    Promise.all(NAMES.map(persona)),
    generateKeyPair('RS256', { extractable: true }),
  ]).then(([validator, personas, signingKey]) => ({ validator, personas, signingKey }));
  return shared;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const names = NAMES;
  // Before any port or directory: an unknown condition throws here.
  const settings = resolveConditions(options.conditions ?? [], options);
  const [{ validator, personas, signingKey }, port, dataDir] = await Promise.all([
    sharedParts(),
    options.port ? Promise.resolve(options.port) : freePort(),
    mkdtemp(join(tmpdir(), SANDBOX_DIR_PREFIX)),
  ]);
  // Who owns the directory, so that `broker-contract cleanup` can remove it once that process is gone.
  await writeFile(join(dataDir, SANDBOX_OWNER_FILE), String(process.pid));
  const origin = `http://127.0.0.1:${port}`;
  const ready = settings.seed === 'ready';
  const config: SandboxConfig = {
    origin,
    clients: personas.map((p) => p.client),
    registry: [
      {
        id: SANDBOX_RESOURCE,
        owner: `0192:${PERSONA_ORGS.SERVICEOWNER}`,
        orgcode: 'digdir',
        // The PDP's answers (§3.5). OUTSIDER may only subscribe: Altinn Events asks the PDP for
        // `subscribe` on the resource when a subscription is made, then authorizes each delivery on the
        // event's subject (altinn-events SubscriptionXacmlMapper, OutboundService), so its subscription
        // exists and must stay empty (ENVIRONMENT.md "Events").
        access: [
          ...(['SERVICEOWNER', 'SENDER', 'RECIPIENT', 'RECIPIENT2'] as const).map((p) => ({
            org: PERSONA_ORGS[p],
            read: true,
            write: true,
            subscribe: true,
          })),
          { org: PERSONA_ORGS.OUTSIDER, read: false, write: false, subscribe: true },
        ],
        // On, as on Altinn's environments (§3.7, §4.1 row 7).
        accessListMode: 'Enabled',
        accessList: settings.accessList.map((p) => PERSONA_ORGS[p]),
      },
    ],
    timeScale: settings.timeScale,
    processingDelayMs: settings.processingDelayMs,
    dataDir,
    delivery: options.delivery ?? { attempts: 5, backoffMs: 50 },
    seed: ready
      ? {
          serviceOwners: [{ org: PERSONA_ORGS.SERVICEOWNER, name: 'Digdir (sandbox)' }],
          resources: [SANDBOX_RESOURCE],
        }
      : { serviceOwners: [], resources: [] },
    environmentName: 'sandbox',
    ...(options.fault ? { fault: options.fault } : {}),
    maskinportenTokenLifetimeS: settings.maskinportenTokenLifetimeS,
    provisioningWallMs: settings.provisioningWallMs,
    exchangedTokenExpiry: settings.exchangedTokenExpiry,
  };
  let server: SandboxServer;
  try {
    server = await buildServer(config, validator, { signingKey });
    await server.app.listen({ port, host: '127.0.0.1' });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const env: Record<string, string> = {
    BROKER_BASE_URL: origin,
    BROKER_ENV_NAME: 'sandbox',
    BROKER_RESOURCE_ID: SANDBOX_RESOURCE,
    AUTH_MODE: 'maskinporten',
    MASKINPORTEN_TOKEN_URL: `${origin}/maskinporten/token`,
    MASKINPORTEN_AUDIENCE: `${origin}/`,
    ALTINN_EXCHANGE_URL: `${origin}/authentication/api/v1/exchange/maskinporten`,
    EVENTS_API_URL: `${origin}/events/api/v1`,
  };
  personas.forEach((p, i) => {
    const name = names[i] ?? 'OUTSIDER';
    env[`${name}_ORG`] = p.client.org;
    env[`${name}_CLIENT_ID`] = p.client.clientId;
    env[`${name}_KID`] = String(p.privateJwk.kid);
    env[`${name}_JWK`] = JSON.stringify(p.privateJwk);
  });
  let stopping: Promise<void> | undefined;
  return {
    ...server,
    origin,
    config,
    settings,
    env,
    stop() {
      // A second call (an interrupt during a normal stop, say) waits for the same stop to finish.
      stopping ??= (async () => {
        await server.close();
        await rm(dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
