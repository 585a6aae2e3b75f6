/**
 * Step 5 of the getting-started guide, the other ways in: the multipart initialize-and-upload
 * (CONTRACT.md §4.3) and the TUS resumable upload (§4.4, §13 items 12–14), each walked to a published
 * transfer whose download equals what was sent (§4.8, §5.3: publication is asynchronous, so it is
 * polled for, §11).
 */
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { assertDetails } from '../src/lifecycle/history.js';
import { suiteContext } from '../src/suite/context.js';
import { multipartForm, uploadMultipart } from '../src/suite/multipart.js';
import { flow } from '../src/suite/steps.js';
import { brokenBody } from '../src/suite/streams.js';
import { details, download, initialize, md5Hex, overview, payload, waitFor } from '../src/suite/transfers.js';
import { expectTusText, resumeUpload, TUS_VERSION, tusUpload, uploadIdOf } from '../src/suite/tus.js';

const ctx = await suiteContext();
/** The §4.3 form as 05c sends it: two recipients, so each gets a `Metadata.Recipients` field. */
const uploadForm = (label: string, propertyList: Record<string, string>, file?: Uint8Array) =>
  multipartForm(ctx, { label, recipients: ['RECIPIENT', 'SENDER'], propertyList, ...(file ? { file } : {}) });

describe('05c multipart initialize-and-upload (§4.3)', () => {
  const steps = flow();
  const file = payload(20_000, 43);
  // Keys keep their case (§4.5); one value is longer than a header would carry.
  const properties = { purpose: 'broker-contract', MixedCase: 'Yes', long: 'x'.repeat(1000) };
  const PUBLISHED = '§4.3 §5.3 the transfer is published';
  let id = '';

  steps.it(
    '§4.3 a form with metadata, two recipients, properties and a FileTransfer part answers 200 with an id',
    async () => {
      const { data, response } = await uploadMultipart(ctx, uploadForm('multipart', properties, file));
      expect(response.status).toBe(200);
      id = data?.fileTransferId ?? '';
      expect(id).not.toBe('');
    },
  );

  steps.it(PUBLISHED, async () => {
    await waitFor(ctx, id, 'Published');
  });

  steps.it(
    '§4.3 §4.5 the overview shows the file size, both recipients and the propertyList as sent',
    async () => {
      const seen = await overview(ctx, id);
      expect(seen.fileTransferSize).toBe(file.length);
      expect(seen.propertyList).toEqual(properties);
      const recipients = seen.recipients.map((r) => r.recipient.slice(r.recipient.lastIndexOf(':') + 1));
      expect(recipients.sort()).toEqual([ctx.org('RECIPIENT'), ctx.org('SENDER')].sort());
    },
  );

  steps.it(
    '§4.3 §4.8 the download equals the file part byte for byte',
    async () => {
      const { response, bytes } = await download(ctx, id);
      expect(response.status).toBe(200);
      expect(md5Hex(bytes)).toBe(md5Hex(file));
      expect(Buffer.from(bytes).equals(Buffer.from(file))).toBe(true);
    },
    [PUBLISHED],
  );

  it('§4.3 a form without the FileTransfer part gets 400', async () => {
    const { response } = await uploadMultipart(ctx, uploadForm('multipart-no-file', {}));
    expect(response.status).toBe(400);
  });
});

