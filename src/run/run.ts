/**
 * One conformance run, shared by `npm start` and the self-test: resolve the environment, start the
 * event harness, run the suites of a profile in Jest workers (a child process, so an interrupt can stop
 * it and clean up), then classify the results and write the reports. Cleanup runs on every path.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTokenProvider, type AuthTokenProvider } from '../auth/tokens.js';
import { createBroker } from '../client/broker.js';
import { EnvironmentError } from '../errors.js';
import { onInterrupt } from '../interrupt.js';
import { startEventHarness, type EventHarness } from '../events/global.js';
import { RECEIVER_ENV } from '../events/types.js';
import { describeProfile } from '../profile/describe.js';
import { resolveProfile, type ResolvedProfile } from '../profile/resolve.js';
import { VARIABLES } from '../profile/variables.js';
import { junitXml } from '../report/junit.js';
import { markdownReport } from '../report/markdown.js';
import { caseResults, verdict, type CaseResult, type JestFile, type Verdict } from '../report/results.js';
import {
  readCalls,
  readChanges,
  readObservations,
  SIDE_CHANNEL_DIR,
  type SecurityObservation,
} from '../report/side-channel.js';
import { terminalSummary } from '../report/terminal.js';
import { loadSpec } from '../spec/load.js';
import { ContractValidator } from '../spec/validator.js';
import { brokerSetupCalls } from '../setup/broker-calls.js';
import { prepareEnvironment } from '../setup/prepare.js';
import { SETUP_ENV, type SetupRecord } from '../setup/record.js';
import { writesForbidden } from '../profile/guard.js';
import type { Profile } from '../profile/types.js';
import { RUN_ENV, type RunProfile } from '../suite/run-env.js';
import { planPhases, type Phase } from './phases.js';
import type { SandboxOptions } from '../../sandbox/launcher.js';
import unitConfig from '../../jest.config.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

export const USAGE = `usage: npm start -- [--env-file PATH] [--profile smoke|full|security] [--report-dir DIR]
                 [--only PATTERN] [--max-workers N] [--sandbox-condition NAME|all ...]`;

/**
 * The embedded sandbox's pace for a run: an hour of grace period passes in 3.6 s (CONTRACT.md §5.6),
 * the malware scan lasts 0.3 s of wall time, long enough for suite 06c to probe a transfer in
 * UploadProcessing, and Maskinporten tokens live 5 s, so the security suite's expired token is a
 * genuinely expired one within seconds (the Broker is called with exchanged Altinn tokens, which live
 * 30 minutes).
 */
export const RUN_SANDBOX: SandboxOptions = {
  timeScale: 1000,
  processingDelayMs: 300_000,
  maskinportenTokenLifetimeS: 5,
};

export interface RunOptions {
  profile: RunProfile;
  /** @default 'reports' */
  reportDir?: string;
  envFile?: string;
  /** A regular expression on suite file paths, to run part of a profile. */
  only?: string;
  maxWorkers?: string;
  /** The deployment's variables, instead of the process environment and `.env` (the self-test's faulty sandboxes). */
  variables?: Record<string, string>;
  /** No Jest progress and no terminal summary (the self-test prints its own matrix). */
  quiet?: boolean;
  /** Run settings for the workers that are not deployment facts (e.g. `BROKER_CONTRACT_LARGE_FILE_MB`). */
  workerSettings?: Record<string, string>;
  sandbox?: SandboxOptions;
  /**
   * Stop after the first phase with a failed clause: the self-test's faulty runs, which only need to
   * know that a fault was caught, not every clause that catches it. @default false
   */
  stopAtFailingPhase?: boolean;
}

export interface RunOutcome {
  exitCode: number;
  cases: CaseResult[];
  verdict: Verdict;
  observations: SecurityObservation[];
  reportFiles: string[];
}

/**
 * The suites' Jest configuration: the unit tests' ESM set-up (docs/decisions/0001) over `suites/`. A
 * stalled Broker is bounded by the client's and the poller's own limits, which say what they waited for.
 */
