/**
 * Every wait, timeout, pause and run setting the suite has a default for, in one place (STYLE.md
 * "Policies are values, defaults are written down"), each with why it is that value; and the run
 * settings the runner (src/run/run.ts) hands its Jest workers, with the one function that reads them.
 * A module that needs one of these values imports it from here; none keeps its own copy.
 */
import type { SandboxOptions } from '../sandbox/launcher.js';
import { EnvironmentError } from './errors.js';
import { VariableReader, type Variables } from './profile/variables.js';

// ── Deployment waits (ENVIRONMENT.md "Timing"; overridden by its variables) ─────────────────────

/**
 * Longest wait for one lifecycle transition (`BROKER_POLL_TIMEOUT_MS`): malware scanning on Altinn's
 * environments can take minutes (ENVIRONMENT.md "Timing", CONTRACT.md §5.3). @default 600000
 */
export const DEFAULT_POLL_TIMEOUT_MS = 600_000;

/**
 * Longest wait for one event after the transition it reports (`BROKER_EVENT_TIMEOUT_MS`): ENVIRONMENT.md's
 * default, since events are background jobs whose failures are retried (CONTRACT.md §6.3). @default 300000
 */
export const DEFAULT_EVENT_TIMEOUT_MS = 300_000;

/**
 * `BROKER_POLL_TIMEOUT_MS` on the embedded sandbox unless the user sets it: the sandbox publishes in
 * milliseconds, so a defect shows as a failed wait in seconds, and 30 s still covers the 3 s scan of
 * its `slow-scan` condition many times over. @default 30000
 */
export const SANDBOX_POLL_TIMEOUT_MS = 30_000;

/**
 * `BROKER_EVENT_TIMEOUT_MS` on the embedded sandbox unless the user sets it: the sandbox delivers in
 * milliseconds, so the bound is for a loaded machine, not for the events service. @default 15000
 */
export const SANDBOX_EVENT_TIMEOUT_MS = 15_000;

// ── Worker run settings (the runner exports them; WORKER_ENV below) ─────────────────────────────

/**
 * How long to watch for an event that must not come, or for a second copy of one that came, on a
 * deployment: events are background jobs posted after the call (CONTRACT.md §6.3), which Altinn Events
 * delivers within seconds. @default 5000
 */
export const DEFAULT_QUIET_MS = 5_000;

/**
 * The quiet period on the embedded sandbox, which delivers in milliseconds (`npm run bench`: median
 * 2 ms, slowest 27 ms). It only bounds the watch for an event that must not come or for a second copy:
 * shorter, a late one could pass unseen, but no clause can fail for it. The self-test, which proves
 * those catches, keeps its own `SELFTEST_QUIET_MS`. @default 250
 */
export const SANDBOX_QUIET_MS = 250;

/**
 * Suite 05d's large file on a deployment, in MiB: ten of the 1 MiB pieces it is generated in
 * (src/suite/streams.ts), yet small enough that each run's upload and malware scan stay cheap. @default 10
 */
export const DEFAULT_LARGE_FILE_MB = 10;

/**
 * Suite 05d's large file on the embedded sandbox, in MiB: 32 of the 1 MiB pieces it is generated in,
 * many times any piece a client or server would stream it in, so a body cut short, joined out of
 * order or capped shows. Whether a client keeps the body in memory shows in its peak RSS, which the
 * bench measures at 256 MiB to 4 GiB (`npm run bench -- --parts large`), not in a run. It was 100:
 * three MD5 passes and the socket copies of 100 MiB made a tenth of a `full` run's CPU (0.8 s of its
 * wall time on two cores). @default 32
 */
export const SANDBOX_LARGE_FILE_MB = 32;

// ── The run (src/run/run.ts) ─────────────────────────────────────────────────────────────────────

