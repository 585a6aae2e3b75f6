/**
 * The poller with an injected clock and sleep, so every pause is asserted exactly: it reaches its
 * target with a growing, capped backoff; fails at once on a status that can no longer reach it; runs
 * out naming the last status; and reports an illegal jump (CONTRACT.md §5.3, §5.5, ENVIRONMENT.md "Timing").
 */
import { describe, expect, it } from '@jest/globals';
import { ContractError, EnvironmentError, WaitTimeoutError } from '../../src/errors.js';
import { backoffDelay, DEFAULT_BACKOFF } from '../../src/lifecycle/backoff.js';
import { atOrPastStatus, pollStatus, type PollOptions } from '../../src/lifecycle/poller.js';
import { Timeline, type StatusSnapshot } from '../../src/lifecycle/timeline.js';

const ID = '0850124f-6ae9-4821-b4f9-8ee7c937ecfc';

/** A fake clock that a read moves by `readMs` and a sleep by its length; the reads answer `script` in turn. */
function harness(script: (string | StatusSnapshot)[], readMs = 0) {
  let clock = 1_000_000;
  const sleeps: number[] = [];
  let reads = 0;
  const options = {
    fileTransferId: ID,
    timeoutMs: 60_000,
    now: () => clock,
    sleep: (ms: number) => {
      sleeps.push(ms);
      clock += ms;
      return Promise.resolve();
    },
    read: () => {
      const next = script[Math.min(reads, script.length - 1)] ?? 'Initialized';
      reads += 1;
      clock += readMs;
      return Promise.resolve(typeof next === 'string' ? { status: next } : next);
    },
  } satisfies Partial<PollOptions>;
  return { options, sleeps, reads: () => reads, clock: () => clock };
}

const repeat = (status: string, times: number): string[] => Array.from({ length: times }, () => status);

describe('backoff (defaults written once)', () => {
  it('starts at 50 ms, grows by 1.5 and stops at 2 s', () => {
    expect(Array.from({ length: 13 }, (_, n) => backoffDelay(DEFAULT_BACKOFF, n))).toEqual([
      50, 75, 113, 169, 253, 380, 570, 854, 1281, 1922, 2000, 2000, 2000,
    ]);
  });

  it.each([
    ['no jitter by default', { jitter: 0, random: () => 0 }, 0, 50],
    ['jitter at its low end', { jitter: 0.2, random: () => 0 }, 0, 40],
    ['jitter at its high end', { jitter: 0.2, random: () => 0.999999 }, 0, 60],
    ['jitter never passes the cap', { jitter: 0.5, random: () => 0.999999 }, 20, 2000],
  ])('%s', (_rule, overrides, attempt, expected) => {
    expect(backoffDelay({ ...DEFAULT_BACKOFF, ...overrides }, attempt)).toBe(expected);
  });
});

