/**
 * The poller and the history check against the real sandbox (CONTRACT.md §4.5, §4.6, §5.3–§5.5): a
 * transfer polled from Initialized through a scanned upload to Published and on to all confirmed, its
 * `/details` checked at each step; then the failure paths a broken or failing Broker produces.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { components } from '../../generated/broker-api.js';
import { API_PREFIX } from '../../src/api-prefix.js';
import { ContractError, WaitTimeoutError } from '../../src/errors.js';
import { assertDetails, checkDetails, type DetailsLike } from '../../src/lifecycle/history.js';
import { atOrPastStatus, pollStatus } from '../../src/lifecycle/poller.js';
import { snapshotOf, Timeline, type StatusSnapshot } from '../../src/lifecycle/timeline.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import { call, token, type Answer } from '../sandbox/client.js';

const POLL_TIMEOUT_MS = 10_000;

function ok(answer: Answer, status: number): Answer {
  expect({ status: answer.status, violations: answer.violations }).toEqual({ status, violations: [] });
  return answer;
}

async function initialize(sandbox: RunningSandbox, sender: string, fields: Record<string, unknown> = {}) {
  const body = {
    fileName: 'lifecycle.txt',
    resourceId: sandbox.env.BROKER_RESOURCE_ID,
    sendersFileTransferReference: 'lifecycle',
    sender: `0192:${sandbox.env.SENDER_ORG ?? ''}`,
    recipients: [`0192:${sandbox.env.RECIPIENT_ORG ?? ''}`],
    ...fields,
  };
  const answer = await call(sandbox, 'POST', `${API_PREFIX}/filetransfer`, {
    token: sender,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  return (ok(answer, 200).json as { fileTransferId: string }).fileTransferId;
}

const upload = (sandbox: RunningSandbox, sender: string, id: string, content: string) =>
  call(sandbox, 'POST', `${API_PREFIX}/filetransfer/${id}/upload`, {
    token: sender,
    body: content,
    headers: { 'content-type': 'application/octet-stream' },
  });

function overview(sandbox: RunningSandbox, tok: string, id: string): () => Promise<StatusSnapshot> {
  return async () => {
    const answer = ok(await call(sandbox, 'GET', `${API_PREFIX}/filetransfer/${id}`, { token: tok }), 200);
    return snapshotOf(answer.json as components['schemas']['FileTransferOverviewExt']);
  };
}

async function details(sandbox: RunningSandbox, tok: string, id: string): Promise<DetailsLike> {
  return ok(await call(sandbox, 'GET', `${API_PREFIX}/filetransfer/${id}/details`, { token: tok }), 200)
    .json as DetailsLike;
}

describe('a transfer polled through its life (§5.3, §5.5)', () => {
  let sandbox: RunningSandbox;
  let sender: string;
  let recipient: string;
  let id: string;
  let timeline: Timeline;
  const poll = (target: Parameters<typeof pollStatus>[0]['target'], tok = sender) =>
    pollStatus({
      read: overview(sandbox, tok, id),
      target,
      fileTransferId: id,
      timeoutMs: POLL_TIMEOUT_MS,
      timeline,
    });

  beforeAll(async () => {
    sandbox = await startSandbox({ processingDelayMs: 200 });
    [sender, recipient] = await Promise.all([token(sandbox, 'SENDER'), token(sandbox, 'RECIPIENT')]);
    id = await initialize(sandbox, sender);
    timeline = new Timeline(id);
  });
  afterAll(() => sandbox.stop());

  it('starts Initialized, with a legal one-row history', async () => {
    const { final } = await poll('Initialized');
    expect(final).toMatchObject({ status: 'Initialized', statusText: 'Ready for upload' });
    expect(checkDetails(await details(sandbox, sender, id))).toEqual([]);
  });

  it('reaches Published through UploadProcessing after a scanned upload', async () => {
    ok(await upload(sandbox, sender, id, 'hello world'), 200);
    const { final, observations } = await poll('Published');
    expect(final.status).toBe('Published');
    expect(observations[0]?.status).toBe('UploadProcessing');
    expect(timeline.lastSeenBefore('Published')?.status).toBe('UploadProcessing');
    for (const o of timeline.observations) expect(o.receivedAt).toBeGreaterThanOrEqual(o.requestSentAt);
  });

  it('shows a /details history that walks the legal path in time order (§4.6)', async () => {
    const walked = await details(sandbox, sender, id);
    assertDetails(walked);
    expect(walked.fileTransferStatusHistory.map((r) => r.fileTransferStatus)).toEqual([
      'Initialized',
      'UploadStarted',
      'UploadProcessing',
      'Published',
    ]);
  });

  it('reaches AllConfirmedDownloaded once the recipient downloads and confirms', async () => {
    ok(await call(sandbox, 'GET', `${API_PREFIX}/filetransfer/${id}/download`, { token: recipient }), 200);
    ok(
      await call(sandbox, 'POST', `${API_PREFIX}/filetransfer/${id}/confirmdownload`, { token: recipient }),
      204,
    );
    const { final } = await poll('AllConfirmedDownloaded', recipient);
    expect(final.recipients?.map((r) => r.status)).toEqual(['DownloadConfirmed']);
    assertDetails(await details(sandbox, recipient, id));
  });

  it('keeps DownloadConfirmed in the overview after a re-download, while the history ends DownloadStarted', async () => {
    ok(await call(sandbox, 'GET', `${API_PREFIX}/filetransfer/${id}/download`, { token: recipient }), 200);
    const { final } = await poll(atOrPastStatus('AllConfirmedDownloaded'));
    expect(final.recipients?.map((r) => r.status)).toEqual(['DownloadConfirmed']);
    const after = await details(sandbox, sender, id);
    assertDetails(after);
    expect(after.recipientFileTransferStatusHistory.map((r) => r.recipientFileTransferStatusCode)).toEqual([
      'Initialized',
      'DownloadStarted',
      'DownloadConfirmed',
      'DownloadStarted',
    ]);
    expect(timeline.describe()).toMatch(
      /^Initialized → UploadProcessing( ×\d+)? → Published → AllConfirmedDownloaded ×2$/,
    );
  });
});

describe('failure paths on the sandbox', () => {
  const sandboxes: RunningSandbox[] = [];
  const start = async (fault?: string) => {
    const sandbox = await startSandbox({ processingDelayMs: 50, ...(fault ? { fault } : {}) });
    sandboxes.push(sandbox);
    return { sandbox, sender: await token(sandbox, 'SENDER') };
  };
  afterAll(() => Promise.all(sandboxes.map((s) => s.stop())));

  it('a checksum mismatch fails the wait for Published at once, quoting "Checksum mismatch" (§5.4)', async () => {
    const { sandbox, sender } = await start();
    const wrong = createHash('md5').update('other content').digest('hex');
    const id = await initialize(sandbox, sender, { checksum: wrong });
    expect((await upload(sandbox, sender, id, 'hello world')).status).toBe(400);
    let reads = 0;
    const read = overview(sandbox, sender, id);
    const error = await pollStatus({
      read: () => ((reads += 1), read()),
      target: 'Published',
      fileTransferId: id,
      timeoutMs: POLL_TIMEOUT_MS,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({
      code: 'TERMINAL_STATE',
      context: { fileTransferId: id, statusText: 'Checksum mismatch' },
    });
    expect((error as Error).message).toContain('Failed ("Checksum mismatch")');
    expect(reads).toBe(1);
    assertDetails(await details(sandbox, sender, id));
  });

  it('a transfer that is never published runs the wait out, naming UploadProcessing (fault never-published)', async () => {
    const { sandbox, sender } = await start('never-published');
    const id = await initialize(sandbox, sender);
    ok(await upload(sandbox, sender, id, 'hello world'), 200);
    const error = await pollStatus({
      read: overview(sandbox, sender, id),
      target: 'Published',
      fileTransferId: id,
      timeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ code: 'STATUS_TIMEOUT', lastSeen: { status: 'UploadProcessing' } });
    expect((error as Error).message).toContain('BROKER_POLL_TIMEOUT_MS');
  });

  it('a history whose times run backwards is ILLEGAL_HISTORY in either reading (fault history-unordered)', async () => {
    const { sandbox, sender } = await start('history-unordered');
    const id = await initialize(sandbox, sender);
    ok(await upload(sandbox, sender, id, 'hello world'), 200);
    await pollStatus({
      read: overview(sandbox, sender, id),
      target: 'Published',
      fileTransferId: id,
      timeoutMs: POLL_TIMEOUT_MS,
    });
    const reversed = await details(sandbox, sender, id);
    const thrown = (() => {
      try {
        assertDetails(reversed);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ContractError);
    expect(thrown).toMatchObject({ code: 'ILLEGAL_HISTORY', context: { fileTransferId: id } });
    expect(checkDetails(reversed, { order: 'as-returned' }).map((v) => v.kind)).toContain(
      'decreasing-timestamp',
    );
    expect(checkDetails(reversed).length).toBeGreaterThan(0);
  });
});