const SUITES_CONFIG = {
  ...unitConfig,
  rootDir: ROOT,
  testMatch: ['<rootDir>/suites/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  setupFilesAfterEnv: ['<rootDir>/suites/support/hooks.ts'],
  testTimeout: 30 * 60 * 1000,
};

/** A suite file name as a path pattern that matches only it. */
const exactly = (file: string) => `/suites/${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;

function jestArgs(options: RunOptions, phase: Phase, outputFile: string): string[] {
  return [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    join(ROOT, 'node_modules/jest/bin/jest.js'),
    '--config',
    JSON.stringify(SUITES_CONFIG),
    '--json',
    '--outputFile',
    outputFile,
    '--maxWorkers',
    phase.exclusive ? '1' : (options.maxWorkers ?? '2'),
    '--silent',
    '--reporters',
    options.quiet ? 'summary' : join(ROOT, 'suites/support/progress.mjs'),
    ...phase.files.flatMap((file) => ['--testPathPatterns', exactly(file)]),
  ];
}

/** What the workers learn of each subscription (suites/04-events checks its handshake). */
const SUBSCRIPTION_KEYS = ['persona', 'id', 'url', 'created'];

/** The workers' environment: the resolved deployment's variables only, so a stray shell variable can't mix in. */
function workerEnv(resolved: ResolvedProfile, extra: Record<string, string>): NodeJS.ProcessEnv {
  const names = new Set<string>(VARIABLES);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !names.has(name)));
  return { ...env, ...resolved.variables, ...extra };
}

/** The shape of `jest --json`. */
interface JestJson {
  testResults: {
    name: string;
    message?: string;
    status?: string;
    assertionResults: JestFile['testResults'];
  }[];
}

function fromJestJson(json: JestJson): JestFile[] {
  return json.testResults.map((file) => ({
    testFilePath: file.name,
    testResults: file.assertionResults,
    // A file can fail with every test passed (a failing afterAll) or with none run (it did not load).
    testExecError:
      file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed')
        ? { message: file.message || 'the suite file failed outside its tests' }
        : null,
  }));
}

function runJest(args: string[], env: NodeJS.ProcessEnv, quiet: boolean): Promise<number> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: quiet ? 'ignore' : 'inherit' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // On an interrupt the Jest child is stopped along with everything else registered.
    const forget = onInterrupt(async () => {
      child.kill('SIGTERM');
      await exited;
    });
    child.on('error', (error) => {
      forget();
      failed(error);
    });
    child.on('exit', (code, signal) => {
      forget();
      done(signal ? 130 : (code ?? 1));
    });
  });
}

/** The setup in the guide's order (src/setup), as SERVICEOWNER, under the production guard. */
async function prepare(
  profile: Profile,
  tokens: AuthTokenProvider,
  validator: ContractValidator,
  log: (line: string) => void,
): Promise<SetupRecord> {
  const broker = createBroker({
    baseUrl: profile.brokerBaseUrl,
    extraHeaders: profile.extraHeaders,
    tokens,
    validator,
  });
  return prepareEnvironment(brokerSetupCalls(broker, profile.resourceId), {
    resourceId: profile.resourceId,
    serviceOwnerName: `broker-contract ${profile.envName}`,
    ...(writesForbidden(profile) === undefined ? {} : { writesForbidden: writesForbidden(profile) }),
    storageTimeoutMs: profile.timing.pollTimeoutMs,
    log,
  });
}

export async function runSuites(options: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const reportDir = resolve(ROOT, options.reportDir ?? 'reports');
  const log = options.quiet ? () => undefined : (line: string) => console.log(line);
  const resolved = await resolveProfile({
    ...(options.variables ? { env: options.variables, envFile: false as const } : {}),
    ...(options.envFile ? { envFile: options.envFile, envFileRequired: true } : {}),
    sandbox: options.sandbox ?? RUN_SANDBOX,
  });
  let harness: EventHarness | undefined;
  // The interrupt handler and the normal end may both stop everything: both wait for the same work.
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      await harness?.stop().catch((error: unknown) => console.error(`event cleanup: ${String(error)}`));
      await resolved.stop();
    })());
  const forget = onInterrupt(stopAll);
  try {
    const { profile } = resolved;
    log(`broker-contract: profile ${options.profile}`);
    for (const line of describeProfile(profile)) log(`  ${line}`);
    await rm(join(reportDir, SIDE_CHANNEL_DIR), { recursive: true, force: true });
    await mkdir(reportDir, { recursive: true });
    const validator = new ContractValidator(await loadSpec(profile.openapi));
    const tokens = createTokenProvider(profile);
    // The guide's order: service owner, storage, resource, then the event subscriptions, then the suites.
    const setup = await prepare(profile, tokens, validator, log);
    harness = await startEventHarness({
      profile,
      tokens,
      validator,
      ledgerPath: join(reportDir, '.subscriptions.json'),
      log,
    });
    const env = workerEnv(resolved, {
      [RUN_ENV.reportDir]: reportDir,
      [RUN_ENV.runId]: randomUUID().slice(0, 8),
      [RUN_ENV.profile]: options.profile,
      [RUN_ENV.sandbox]: profile.sandbox ? '1' : '0',
      [SETUP_ENV]: JSON.stringify(setup),
      ...(harness.receiver ? { [RECEIVER_ENV]: harness.receiver.baseUrl } : {}),
      ...(harness.skipReason ? { [RUN_ENV.eventsSkip]: harness.skipReason } : {}),
      ...options.workerSettings,
      ...(harness.subscriptions
        ? {
            [RUN_ENV.subscriptions]: JSON.stringify(harness.subscriptions.entries, SUBSCRIPTION_KEYS),
            [RUN_ENV.subscriptionRefusals]: JSON.stringify(harness.subscriptions.refused),
          }
        : {}),
    });
    const files: JestFile[] = [];
    const suiteFiles = readdirSync(join(ROOT, 'suites'));
    for (const phase of planPhases(options.profile, suiteFiles, options.only)) {
      const outputFile = join(reportDir, `.jest-results-${phase.name}.json`);
      await rm(outputFile, { force: true });
      const jestExit = await runJest(jestArgs(options, phase, outputFile), env, options.quiet ?? false);
      const phaseFiles = await readFile(outputFile, 'utf8')
        .then((text) => fromJestJson(JSON.parse(text) as JestJson))
        .catch(() => undefined);
      await rm(outputFile, { force: true });
      if (!phaseFiles) {
        throw jestExit === 130
          ? new EnvironmentError(
              'RUN_INTERRUPTED',
              'The run was interrupted before the suites finished.',
              'Nothing is left behind: the subscriptions it made were deleted and the sandbox stopped.',
            )
          : new EnvironmentError(
              'JEST_NO_RESULTS',
              `Jest wrote no results to ${outputFile} (the ${phase.name} phase).`,
              'See its output above: the suites could not be run.',
            );
      }
      files.push(...phaseFiles);
      if (options.stopAtFailingPhase && caseResults(phaseFiles, ROOT).some((c) => c.outcome === 'failed'))
        break;
    }
    const cases = caseResults(files, ROOT);
    const result = verdict(cases);
    const observations = readObservations(reportDir);
    const changes = [...setup.changes, ...readChanges(reportDir)];
    const title = `broker-contract: ${options.profile} on ${profile.envName}`;
    const reportFiles = [
      join(reportDir, 'report.md'),
      join(reportDir, 'junit.xml'),
      join(reportDir, 'results.json'),
    ];
    await writeFile(
      reportFiles[0] ?? '',
      markdownReport({
        title,
        environment: describeProfile(profile),
        cases,
        verdict: result,
        observations,
        changes,
        calls: readCalls(reportDir),
        durationMs: Date.now() - started,
      }),
    );
    await writeFile(reportFiles[1] ?? '', junitXml(cases, title));
    await writeFile(
      reportFiles[2] ?? '',
      `${JSON.stringify({ title, verdict: result, setup: setup.steps, changes, cases, observations }, null, 2)}\n`,
    );
    if (!options.quiet) console.log(terminalSummary(cases, result, observations, reportFiles));
    return { exitCode: result.exitCode, cases, verdict: result, observations, reportFiles };
  } finally {
    forget();
    await stopAll();
  }
}
