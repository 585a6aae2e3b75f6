/**
 * One conformance run, shared by `npm start` and the self-test: resolve the environment, start the
 * event harness, run the suites of a profile in Jest workers (a child process, so an interrupt can stop
 * it and clean up), then classify the results and write the reports. Cleanup runs on every path.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createTokenProvider, type AuthTokenProvider } from '../auth/tokens.js';
import { createBroker } from '../client/broker.js';
import type { LoggedCall } from '../client/request-log.js';
import { notAnswering, sharedCircuit } from '../client/circuit.js';
import {
  readWorkerSettings,
  RUN_SANDBOX,
  WORKER_ENV,
  workerSettingsEnv,
  type WorkerSettings,
  DEFAULT_MAX_WORKERS,
  SANDBOX_MAX_WORKERS,
} from '../defaults.js';
import { EnvironmentError } from '../errors.js';
import { onInterrupt } from '../interrupt.js';
import { trace, traced } from '../trace.js';
import { startEventHarness, type EventHarness } from '../events/global.js';
import { describeProfile } from '../profile/describe.js';
import { resolveProfile } from '../profile/resolve.js';
import { computeCoverage } from '../report/coverage.js';
import {
  evidenceCalls,
  operationsByClause,
  RESULTS_FORMAT,
  type ResultsFile,
} from '../report/results-file.js';
import { transferTimelines } from '../report/timeline.js';
import { writeReports } from '../report/write.js';
import { caseResults, verdict, type CaseResult, type JestFile, type Verdict } from '../report/results.js';
import {
  readCalls,
  readChanges,
  readObservations,
  readUnanswered,
  SIDE_CHANNEL_DIR,
  type SecurityObservation,
} from '../report/side-channel.js';
import { terminalSummary } from '../report/terminal.js';
import { loadSpec, type LoadedSpec } from '../spec/load.js';
import { writeLoadedSpec } from '../spec/shared.js';
import { ContractValidator } from '../spec/validator.js';
import { brokerSetupCalls } from '../setup/broker-calls.js';
import { prepareEnvironment } from '../setup/prepare.js';
import { SETUP_ENV, type SetupRecord } from '../setup/record.js';
import { writesForbidden } from '../profile/guard.js';
import type { Profile } from '../profile/types.js';
import { RUN_ENV, type RunProfile } from '../suite/run-env.js';
import { ROOT, startJest, workerEnv } from './jest.js';
import { openGate } from './phase-gate.mjs';
import { watchRelease } from './phase-release.mjs';
import { orderPhases, planPhases, type Phase, type RunOrder, type Shard } from './phases.js';
import type { SandboxOptions } from '../../sandbox/launcher.js';

export interface RunOptions {
  profile: RunProfile;
  /** Relative to the current directory. @default 'reports' */
  reportDir?: string;
  envFile?: string;
  /** A regular expression on suite file paths, to run part of a profile. */
  only?: string;
  /** A regular expression on clause names (Jest's test name pattern); clauses it leaves out are not in the results. */
  grep?: string;
  /** One shard of the profile's files (src/run/phases.ts); `broker-contract merge` joins the shards' results. */
  shard?: Shard;
  /**
   * Jest workers of a parallel phase. @default DEFAULT_MAX_WORKERS, SANDBOX_MAX_WORKERS on the embedded
   * sandbox (src/defaults.ts)
   */
  maxWorkers?: string;
  /** The deployment's variables, instead of the process environment and `.env` (the self-test's faulty sandboxes). */
  variables?: Record<string, string>;
  /** No Jest progress and no terminal summary (the self-test prints its own matrix). */
  quiet?: boolean;
  /** Run settings for the workers that are not deployment facts, over the environment's (src/defaults.ts). */
  workerSettings?: Partial<Omit<WorkerSettings, 'receiverUrl'>>;
  sandbox?: SandboxOptions;
  /**
   * Stop at the first failed clause: no file starts after it, the clauses left of the files running
   * are skipped with its name, and no later phase runs (src/run/stop-marker.mjs; a skip does not stop
   * the run). For the self-test's faulty runs, which only need to know that a fault was caught, not
   * every clause that catches it. @default false
   */
  stopAtFirstFailure?: boolean;
  /** Which phase and files run first (src/run/phases.ts); what runs is the same. @default Jest's order */
  order?: RunOrder;
  /** How long each new event subscription's validation handshake is awaited. @default HANDSHAKE_WAIT_MS */
  handshakeWithinMs?: number;
}

