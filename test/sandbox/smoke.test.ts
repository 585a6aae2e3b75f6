import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import { call, jsonBody, token } from './client.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ processingDelayMs: 50 });
});
afterAll(() => sandbox.stop());

describe('smoke', () => {
  it('walks a transfer', async () => {
    const sender = await token(sandbox, 'SENDER');
    const recipient = await token(sandbox, 'RECIPIENT');
    const init = await call(sandbox, 'POST', '/broker/api/v1/filetransfer', {
      token: sender,
      ...jsonBody({
        fileName: 'a.txt',
        resourceId: sandbox.env.BROKER_RESOURCE_ID,
        sendersFileTransferReference: 'ref',
        sender: `0192:${sandbox.env.SENDER_ORG}`,
        recipients: [`0192:${sandbox.env.RECIPIENT_ORG}`],
      }),
    });
    expect(init.violations).toEqual([]);
    expect(init.status).toBe(200);
    const id = (init.json as { fileTransferId: string }).fileTransferId;
    const up = await call(sandbox, 'POST', `/broker/api/v1/filetransfer/${id}/upload`, {
      token: sender,
      body: 'hello world',
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect([up.status, up.violations]).toEqual([200, []]);
    await new Promise((r) => setTimeout(r, 150));
    const ov = await call(sandbox, 'GET', `/broker/api/v1/filetransfer/${id}`, { token: recipient });
    expect(ov.violations).toEqual([]);
    expect((ov.json as { fileTransferStatus: string }).fileTransferStatus).toBe('Published');
    const dl = await call(sandbox, 'GET', `/broker/api/v1/filetransfer/${id}/download`, { token: recipient });
    expect([dl.status, dl.text, dl.violations]).toEqual([200, 'hello world', []]);
    const cf = await call(sandbox, 'POST', `/broker/api/v1/filetransfer/${id}/confirmdownload`, {
      token: recipient,
    });
    expect([cf.status, cf.violations]).toEqual([204, []]);
    const det = await call(sandbox, 'GET', `/broker/api/v1/filetransfer/${id}/details`, { token: sender });
    expect(det.violations).toEqual([]);
    expect((det.json as { fileTransferStatus: string }).fileTransferStatus).toBe('AllConfirmedDownloaded');
  });
});

describe('start and stop', () => {
  it('answers on its origin once started, and deletes its data directory on stop', async () => {
    const { access } = await import('node:fs/promises');
    const own = await startSandbox();
    const health = await fetch(`${own.origin}/health`);
    expect(health.status).toBe(200);
    await access(own.config.dataDir);
    await own.stop();
    await expect(access(own.config.dataDir)).rejects.toThrow();
    await expect(fetch(`${own.origin}/health`)).rejects.toThrow();
  });
});