describe('pollStatus reaches its target', () => {
  it.each([
    ['at the first read, without a pause', ['Published'], 'Published', []],
    [
      'after growing pauses',
      ['Initialized', 'Initialized', 'UploadStarted', 'UploadStarted', 'UploadProcessing', 'Published'],
      'Published',
      [50, 75, 113, 169, 253],
    ],
    [
      'with pauses capped at 2 s',
      [...repeat('UploadProcessing', 14), 'Published'],
      'Published',
      [50, 75, 113, 169, 253, 380, 570, 854, 1281, 1922, 2000, 2000, 2000, 2000],
    ],
    [
      'past a skipped state when "at or past" is asked',
      ['UploadStarted', 'Published'],
      atOrPastStatus('UploadProcessing'),
      [50],
    ],
  ] as const)('%s', async (_rule, script, target, pauses) => {
    const h = harness([...script]);
    const result = await pollStatus({ ...h.options, target });
    expect(h.sleeps).toEqual(pauses);
    expect(result.final.status).toBe(script.at(-1));
    expect(result.observations.map((o) => o.status)).toEqual(script);
  });

  it('uses the policy given, field by field', async () => {
    const h = harness([...repeat('UploadStarted', 6), 'Published']);
    await pollStatus({
      ...h.options,
      target: 'Published',
      backoff: { initialDelayMs: 10, factor: 2, maxDelayMs: 100 },
    });
    expect(h.sleeps).toEqual([10, 20, 40, 80, 100, 100]);
  });

  it('records when each request left and its answer came', async () => {
    const h = harness(['UploadProcessing', 'Published'], 7);
    const { observations } = await pollStatus({ ...h.options, target: 'Published' });
    expect(observations.map(({ requestSentAt, receivedAt }) => [requestSentAt, receivedAt])).toEqual([
      [1_000_000, 1_000_007],
      [1_000_057, 1_000_064],
    ]);
  });

  it('waits on a condition of its own, such as a recipient confirming', async () => {
    const reading = (code: string) => ({
      status: 'Published',
      recipients: [{ recipient: '0192:315000002', status: code }],
    });
    const h = harness([reading('Initialized'), reading('DownloadStarted'), reading('DownloadConfirmed')]);
    const result = await pollStatus({
      ...h.options,
      target: {
        description: 'the recipient to confirm',
        satisfied: (s) => s.recipients?.[0]?.status === 'DownloadConfirmed',
      },
    });
    expect(result.observations).toHaveLength(3);
  });
});