export interface RunOutcome {
  exitCode: number;
  cases: CaseResult[];
  verdict: Verdict;
  observations: SecurityObservation[];
  reportFiles: string[];
}

/** What the workers learn of each subscription (suites/04-events checks its handshake). */
const SUBSCRIPTION_KEYS = ['persona', 'id', 'url', 'created'];

/** The setup in the guide's order (src/setup), as SERVICEOWNER, under the production guard. */
async function prepare(
  profile: Profile,
  tokens: AuthTokenProvider,
  validator: ContractValidator,
  reportDir: string,
  log: (line: string) => void,
): Promise<SetupRecord & { calls: readonly LoggedCall[] }> {
  const broker = createBroker({
    baseUrl: profile.brokerBaseUrl,
    extraHeaders: profile.extraHeaders,
    tokens,
    validator,
    circuit: sharedCircuit(reportDir, (first) => {
      throw new EnvironmentError('BROKER_NOT_ANSWERING', notAnswering(profile.brokerBaseUrl, first));
    }),
  });
  const record = await prepareEnvironment(brokerSetupCalls(broker, profile.resourceId), {
    resourceId: profile.resourceId,
    serviceOwnerName: `broker-contract ${profile.envName}`,
    ...(writesForbidden(profile) === undefined ? {} : { writesForbidden: writesForbidden(profile) }),
    storageTimeoutMs: profile.timing.pollTimeoutMs,
    log,
  });
  // The setup's calls count for the coverage; the workers learn the record only.
  return { ...record, calls: broker.log.all() };
}

