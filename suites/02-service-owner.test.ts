/**
 * Step 2 of the getting-started guide: the service owner registers its organisation with the Broker
 * and reads it back (CONTRACT.md §4.11, §8.1). Real environments, and the sandbox, already have the
 * service owner, so a first registration can only be seen on a fresh one; the repeat is always seen.
 * The smoke profile only reads.
 */
import { describe, expect, it } from '@jest/globals';
import { readServiceOwner, registerServiceOwner, type ServiceOwnerOverview } from '../src/suite/admin.js';
import { suiteContext } from '../src/suite/context.js';
import { flow, skip } from '../src/suite/steps.js';
import { expectProblem } from '../src/suite/transfers.js';

const ctx = await suiteContext();
const walk = flow();

const READ_BEFORE = '§4.11 GET answers 200, or 404 BRO-07004 before registration';
const FIRST = '§4.11 a first registration answers 200';
const READ_BACK = '§4.11 GET answers 200 with the name and the storage providers';
const REPEAT = '§8.1 a repeat registration gets 409 BRO-07002';
const NO_NAME = '§4.11 a registration without a name gets 400 validation, without a Broker code';

/** What GET said before this file wrote anything; undefined: not registered. */
let before: ServiceOwnerOverview | undefined;
/** The name this run registered, when it registered. */
let registered: string | undefined;

function requireWritesHere(): void {
  if (ctx.runProfile === 'smoke') skip('read-only in the smoke profile');
  ctx.requireWrites();
}

describe('02 service owner: registration and read-back (§4.11, §8.1)', () => {
  it(
    READ_BEFORE,
    walk.step(READ_BEFORE, async () => {
      before = await readServiceOwner(ctx);
    }),
  );

  it(
    FIRST,
    walk.step(FIRST, async () => {
      if (before) skip('the service owner is already registered in this environment');
      requireWritesHere();
      const name = `broker-contract ${ctx.runId}`;
      const { response } = await registerServiceOwner(ctx, { name });
      expect(response.status).toBe(200);
      registered = name;
    }, [READ_BEFORE]),
  );

  it(
    READ_BACK,
    walk.step(READ_BACK, async () => {
      if (!before && registered === undefined)
        skip('the service owner is not registered, and this run did not register it');
      const owner = await readServiceOwner(ctx);
      if (!owner) throw new Error('GET serviceowner answered 404 BRO-07004 for a registered service owner');
      expect(owner.name).toBe(registered ?? before?.name);
      // §8.1: provisioning is asynchronous: the list may be empty or not Ready yet (deployment, unsure).
      expect(Array.isArray(owner.storageProviders)).toBe(true);
      for (const provider of owner.storageProviders) {
        expect(['AltinnAzure', 'AltinnAzureWithoutVirusScan']).toContain(provider.type);
        expect(['NotStarted', 'DeployingResources', 'Ready']).toContain(provider.deploymentStatus);
        expect(typeof provider.deploymentEnvironment).toBe('string');
      }
    }, [READ_BEFORE]),
  );

  it(
    REPEAT,
    walk.step(REPEAT, async () => {
      const name = registered ?? before?.name;
      if (name === undefined) skip('the service owner is not registered, and this run did not register it');
      requireWritesHere();
      // The name already stored, so an implementation that wrongly accepts the repeat changes nothing.
      expectProblem(await registerServiceOwner(ctx, { name }), 409, 'BRO-07002');
    }, [READ_BEFORE]),
  );

  it(
    NO_NAME,
    walk.step(NO_NAME, async () => {
      requireWritesHere();
      // §2.2: model validation answers before the handler, so this holds registered or not.
      const result = await registerServiceOwner(ctx, {} as { name: string });
      expectProblem(result, 400, undefined);
      expect((result.error as { code?: unknown } | undefined)?.code).toBeUndefined();
    }, []),
  );
});
