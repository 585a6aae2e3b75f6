/**
 * What is forbidden at each status is refused at that status (CONTRACT.md §4.2 row 3, §4.4, §4.8 row 3,
 * §4.9 rows 3–4, §5.3, §5.7): a transfer is held in UploadStarted (a TUS upload partly sent), caught in
 * UploadProcessing (a streamed upload's malware scan, probed the moment a read shows it) and taken to
 * AllConfirmedDownloaded, and at each the calls the contract forbids there are made as their rightful
 * persona. Elsewhere already: Initialized in 06b ("before publication"), a second upload after
 * Published in 06a (§4.2 row 3), download, confirm and upload after a purge in 03b (§5.6).
 *
 * A status such as UploadProcessing may end between the read that saw it and the moment the Broker
 * handles a probe. An answer other than the status's refusal is therefore judged against a read made
 * once it came (src/suite/status-gates.ts): still the same status, the gate is broken; moved on to a
 * status whose answer it is, the test is skipped, since the Broker may have handled the call there.
 */
import { describe, expect } from '@jest/globals';
import { ContractError, SuiteError } from '../src/errors.js';
import { atOrPastStatus } from '../src/lifecycle/poller.js';
import { atOrPast, isFileTransferStatus, type FileTransferStatus } from '../src/lifecycle/statuses.js';
import type { Observation } from '../src/lifecycle/timeline.js';
import { suiteContext } from '../src/suite/context.js';
import {
  describeAnswer,
  GATED_CALLS,
  judgeGate,
  type GateAnswer,
  type GatedCall,
} from '../src/suite/status-gates.js';
import { flow, skip } from '../src/suite/steps.js';
import { confirm, download, initialize, overview, payload, upload, waitFor } from '../src/suite/transfers.js';
import { tusUpload } from '../src/suite/tus.js';
import { expectConfirmed, recipientStatus } from '../src/suite/walk.js';

const ctx = await suiteContext();

/** A gated call's answer, taken while the transfer was at `at`, with the status read after it when one was. */
interface Probe {
  id: string;
  call: GatedCall;
  at: FileTransferStatus;
  answer: GateAnswer;
  after?: FileTransferStatus;
}

async function statusOf(id: string): Promise<FileTransferStatus> {
  return (await overview(ctx, id)).fileTransferStatus;
}

function answerOf(result: { response: Response; error?: unknown }): GateAnswer {
  // TUS errors are text (§4.4): they carry no code.
  const code = (result.error as { code?: unknown } | undefined)?.code;
  return { status: result.response.status, ...(typeof code === 'string' ? { code } : {}) };
}

/** One call, as the persona entitled to it: RECIPIENT downloads and confirms, SENDER uploads. */
async function send(call: GatedCall, id: string): Promise<GateAnswer> {
  switch (call) {
    case 'download':
      return answerOf(await download(ctx, id));
    case 'confirm':
      return answerOf(await confirm(ctx, id));
    case 'upload':
      return answerOf(await upload(ctx, id, payload(64, 62)));
    case 'tusCreate':
      return answerOf(await tusUpload(ctx, id).create(64));
  }
}

/**
 * Makes `call` after a read showed `at`. An answer `at` does not document is followed at once by a
 * second read, so it can be judged against where the transfer was by the time it came.
 */
async function probe(call: GatedCall, id: string, at: FileTransferStatus): Promise<Probe> {
  const answer = await send(call, id);
  if (judgeGate(call, answer, at).kind === 'held') return { id, call, at, answer };
  return { id, call, at, answer, after: await statusOf(id) };
}

/** Passes when the probe got `at`'s refusal; skips when the transfer moved on first; fails otherwise. */
function expectRefused(found: Probe | undefined): void {
  if (!found) {
    throw new SuiteError(
      'SUITE_STEP_ORDER',
      'the probing step passed without probing this call; a clause that judges a probe needs its step to make it',
    );
  }
  const { id, call, at, answer, after } = found;
  const verdict = judgeGate(call, answer, at, after);
  const { operation, clause } = GATED_CALLS[call];
  if (verdict.kind === 'held') return;
  if (verdict.kind === 'moved-on') {
    skip(
      `the transfer was ${at} when the call was sent and ${after ?? at} once its answer (${describeAnswer(answer)}) ` +
        `came, which is ${verdict.status}'s answer: the Broker may have handled it after ${at} ended`,
    );
  }
  const expected = verdict.expected.map(describeAnswer).join(' or ');
  throw new ContractError(
    'STATUS_GATE',
    `${operation} (transfer ${id}) answered ${describeAnswer(answer)} while the transfer was ` +
      `${verdict.during.join(' or ')} (read before the call${after ? ' and again after its answer' : ''}); ` +
      `${clause} documents ${expected} there.\n  → the Broker lets this call past its status gate at ${at}`,
    { operation, fileTransferId: id, expected, actual: describeAnswer(answer), during: verdict.during },
  );
}

/**
 * Waits for `target` and makes `calls` at once, all together, on the first read that shows `status`
 * (the poller's onObserve, so no pause comes between). When a read shows a later status first, the
 * status was missed and the test is skipped, with `closed(ms)` saying how short it was: ms from
 * `since` (when the call that leads to `status` was sent) to that read's answer.
 */
