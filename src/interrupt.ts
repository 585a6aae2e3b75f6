/**
 * Cleanup that still happens when a run is interrupted: subscriptions deleted (ENVIRONMENT.md
 * "Events"), the Jest child stopped, sandboxes stopped and their files removed. Every owner registers
 * here, and one handler per signal runs every registered cleanup, each bounded in time, before the
 * process ends as the signal would have ended it; so no owner ends the process while another is
 * still cleaning up. `beforeExit` runs them too. `process.exit()` skips all of this, which is why the
 * subscription ledger exists.
 */
import { INTERRUPT_CLEANUP_MS } from './defaults.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** The part of `process` used; tests give a stand-in, so that no real signal is raised. */
export type InterruptTarget = Pick<NodeJS.Process, 'on' | 'off' | 'listenerCount' | 'kill' | 'pid'>;

interface Entry {
  cleanup: () => Promise<void>;
  timeoutMs: number;
  log: (line: string) => void;
}

interface Registry {
  entries: Set<Entry>;
  onSignal: (signal: NodeJS.Signals) => void;
  onBeforeExit: () => void;
}

const registries = new WeakMap<InterruptTarget, Registry>();

async function bounded({ cleanup, timeoutMs, log }: Entry): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log(`cleanup did not finish within ${timeoutMs} ms; a later run sweeps what it left`);
      resolve();
    }, timeoutMs);
  });
  await Promise.race([cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`)), timeout]);
  clearTimeout(timer);
}

function registryOf(target: InterruptTarget): Registry {
  let registry = registries.get(target);
  if (registry) return registry;
  const entries = new Set<Entry>();
  const runAll = async (): Promise<void> => {
    const all = [...entries];
    entries.clear();
    uninstall();
    await Promise.all(all.map(bounded));
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    void runAll().then(() => {
      // Nobody else handles the signal: end the process the way the signal would have.
      if (target.listenerCount(signal) === 0) target.kill(target.pid, signal);
    });
  };
  const onBeforeExit = (): void => void runAll();
  function uninstall(): void {
    for (const signal of SIGNALS) target.off(signal, onSignal);
    target.off('beforeExit', onBeforeExit);
  }
  registry = { entries, onSignal, onBeforeExit };
  registries.set(target, registry);
  return registry;
}

/** Registers `cleanup`; the returned function unregisters it (call it once cleanup ran normally). */
export function onInterrupt(
  cleanup: () => Promise<void>,
  options: { timeoutMs?: number; log?: (line: string) => void; target?: InterruptTarget } = {},
): () => void {
  const target = options.target ?? process;
  const registry = registryOf(target);
  if (registry.entries.size === 0) {
    for (const signal of SIGNALS) target.on(signal, registry.onSignal);
    target.on('beforeExit', registry.onBeforeExit);
  }
  const entry: Entry = {
    cleanup,
    timeoutMs: options.timeoutMs ?? INTERRUPT_CLEANUP_MS,
    log: options.log ?? ((line: string) => console.error(line)),
  };
  registry.entries.add(entry);
  return () => {
    if (!registry.entries.delete(entry) || registry.entries.size > 0) return;
    for (const signal of SIGNALS) target.off(signal, registry.onSignal);
    target.off('beforeExit', registry.onBeforeExit);
  };
}
