/**
 * A run's timing trace, read by the benchmark (scripts/bench): when `BROKER_CONTRACT_TRACE` names a
 * file, every process of the run (the runner, the embedded sandbox in it, Jest and its workers) appends
 * one JSON line per span to it; unset, nothing is written or kept. Spans carry names, ids and times
 * only: no bodies, headers or tokens, so the file is as safe as a report.
 */
import { appendSpans, TRACE_ENV } from './trace-file.mjs';

export { TRACE_ENV };

/**
 * - `startup`: from the process's start until the runner is ready (in the runner);
 * - `spec`, `sandbox`, `setup`, `events-setup`, `reports`, `cleanup`: the runner's steps;
 * - `jest`: one Jest child, spawn to exit; `file`: one suite file in a worker (Jest's own times);
 *   `ready`: the moment a file has loaded and its first hook runs (start = end);
 * - `auth`: obtaining a token (Maskinporten, exchange); `wait`: a wait on the Broker (poll, events,
 *   an expiring token);
 * - `transition`: the sandbox writing a status (id, label = status); `event`: the receiver getting an
 *   event's first delivery (id = the transfer, label = the event type).
 */
export type TraceKind =
  | 'startup'
  | 'spec'
  | 'sandbox'
  | 'setup'
  | 'events-setup'
  | 'jest'
  | 'file'
  | 'ready'
  | 'auth'
  | 'wait'
  | 'reports'
  | 'cleanup'
  | 'transition'
  | 'event';

export interface TraceSpan {
  kind: TraceKind;
  /** Epoch ms. */
  start: number;
  end: number;
  id?: string;
  label?: string;
  pid: number;
}

export function tracing(): boolean {
  return Boolean(process.env[TRACE_ENV]);
}

/** Appends one span (src/trace-file.mjs). */
export function trace(span: Omit<TraceSpan, 'pid'>): void {
  appendSpans([span]);
}

/** Runs `work` and traces it as one span of `kind` (also when it throws). */
export async function traced<T>(
  kind: TraceKind,
  work: () => Promise<T>,
  detail: { id?: string; label?: string } = {},
): Promise<T> {
  if (!tracing()) return work();
  const start = Date.now();
  try {
    return await work();
  } finally {
    trace({ kind, start, end: Date.now(), ...detail });
  }
}