async function probeWhenSeen(
  id: string,
  status: FileTransferStatus,
  target: FileTransferStatus,
  calls: GatedCall[],
  since: number,
  closed: (ms: number) => string,
): Promise<Map<GatedCall, Probe>> {
  const probes = new Map<GatedCall, Probe>();
  let missed: Observation | undefined;
  await waitFor(ctx, id, atOrPastStatus(target), 'SENDER', async (seen) => {
    if (probes.size > 0 || missed || !isFileTransferStatus(seen.status)) return;
    if (seen.status !== status) {
      if (atOrPast(seen.status, status)) missed = seen;
      return;
    }
    const answers = await Promise.all(calls.map((call) => probe(call, id, status)));
    for (const found of answers) probes.set(found.call, found);
  });
  if (probes.size === 0)
    skip(
      `the transfer was ${missed?.status ?? 'past it'} before a probe could run ` +
        `(${closed(Math.ceil((missed?.receivedAt ?? Date.now()) - since))})`,
    );
  return probes;
}

const STARTED = '§4.4 §5.3 a TUS upload created and partly sent leaves the transfer UploadStarted';

describe('06c status gates: UploadStarted (§4.4, §5.7)', () => {
  const f = flow();
  const CHUNK = 32 * 1024;
  const file = payload(2 * CHUNK, 63);
  let id = '';

  f.it(STARTED, async () => {
    id = await initialize(ctx, { label: 'gate-upload-started' });
    const tus = tusUpload(ctx, id);
    expect((await tus.create(file.length)).response.status).toBe(201);
    expect((await tus.patch(0, file.slice(0, CHUNK))).response.status).toBe(204);
    // §4.4: nothing is finalized before the last byte, so the status holds for as long as the test needs.
    expect(await statusOf(id)).toBe('UploadStarted');
  });

  f.it(
    '§4.8 row 3, §5.7 a download while UploadStarted gets 403 BRO-00007',
    async () => expectRefused(await probe('download', id, 'UploadStarted')),
    [STARTED],
  );

  f.it(
    '§4.9 rows 3–4, §5.7 a confirm while UploadStarted gets 400 BRO-00003 (or BRO-00010 once a location is stored)',
    async () => expectRefused(await probe('confirm', id, 'UploadStarted')),
    [STARTED],
  );

  f.it(
    '§4.4 §4.8 §5.5 the rest is sent and the transfer published; the refused calls left RECIPIENT Initialized',
    async () => {
      expect((await tusUpload(ctx, id).patch(CHUNK, file.slice(CHUNK))).response.status).toBe(204);
      await waitFor(ctx, id, atOrPastStatus('Published'));
      // §4.8: only a download that succeeds records DownloadStarted; §4.9: only a confirm that does, DownloadConfirmed.
      expect(recipientStatus(ctx, await overview(ctx, id), 'RECIPIENT')).toBe('Initialized');
    },
    [STARTED],
  );
});

const CAUGHT =
  '§4.2 §5.3 a streamed upload with a virus scan is caught in UploadProcessing and probed at once';

describe('06c status gates: UploadProcessing (§4.2, §5.3, §5.7)', () => {
  const f = flow();
  let probes = new Map<GatedCall, Probe>();

  f.it(CAUGHT, async () => {
    const id = await initialize(ctx, { label: 'gate-upload-processing' });
    const sent = Date.now();
    expect((await upload(ctx, id, payload(4_000, 64))).response.status).toBe(200);
    // §4.2: with a virus scan the upload answers at UploadProcessing, and Published follows when the scan ends.
    probes = await probeWhenSeen(
      id,
      'UploadProcessing',
      'Published',
      ['download', 'confirm', 'upload'],
      sent,
      (ms) => `the scan took less than ${ms} ms`,
    );
  });

  f.it(
    '§4.8 row 3, §5.7 a download while UploadProcessing gets 403 BRO-00007',
    () => expectRefused(probes.get('download')),
    [CAUGHT],
  );

  f.it(
    '§4.9 row 4, §5.7 a confirm while UploadProcessing (bytes stored, §4.2) gets 400 BRO-00010',
    () => expectRefused(probes.get('confirm')),
    [CAUGHT],
  );

  f.it(
    '§4.2 row 3 an upload while UploadProcessing gets 409 BRO-00004',
    () => expectRefused(probes.get('upload')),
    [CAUGHT],
  );
});

const DONE =
  '§4.9 a transfer downloaded and confirmed by its one recipient is AllConfirmedDownloaded, and probed at once';

describe('06c status gates: AllConfirmedDownloaded (§4.2, §4.4, §4.9)', () => {
  const f = flow();
  let probes = new Map<GatedCall, Probe>();

  f.it(DONE, async () => {
    const id = await initialize(ctx, { label: 'gate-all-confirmed' });
    expect((await upload(ctx, id, payload(2_000, 65))).response.status).toBe(200);
    await waitFor(ctx, id, 'Published');
    expect((await download(ctx, id)).response.status).toBe(200);
    const confirmed = Date.now();
    expectConfirmed((await confirm(ctx, id)).response);
    // §5.6: the purge follows the grace period, which a sped-up deployment may let pass before a probe.
    probes = await probeWhenSeen(
      id,
      'AllConfirmedDownloaded',
      'AllConfirmedDownloaded',
      ['upload', 'tusCreate', 'confirm'],
      confirmed,
      (ms) => `the purge came less than ${ms} ms after the last confirm`,
    );
  });

  f.it(
    '§4.2 row 3 an upload after AllConfirmedDownloaded gets 409 BRO-00004',
    () => expectRefused(probes.get('upload')),
    [DONE],
  );

  f.it(
    '§4.4 a TUS create after AllConfirmedDownloaded gets 409',
    () => expectRefused(probes.get('tusCreate')),
    [DONE],
  );

  f.it(
    '§4.9 row 4 a repeated confirm after AllConfirmedDownloaded gets 400 BRO-00010',
    () => expectRefused(probes.get('confirm')),
    [DONE],
  );
});
