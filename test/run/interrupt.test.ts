/**
 * One interrupt, every cleanup: when several owners registered (the event harness, the run, a
 * sandbox), a signal runs them all before the process ends as the signal would, and only once the
 * slowest has finished; a cleanup that hangs is cut off at its bound.
 */
import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { interruptSettled, onInterrupt, type InterruptTarget } from '../../src/interrupt.js';

class FakeProcess extends EventEmitter {
  readonly pid = 4242;
  readonly killed: string[] = [];
  kill(_pid: number, signal?: string | number): true {
    this.killed.push(String(signal));
    return true;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function untilKilled(target: FakeProcess): Promise<void> {
  for (let waited = 0; target.killed.length === 0 && waited < 2000; waited += 5) await sleep(5);
}

describe('interrupts', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s runs every registered cleanup before the process ends',
    async (signal) => {
      const target = new FakeProcess();
      const finished: string[] = [];
      const as = { target: target as unknown as InterruptTarget };
      onInterrupt(async () => {
        await sleep(60);
        finished.push('slow');
      }, as);
      onInterrupt(async () => {
        finished.push('fast');
      }, as);
      expect(target.listenerCount(signal)).toBe(1);
      target.emit(signal, signal);
      await untilKilled(target);
      expect(finished.sort()).toEqual(['fast', 'slow']);
      expect(target.killed).toEqual([signal]);
      expect(
        target.listenerCount('SIGINT') + target.listenerCount('SIGTERM') + target.listenerCount('beforeExit'),
      ).toBe(0);
    },
  );

  it('an unregistered cleanup does not run, and the last one out removes the handlers', async () => {
    const target = new FakeProcess();
    const as = { target: target as unknown as InterruptTarget };
    let ran = false;
    const forget = onInterrupt(async () => {
      ran = true;
    }, as);
    const forgetOther = onInterrupt(async () => undefined, as);
    forget();
    expect(target.listenerCount('SIGINT')).toBe(1);
    forgetOther();
    expect(target.listenerCount('SIGINT')).toBe(0);
    target.emit('SIGINT', 'SIGINT');
    await sleep(20);
    expect(ran).toBe(false);
  });

  it('a cleanup that hangs is cut off at its bound, with a line saying so', async () => {
    const target = new FakeProcess();
    const lines: string[] = [];
    onInterrupt(() => new Promise<void>(() => undefined), {
      target: target as unknown as InterruptTarget,
      timeoutMs: 50,
      log: (line) => lines.push(line),
    });
    target.emit('SIGTERM', 'SIGTERM');
    await untilKilled(target);
    expect(target.killed).toEqual(['SIGTERM']);
    expect(lines).toEqual(['cleanup did not finish within 50 ms; a later run sweeps what it left']);
  });
  it("a repeat during the cleanup is absorbed, and the command's own exit then ends by the signal", async () => {
    // Ctrl-C under npm: the terminal signals the group and npm passes the same SIGINT on.
    const target = new FakeProcess();
    const as = { target: target as unknown as InterruptTarget };
    let finished = false;
    onInterrupt(async () => {
      await sleep(40);
      finished = true;
    }, as);
    target.emit('SIGINT', 'SIGINT');
    await sleep(5);
    target.emit('SIGINT', 'SIGINT');
    expect(target.listenerCount('SIGINT')).toBe(1);
    await interruptSettled(target as unknown as InterruptTarget);
    expect(finished).toBe(true);
    expect(target.killed).toEqual([]);
    // process.exit(2) from the command line: the process still ends as the signal would.
    target.emit('exit', 2);
    expect(target.killed).toEqual(['SIGINT']);
  });
});