/**
 * The embedded sandbox's pace for `npm start`: an hour of grace period passes in 3.6 s (CONTRACT.md
 * §5.6), the malware scan lasts 0.3 s of wall time, long enough for suite 06c to probe a transfer in
 * UploadProcessing, and Maskinporten tokens live 2 s, so the security suite's expired token is a
 * genuinely expired one within seconds, the self-test's lifetime too (the Broker is called with
 * exchanged Altinn tokens, which live 30 minutes; a Maskinporten token is fetched at each use, since it
 * is always inside the renewal margin). @default { timeScale: 1000, processingDelayMs: 300000,
 * maskinportenTokenLifetimeS: 2 }
 */
export const RUN_SANDBOX: SandboxOptions = {
  timeScale: 1000,
  processingDelayMs: 300_000,
  maskinportenTokenLifetimeS: 2,
};

/**
 * Jest workers of a parallel phase (`--max-workers`): the suites mostly wait on the Broker, and two
 * workers halve a run without crowding a two-core CI runner. @default 2
 */
export const DEFAULT_MAX_WORKERS = 2;

/**
 * Jest workers of a parallel phase on the embedded sandbox: the suites there wait on short sandbox
 * timers rather than on a network, and the sandbox is this machine's own, so more files overlap their
 * waits. Measured with the full profile on two cores: 24 s with two workers, 19.6 s with three, 18.3 s
 * with four at first; once the waits had shrunk the run became CPU-bound and four lost to three.
 * @default 3
 */
export const SANDBOX_MAX_WORKERS = 3;

/**
 * Jest's limit for one test of the suites: only a backstop, since every wait is bounded by the
 * client's and the poller's own limits, which say what they waited for; the longest, a transition
 * under `DEFAULT_POLL_TIMEOUT_MS`, is three times shorter. @default 1800000
 */
export const SUITE_TEST_TIMEOUT_MS = 30 * 60 * 1000;

/**
 * How long the cleanup of an interrupted run may take: a stuck events service must not keep a
 * Ctrl-C'd run alive for long, and the ledger lets the next run sweep what is left. @default 15000
 */
export const INTERRUPT_CLEANUP_MS = 15_000;

/**
 * After an interrupt's cleanups, how long the command may take to end by itself (and say why it
 * stopped) before the process is ended by the signal anyway (src/interrupt.ts): a command returns
 * within milliseconds once its Jest child and sandbox are gone, and nothing it does after its cleanup
 * is wanted. @default 1000
 */
export const INTERRUPT_EXIT_GRACE_MS = 1_000;

/**
 * How often a command checks that the process that started it (npm, npx) is still there
 * (src/cli/parent.ts): a cancelled CI job is given seconds before it is killed outright, and the check
 * is one system call. @default 250
 */
export const PARENT_CHECK_MS = 250;

// ── The self-test (src/run/selftest.ts) ──────────────────────────────────────────────────────────

/**
 * A faulty run's sandbox: the clock runs 10,000 times faster (a PT2H grace period passes in 0.7 s),
 * Maskinporten tokens live 2 s (an expired token in 3 s), and the malware scan lasts 0.3 s of wall
 * time, so suite 06c's probes of UploadProcessing always run and a fault of that status's gate is
 * killed every time (measured: no slower than a 0.02 ms scan, about 38 s a run; 0.5 s made it 60 s).
 * @default { timeScale: 10000, processingDelayMs: 3000000, maskinportenTokenLifetimeS: 2 }
 */
export const SELFTEST_SANDBOX: SandboxOptions = {
  timeScale: 10_000,
  processingDelayMs: 3_000_000,
  maskinportenTokenLifetimeS: 2,
};

/**
 * A faulty run's `BROKER_POLL_TIMEOUT_MS`: a faulty run must fail in seconds, and the sandbox
 * publishes in milliseconds. @default 5000
 */
export const SELFTEST_POLL_TIMEOUT_MS = 5_000;

/** A faulty run's `BROKER_EVENT_TIMEOUT_MS`: the sandbox delivers in milliseconds. @default 3000 */
export const SELFTEST_EVENT_TIMEOUT_MS = 3_000;

/**
 * Every self-test run's wait for each event subscription's validation handshake, the conformant
 * run's too (a wait too tight fails its suite 04 rather than passing as a false kill): the sandbox
 * posts it as it creates the subscription, and fault no-validation-handshake waited out three of
 * `HANDSHAKE_WAIT_MS` (45 s) before its first suite file. @default 2000
 */
