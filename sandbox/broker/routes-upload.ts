/**
 * The streamed upload and the multipart initialize-and-upload (CONTRACT.md §4.2, §4.3), with the
 * checks in upstream's order and the bytes streamed to disk.
 */
import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { API_PREFIX, type RouteContext } from './context.js';
import { currentStatus, statusRank, type Transfer } from './model.js';
import { sendBrokerError, sendValidationProblem } from './problem.js';
import { validationErrors } from './request-body.js';
import { findTransfer, initializeTransfer, type InitializeFields } from './routes-transfer.js';
import { storeStream, type Stored } from './storage.js';

/** §4.2 row 7: the virus-scan limit. */
const SCAN_LIMIT = 50_000_000_000;

/** §4.2 rows 3–7: may this transfer take `size` bytes now? Answers and returns false when not. */
function uploadAllowed(
  ctx: RouteContext,
  way: 'streamed' | 'multipart',
  t: Transfer,
  size: number | undefined,
  reply: FastifyReply,
): boolean {
  const faults = ctx.broker.deps.faults;
  if (
    statusRank(currentStatus(t).status) > statusRank('UploadStarted') &&
    !faults.on('second-upload-accepted')
  ) {
    sendBrokerError(reply, 4);
    return false;
  }
  const settings = ctx.broker.resources.get(t.resourceId);
  if (!settings) {
    sendBrokerError(reply, 5);
    return false;
  }
  const max = settings.maxFileTransferSize;
  const tooBig = (t.useVirusScan && (size ?? 0) > SCAN_LIMIT) || (max !== null && (size ?? 0) > max);
  const unenforced =
    faults.on('max-size-unenforced') || (way === 'multipart' && faults.on('max-size-multipart-unenforced'));
  if (size !== undefined && tooBig && !unenforced) {
    sendBrokerError(reply, 16);
    return false;
  }
  return true;
}

/** After the bytes are stored: the checksum rule (§4.2 row 9), then publication (§5.3). */
function completeUpload(ctx: RouteContext, t: Transfer, stored: Stored, reply: FastifyReply) {
  const { broker } = ctx;
  t.filePath = stored.path;
  t.size = stored.size;
  const mismatch = t.senderGaveChecksum && t.checksum?.toLowerCase() !== stored.md5;
  if (mismatch && !broker.deps.faults.on('checksum-mismatch-publishes')) {
    t.filePath = null;
    void rm(stored.path, { force: true });
    broker.failed(t, 'Checksum mismatch', broker.deps.faults.on('uploadfailed-on-checksum'));
    return sendBrokerError(reply, 9);
  }
  broker.uploaded(t, stored.md5);
  return reply.send({ fileTransferId: t.id });
}

async function receive(ctx: RouteContext, t: Transfer, source: Readable, reply: FastifyReply) {
  ctx.broker.addStatus(t, 'UploadStarted');
  try {
    const stored = await storeStream(ctx.broker.deps.config.dataDir, `${t.id}-${randomUUID()}`, source);
    return completeUpload(ctx, t, stored, reply);
  } catch {
    ctx.broker.failed(t, 'Error occurred while uploading fileTransfer', true);
    return sendBrokerError(reply, 8);
  }
}

/** Multipart form fields by C# property name, case-insensitively (§4.3). */
function bindForm(fields: [string, string][]): InitializeFields & Record<string, unknown> {
  const bound: Record<string, unknown> = {
    recipients: [],
    propertyList: {},
    sendersFileTransferReference: '',
  };
  const names: Record<string, string> = {
    'metadata.filename': 'fileName',
    'metadata.resourceid': 'resourceId',
    'metadata.sendersfiletransferreference': 'sendersFileTransferReference',
    'metadata.sender': 'sender',
    'metadata.checksum': 'checksum',
    'metadata.disablevirusscan': 'disableVirusScan',
  };
  for (const [key, value] of fields) {
    const lower = key.toLowerCase();
    const property = /^metadata\.propertylist\[(.*)\]$/i.exec(key);
    if (lower === 'metadata.recipients') (bound.recipients as string[]).push(value);
    else if (property) (bound.propertyList as Record<string, string>)[property[1] ?? ''] = value;
    else if (lower === 'metadata.disablevirusscan') bound.disableVirusScan = value.toLowerCase() === 'true';
    else if (names[lower]) bound[names[lower]] = value;
  }
  return bound as InitializeFields & Record<string, unknown>;
}

export function uploadRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.post<{ Params: { id: string } }>(`${API_PREFIX}/filetransfer/:id/upload`, async (request, reply) => {
    const gate = {
      policy: 'Sender' as const,
      produces: 'application/json',
      consumes: ['application/octet-stream'],
    };
    const caller = await ctx.gate(request, reply, gate);
    if (!caller) return reply;
    const t = findTransfer(ctx, request.params.id, reply, (x) => ctx.broker.asSender(caller.org, x));
    if (!t) return reply;
    const length = request.headers['content-length'];
    if (!uploadAllowed(ctx, 'streamed', t, length === undefined ? undefined : Number(length), reply))
      return reply;
    return receive(ctx, t, request.raw, reply);
  });

  app.post(`${API_PREFIX}/filetransfer/upload`, async (request, reply) => {
    const gate = {
      policy: 'Sender' as const,
      produces: 'application/json',
      consumes: ['multipart/form-data'],
    };
    const caller = await ctx.gate(request, reply, gate);
    if (!caller) return reply;
    if (!request.isMultipart())
      return sendValidationProblem(reply, { FileTransfer: ['The FileTransfer field is required.'] });
    const fields: [string, string][] = [];
    let staged: Stored | undefined;
    const dataDir = ctx.broker.deps.config.dataDir;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (part.fieldname.toLowerCase() === 'filetransfer' && !staged)
            staged = await storeStream(dataDir, `staged-${randomUUID()}`, part.file);
          else part.file.resume();
        } else fields.push([part.fieldname, String(part.value)]);
      }
    } catch {
      if (staged) await rm(staged.path, { force: true });
      return sendValidationProblem(reply, { FileTransfer: ['The multipart body could not be read.'] });
    }
    const discard = async () => staged && rm(staged.path, { force: true });
    const body = bindForm(fields);
    const errors =
      validationErrors(ctx.validator, 'initializeFileTransfer', body, { prefix: 'Metadata' }) ?? {};
    if (!staged) errors.FileTransfer = ['The FileTransfer field is required.'];
    if (Object.keys(errors).length > 0) {
      await discard();
      return sendValidationProblem(reply, errors);
    }
    const t = initializeTransfer(ctx, caller, body, reply);
    if (!t || !staged || !uploadAllowed(ctx, 'multipart', t, staged.size, reply)) {
      await discard();
      return reply;
    }
    ctx.broker.addStatus(t, 'UploadStarted');
    const path = join(dataDir, `${t.id}-${randomUUID()}`);
    await rename(staged.path, path);
    return completeUpload(ctx, t, { ...staged, path }, reply);
  });
}
