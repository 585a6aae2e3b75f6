/**
 * `npm run newman`: runs a Postman collection through newman's Node API against the profile's
 * deployment (ENVIRONMENT.md): the embedded sandbox when `BROKER_BASE_URL` is unset,
 * tokens injected, hosts rewritten, every Broker response validated against the spec, and JUnit, HTML
 * and a markdown summary written to the report directory, each passed through `redact()`.
 */
import type { EventEmitter } from 'node:events';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import newman, { type NewmanRunOptions, type NewmanRunSummary } from 'newman';
import { createTokenProvider, type AuthTokenProvider } from '../auth/tokens.js';
import { NEWMAN_TOKEN_REFRESH_MS, REQUEST_TIMEOUT_MS } from '../defaults.js';
import { resolveProfile, type ResolveProfileOptions } from '../profile/resolve.js';
import type { Profile } from '../profile/types.js';
import { redact } from '../redact.js';
import { onInterrupt } from '../interrupt.js';
import { loadSpec } from '../spec/load.js';
import { ContractValidator } from '../spec/validator.js';
import { attachValidator, type RequestCheck } from './check.js';
import { prepareCollection, type Prepared } from './prepare.js';
import { DEFAULT_COLLECTION, readCollection, readEnvironment, siblingEnvironment } from './source.js';
import { passed, redactFiles, summaryMarkdown, validatorJunit, type RunReport } from './summary.js';

export interface NewmanCommandOptions extends ResolveProfileOptions {
  /** @default 'postman/broker-contract.postman_collection.json' */
  collection?: string;
  /** A Postman environment file. @default the collection's `.postman_environment.json` sibling, when present */
  environment?: string;
  /** Folders or requests to run, by name or id, in this order. @default all */
  folders?: string[];
  /** @default 'reports/newman' */
  reportDir?: string;
  /** newman's per-request timeout. @default REQUEST_TIMEOUT_MS (src/defaults.ts) */
  timeoutRequestMs?: number;
  /** How often token variables are renewed during the run. @default NEWMAN_TOKEN_REFRESH_MS (src/defaults.ts) */
  tokenRefreshMs?: number;
  /** Progress lines, already redacted. @default console.log */
  log?: (line: string) => void;
}

export interface NewmanOutcome {
  exitCode: 0 | 1;
  report: RunReport;
  /** Every report file written, redacted. */
  files: string[];
}

export const REPORT_FILES = {
  junit: 'newman.junit.xml',
  html: 'newman.html',
  validator: 'validator.junit.xml',
  summary: 'summary.md',
} as const;

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export async function runNewman(options: NewmanCommandOptions = {}): Promise<NewmanOutcome> {
  const log = options.log ?? ((line: string) => console.log(line));
  const collectionPath = options.collection ?? DEFAULT_COLLECTION;
  const sibling = siblingEnvironment(collectionPath);
  const environmentPath =
    options.environment ?? (sibling !== undefined && (await exists(sibling)) ? sibling : undefined);
  // The files are read before the sandbox starts: a typo in a path costs no start-up.
  const collection = await readCollection(collectionPath);
  const environment =
    environmentPath === undefined ? { name: 'injected', values: [] } : await readEnvironment(environmentPath);

  const resolved = await resolveProfile(options);
  const unregister = onInterrupt(() => resolved.stop());
  try {
    const { profile } = resolved;
    const tokens = createTokenProvider(profile);
    const prepared = await prepareCollection(collection, environment, profile, tokens, options.folders);
    describePreparation(log, profile, collectionPath, prepared);
    const validator = new ContractValidator(await loadSpec(profile.openapi));
    const reportDir = resolve(options.reportDir ?? join('reports', 'newman'));
    await mkdir(reportDir, { recursive: true });
    const report: RunReport = {
      collection: collection.info?.name ?? collectionPath,
      ...(await execute(prepared, profile, validator, tokens, reportDir, options, log)),
    };
    const files = Object.values(REPORT_FILES).map((name) => join(reportDir, name));
    await writeFile(join(reportDir, REPORT_FILES.summary), summaryMarkdown(report));
    await writeFile(join(reportDir, REPORT_FILES.validator), validatorJunit(report));
    await redactFiles(files);
    log(redact(`${passed(report) ? 'PASSED' : 'FAILED'}: reports in ${reportDir}`));
    return { exitCode: passed(report) ? 0 : 1, report, files };
  } finally {
    unregister();
    await resolved.stop();
  }
}