export const SELFTEST_HANDSHAKE_WAIT_MS = 2_000;

/**
 * Every self-test run's quiet period, the conformant one's too, so that a check too tight for it
 * fails there rather than passing as a false kill. @default 500
 */
export const SELFTEST_QUIET_MS = 500;

/**
 * Every self-test run's large file, in MiB: dozens of faulty runs cannot each stream 32 MiB in CI's time.
 * @default 8
 */
export const SELFTEST_LARGE_FILE_MB = 8;

/**
 * Faulty runs at once, beside the conformant run, each with one Jest worker: a two-core CI runner. @default 2
 */
export const SELFTEST_PARALLEL = 2;

/**
 * The conformant run's Jest workers in its transfers phase: one waits out the 120 s tokens of suite
 * 07b's expired-token rows (started first), the other runs every other file meanwhile, mostly waiting
 * on the sandbox's 3 s scans. With one worker the wait came after the rest: 286 s, against 160 s with
 * two, of the 4 minutes the whole self-test may take. @default 2
 */
export const SELFTEST_BASELINE_WORKERS = 2;

// ── HTTP calls ────────────────────────────────────────────────────────────────────────────────────

/**
 * Longest wait for a Broker response's status and headers (the client, src/client/policy.ts; newman;
 * suite 06a's raw upload): the Broker scans and publishes after it answers (CONTRACT.md §5.3), so a
 * call silent this long is hanging. A body of known size counts in it; a streamed upload does not:
 * the limit then bounds each pause between its chunks and the wait after its last byte. @default 30000
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Longest pause between two chunks of a response body: large downloads stream for minutes, but never
 * stall that long between chunks. @default 60000
 */
export const BODY_IDLE_TIMEOUT_MS = 60_000;

/**
 * Retries of an idempotent Broker call answered 429 or 503: enough to ride out a brief overload,
 * few enough that a broken deployment fails quickly. @default 2
 */
export const REQUEST_RETRIES = 2;

/**
 * The wait before such a retry when the answer has no usable `Retry-After` (RFC 9110 §10.2.3). @default 1000
 */
export const RETRY_DELAY_MS = 1_000;

/**
 * A `Retry-After` longer than this is not waited for and the answer is returned as it came: a
 * deployment asking for longer is down, and the report should say so. @default 30000
 */
export const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Per request to Maskinporten or the token exchange: Maskinporten normally answers in well under a
 * second. @default 30000
 */
export const AUTH_TIMEOUT_MS = 30_000;

/**
 * Per request to the Altinn Events API (create, read, delete a subscription): as for the Broker.
 * @default 30000
 */
