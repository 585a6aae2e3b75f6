/**
 * What must be undone when a run is interrupted (Ctrl-C, a CI timeout's SIGTERM): subscriptions
 * deleted, sandboxes stopped and their files removed. Every owner registers its cleanup here; one
 * signal handler runs them all, then ends the process with 130, so no owner exits before the others
 * are done.
 */
type Cleanup = () => Promise<void>;

const pending = new Set<Cleanup>();
let installed = false;

async function onSignal(): Promise<void> {
  await Promise.allSettled([...pending].map((cleanup) => cleanup()));
  process.exit(130);
}

/** Registers a cleanup for interrupts; returns the function that unregisters it. */
export function onInterrupt(cleanup: Cleanup): () => void {
  pending.add(cleanup);
  if (!installed) {
    installed = true;
    process.once('SIGINT', () => void onSignal());
    process.once('SIGTERM', () => void onSignal());
  }
  return () => {
    pending.delete(cleanup);
  };
}