export async function runSuites(options: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  // The process's start (node, tsx, the CLI's imports) until here: the benchmark's start-up.
  trace({ kind: 'startup', start: Math.round(performance.timeOrigin), end: started });
  const reportDir = resolve(options.reportDir ?? 'reports');
  const log = options.quiet ? () => undefined : (line: string) => console.log(line);
  const resolved = await traced('sandbox', () =>
    resolveProfile({
      ...(options.variables ? { env: options.variables, envFile: false as const } : {}),
      ...(options.envFile ? { envFile: options.envFile, envFileRequired: true } : {}),
      sandbox: options.sandbox ?? RUN_SANDBOX,
    }),
  );
  let harness: EventHarness | undefined;
  // The interrupt handler and the normal end may both stop everything: both wait for the same work.
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= traced('cleanup', async () => {
      await harness?.stop().catch((error: unknown) => console.error(`event cleanup: ${String(error)}`));
      await resolved.stop();
    }));
  const forget = onInterrupt(stopAll);
  try {
    const { profile } = resolved;
    // Checked before any request; the receiver is this run's own, whatever the shell says.
    const settings = {
      ...readWorkerSettings(
        { ...process.env, [WORKER_ENV.receiver]: undefined },
        { sandbox: profile.sandbox },
      ),
      ...options.workerSettings,
    };
    log(`broker-contract: profile ${options.profile}`);
    for (const line of describeProfile(profile)) log(`  ${line}`);
    await rm(join(reportDir, SIDE_CHANNEL_DIR), { recursive: true, force: true });
    await mkdir(reportDir, { recursive: true });
    await mkdir(join(reportDir, SIDE_CHANNEL_DIR), { recursive: true });
    const specFile = join(reportDir, SIDE_CHANNEL_DIR, 'spec.json');
    // Cleared with the side channel at the start: a marker is this run's.
    const stopFile = join(reportDir, SIDE_CHANNEL_DIR, 'stop');
    // What the workers know from the start; the setup and the events harness add theirs at the gate.
    const env = workerEnv(resolved, {
      [RUN_ENV.reportDir]: reportDir,
      [RUN_ENV.runId]: randomUUID().slice(0, 8),
      [RUN_ENV.profile]: options.profile,
      [RUN_ENV.spec]: specFile,
      [RUN_ENV.sandbox]: profile.sandbox ? '1' : '0',
      ...(options.stopAtFirstFailure ? { [RUN_ENV.stopFile]: stopFile } : {}),
      ...workerSettingsEnv(settings),
    });
    const suiteFiles = readdirSync(join(ROOT, 'suites'));
    const planned = planPhases(options.profile, suiteFiles, options.only, options.shard);
    const phases = options.order ? orderPhases(planned, options.order) : planned;
    // Every phase's Jest starts early, behind a gate (src/run/phase-gate.mjs): the first while the
    // runner loads the spec, sets up and subscribes, each later one while the phase before it runs.
    // Its start-up overlaps that work; its workers and files still start only once the gate opens.
    const start = (phase: Phase, index: number) => {
      const gate = join(reportDir, SIDE_CHANNEL_DIR, `gate-${index}`);
      const release = join(reportDir, SIDE_CHANNEL_DIR, `released-${index}`);
      const jest = startJest(
        {
          files: phase.files,
          workers: phase.exclusive
            ? '1'
            : (options.maxWorkers ?? String(profile.sandbox ? SANDBOX_MAX_WORKERS : DEFAULT_MAX_WORKERS)),
          ...(options.grep === undefined ? {} : { testNamePattern: options.grep }),
          quiet: options.quiet ?? false,
          outputFile: join(reportDir, `.jest-results-${phase.name}.json`),
        },
        {
          ...env,
          // A phase that runs alone goes in the order planned (by name: 03a's settings, then 03b's
          // effects, whose purges are awaited after it releases the phase).
          ...(options.order || phase.exclusive ? { [RUN_ENV.fileOrder]: phase.files.join(',') } : {}),
          [RUN_ENV.gate]: gate,
          [RUN_ENV.gateOwner]: String(process.pid),
          [RUN_ENV.release]: release,
        },
        `the ${phase.name} phase`,
      );
      const handle = { jest, gate, release, openedAt: 0, settled: false };
      void jest.results.finally(() => (handle.settled = true)).catch(() => undefined);
      return handle;
    };
    type Started = ReturnType<typeof start>;
    let current: Started | undefined = phases[0] && start(phases[0], 0);
    let next: Started | undefined;
    const opened: Started[] = [];
    // Each phase's files, in the order of the phases, once its Jest has ended.
    const ended: Promise<JestFile[]>[] = [];
    const files: JestFile[] = [];
    let spec: LoadedSpec;
    let setup: Awaited<ReturnType<typeof prepare>>;
    try {
      spec = await traced('spec', () => loadSpec(profile.openapi));
      const validator = new ContractValidator(spec);
      await writeLoadedSpec(specFile, spec);
      const tokens = createTokenProvider(profile);
      // The guide's order: service owner, storage, resource, then the event subscriptions, then the suites.
      setup = await traced('setup', () => prepare(profile, tokens, validator, reportDir, log));
      const events = await traced('events-setup', () =>
        startEventHarness({
          profile,
          tokens,
          validator,
          ledgerPath: join(reportDir, '.subscriptions.json'),
          log,
          ...(options.handshakeWithinMs === undefined
            ? {}
            : { handshakeWithinMs: options.handshakeWithinMs }),
        }),
      );
      harness = events;
      const learnt: Record<string, string> = {
        [SETUP_ENV]: JSON.stringify({ ...setup, calls: undefined }),
        ...(events.receiver ? { [WORKER_ENV.receiver]: events.receiver.baseUrl } : {}),
        ...(events.skipReason ? { [RUN_ENV.eventsSkip]: events.skipReason } : {}),
        ...(events.subscriptions
          ? {
              [RUN_ENV.subscriptions]: JSON.stringify(events.subscriptions.entries, SUBSCRIPTION_KEYS),
              [RUN_ENV.subscriptionRefusals]: JSON.stringify(events.subscriptions.refused),
            }
          : {}),
      };
      for (const [index, phase] of phases.entries()) {
        if (!current) break;
        const running = current;
        running.openedAt = Date.now();
        openGate(running.gate, learnt);
        opened.push(running);
        next = phases[index + 1] && start(phases[index + 1] as Phase, index + 1);
        const done = running.jest.results.then((phaseFiles) => {
          // From the gate's opening: before it, the phase's Jest only started up beside other work.
          trace({ kind: 'jest', start: running.openedAt, end: Date.now(), label: phase.name });
          return phaseFiles;
        });
        ended.push(done);
        // The next phase starts once each of this one's files has ended or released it: put back every
        // setting it wrote, to write none again (src/run/phase-release.mjs); the last phase just ends.
        const watch = next ? watchRelease(running.release, phase.files) : undefined;
        const phaseFiles = await Promise.race([done, ...(watch ? [watch.released] : [])]).finally(() =>
          watch?.stop(),
        );
        // The marker, or a failure it cannot see: a file that did not load.
        if (
          options.stopAtFirstFailure &&
          (existsSync(stopFile) ||
            (phaseFiles !== undefined && caseResults(phaseFiles, ROOT).some((c) => c.outcome === 'failed')))
        )
          break;
        current = next;
        next = undefined;
      }
      for (const phaseFiles of ended) files.push(...(await phaseFiles));
    } finally {
      // A phase started but not run (a failed setup, a stop at the first failure) and, after an error, a
      // phase still running end here.
      const unsettled = new Set([...opened, current, next].filter((p) => p !== undefined && !p.settled));
      await Promise.all([...unsettled].map((p) => p?.jest.cancel()));
    }
    const calls = readCalls(reportDir);
    const operations = operationsByClause(calls);
    const cases = caseResults(files, ROOT).map((c) => ({
      ...c,
      operations: operations.get(c.fullName) ?? [],
    }));
    const result = verdict(cases);
    const observations = readObservations(reportDir);
    const events = harness.receiver?.store.events() ?? [];
    const failed = cases.filter((c) => c.outcome === 'failed').map((c) => c.fullName);
    const results: ResultsFile = {
      format: RESULTS_FORMAT,
      title: `broker-contract: ${options.profile}${options.shard ? ` (shard ${options.shard.index}/${options.shard.total})` : ''} on ${profile.envName}`,
      profile: options.profile,
      environment: describeProfile(profile),
      ...(options.shard ? { shard: options.shard } : {}),
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      verdict: result,
      setup: setup.steps,
      changes: [...setup.changes, ...readChanges(reportDir)],
      cases,
      observations,
      coverage: computeCoverage(
        spec.document,
        [...setup.calls, ...calls],
        events.map((e) => e.type ?? ''),
      ),
      timelines: transferTimelines(calls, events, { prefer: failed }),
      calls: evidenceCalls(cases, calls),
    };
    const reportFiles = await traced('reports', () => writeReports(reportDir, results, calls));
    const unanswered = readUnanswered(reportDir);
    if (unanswered !== undefined && !options.quiet)
      console.log(`\n${notAnswering(profile.brokerBaseUrl, unanswered)}; what remained was skipped.`);
    if (!options.quiet) console.log(terminalSummary(cases, result, observations, reportFiles));
    return { exitCode: result.exitCode, cases, verdict: result, observations, reportFiles };
  } finally {
    forget();
    await stopAll();
  }
}
