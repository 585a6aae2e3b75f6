/**
 * What every suite file starts from, made once per Jest worker: the profile the runner resolved (read
 * back from the variables it exported, never from a file again), tokens, hostile tokens, the
 * self-validating client, the event expectations, and where reports go. Suites hold no plumbing.
 */
import { passGate } from '../run/phase-gate.mjs';
import { traced } from '../trace.js';
import { expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createHostileTokens, type HostileTokens } from '../auth/hostile.js';
import { createTokenProvider, type AuthTokenProvider } from '../auth/tokens.js';
import { createBroker, type Broker } from '../client/broker.js';
import { notAnswering, sharedCircuit } from '../client/circuit.js';
import { readWorkerSettings } from '../defaults.js';
import { connectEvents, type EventExpectations } from '../events/expect.js';
import { writesForbidden } from '../profile/guard.js';
import { buildProfile } from '../profile/load.js';
import { personaOf } from '../profile/persona.js';
import type { PersonaName, Profile } from '../profile/types.js';
import { VARIABLES } from '../profile/variables.js';
import { recordObservation } from '../report/side-channel.js';
import type { Observe } from '../spec/internal-names.js';
import { readLoadedSpec } from '../spec/shared.js';
import { ContractValidator } from '../spec/validator.js';
import { setupFromEnvironment, type SetupRecord } from '../setup/record.js';
import { RUN_ENV, type RunProfile } from './run-env.js';
import { skip } from './steps.js';

export { RUN_ENV, type RunProfile } from './run-env.js';

export interface SuiteContext {
  profile: Profile;
  runProfile: RunProfile;
  validator: ContractValidator;
  tokens: AuthTokenProvider;
  hostile: HostileTokens;
  broker: Broker;
  reportDir: string;
  runId: string;
  /** The event expectations, or why event checks are skipped in this environment. */
  events(): EventExpectations;
  /** Org numbers by persona. */
  org(persona: PersonaName): string;
  /** `0192:<org>`, the form the Broker stores for a party given that way (§3.4). */
  party(persona: PersonaName): string;
  /** `urn:altinn:organization:identifier-no:<org>`, an event's subject (§6.2). */
  subject(persona: PersonaName): string;
  /** A unique sender reference for a transfer of this run, so parallel tests never share one. */
  reference(label: string): string;
  /** What the run's setup found and did (src/setup); undefined when the suites run without the runner. */
  setup?: SetupRecord;
  /** Ends the test as skipped when the production guard forbids writes. */
  requireWrites(): void;
  /**
   * How long to watch for an event that must not come, or a second copy of one that came: a run
   * setting (`BROKER_CONTRACT_QUIET_MS`; defaults in src/defaults.ts, short on the embedded sandbox,
   * which delivers in milliseconds).
   */
  quietMs: number;
  /** Suite 05d's large file in MiB: a run setting (`BROKER_CONTRACT_LARGE_FILE_MB`, src/defaults.ts). */
  largeFileMb: number;
}

let made: Promise<SuiteContext> | undefined;

/** The key under which the suites' test environment hands each file its worker's cache. */
const WORKER_CACHE = Symbol.for('broker-contract:worker-cache');

/**
 * What the files of one Jest worker share (suites/support/environment.mjs): Jest gives every file its
 * own module registry, so without it each file compiled its own Ajv validators again (about a fifth
 * of a worker's time on the sandbox). Undefined outside the suites' environment.
 */
function workerCache(): Map<string, unknown> | undefined {
  return (globalThis as Record<symbol, Map<string, unknown> | undefined>)[WORKER_CACHE];
}

/**
 * The validator an earlier file of this worker made for the same spec file. It is pure: it reads the
 * document and its own compiled schemas only, returns plain violations and throws nothing, so a file
 * may use what another file's registry made.
 */
function workerValidator(specFile: string | undefined): ContractValidator | undefined {
  return specFile === undefined ? undefined : (workerCache()?.get(specFile) as ContractValidator | undefined);
}

function variablesFromEnvironment(): Record<string, string | undefined> {
  const names = new Set<string>(VARIABLES);
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => names.has(name)));
}

async function make(): Promise<SuiteContext> {
  const profile = buildProfile(variablesFromEnvironment(), { sandbox: process.env[RUN_ENV.sandbox] === '1' });
  // The runner's spec when there is one (the suites run through npm start); loaded here otherwise.
  const shared = process.env[RUN_ENV.spec];
  const validator =
    workerValidator(shared) ??
    new ContractValidator(
      shared
        ? await readLoadedSpec(shared)
        : await (await import('../spec/load.js')).loadSpec(profile.openapi),
    );
  if (shared) workerCache()?.set(shared, validator);
  const tokens = createTokenProvider(profile);
  const runId = process.env[RUN_ENV.runId] ?? randomUUID().slice(0, 8);
  const settings = readWorkerSettings(process.env, { sandbox: profile.sandbox });
  const receiver = settings.receiverUrl;
  const eventsSkip = process.env[RUN_ENV.eventsSkip] ?? profile.eventsSkipReason;
  let events: EventExpectations | undefined;
  const org = (persona: PersonaName) => personaOf(profile, persona).org;
  const setup = setupFromEnvironment();
  const reportDir = process.env[RUN_ENV.reportDir] ?? 'reports';
  // Security observations the client and the event checks make on their own (an internal-looking
  // member, src/spec/internal-names.ts), filed under the test that made the call.
  const observe: Observe = (observation) =>
    recordObservation(reportDir, { test: expect.getState().currentTestName ?? 'set-up', ...observation });
  return {
    profile,
    runProfile: (process.env[RUN_ENV.profile] ?? 'full') as RunProfile,
    validator,
    tokens,
    hostile: createHostileTokens(tokens, profile),
    broker: createBroker({
      baseUrl: profile.brokerBaseUrl,
      extraHeaders: profile.extraHeaders,
      tokens,
      validator,
      testName: () => expect.getState().currentTestName,
      observe,
      // Once one call anywhere in the run got no answer, every clause still to call the Broker is skipped.
      circuit: sharedCircuit(reportDir, (first) => skip(notAnswering(profile.brokerBaseUrl, first))),
    }),
    reportDir,
    ...(setup === undefined ? {} : { setup }),
    runId,
    events() {
      if (!receiver)
        skip(eventsSkip ?? 'the event receiver is not running (run the suites through npm start)');
      events ??= connectEvents(receiver, { defaultWithinMs: profile.timing.eventTimeoutMs, observe });
      return events;
    },
    org,
    party: (persona) => `0192:${org(persona)}`,
    subject: (persona) => `urn:altinn:organization:identifier-no:${org(persona)}`,
    reference: (label) => `broker-contract:${runId}:${label}:${randomUUID().slice(0, 8)}`,
    quietMs: settings.quietMs,
    largeFileMb: settings.largeFileMb,
    requireWrites() {
      const forbidden = writesForbidden(profile);
      if (forbidden !== undefined) skip(forbidden);
    },
  };
}

export function suiteContext(): Promise<SuiteContext> {
  // A phase started early (src/run/phase-gate.mjs): the file has loaded; no clause and no call before
  // the runner opens the gate, and what the runner learnt meanwhile comes with it.
  made ??= passGate(process.env).then(() => traced('startup', make, { label: 'suite context' }));
  return made;
}
