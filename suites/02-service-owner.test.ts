/**
 * Step 2 of the getting-started guide: the service owner registers its organisation with the Broker
 * and reads it back (CONTRACT.md §4.11, §8.1). The run's setup registered it when it was not (suite 00
 * reports that first registration); here it is read back, and a repeat is refused. The smoke profile
 * only reads.
 */
import { describe, expect } from '@jest/globals';
import { readServiceOwner, registerServiceOwner, type ServiceOwnerOverview } from '../src/suite/admin.js';
import { suiteContext } from '../src/suite/context.js';
import { flow, skip } from '../src/suite/steps.js';
import { expectProblem } from '../src/suite/transfers.js';

const ctx = await suiteContext();
const walk = flow();

const READ = '§4.11 GET answers 200 once registered, or 404 BRO-07004 before';

/** What GET said; undefined: not registered (the setup could not register it). */
let owner: ServiceOwnerOverview | undefined;

function requireWritesHere(): void {
  if (ctx.runProfile === 'smoke') skip('read-only in the smoke profile');
  ctx.requireWrites();
}

function registered(): ServiceOwnerOverview {
  if (!owner) skip('the service owner is not registered, and this run could not register it');
  return owner;
}

describe('02 service owner: registration and read-back (§4.11, §8.1)', () => {
  walk.it(READ, async () => {
    owner = await readServiceOwner(ctx);
  });

  walk.it(
    '§4.11 GET answers 200 with the name and the storage providers',
    () => {
      const { name, storageProviders } = registered();
      if (ctx.setup?.serviceOwnerName !== undefined) expect(name).toBe(ctx.setup.serviceOwnerName);
      else expect(typeof name).toBe('string');
      // §8.1: provisioning is asynchronous: the list may be empty or not Ready yet (deployment, unsure).
      expect(Array.isArray(storageProviders)).toBe(true);
      for (const provider of storageProviders) {
        expect(['AltinnAzure', 'AltinnAzureWithoutVirusScan']).toContain(provider.type);
        expect(['NotStarted', 'DeployingResources', 'Ready']).toContain(provider.deploymentStatus);
        expect(typeof provider.deploymentEnvironment).toBe('string');
      }
    },
    [READ],
  );

  walk.it(
    '§8.1 a repeat registration gets 409 BRO-07002',
    async () => {
      const { name } = registered();
      requireWritesHere();
      // The name already stored, so an implementation that wrongly accepts the repeat changes nothing.
      expectProblem(await registerServiceOwner(ctx, { name }), 409, 'BRO-07002');
    },
    [READ],
  );

  walk.it(
    '§4.11 a registration without a name gets 400 validation, without a Broker code',
    async () => {
      requireWritesHere();
      // §2.2: model validation answers before the handler, so this holds registered or not.
      const result = await registerServiceOwner(ctx, {} as { name: string });
      expectProblem(result, 400, undefined);
      expect((result.error as { code?: unknown } | undefined)?.code).toBeUndefined();
    },
    [],
  );
});
