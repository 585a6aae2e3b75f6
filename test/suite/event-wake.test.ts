/** The poller's pause in the suites (src/suite/transfers.ts): cut short by an event about the transfer. */
import { describe, expect, it } from '@jest/globals';
import { Skipped } from '../../src/errors.js';
import type { ReceiverClient } from '../../src/events/receiver-client.js';
import type { EventQuery } from '../../src/events/types.js';
import type { SuiteContext } from '../../src/suite/context.js';
import { pauseUntilEvent } from '../../src/suite/transfers.js';

const ID = '0b8a1c1e-6f1d-4c7e-9a7e-2f3c4d5e6f70';

/** A receiver whose long poll answers after `afterMs` (never, when undefined), recording each query. */
function receiverAnswering(afterMs: number | undefined) {
  const queries: EventQuery[] = [];
  const client = {
    events(query: EventQuery, waitMs: number, signal?: AbortSignal) {
      queries.push(query);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => resolve([{ seq: 1 }]), afterMs ?? waitMs + 10_000);
        signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason as Error)));
      });
    },
  } as unknown as ReceiverClient;
  const ctx = { events: () => ({ client }) } as unknown as Pick<SuiteContext, 'events'>;
  return { ctx, queries };
}

describe("the suites' poll pause", () => {
  it('ends when an event about the transfer arrives, long before the pause would', async () => {
    const { ctx, queries } = receiverAnswering(20);
    const pause = pauseUntilEvent(ctx, ID);
    const started = Date.now();
    await pause?.(5_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(queries[0]).toMatchObject({ resourceinstance: ID });
  });

  it('lasts its length without an event, and asks only for events after the previous pause', async () => {
    const { ctx, queries } = receiverAnswering(undefined);
    const pause = pauseUntilEvent(ctx, ID);
    const started = Date.now();
    await pause?.(60);
    const between = Date.now();
    await pause?.(60);
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    expect(queries[1]?.since).toBeGreaterThanOrEqual(between - 5);
    expect(queries[1]?.since).toBeGreaterThan(queries[0]?.since ?? Infinity);
  });

  it("is the poller's own pause when the run receives no events", () => {
    const ctx = {
      events: () => {
        throw new Skipped('no receiver');
      },
    } as unknown as Pick<SuiteContext, 'events'>;
    expect(pauseUntilEvent(ctx, ID)).toBeUndefined();
  });

  it('stops at once, with the reason, when the wait is aborted', async () => {
    const { ctx } = receiverAnswering(undefined);
    const pause = pauseUntilEvent(ctx, ID);
    const stop = new AbortController();
    const pausing = pause?.(5_000, stop.signal);
    stop.abort(new Error('interrupted'));
    await expect(pausing).rejects.toThrow('interrupted');
  });
});
