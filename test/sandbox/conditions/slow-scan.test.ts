/**
 * The `slow-scan` condition: time at wall speed and a malware scan that takes seconds, as on Altinn's
 * environments (CONTRACT.md §4.2, §5.3, §9), with the resource at Altinn's defaults (§8.3: TTL and grace
 * unset, meaning 30 days and PT2H). It wins over the fast clock and short scan asked for here.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SLOW_SCAN_MS } from '../../../sandbox/conditions.js';
import { SANDBOX_RESOURCE, startSandbox, type RunningSandbox } from '../../../sandbox/launcher.js';
import { call, token } from '../client.js';
import {
  API,
  details,
  expectAnswer,
  initialize,
  overview,
  upload,
  waitForStatus,
  START_TIMEOUT_MS,
} from '../fixtures.js';

const DAY = 24 * 3600 * 1000;

let sandbox: RunningSandbox;
let sender: string;
beforeAll(async () => {
  sandbox = await startSandbox({ conditions: ['slow-scan'], timeScale: 10_000, processingDelayMs: 10 });
  sender = await token(sandbox, 'SENDER');
}, START_TIMEOUT_MS);
afterAll(() => sandbox?.stop());

describe('slow-scan', () => {
  it('runs the clock at wall speed whatever was asked', () => {
    expect(sandbox.clock.timeScale).toBe(1);
    expect(sandbox.settings.overridden).toEqual([
      'slow-scan sets timeScale to 1 (10000 was given)',
      'slow-scan sets processingDelayMs to 3000 (10 was given)',
    ]);
  });

  it('keeps the resource at Altinn’s defaults: TTL and grace null, purge after confirmation (§8.3)', async () => {
    const answer = await call(sandbox, 'GET', `${API}/resource/${SANDBOX_RESOURCE}`, {
      token: await token(sandbox, 'SERVICEOWNER'),
    });
    expect(expectAnswer(answer, 200).json).toMatchObject({
      fileTransferTimeToLive: null,
      purgeFileTransferGracePeriod: null,
      purgeFileTransferAfterAllRecipientsConfirmed: true,
    });
  });

  it(`publishes ${SLOW_SCAN_MS} ms of wall time after the upload, not before`, async () => {
    const id = await initialize(sandbox, sender);
    const created = await overview(sandbox, sender, id);
    // §4.1: a null TTL is 30 days, of wall time now.
    expect(Date.parse(created.expirationTime) - Date.parse(created.created)).toBe(30 * DAY);

    expectAnswer(await upload(sandbox, sender, id, 'scanned slowly'), 200);
    const uploaded = Date.now();
    expect((await overview(sandbox, sender, id)).fileTransferStatus).toBe('UploadProcessing');
    await new Promise((resolve) => setTimeout(resolve, SLOW_SCAN_MS / 2));
    expect((await overview(sandbox, sender, id)).fileTransferStatus).toBe('UploadProcessing');

    await waitForStatus(sandbox, sender, id, 'Published', SLOW_SCAN_MS * 2);
    expect(Date.now() - uploaded).toBeGreaterThanOrEqual(SLOW_SCAN_MS - 50);
    const history = (await details(sandbox, sender, id)).fileTransferStatusHistory;
    const at = (status: string) =>
      Date.parse(history.find((h) => h.fileTransferStatus === status)?.fileTransferStatusChanged ?? '');
    // The clock fires a timer up to 1 ms early (sandbox/clock.ts).
    expect(at('Published') - at('UploadProcessing')).toBeGreaterThanOrEqual(SLOW_SCAN_MS - 1);
  }, 15_000);
});
