/**
 * Negative cases of the upload (CONTRACT.md §4.2, §4.4, §5.4, §6.1): a checksum mismatch fails the
 * transfer (streamed: 400 BRO-00009 and no event; TUS: in the background, with `uploadfailed`), a
 * published transfer takes no second upload (409 BRO-00004), and a declared size over the limit is
 * refused before any byte is read (400 BRO-00016).
 */
import { describe, expect, it } from '@jest/globals';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { REQUEST_TIMEOUT_MS } from '../src/defaults.js';
import { EnvironmentError } from '../src/errors.js';
import { formatViolations } from '../src/spec/violations.js';
import { suiteContext } from '../src/suite/context.js';
import { flow, skip } from '../src/suite/steps.js';
import {
  API,
  expectProblem,
  initialize,
  md5Hex,
  overview,
  payload,
  upload,
  waitFor,
} from '../src/suite/transfers.js';
import { tusUpload } from '../src/suite/tus.js';

const ctx = await suiteContext();
/**
 * How long "no event" is watched: the embedded sandbox sends within milliseconds, Altinn within
 * seconds; never longer than this environment's bound for an event that must come.
 */
const QUIET_MS = Math.min(2 * ctx.quietMs, ctx.profile.timing.eventTimeoutMs);
/** §4.2 row 7: the limit with virus scan on, whatever the resource says. */
const SCAN_LIMIT = 50_000_000_000;

const MISMATCH = '§4.2 row 9 a streamed upload whose MD5 differs from the checksum gets 400 BRO-00009';
const MISMATCH_FAILED = '§5.4 the transfer is then Failed with the text "Checksum mismatch"';
const MISMATCH_QUIET = '§5.4, §6.1 no uploadfailed event follows a streamed checksum mismatch';

describe('06 negative: checksum mismatch on a streamed upload (§4.2 row 9, §5.4)', () => {
  const f = flow();
  let id = '';

  f.it(MISMATCH, async () => {
    id = await initialize(ctx, { label: 'streamed-mismatch', checksum: md5Hex(payload(256, 7)) });
    expectProblem(await upload(ctx, id, payload(256, 6)), 400, 'BRO-00009');
  });

  f.it(MISMATCH_FAILED, async () => {
    const { final } = await waitFor(ctx, id, 'Failed');
    expect(final.statusText).toBe('Checksum mismatch');
  });

  f.it(
    MISMATCH_QUIET,
    () => ctx.events().expectNone({ type: 'uploadfailed', resourceinstance: id }, { during: QUIET_MS }),
    [MISMATCH],
  );
});

const TUS_SENT = '§4.4 a TUS upload with a mismatching checksum is created (201) and takes its bytes (204)';
const TUS_FAILED = '§5.4 the background check then fails the transfer with the text "Checksum mismatch"';
const TUS_EVENT = '§5.4, §6.1 the sender gets an uploadfailed event';

describe('06 negative: checksum mismatch on a TUS upload (§4.4, §5.4)', () => {
  const f = flow();
  let id = '';
  const bytes = payload(300, 8);

  f.it(TUS_SENT, async () => {
    id = await initialize(ctx, { label: 'tus-mismatch', checksum: md5Hex(payload(300, 9)) });
    const tus = tusUpload(ctx, id);
    expect((await tus.create(bytes.length)).response.status).toBe(201);
    expect((await tus.patch(0, bytes)).response.status).toBe(204);
  });

  f.it(TUS_FAILED, async () => {
    const { final } = await waitFor(ctx, id, 'Failed');
    expect(final.statusText).toBe('Checksum mismatch');
  });

  f.it(TUS_EVENT, async () => {
    await ctx.events().expect({ type: 'uploadfailed', resourceinstance: id, subject: ctx.subject('SENDER') });
  });
});

const PUBLISHED = '§4.2 a transfer is uploaded and Published';
const SECOND = '§4.2 row 3 a second upload after publication gets 409 BRO-00004';

describe('06 negative: one upload per transfer (§4.2 row 3)', () => {
  const f = flow();
  let id = '';

  f.it(PUBLISHED, async () => {
    id = await initialize(ctx, { label: 'second-upload' });
    expect((await upload(ctx, id, payload(128, 10))).response.status).toBe(200);
    await waitFor(ctx, id, 'Published');
  });

  f.it(SECOND, async () => {
    expectProblem(await upload(ctx, id, payload(128, 11)), 409, 'BRO-00004');
  });
});

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A streamed upload that declares `length` bytes and sends none: fetch will not send a false
 * Content-Length, and §4.2 row 7 judges the declared length before reading the body.
 */
async function declareLength(id: string, length: number, timeoutMs = REQUEST_TIMEOUT_MS): Promise<RawAnswer> {
  const url = new URL(`${API}/filetransfer/${id}/upload`, ctx.profile.brokerBaseUrl);
  const token = await ctx.tokens.token('SENDER');
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, {
      method: 'POST',
      headers: {
        ...ctx.profile.extraHeaders,
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(length),
      },
    });
    const timer = setTimeout(() => {
      request.destroy();
      reject(
        new EnvironmentError(
          'HTTP_TIMEOUT',
          `uploadFileTransfer POST ${API}/filetransfer/{fileTransferId}/upload (transfer ${id}) declared ` +
            `Content-Length ${length}, sent no bytes, and got no answer within ${timeoutMs} ms; the Broker ` +
            `judges the declared length before reading the body (CONTRACT.md §4.2 row 7)`,
          'check whether a proxy in front of the Broker waits for the whole body before forwarding it',
        ),
      );
    }, timeoutMs);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        request.destroy();
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.flushHeaders();
  });
}

describe('06 negative: the size limit (§4.2 row 7)', () => {
  it('§4.2 row 7 an upload declaring a Content-Length over the limit gets 400 BRO-00016', async () => {
    // The shared maximum is read, never lowered: other tests upload to the same resource meanwhile.
    const resource = await ctx.broker.as('SERVICEOWNER').GET(`${API}/resource/{resourceId}`, {
      params: { path: { resourceId: ctx.profile.resourceId } },
    });
    expect(resource.response.status).toBe(200);
    const max = resource.data?.maxFileTransferSize;
    const id = await initialize(ctx, { label: 'over-the-limit' });
    const { useVirusScan } = await overview(ctx, id);
    const length =
      typeof max === 'number'
        ? max + 1
        : useVirusScan
          ? SCAN_LIMIT + 1
          : skip(
              'no limit applies: the resource sets no maxFileTransferSize and the transfer has no virus scan',
            );
    const answer = await declareLength(id, length);
    const checked = ctx.validator.validateResponse('uploadFileTransfer', answer);
    expect(formatViolations(checked.violations)).toBe('');
    expect(answer.status).toBe(400);
    expect((checked.body as { code?: unknown } | undefined)?.code).toBe('BRO-00016');
  });
});
