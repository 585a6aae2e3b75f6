/**
 * Waiting on the sandbox by polling its real state, never by sleeping a fixed time: a wait ends as soon
 * as the condition holds, and one that runs out says what it waited for and what it last saw.
 */

/** @default 5 ms between two reads. */
const INTERVAL_MS = 5;

export interface Polled<T> {
  met: boolean;
  last: T;
}

/** Reads until `until` holds or `timeoutMs` has passed; the last value either way. */
export async function poll<T>(
  read: () => T | Promise<T>,
  until: (value: T) => boolean,
  timeoutMs: number,
): Promise<Polled<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await read();
    if (until(last)) return { met: true, last };
    if (Date.now() >= deadline) return { met: false, last };
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
}

export class WaitTimeout extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly last: unknown,
  ) {
    super(`waited ${timeoutMs} ms for ${what}; last seen: ${JSON.stringify(last)}`);
    this.name = 'WaitTimeout';
  }
}

/** As `poll`, but running out is an error naming what was awaited and what was last seen. */
export async function waitFor<T>(
  read: () => T | Promise<T>,
  until: (value: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const { met, last } = await poll(read, until, timeoutMs);
  if (!met) throw new WaitTimeout(what, timeoutMs, last);
  return last;
}