describe('05c TUS resumable upload (§4.4)', () => {
  const steps = flow();
  const CHUNK = 64 * 1024;
  const file = payload(3 * CHUNK, 44);
  const PUBLISHED = '§4.4 §5.3 the TUS upload is published (asynchronously, so polled for)';
  let upload = tusUpload(ctx, randomUUID());

  steps.it('§4.4 OPTIONS answers 204 with Tus-Version 1.0.0', async () => {
    const { response } = await upload.options();
    expect(response.status).toBe(204);
    expect(response.headers.get('tus-version') ?? '').toContain(TUS_VERSION);
  });

  steps.it(
    '§4.4 §5.3 create answers 201 with a Location naming the transfer, which becomes UploadStarted',
    async () => {
      upload = tusUpload(ctx, await initialize(ctx, { label: 'tus' }));
      const created = await upload.create(file.length);
      expect(created.response.status).toBe(201);
      // §13.12: a path or an absolute URL; either way it names this transfer's upload.
      expect(uploadIdOf(created.location)?.toLowerCase()).toBe(upload.fileTransferId);
      expect((await overview(ctx, upload.fileTransferId)).fileTransferStatus).toBe('UploadStarted');
    },
    [],
  );

  steps.it('§4.4 HEAD right after create reports Upload-Offset 0', async () => {
    const { response, offset } = await upload.head();
    expect(response.status).toBe(200);
    expect(offset).toBe(0);
  });

  steps.it('§4.4 a PATCH chunk answers 204 and advances Upload-Offset', async () => {
    const { response } = await upload.patch(0, file.slice(0, CHUNK));
    expect(response.status).toBe(204);
    expect(response.headers.get('upload-offset')).toBe(String(CHUNK));
    expect((await upload.head()).offset).toBe(CHUNK);
  });

  steps.it('§4.4 a PATCH with an Upload-Offset other than the server’s gets 409 as text/plain', async () => {
    // A replayed first byte: the server is at CHUNK.
    expectTusText(await upload.patch(0, file.slice(0, 1)), 409);
    expect((await upload.head()).offset).toBe(CHUNK);
  });

  steps.it(
    '§4.4 a chunk broken off mid-way is resumed from the offset HEAD reports, to the end',
    async () => {
      const sent = CHUNK / 2;
      // The call usually fails in transport; a server may also answer before the body ends. Either way,
      // it may keep every byte that arrived, some, or none of the broken chunk.
      await upload.patch(CHUNK, brokenBody(file.slice(CHUNK, 2 * CHUNK), sent)).catch(() => undefined);
      const { result } = await resumeUpload(upload, file, {
        atLeast: CHUNK,
        atMost: CHUNK + sent,
      });
      expect(result.response.status).toBe(204);
      expect(result.response.headers.get('upload-offset')).toBe(String(file.length));
    },
  );

  steps.it(PUBLISHED, async () => {
    await waitFor(ctx, upload.fileTransferId, 'Published');
  });

  steps.it("§4.4 §4.5 the overview shows the whole file's size", async () => {
    expect((await overview(ctx, upload.fileTransferId)).fileTransferSize).toBe(file.length);
  });

  steps.it(
    "§4.4 §4.8 the TUS upload's download equals the whole file",
    async () => {
      const { response, bytes } = await download(ctx, upload.fileTransferId);
      expect(response.status).toBe(200);
      expect(md5Hex(bytes)).toBe(md5Hex(file));
      expect(Buffer.from(bytes).equals(Buffer.from(file))).toBe(true);
    },
    [PUBLISHED],
  );
});

describe('05c TUS protocol errors (§4.4)', () => {
  it.each(['POST', 'HEAD', 'PATCH'] as const)(
    '§4.4 %s without Tus-Resumable gets 404, before any file-level check',
    async (method) => {
      const upload = tusUpload(ctx, await initialize(ctx, { label: `tus-no-version-${method}` }));
      const omit = { 'Tus-Resumable': null };
      const result =
        method === 'POST'
          ? await upload.create(10, omit)
          : method === 'HEAD'
            ? await upload.head(omit)
            : await upload.patch(0, payload(10), omit);
      expect(result.response.status).toBe(404);
    },
  );

  it('§4.4 §2.3 a Broker check failing on TUS answers text/plain without a code (unknown id: 404)', async () => {
    ctx.requireWrites();
    expectTusText(await tusUpload(ctx, randomUUID()).create(10), 404);
  });
});

describe('05c TUS with a sender checksum (§4.4, §5.4)', () => {
  it('§4.4 §5.3 with a sender checksum the TUS upload passes through UploadProcessing to Published', async () => {
    const file = payload(10_000, 45);
    const upload = tusUpload(ctx, await initialize(ctx, { label: 'tus-checksum', checksum: md5Hex(file) }));
    expect((await upload.create(file.length)).response.status).toBe(201);
    expect((await upload.patch(0, file)).response.status).toBe(204);
    await waitFor(ctx, upload.fileTransferId, 'Published');
    const history = await details(ctx, upload.fileTransferId);
    assertDetails(history);
    expect(history.fileTransferStatusHistory.map((row) => row.fileTransferStatus)).toContain(
      'UploadProcessing',
    );
  });
});
