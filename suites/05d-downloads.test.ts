/**
 * Step 5 of the getting-started guide, the download side: single byte ranges (CONTRACT.md §4.8,
 * RFC 9110) compared byte for byte, and a large file streamed up (§4.2, chunked, so no Content-Length)
 * and down through an incremental MD5, never held in memory whole.
 */
import { describe, expect, it } from '@jest/globals';
import { suiteContext } from '../src/suite/context.js';
import { flow, skip } from '../src/suite/steps.js';
import { digestStream, generatedFile } from '../src/suite/streams.js';
import {
  API,
  download,
  expectBody,
  expectProblem,
  initialize,
  overview,
  payload,
  upload,
  waitFor,
} from '../src/suite/transfers.js';

const ctx = await suiteContext();

describe('05d range downloads (§4.8)', () => {
  const steps = flow();
  const SIZE = 1000;
  const file = payload(SIZE, 46);
  const PUBLISHED = '§4.2 §5.3 a small file is uploaded and published for the range checks';
  let id = '';

  steps.it(PUBLISHED, async () => {
    id = await initialize(ctx, { label: 'ranges' });
    expect((await upload(ctx, id, file)).response.status).toBe(200);
    await waitFor(ctx, id, 'Published');
  });

  const PARTIAL = [
    { rule: 'bytes=a-b gives exactly bytes a to b', range: 'bytes=100-199', start: 100, end: 199 },
    { rule: 'a one-byte range gives one byte', range: 'bytes=0-0', start: 0, end: 0 },
    { rule: 'the unit is case-insensitive', range: 'BYTES=5-9', start: 5, end: 9 },
    { rule: 'bytes=a- runs to the last byte', range: 'bytes=990-', start: 990, end: 999 },
    { rule: 'bytes=-n gives the last n bytes', range: 'bytes=-10', start: 990, end: 999 },
    {
      rule: 'an end past the file is clamped to the last byte',
      range: 'bytes=950-5000',
      start: 950,
      end: 999,
    },
    { rule: 'a suffix longer than the file gives all of it', range: 'bytes=-2000', start: 0, end: 999 },
  ];
  it.each(PARTIAL)('§4.8 $rule: 206 with Content-Range and those bytes ($range)', async (row) =>
    steps.step(
      row.rule,
      async () => {
        const { response, bytes } = await download(ctx, id, 'RECIPIENT', { Range: row.range });
        expect(response.status).toBe(206);
        expect(response.headers.get('content-range')).toBe(`bytes ${row.start}-${row.end}/${SIZE}`);
        const length = response.headers.get('content-length');
        if (length !== null) expect(Number(length)).toBe(row.end - row.start + 1);
        expect(Buffer.from(bytes).equals(Buffer.from(file.subarray(row.start, row.end + 1)))).toBe(true);
      },
      [PUBLISHED],
    )(),
  );

  const IGNORED = [
    { rule: 'a malformed range', range: 'bytes=abc' },
    { rule: 'a range whose end is before its start', range: 'bytes=9-2' },
    { rule: 'several ranges', range: 'bytes=0-1,5-6' },
    { rule: 'a unit other than bytes', range: 'items=0-5' },
  ];
  it.each(IGNORED)('§4.8 $rule is ignored: the whole file with 200 ($range)', async (row) =>
    steps.step(
      row.rule,
      async () => {
        const { response, bytes } = await download(ctx, id, 'RECIPIENT', { Range: row.range });
        expect(response.status).toBe(200);
        expect(response.headers.get('accept-ranges')).toBe('bytes');
        expect(Buffer.from(bytes).equals(Buffer.from(file))).toBe(true);
      },
      [PUBLISHED],
    )(),
  );

  const UNSATISFIABLE = [
    { rule: 'a start at the size', range: `bytes=${SIZE}-` },
    { rule: 'a start past the size', range: `bytes=${SIZE + 4000}-${SIZE + 5000}` },
    { rule: 'an empty suffix', range: 'bytes=-0' },
  ];
  it.each(UNSATISFIABLE)('§4.8 $rule gets 416 BRO-00029 ($range)', async (row) =>
    steps.step(
      row.rule,
      async () => {
        expectProblem(await download(ctx, id, 'RECIPIENT', { Range: row.range }), 416, 'BRO-00029');
      },
      [PUBLISHED],
    )(),
  );
});

const MiB = 1024 * 1024;
/** `BROKER_CONTRACT_LARGE_FILE_MB`: a run setting, not a deployment fact (its defaults: src/defaults.ts). */
const largeMb = ctx.largeFileMb;
const largeSize = Math.round(largeMb * MiB);

describe(`05d a large file streamed both ways (§4.2, §4.8): ${largeMb} MiB`, () => {
  const steps = flow();
  const UPLOADED = '§4.2 §5.3 a large file streamed up without Content-Length is published';
  let id = '';
  let md5 = '';

  steps.it(UPLOADED, async () => {
    ctx.requireWrites();
    const { data, response } = await ctx.broker.as('SERVICEOWNER').GET(`${API}/resource/{resourceId}`, {
      params: { path: { resourceId: ctx.profile.resourceId } },
    });
    const max = response.status === 200 ? data?.maxFileTransferSize : undefined;
    if (typeof max === 'number' && max < largeSize)
      skip(`the resource's maxFileTransferSize (${max} bytes) is below the ${largeSize}-byte file`);
    id = await initialize(ctx, { label: 'large' });
    const generated = generatedFile(largeSize, 47);
    expect((await upload(ctx, id, generated.stream)).response.status).toBe(200);
    md5 = generated.md5();
    await waitFor(ctx, id, 'Published');
  });

  steps.it('§4.5 the large transfer shows its size, and its MD5 once known', async () => {
    const seen = await overview(ctx, id);
    expect(seen.fileTransferSize).toBe(largeSize);
    // §4.5: the computed MD5 may appear only after publication (§5.4); when it is there it must match.
    if (seen.checksum) expect(seen.checksum.toLowerCase()).toBe(md5);
  });

  steps.it(
    '§4.8 streamed down, the large file has the same size and MD5',
    async () => {
      const { data, response } = await ctx.broker
        .as('RECIPIENT')
        .GET(`${API}/filetransfer/{fileTransferId}/download`, {
          params: { path: { fileTransferId: id } },
          parseAs: 'stream',
        });
      expect(response.status).toBe(200);
      const body = expectBody(data, {
        operation: 'downloadFileTransfer',
        method: 'GET',
        pathTemplate: `${API}/filetransfer/{fileTransferId}/download`,
        clause: '§4.8',
        fileTransferId: id,
      });
      expect(await digestStream(body as ReadableStream<Uint8Array>)).toEqual({ md5, size: largeSize });
    },
    [UPLOADED],
  );
});
