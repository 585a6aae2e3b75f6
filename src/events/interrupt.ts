/**
 * Cleanup that still happens when a run is interrupted (ENVIRONMENT.md "Events": the suite removes the
 * subscriptions it created). While registered, SIGINT, SIGTERM and `beforeExit` run the cleanup first;
 * after a signal the process then ends as the signal would have ended it. `process.exit()` skips all of
 * this, which is why the ledger exists.
 */

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** The part of `process` used; tests give a stand-in, so that no real signal is raised. */
export type InterruptTarget = Pick<NodeJS.Process, 'on' | 'off' | 'listenerCount' | 'kill' | 'pid'>;
/** @default 15000: a stuck events service must not keep a Ctrl-C'd run alive for long. */
export const DEFAULT_INTERRUPT_CLEANUP_MS = 15_000;

/** Registers `cleanup`; the returned function unregisters it (call it once cleanup ran normally). */
export function onInterrupt(
  cleanup: () => Promise<void>,
  options: { timeoutMs?: number; log?: (line: string) => void; target?: InterruptTarget } = {},
): () => void {
  const target = options.target ?? process;
  const timeoutMs = options.timeoutMs ?? DEFAULT_INTERRUPT_CLEANUP_MS;
  const log = options.log ?? ((line: string) => console.error(line));
  const bounded = async (): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(`events: cleanup did not finish within ${timeoutMs} ms; the next run sweeps the ledger`);
        resolve();
      }, timeoutMs);
    });
    await Promise.race([
      cleanup().catch((error: unknown) => log(`events: cleanup failed: ${String(error)}`)),
      timeout,
    ]);
    clearTimeout(timer);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    unregister();
    void bounded().then(() => {
      // Nobody else handles the signal: end the process the way the signal would have.
      if (target.listenerCount(signal) === 0) target.kill(target.pid, signal);
    });
  };
  const onBeforeExit = (): void => {
    unregister();
    void bounded();
  };
  function unregister(): void {
    for (const signal of SIGNALS) target.off(signal, onSignal);
    target.off('beforeExit', onBeforeExit);
  }
  for (const signal of SIGNALS) target.on(signal, onSignal);
  target.on('beforeExit', onBeforeExit);
  return unregister;
}
