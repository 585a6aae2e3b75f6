/**
 * Waits for a file transfer to reach a status by reading its overview with a growing pause (CONTRACT.md
 * §11: deployed Broker publish asynchronously), checking every read against the legal paths of §5.3 and
 * §5.5. It stops as soon as the target is reached, can no longer be reached, or the time is up
 * (ENVIRONMENT.md `BROKER_POLL_TIMEOUT_MS`); the three outcomes are told apart by their error's family.
 */
import { ContractError, WaitTimeoutError } from '../errors.js';
import { traced } from '../trace.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { formatLifecycleViolations } from './sequence.js';
import { atOrPast, canStillReach, isFileTransferStatus, type FileTransferStatus } from './statuses.js';
import { Timeline, type Observation, type StatusSnapshot } from './timeline.js';

/** What to wait for: the overview showing exactly a status, or any condition on a read. */
export type PollTarget = FileTransferStatus | PollCondition;

export interface PollCondition {
  /** Completes "waited for …" in messages. */
  description: string;
  satisfied(snapshot: StatusSnapshot): boolean;
  /** False once the condition can no longer come true: the wait then fails at once. @default always true */
  possible?(snapshot: StatusSnapshot): boolean;
}

export interface PollOptions {
  /** One read of the overview, given the wait's signal. Its errors end the wait unchanged. */
  read: (signal?: AbortSignal) => Promise<StatusSnapshot>;
  target: PollTarget;
  /** For messages, and the timeline's key. */
  fileTransferId: string;
  /** The whole wait's limit: the caller passes `profile.timing.pollTimeoutMs`. */
  timeoutMs: number;
  /** Overrides of DEFAULT_BACKOFF, field by field. */
  backoff?: Partial<BackoffPolicy>;
  /** Shared by every poll of one transfer, so the whole observed sequence is checked. @default a new one */
  timeline?: Timeline;
  /** @default a timer that rejects with `signal.reason` on abort */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Local epoch ms. @default Date.now */
  now?: () => number;
  /** Aborting ends the wait with `signal.reason`. */
  signal?: AbortSignal;
  /**
   * Called with each read once it is recorded and found legal, before the target is judged, and
   * awaited: a call that must be made while a status lasts (a probe of what that status forbids) runs
   * the moment the status is seen, not a pause later, and the next read shows where the transfer went
   * meanwhile. Its time counts toward `timeoutMs`; its errors end the wait unchanged.
   */
  onObserve?: (observation: Observation) => Promise<void> | void;
}

export interface PollResult {
  /** The read that met the target. */
  final: Observation;
  /** This wait's reads, in order (the timeline may hold earlier ones too). */
  observations: Observation[];
  timeline: Timeline;
}

/** The overview shows `status` or a status after it: what a wait that may miss states usually wants. */
export function atOrPastStatus(status: FileTransferStatus): PollCondition {
  return {
    description: `${status} or a status after it`,
    satisfied: (s) => isFileTransferStatus(s.status) && atOrPast(s.status, status),
    possible: (s) => isFileTransferStatus(s.status) && canStillReach(s.status, status),
  };
}

function conditionOf(target: PollTarget): Required<PollCondition> {
  if (typeof target !== 'string') return { possible: () => true, ...target };
  return {
    description: target,
    satisfied: (s) => s.status === target,
    possible: (s) => isFileTransferStatus(s.status) && canStillReach(s.status, target),
  };
}

export function pollStatus(options: PollOptions): Promise<PollResult> {
  return traced('wait', () => poll(options), { id: options.fileTransferId, label: 'poll' });
}

async function poll(options: PollOptions): Promise<PollResult> {
  const { read, fileTransferId: id, timeoutMs, signal } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const timeline = options.timeline ?? new Timeline(id);
  const target = conditionOf(options.target);
  const observations: Observation[] = [];
  const started = now();

  for (let attempt = 0; ; attempt += 1) {
    signal?.throwIfAborted();
    const requestSentAt = now();
    const snapshot = await read(signal);
    const observation: Observation = { ...snapshot, requestSentAt, receivedAt: now() };
    observations.push(observation);
    const violations = timeline.record(observation);
    const context = { fileTransferId: id, expected: target.description, observed: timeline.statuses() };
    if (violations.length > 0) {
      throw new ContractError(
        'ILLEGAL_TRANSITION',
        `File transfer ${id}: the overview's status moved illegally while waiting for ${target.description}.\n` +
          `${formatLifecycleViolations(violations)}\n  Observed: ${timeline.describe()}`,
        { ...context, actual: snapshot.status, violations },
      );
    }
    await options.onObserve?.(observation);
    if (target.satisfied(snapshot)) return { final: observation, observations, timeline };
    if (!target.possible(snapshot)) {
      throw new ContractError(
        'TERMINAL_STATE',
        `File transfer ${id}: waited for ${target.description}, but it is ${shown(snapshot)}, from which ` +
          `no legal path leads there (CONTRACT.md §5.3). Observed: ${timeline.describe()}`,
        { ...context, actual: snapshot.status, statusText: snapshot.statusText },
      );
    }
    const waited = now() - started;
    if (waited >= timeoutMs) {
      throw new WaitTimeoutError(
        'STATUS_TIMEOUT',
        `File transfer ${id}: waited ${waited} ms (${observations.length} reads) for ${target.description}; ` +
          `the last read showed ${shown(snapshot)}. Observed: ${timeline.describe()}.\n` +
          `  → Malware scanning on Altinn's environments can take minutes; raise BROKER_POLL_TIMEOUT_MS ` +
          `(now ${timeoutMs}) if the transfer is still moving, or check the Broker's background processing if not.`,
        observation,
        waited,
      );
    }
    // The last pause ends at the deadline, so the final read happens then rather than a pause later.
    await sleep(Math.min(backoffDelay(policy, attempt), timeoutMs - waited), signal);
  }
}

function shown(snapshot: StatusSnapshot): string {
  return snapshot.statusText === undefined
    ? snapshot.status
    : `${snapshot.status} ("${snapshot.statusText}")`;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
