/**
 * A stop that comes through the parent. `npx broker-contract …` (and npm scripts that do not `exec`,
 * docs/decisions/0013) put npm and a `sh` between the user and this process: npm passes a SIGTERM on
 * to the shell, which dies of it without passing it on, and npm ends; that left runs going on their
 * own with their subscriptions, sandbox and temp files. A parent killed outright does the same. So
 * this process watches its parent: once it has been orphaned (its parent pid changed), it sends
 * itself the signal, and the cleanups registered with src/interrupt.ts run as for a direct signal.
 */
import { PARENT_CHECK_MS } from '../defaults.js';

export interface ParentWatch {
  stop(): void;
}

export function stopWhenOrphaned(
  options: { intervalMs?: number; ppid?: () => number; signal?: () => void } = {},
): ParentWatch {
  const ppid = options.ppid ?? (() => process.ppid);
  const signal = options.signal ?? (() => process.kill(process.pid, 'SIGTERM'));
  const parent = ppid();
  // Started by init or a container's first process: there is no parent to lose.
  if (parent <= 1) return { stop: () => undefined };
  const timer = setInterval(() => {
    if (ppid() === parent) return;
    clearInterval(timer);
    signal();
  }, options.intervalMs ?? PARENT_CHECK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