function describePreparation(log: (line: string) => void, profile: Profile, path: string, p: Prepared): void {
  log(`newman: ${path} against ${profile.envName} (${profile.brokerBaseUrl})`);
  log(`  injected from the profile: ${p.injected.join(', ') || 'nothing'}`);
  for (const r of p.rewrites) log(`  rewrote ${r.from} in ${r.where}`);
  for (const s of p.skipped) log(`  skipped ${s.path} (${s.url}): ${s.reason}`);
}

function onCheck(log: (line: string) => void) {
  return (check: RequestCheck) => {
    const verdict = !check.validated
      ? `(${check.note ?? 'not validated'})`
      : check.violations.length
        ? 'VIOLATES the spec'
        : 'ok';
    log(redact(`  ${check.status ?? '---'} ${check.method} ${check.path} [${check.item}] ${verdict}`));
    for (const v of check.violations) log(redact(`      - [${v.kind}] ${v.message}`));
  };
}

/** Renews token variables in the run's environment scope, which Postman reads before collection variables. */
function keepTokensFresh(run: EventEmitter, prepared: Prepared, tokens: AuthTokenProvider, everyMs: number) {
  let timer: NodeJS.Timeout | undefined;
  run.on(
    'start',
    (_error: unknown, args: { run?: { state?: { environment?: { set(k: string, v: string): void } } } }) => {
      const scope = args.run?.state?.environment;
      if (scope === undefined || prepared.tokenVariables.length === 0) return;
      timer = setInterval(() => {
        for (const { name, persona } of prepared.tokenVariables) {
          tokens.token(persona).then(
            (token) => scope.set(name, token),
            () => undefined, // The next request answers 401 and says so; the old token stays until then.
          );
        }
      }, everyMs);
      timer.unref();
    },
  );
  return () => clearInterval(timer);
}

async function execute(
  prepared: Prepared,
  profile: Profile,
  validator: ContractValidator,
  tokens: AuthTokenProvider,
  reportDir: string,
  options: NewmanCommandOptions,
  log: (line: string) => void,
): Promise<Omit<RunReport, 'collection'>> {
  const runOptions: NewmanRunOptions = {
    collection: prepared.collection as NewmanRunOptions['collection'],
    environment: prepared.environment as NewmanRunOptions['environment'],
    timeoutRequest: options.timeoutRequestMs ?? REQUEST_TIMEOUT_MS,
    reporters: ['junit', 'htmlextra'],
    reporter: {
      junit: { export: join(reportDir, REPORT_FILES.junit) },
      htmlextra: {
        export: join(reportDir, REPORT_FILES.html),
        title: `Broker contract: ${profile.envName}`,
        browserTitle: 'newman: Broker contract',
        timezone: 'UTC',
        skipSensitiveData: true,
        omitHeaders: true,
        skipHeaders: ['Authorization', ...Object.keys(profile.extraHeaders)],
        skipEnvironmentVars: prepared.tokenVariables.map((t) => t.name),
        showEnvironmentData: false,
        logs: false,
      },
    },
  };
  const { error, summary, checks } = await new Promise<{
    error: Error | null;
    summary: NewmanRunSummary;
    checks: RequestCheck[];
  }>((done) => {
    const run = newman.run(runOptions, (err, result) => {
      stopRefresh();
      done({ error: err, summary: result, checks });
    });
    const checks = attachValidator(run, validator, profile.brokerBaseUrl, onCheck(log));
    const stopRefresh = keepTokensFresh(
      run,
      prepared,
      tokens,
      options.tokenRefreshMs ?? NEWMAN_TOKEN_REFRESH_MS,
    );
  });
  const stats = summary?.run.stats;
  return {
    envName: profile.envName,
    baseUrl: profile.brokerBaseUrl,
    requests: { total: stats?.requests.total ?? 0, failed: stats?.requests.failed ?? 0 },
    assertions: { total: stats?.assertions.total ?? 0, failed: stats?.assertions.failed ?? 0 },
    collectionFailures: (summary?.run.failures ?? []).map((f) => ({
      item: f.source?.name ?? '(run)',
      at: f.at,
      message: redact(`${f.error.name}: ${f.error.message}`),
    })),
    checks,
    injected: prepared.injected,
    rewrites: prepared.rewrites,
    skipped: prepared.skipped,
    ...(error === null ? {} : { error: redact(error.message) }),
  };
}