describe('pollStatus fails', () => {
  it('at once when the status can no longer reach the target, quoting the status text', async () => {
    const h = harness([
      'Initialized',
      'UploadStarted',
      { status: 'Failed', statusText: 'Checksum mismatch' },
      'Published',
    ]);
    const error = await pollStatus({ ...h.options, target: 'Published' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({
      code: 'TERMINAL_STATE',
      context: {
        fileTransferId: ID,
        actual: 'Failed',
        statusText: 'Checksum mismatch',
        observed: ['Initialized', 'UploadStarted', 'Failed'],
      },
    });
    expect((error as Error).message).toBe(
      `File transfer ${ID}: waited for Published, but it is Failed ("Checksum mismatch"), from which no legal path ` +
        'leads there (CONTRACT.md §5.3). Observed: Initialized → UploadStarted → Failed',
    );
    expect(h.reads()).toBe(3);
  });

  it('when time runs out, naming the last status, the wait and what to check', async () => {
    const h = harness(['UploadStarted', ...repeat('UploadProcessing', 100)]);
    const error = await pollStatus({ ...h.options, target: 'Published', timeoutMs: 1000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({
      code: 'STATUS_TIMEOUT',
      waitedMs: 1000,
      lastSeen: { status: 'UploadProcessing' },
    });
    expect((error as Error).message).toMatch(
      /waited 1000 ms \(7 reads\) for Published; the last read showed UploadProcessing\. Observed: UploadStarted → UploadProcessing ×6/,
    );
    expect((error as Error).message).toMatch(
      /malware scanning on Altinn's environments can take minutes; raise BROKER_POLL_TIMEOUT_MS \(now 1000\)/i,
    );
    // The last pause is cut short so the final read happens at the deadline, not after it.
    expect(h.sleeps).toEqual([50, 75, 113, 169, 253, 340]);
  });

  it.each([
    [
      'Published → UploadStarted',
      ['UploadStarted', 'Published', 'UploadStarted'],
      'AllConfirmedDownloaded',
      'file transfer went from Published to UploadStarted',
    ],
    [
      'an undocumented status',
      ['UploadStarted', 'Archived'],
      'Published',
      'file transfer status "Archived" is not in the enumeration',
    ],
    [
      'a recipient whose highest status falls (§4.5)',
      [
        { status: 'Published', recipients: [{ recipient: '0192:315000002', status: 'DownloadConfirmed' }] },
        { status: 'Published', recipients: [{ recipient: '0192:315000002', status: 'DownloadStarted' }] },
      ],
      'AllConfirmedDownloaded',
      'recipient 0192:315000002 went from DownloadConfirmed to DownloadStarted',
    ],
    [
      'a status time that goes back',
      [
        { status: 'UploadStarted', changed: '2026-08-18T10:00:01Z' },
        { status: 'UploadProcessing', changed: '2026-08-18T10:00:00Z' },
      ],
      'Published',
      'a later read shows UploadProcessing changed at 2026-08-18T10:00:00Z, earlier than the UploadStarted',
    ],
  ] as const)('with ILLEGAL_TRANSITION on %s', async (_rule, script, target, fragment) => {
    const h = harness([...script]);
    const error = await pollStatus({ ...h.options, target }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', context: { fileTransferId: ID } });
    expect((error as Error).message).toContain(fragment);
    expect(h.reads()).toBe(script.length);
  });

  it('with ILLEGAL_TRANSITION across two polls sharing a timeline (Failed, then Published)', async () => {
    const timeline = new Timeline(ID);
    await pollStatus({ ...harness(['UploadStarted', 'Failed']).options, target: 'Failed', timeline });
    const error = await pollStatus({
      ...harness(['Published']).options,
      target: 'Published',
      timeline,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      context: { observed: ['UploadStarted', 'Failed', 'Published'] },
    });
  });

  it('with the read error itself when a read fails', async () => {
    const refused = new EnvironmentError('HTTP_CONNECTION', 'connection refused');
    const h = harness(['UploadStarted']);
    let reads = 0;
    const read = () => (++reads === 2 ? Promise.reject(refused) : h.options.read());
    await expect(pollStatus({ ...h.options, read, target: 'Published' })).rejects.toBe(refused);
    expect(reads).toBe(2);
  });
});

describe('pollStatus is aborted', () => {
  it('before the first read, with the signal reason', async () => {
    const h = harness(['UploadStarted']);
    const reason = new Error('suite cancelled');
    await expect(
      pollStatus({ ...h.options, target: 'Published', signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(h.reads()).toBe(0);
  });

  it('during a real pause, at once', async () => {
    const controller = new AbortController();
    let reads = 0;
    const started = Date.now();
    const pending = pollStatus({
      fileTransferId: ID,
      target: 'Published',
      timeoutMs: 60_000,
      backoff: { initialDelayMs: 10_000 },
      signal: controller.signal,
      read: () => {
        reads += 1;
        return Promise.resolve({ status: 'UploadProcessing' });
      },
    });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(reads).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('a timeline shared by polls', () => {
  it('answers firstSeen and lastSeenBefore with request times', async () => {
    const timeline = new Timeline(ID);
    const h = harness([
      'Initialized',
      'UploadStarted',
      'UploadStarted',
      'Published',
      'AllConfirmedDownloaded',
    ]);
    await pollStatus({ ...h.options, target: 'UploadStarted', timeline });
    await pollStatus({ ...h.options, target: 'AllConfirmedDownloaded', timeline });
    expect(timeline.describe()).toBe('Initialized → UploadStarted ×2 → Published → AllConfirmedDownloaded');
    expect(timeline.firstSeen('UploadStarted')?.requestSentAt).toBe(1_000_050);
    expect(timeline.firstSeen('UploadProcessing')).toBeUndefined();
    // UploadProcessing was never seen: the last read before a status at or past it showed UploadStarted.
    expect(timeline.lastSeenBefore('UploadProcessing')).toMatchObject({
      status: 'UploadStarted',
      requestSentAt: 1_000_050,
    });
    expect(timeline.lastSeenBefore('Published')?.status).toBe('UploadStarted');
    expect(timeline.lastSeenBefore('Initialized')).toBeUndefined();
  });

  it('does not count a read on another branch as "before" (Failed is not before Published)', () => {
    const timeline = new Timeline(ID);
    for (const [i, status] of ['Initialized', 'UploadStarted', 'Failed'].entries()) {
      timeline.record({ status, requestSentAt: i, receivedAt: i });
    }
    expect(timeline.lastSeenBefore('Published')?.status).toBe('UploadStarted');
  });

  it.each([
    ['a read without recipients says nothing about them', undefined, []],
    ['a recipient that vanishes from the overview (§4.5)', [], ['recipient-mismatch']],
  ])('%s', (_rule, later, kinds) => {
    const timeline = new Timeline(ID);
    timeline.record({
      status: 'Published',
      recipients: [{ recipient: '0192:315000002', status: 'Initialized' }],
      requestSentAt: 0,
      receivedAt: 0,
    });
    const violations = timeline.record({
      status: 'Published',
      recipients: later,
      requestSentAt: 1,
      receivedAt: 1,
    });
    expect(violations.map((v) => v.kind)).toEqual(kinds);
  });
});

describe('pollStatus hands each read to onObserve', () => {
  /** The harness's reads and sleeps, and the hook's calls, in the order they happened on its clock. */
  function logged(script: string[], hook: (status: string, h: ReturnType<typeof harness>) => void) {
    const h = harness(script);
    const log: string[] = [];
    const options = {
      ...h.options,
      read: async () => {
        const snapshot = await h.options.read();
        log.push(`read ${snapshot.status} @${h.clock()}`);
        return snapshot;
      },
      sleep: (ms: number) => {
        log.push(`sleep ${ms}`);
        return h.options.sleep(ms);
      },
      onObserve: (o: { status: string; requestSentAt: number }) => {
        log.push(`observe ${o.status} sent @${o.requestSentAt}`);
        hook(o.status, h);
      },
    };
    return { h, log, options };
  }

  it.each([
    [
      'every read, in order, before the pause that follows it and before the target is judged',
      ['UploadStarted', 'UploadProcessing', 'Published'],
      () => undefined,
      [
        'read UploadStarted @1000000',
        'observe UploadStarted sent @1000000',
        'sleep 50',
        'read UploadProcessing @1000050',
        'observe UploadProcessing sent @1000050',
        'sleep 75',
        'read Published @1000125',
        'observe Published sent @1000125',
      ],
    ],
    [
      // A probe of 30 ms at UploadProcessing: the next read comes after it and its pause, not during it.
      'a slow probe delays the next read by its own time',
      ['UploadProcessing', 'Published'],
      (status: string, h: ReturnType<typeof harness>) => {
        if (status === 'UploadProcessing') void h.options.sleep(30);
      },
      [
        'read UploadProcessing @1000000',
        'observe UploadProcessing sent @1000000',
        'sleep 50',
        'read Published @1000080',
        'observe Published sent @1000080',
      ],
    ],
  ] as const)('%s', async (_rule, script, hook, want) => {
    const { log, options } = logged([...script], hook);
    await pollStatus({ ...options, target: 'Published' });
    expect(log).toEqual(want);
  });

  it.each([
    ['a hook error ends the wait with that error', ['UploadProcessing', 'Published'], 1, 'probe broke'],
    [
      'a read that breaks the lifecycle fails before the hook sees it',
      ['Published', 'UploadStarted'],
      1,
      'ILLEGAL_TRANSITION',
    ],
  ] as const)('%s', async (_rule, script, observed, error) => {
    const seen: string[] = [];
    const h = harness([...script]);
    const failure = await pollStatus({
      ...h.options,
      target: 'AllConfirmedDownloaded',
      onObserve: (o) => {
        seen.push(o.status);
        if (error === 'probe broke') throw new Error('probe broke');
      },
    }).catch((e: unknown) => e);
    expect(seen).toHaveLength(observed);
    expect(failure).toMatchObject(error === 'probe broke' ? { message: error } : { code: error });
  });

  it("counts the hook's time toward the timeout (without it: three reads in 100 ms)", async () => {
    const h = harness(repeat('UploadProcessing', 10));
    const error = await pollStatus({
      ...h.options,
      target: 'Published',
      timeoutMs: 100,
      onObserve: () => h.options.sleep(60),
    }).catch((e: unknown) => e);
    // Reads at 0 and 100 (a 60 ms probe, then a 40 ms pause cut at the deadline); given up at 160.
    expect(error).toMatchObject({ code: 'STATUS_TIMEOUT', waitedMs: 160 });
    expect(h.reads()).toBe(2);
  });
});