export const EVENTS_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Per read of the Resource Registry (suite 06b's access-list mode): as for the Broker; a slow
 * registry is a reason to skip, never a contract failure. @default 30000
 */
export const REGISTRY_TIMEOUT_MS = 30_000;

/** Fetching `BROKER_OPENAPI` when it is a URL: one document, as for any other request. @default 30000 */
export const SPEC_FETCH_TIMEOUT_MS = 30_000;

// ── Polling ───────────────────────────────────────────────────────────────────────────────────────

/**
 * The poller's first pause (src/lifecycle/backoff.ts): the sandbox and a scan-free upload publish
 * within milliseconds (CONTRACT.md §5.3). @default 50
 */
export const POLL_FIRST_DELAY_MS = 50;

/**
 * Each poller pause is the previous one times this: quick at first, ever less often as a malware
 * scan drags on. @default 1.5
 */
export const POLL_BACKOFF_FACTOR = 1.5;

/**
 * The poller's longest pause: a scan that takes minutes on Altinn's environments (CONTRACT.md §5.3)
 * is seen within 2 s of its end, at one read per 2 s. @default 2000
 */
export const POLL_MAX_DELAY_MS = 2_000;

/**
 * The setup's first pause while storage is provisioned (CONTRACT.md §8.1), doubling after: it may be
 * done already, or take seconds (the sandbox's `fresh` condition: 3 s). @default 100
 */
export const STORAGE_POLL_FIRST_DELAY_MS = 100;

/**
 * The setup's longest pause while storage is provisioned: provisioning is asynchronous (CONTRACT.md
 * §8.1), and one read per 2 s sees its end soon enough. @default 2000
 */
export const STORAGE_POLL_MAX_DELAY_MS = 2_000;

/**
 * How often "exactly n distinct events" re-reads the receiver (src/suite/walk.ts): a loopback query,
 * so asking often costs nothing and a late event is seen at once. @default 50
 */
export const DISTINCT_EVENTS_POLL_MS = 50;

/**
 * Longest single long-poll of the receiver's query API; longer waits loop: it answers before common
 * proxy and client idle timeouts. @default 25000
 */
export const RECEIVER_MAX_WAIT_MS = 25_000;

/**
 * How long a new subscription's validation handshake is awaited before a warning (ENVIRONMENT.md
 * "Events"): the events service posts it as it creates the subscription. @default 15000
 */
export const HANDSHAKE_WAIT_MS = 15_000;

/**
 * The exported Postman walk's waits (src/postman/waits.ts): answers before one gives up, the first
 * pause (doubling after), and the longest pause; 60 answers at up to 2 s are about two minutes.
 * @default { maxAttempts: 60, firstDelayMs: 100, maxDelayMs: 2000 }
 */
export const WALK_POLL = { maxAttempts: 60, firstDelayMs: 100, maxDelayMs: 2_000 } as const;

// ── Tokens ───────────────────────────────────────────────────────────────────────────────────────

/**
 * A cached token is renewed this long before it expires (ENVIRONMENT.md "Maskinporten mode" step 4).
 * @default 30000
 */
export const TOKEN_RENEW_BEFORE_EXPIRY_MS = 30_000;

/**
 * A client assertion's lifetime in seconds: well inside Maskinporten's 120 s ceiling (ENVIRONMENT.md
 * step 1), with room for clock skew. @default 60
 */
export const ASSERTION_LIFETIME_S = 60;

/**
 * How far past `exp` an expired token is handed out: a verifier whose clock is a little behind ours
 * must still find it expired (CONTRACT.md §3.1: zero clock skew). @default 1000
 */
export const EXPIRED_TOKEN_MARGIN_MS = 1_000;

/**
 * Longest wait for a Maskinporten token to expire: its 120 s lifetime and some slack; a longer wait
 * means tokens live longer than expected, and the check is skipped with that reason. @default 150000
 */
export const EXPIRED_TOKEN_MAX_WAIT_MS = 150_000;

/**
 * How often newman's token variables are renewed: half the 30 s margin at which the provider renews
 * a token, so no request of the walk, however long it polls, carries an expired one. @default 15000
 */
export const NEWMAN_TOKEN_REFRESH_MS = 15_000;

// ── Suite timings ────────────────────────────────────────────────────────────────────────────────

/**
 * Event `time` is when the job sent it (CONTRACT.md §6.2), so never before the row of the status it
 * reports; this allowance absorbs clock differences between the Broker's instances. @default 500
 */
export const CLOCK_ALLOWANCE_MS = 500;

/**
 * The grace period suite 03b sets to see a purge after all confirmed (CONTRACT.md §5.6): short, yet
 * long enough that a purge ignoring it shows in the history's times. @default { iso: 'PT2S', ms: 2000 }
 */
export const SUITE_GRACE_PERIOD = { iso: 'PT2S', ms: 2_000 } as const;

/**
 * The time to live suite 03b sets to see an expiry (CONTRACT.md §5.6): short enough to wait for
 * anywhere, long enough to read the transfer before it expires. @default { iso: 'PT3S', ms: 3000 }
 */
export const SUITE_TIME_TO_LIVE = { iso: 'PT3S', ms: 3_000 } as const;

/**
 * How far `expirationTime` may lie from `created` plus the TTL: both are set at initialize (CONTRACT.md
 * §5.6), but possibly from two readings of the Broker's clock, in fractions of a second (§1). @default 1000
 */
export const EXPIRATION_TOLERANCE_MS = 1_000;

/**
 * The pause before re-sending after a TUS 409: tusdotnet may still hold the lock of the broken chunk
 * (CONTRACT.md §4.4). @default 300
 */
export const TUS_RESUME_PAUSE_MS = 300;

/**
 * Re-sends after such a 409 before its answer counts: ten pauses give the server 3 s to let go of
 * the broken chunk. @default 10
 */
export const TUS_RESUME_ATTEMPTS = 10;

/**
 * How long a deliberately broken request body waits after its first bytes, so they leave before the
 * connection breaks. @default 100
 */
export const BROKEN_BODY_PAUSE_MS = 100;

// ── The workers' run settings ────────────────────────────────────────────────────────────────────

/**
 * The run settings the runner exports to its Jest workers beside RUN_ENV (src/suite/run-env.ts). They
 * are not deployment facts, so they are not in ENVIRONMENT.md; README "Run settings" lists them.
 */
export const WORKER_ENV = {
  quietMs: 'BROKER_CONTRACT_QUIET_MS',
  largeFileMb: 'BROKER_CONTRACT_LARGE_FILE_MB',
  /** The receiver's loopback query API (src/events/receiver.ts), which lives in the runner's process. */
  receiver: 'BROKER_CONTRACT_RECEIVER',
} as const;

export interface WorkerSettings {
  /** How long to watch for an event that must not come, or a second copy of one that came. */
  quietMs: number;
  /** The size of suite 05d's large file, in MiB; fractions allowed. */
  largeFileMb: number;
  /** Unset when no receiver runs (no `EVENTS_API_URL`): event checks are then skipped. */
  receiverUrl?: string;
}

const MiB = 1024 * 1024;

/**
 * The workers' run settings from `env`, each unset one at its default for the embedded sandbox or
 * for a deployment; every bad value is reported at once, by name, in one `ENV_INVALID` error.
 */
export function readWorkerSettings(
  env: Variables = process.env,
  options: { sandbox?: boolean } = {},
): WorkerSettings {
  const sandbox = options.sandbox ?? false;
  const reader = new VariableReader(env);
  const quietMs = reader.positiveInteger(WORKER_ENV.quietMs, sandbox ? SANDBOX_QUIET_MS : DEFAULT_QUIET_MS);
  const largeFileMb = readMegabytes(reader, sandbox ? SANDBOX_LARGE_FILE_MB : DEFAULT_LARGE_FILE_MB);
  const receiverUrl = reader.url(WORKER_ENV.receiver, 'http://127.0.0.1:40123');
  if (reader.problems.length > 0) {
    const count = reader.problems.length;
    throw new EnvironmentError(
      'ENV_INVALID',
      `The workers' run settings have ${count} problem${count === 1 ? '' : 's'}:\n` +
        reader.problems.map((p) => `  ${p}`).join('\n'),
      'Correct or unset them in the environment of npm start; the runner sets them for its Jest workers (README "Run settings").',
    );
  }
  return {
    quietMs: quietMs as number,
    largeFileMb: largeFileMb as number,
    ...(receiverUrl === undefined ? {} : { receiverUrl }),
  };
}

function readMegabytes(reader: VariableReader, fallback: number): number | undefined {
  const value = reader.get(WORKER_ENV.largeFileMb);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || Math.round(n * MiB) < 1) {
    return reader.problem(
      WORKER_ENV.largeFileMb,
      `'${value}' is not a positive size`,
      `mebibytes of at least one byte, e.g. ${fallback} or 0.5`,
    );
  }
  return n;
}

/** The variables that hand `settings` to a worker, which reads them back with `readWorkerSettings`. */
export function workerSettingsEnv(settings: WorkerSettings): Record<string, string> {
  return {
    [WORKER_ENV.quietMs]: String(settings.quietMs),
    [WORKER_ENV.largeFileMb]: String(settings.largeFileMb),
    ...(settings.receiverUrl === undefined ? {} : { [WORKER_ENV.receiver]: settings.receiverUrl }),
  };
}
