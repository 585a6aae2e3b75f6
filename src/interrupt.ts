/**
 * Cleanup that still happens when a run is interrupted: subscriptions deleted (ENVIRONMENT.md
 * "Events"), the Jest child stopped, sandboxes stopped and their files removed. Every owner registers
 * here, and one handler per signal runs every registered cleanup, each bounded in time, before the
 * process ends as the signal would have ended it; so no owner ends the process while another is
 * still cleaning up. `beforeExit` runs them too. `process.exit()` skips all of this, which is why the
 * subscription ledger exists, and why the command line waits for `interruptSettled()` before it exits.
 */
import { INTERRUPT_CLEANUP_MS, INTERRUPT_EXIT_GRACE_MS } from './defaults.js';

/**
 * SIGHUP too: the Jest child runs in a process group of its own (src/run/jest.ts), out of reach of
 * the terminal's hangup, so this process must pass the hangup on.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The part of `process` used; tests give a stand-in, so that no real signal is raised. */
export type InterruptTarget = Pick<NodeJS.Process, 'on' | 'off' | 'listenerCount' | 'kill' | 'pid'>;

interface Entry {
  cleanup: () => Promise<void>;
  timeoutMs: number;
  log: (line: string) => void;
}

interface Registry {
  entries: Set<Entry>;
  install(): void;
  uninstall(): void;
  /** Set once a signal came: its cleanups, then the arrangements to end the process by it. */
  interrupted?: Promise<void>;
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
  const known = registries.get(target);
  if (known) return known;
  const registry: Registry = { entries: new Set(), install, uninstall };
  registries.set(target, registry);
  let installed = false;

  async function runAll(): Promise<void> {
    // Until none is left: an owner may still register while the others clean up.
    while (registry.entries.size > 0) {
      const all = [...registry.entries];
      registry.entries.clear();
      await Promise.all(all.map(bounded));
    }
  }
  // Ends the process the way the signal would have: when the command exits of its own accord (so it
  // can still say why it stopped, and its exit code does not hide the signal), or after a moment if
  // it does not; not at all when someone else handles the signal.
  function endBy(signal: NodeJS.Signals): void {
    if (target.listenerCount(signal) > 0) return;
    const end = () => target.kill(target.pid, signal);
    target.on('exit', end);
    setTimeout(end, INTERRUPT_EXIT_GRACE_MS).unref();
  }
  function onSignal(signal: NodeJS.Signals): void {
    // A repeat while cleaning up is ignored rather than left to end the process half-way: with
    // Ctrl-C the terminal signals the whole group and npm passes the same SIGINT on to its child, so
    // this process gets it twice within milliseconds. Each cleanup is bounded; SIGKILL still works.
    registry.interrupted ??= runAll().then(() => {
      uninstall();
      endBy(signal);
    });
  }
  function onBeforeExit(): void {
    uninstall();
    void runAll();
  }
  function install(): void {
    // Never again after an interrupt: a handler would swallow the signal that ends the process.
    if (installed || registry.interrupted) return;
    installed = true;
    for (const signal of SIGNALS) target.on(signal, onSignal);
    target.on('beforeExit', onBeforeExit);
  }
  function uninstall(): void {
    if (!installed) return;
    installed = false;
    for (const signal of SIGNALS) target.off(signal, onSignal);
    target.off('beforeExit', onBeforeExit);
  }
  return registry;
}

/** Registers `cleanup`; the returned function unregisters it (call it once cleanup ran normally). */
export function onInterrupt(
  cleanup: () => Promise<void>,
  options: { timeoutMs?: number; log?: (line: string) => void; target?: InterruptTarget } = {},
): () => void {
  const target = options.target ?? process;
  const registry = registryOf(target);
  registry.install();
  const entry: Entry = {
    cleanup,
    timeoutMs: options.timeoutMs ?? INTERRUPT_CLEANUP_MS,
    log: options.log ?? ((line: string) => console.error(line)),
  };
  registry.entries.add(entry);
  return () => {
    // While an interrupt is being cleaned up, its handlers stay to absorb repeats (see above).
    if (!registry.entries.delete(entry) || registry.entries.size > 0 || registry.interrupted) return;
    registry.uninstall();
  };
}

/**
 * Resolves once the cleanups of an interrupt have finished, at once when no signal came. The command
 * line awaits it before `process.exit()`, which would otherwise cut them short; after an interrupt
 * that exit then ends the process by the signal.
 */
export function interruptSettled(target: InterruptTarget = process): Promise<void> {
  return registries.get(target)?.interrupted ?? Promise.resolve();
}
