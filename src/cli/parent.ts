/**
 * A stop that comes through the parent. `npm start`, `npm run …` and `npx broker-contract …` put npm
 * (and sometimes `sh`) between the user and this process; a SIGTERM to npm's pid ends npm and is not
 * passed on, which left runs going on their own with their subscriptions, sandbox and temp files.
 * So this process watches its parent: once it has been orphaned (its parent pid changed), it sends
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
