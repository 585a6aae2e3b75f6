/**
 * The sandbox as one Fastify app on one loopback origin: Maskinporten (`/maskinporten`), Altinn
 * Authentication (`/authentication`), Altinn Events (`/events/api/v1`) and the Broker
 * (`/broker/api/v1`), sharing one token authority, one clock and one fault switch.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { GenerateKeyPairResult } from 'jose';
import type { ContractValidator } from '../src/spec/validator.js';
import { exchangeRoutes } from './auth/exchange.js';
import { maskinportenRoutes } from './auth/maskinporten.js';
import { TokenAuthority } from './auth/tokens.js';
import { Broker } from './broker/broker.js';
import { createContext } from './broker/context.js';
import { brokerPlugin } from './broker/plugin.js';
import { orgOf } from './broker/model.js';
import { configureResource, registerServiceOwner } from './broker/routes-admin.js';
import { Clock } from './clock.js';
import type { SandboxConfig } from './config.js';
import { EventsService } from './events/service.js';
import type { EventsFaultHooks } from './events/types.js';
import { FaultSet } from './faults.js';
import { registryRoutes } from './registry.js';

export interface SandboxServer {
  app: FastifyInstance;
  broker: Broker;
  events: EventsService;
  authority: TokenAuthority;
  clock: Clock;
  close(): Promise<void>;
}

function eventFaults(faults: FaultSet, partiesOf: (transferId: string) => string[]): EventsFaultHooks {
  return {
    skipValidation: faults.on('no-validation-handshake'),
    ignoreSubjectFilter: faults.on('event-to-every-subscriber'),
    ...(faults.on('duplicate-event-new-id') ? { transform: (e) => [e, { ...e, id: randomUUID() }] } : {}),
    // The subject rule kept among the parties, but a subscriber party to none of the transfer is let through.
    ...(faults.on('events-to-outsider')
      ? { alsoDeliver: (e, org) => !partiesOf(e.resourceinstance).includes(org) }
      : {}),
  };
}

/** The organisations (9 digits) party to a transfer: its sender and recipients. */
function partiesOf(broker: Broker, transferId: string): string[] {
  const transfer = broker.transfers.get(transferId);
  return transfer ? [orgOf(transfer.sender), ...transfer.recipients.map(orgOf)] : [];
}

export interface BuildOptions {
  /** The token authority's RS256 key pair. @default a fresh one */
  signingKey?: GenerateKeyPairResult;
}

export async function buildServer(
  config: SandboxConfig,
  validator: ContractValidator,
  options: BuildOptions = {},
): Promise<SandboxServer> {
  const faults = new FaultSet(config.fault);
  const clock = new Clock(config.timeScale);
  const authority = await TokenAuthority.create(
    config.origin,
    options.signingKey ? { signingKey: options.signingKey } : {},
  );
  const events = new EventsService({
    config,
    // `broker` is read only when an event is published, after it is made below.
    faults: eventFaults(faults, (id) => partiesOf(broker, id)),
    authenticate: async (header) => {
      const verified = await authority.verify(header);
      return verified.ok ? { org: verified.caller.org, scopes: verified.caller.scopes } : null;
    },
  });
  const broker = new Broker({ config, clock, faults, publish: (event) => events.publish(event) });
  for (const { org, name } of config.seed.serviceOwners) registerServiceOwner(broker, org, name, true);
  for (const id of config.seed.resources) {
    const owner = config.registry.find((r) => r.id === id)?.owner;
    if (!owner) throw new Error(`seed resource ${id} is not in the registry`);
    configureResource(broker, id, owner);
  }

  const app = Fastify({ logger: false, bodyLimit: 1_048_576, forceCloseConnections: true });
  maskinportenRoutes(app, { config, authority });
  exchangeRoutes(app, {
    authority,
    ...(config.exchangedTokenExpiry ? { expiry: config.exchangedTokenExpiry } : {}),
  });
  events.routes(app);
  registryRoutes(app, config);
  await app.register(brokerPlugin, createContext(broker, authority, validator));
  app.get('/health', async () => 'Healthy');

  return {
    app,
    broker,
    events,
    authority,
    clock,
    async close() {
      clock.close();
      await events.close();
      await app.close();
    },
  };
}
