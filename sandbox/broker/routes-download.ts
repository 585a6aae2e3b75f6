/** Download and confirm (CONTRACT.md §4.8, §4.9), each in upstream's check order. */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, type RouteContext } from './context.js';
import { actor, currentStatus, latestRecipientStatus, recipientSummary } from './model.js';
import { sendBrokerError } from './problem.js';
import { parseRange } from './range.js';
import { findTransfer } from './routes-transfer.js';

/** §4.6: ranged downloads by one caller within 5 minutes record one DownloadStarted row. */
const RANGED_DEBOUNCE = 5 * 60 * 1000;

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The `download-corrupt` fault: the first byte of the body changed. */
function corrupt(): Transform {
  let first = true;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (first && chunk.length > 0) {
        chunk = Buffer.from(chunk);
        chunk[0] = (chunk[0] ?? 0) ^ 0xff;
        first = false;
      }
      done(null, chunk);
    },
  });
}

export function downloadRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { broker } = ctx;
  const faults = broker.deps.faults;
  const problem = 'application/problem+json' as const;

  app.get<{ Params: { id: string } }>(`${API_PREFIX}/filetransfer/:id/download`, async (request, reply) => {
    const caller = await ctx.gate(request, reply, { policy: 'Recipient' });
    if (!caller) return reply;
    const t = findTransfer(ctx, request.params.id, reply, (x) => broker.asRecipient(caller.org, x), problem);
    if (!t) return reply;
    const status = currentStatus(t).status;
    // The `download-while-processing` fault lets the stored bytes out before the scan has cleared them.
    const gateOpen =
      status === 'Published' ||
      status === 'AllConfirmedDownloaded' ||
      (status === 'UploadProcessing' && faults.on('download-while-processing'));
    if (!gateOpen) return sendBrokerError(reply, 7, problem);
    if (!t.filePath) return sendBrokerError(reply, 3, problem);
    const range = parseRange(request.headers.range, t.size);
    if (range.kind === 'unsatisfiable') return sendBrokerError(reply, 29, problem);
    const me = actor(caller.org ?? '');
    const last = t.rangedDownloadAt.get(me);
    if (range.kind === 'full' || last === undefined || broker.now - last > RANGED_DEBOUNCE) {
      broker.addRecipientRow(t, me, 'DownloadStarted');
      if (range.kind === 'range') t.rangedDownloadAt.set(me, broker.now);
    }
    reply
      .header('Content-Type', 'application/octet-stream')
      .header('Accept-Ranges', 'bytes')
      .header('Content-Disposition', contentDisposition(t.fileName));
    let stream;
    if (range.kind === 'range') {
      const end = faults.on('range-off-by-one') ? Math.min(range.end + 1, t.size - 1) : range.end;
      reply
        .code(206)
        .header('Content-Range', `bytes ${range.start}-${range.end}/${t.size}`)
        .header('Content-Length', end - range.start + 1);
      stream = createReadStream(t.filePath, { start: range.start, end });
    } else {
      reply.header('Content-Length', t.size);
      stream = createReadStream(t.filePath);
    }
    return reply.send(faults.on('download-corrupt') ? stream.pipe(corrupt()) : stream);
  });

  app.post<{ Params: { id: string } }>(
    `${API_PREFIX}/filetransfer/:id/confirmdownload`,
    async (request, reply) => {
      const caller = await ctx.gate(request, reply, { policy: 'Recipient', produces: 'application/json' });
      if (!caller) return reply;
      const t = findTransfer(ctx, request.params.id, reply, (x) => broker.asRecipient(caller.org, x));
      if (!t) return reply;
      const uploading = ['UploadStarted', 'UploadProcessing'].includes(currentStatus(t).status);
      // The `confirm-while-uploading` fault: no status gate before publication, and nothing recorded.
      if (uploading && faults.on('confirm-while-uploading')) return reply.code(204).send();
      if (!t.filePath) return sendBrokerError(reply, 3);
      if (currentStatus(t).status !== 'Published') return sendBrokerError(reply, 10);
      const me = actor(caller.org ?? '');
      // §4.9 row 6: a repeated confirm while still Published changes nothing.
      if (recipientSummary(t).find((r) => r.recipient === me)?.code === 'DownloadConfirmed')
        return reply.code(204).send();
      const started = t.recipientRows.some((r) => r.recipient === me && r.status === 'DownloadStarted');
      if (!started && !faults.on('confirm-without-download')) return sendBrokerError(reply, 19);
      if (latestRecipientStatus(t, me) === undefined) return reply.code(500).send();
      broker.confirmed(t, me);
      return reply.code(204).send();
    },
  );
}
