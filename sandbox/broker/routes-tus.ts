/**
 * TUS 1.0.0 resumable upload (CONTRACT.md §4.4), behaving as upstream's tusdotnet 2.11.2 endpoint:
 * the Sender policy first (an expired token is let through for an active upload session), then a
 * request without `Tus-Resumable` is not TUS (empty 404), then the Broker's file-level checks, then
 * tusdotnet's protocol checks, then the create hook's size check. Errors are plain text.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../auth/tokens.js';
import { API_PREFIX, type RouteContext } from './context.js';
import { POLICY_SCOPES } from './gates.js';
import { currentStatus, orgOf, statusRank, type Transfer } from './model.js';
import { BROKER_ERRORS, sendEmpty, type BrokerErrorCode } from './problem.js';
import { finalizeTransfer, joinPartials } from './tus-finalize.js';
import { TusStore, type TusUpload } from './tus-store.js';

export const TUS_BASE = `${API_PREFIX}/filetransfer/upload/tus`;
const VERSION = '1.0.0';
const EXTENSIONS = 'creation,creation-with-upload,termination,checksum,concatenation,expiration';
const CHUNK_TYPE = 'application/offset+octet-stream';
/** §4.2 row 7: the virus-scan limit. */
const SCAN_LIMIT = 50_000_000_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** tusdotnet's Authorize intents, as upstream maps them (TusUploadAuthIntent). */
type Intent = 'create' | 'write' | 'info' | 'delete';

/** A refusal: the status and the plain-text body (none: an empty body). */
interface Failure {
  status: number;
  message?: string;
}

interface Target {
  transferId: string;
  /** The store key: the transfer id, or `<transfer id>/partial/<id>`. */
  key: string;
  partial: boolean;
}

interface Params {
  id: string;
  partialId?: string;
}

type TusRequest = FastifyRequest<{ Params: Params }>;

const broker = (code: BrokerErrorCode): Failure => ({
  status: BROKER_ERRORS[code].status,
  message: BROKER_ERRORS[code].detail,
});

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** tusdotnet's `long.TryParse`: undefined when absent, NaN when not a whole number. */
function integerHeader(request: FastifyRequest, name: string): number | undefined {
  const value = header(request, name);
  if (value === undefined) return undefined;
  return /^\s*[+-]?\d+\s*$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : NaN;
}

function send(request: FastifyRequest, reply: FastifyReply, failure: Failure): FastifyReply {
  reply.code(failure.status);
  if (failure.message === undefined || request.method === 'HEAD') return reply.send();
  return reply.type('text/plain; charset=utf-8').send(failure.message);
}

/** TusRouteHelper: the transfer id in the route, and the store key of the upload it names. */
function resolve(params: Params): Target | undefined {
  if (!GUID.test(params.id)) return undefined;
  const transferId = params.id.toLowerCase();
  if (params.partialId === undefined) return { transferId, key: transferId, partial: false };
  return { transferId, key: `${transferId}/partial/${params.partialId.toLowerCase()}`, partial: true };
}

function location(upload: TusUpload): string {
  return `${TUS_BASE}/${upload.key}`;
}

const inProgress = (t: Transfer) =>
  currentStatus(t).status === 'UploadStarted' || currentStatus(t).status === 'UploadProcessing';

/** tusdotnet's Upload-Metadata rules: `key base64`, comma-separated, keys unique and non-empty. */
function metadataError(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const keys = new Set<string>();
  for (const pair of value.split(',')) {
    const parts = pair.trim().split(' ');
    const [key = '', encoded = ''] = parts;
    if (parts.length > 2)
      return 'Header Upload-Metadata must consist of one or more comma-separated key-value pairs';
    if (key === '') return 'Header Upload-Metadata: Key must not be empty';
    if (keys.has(key)) return 'Header Upload-Metadata: Duplicate keys are not allowed';
    keys.add(key);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0)
      return `Header Upload-Metadata: Value for ${key} is not properly encoded using base64`;
  }
  return undefined;
}

type Concat =
  { kind: 'none' } | { kind: 'partial' } | { kind: 'final'; files: string[] } | { kind: 'invalid' };

function parseConcat(value: string | undefined): Concat {
  if (value === undefined || value.trim() === '') return { kind: 'none' };
  if (value.trim() === 'partial') return { kind: 'partial' };
  const final = /^final;(.*)$/s.exec(value.trim());
  const files = (final?.[1] ?? '').split(' ').filter((f) => f !== '');
  return final && files.length > 0 ? { kind: 'final', files } : { kind: 'invalid' };
}

/** The store key a final concatenation's entry names, if it is a partial of `transferId`. */
function partialKey(entry: string, transferId: string): string | undefined {
  const path = entry.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '');
  if (!path.includes('/')) return `${transferId}/partial/${path.toLowerCase()}`;
  if (!path.toLowerCase().startsWith(`${TUS_BASE}/`)) return undefined;
  const segments = path.slice(TUS_BASE.length + 1).split('/');
  const [id = '', second = '', third] = segments;
  const partialId = second === 'partial' ? third : segments.length === 2 ? second : undefined;
  if (id.toLowerCase() !== transferId || !partialId || segments.length > 3) return undefined;
  return `${transferId}/partial/${partialId.toLowerCase()}`;
}

export function tusRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { broker: domain } = ctx;
  const faults = domain.deps.faults;
  const store = new TusStore(domain.deps.config.dataDir, () => domain.now);

  /**
   * TusUploadAuthorizationService's active-upload path: a cached session of this caller, or recent
   * upload activity by the sender's organisation. Undefined: not handled (the full checks run).
   */
  function activeUpload(caller: Caller, t: Transfer): { failure?: Failure } | undefined {
    const key = store.sessionKey(t.id, caller);
    if (store.hasSession(key)) {
      store.refreshSession(key);
      return inProgress(t) ? {} : { failure: broker(4) };
    }
    if (!store.recentActivity(t.id) || !inProgress(t) || caller.org !== orgOf(t.sender)) return undefined;
    store.refreshSession(key);
    return {};
  }

  /** §4.4 expired-token tolerance: an active session of the sender while the upload is in progress. */
  function sessionCovers(caller: Caller, t: Transfer): boolean {
    const active = activeUpload(caller, t);
    return active !== undefined && !active.failure && caller.org === orgOf(t.sender) && inProgress(t);
  }

  /** The Sender policy, with upstream's TusUploadSession authentication scheme in front of it. */
  async function authenticate(
    request: TusRequest,
    reply: FastifyReply,
    target: Target | undefined,
  ): Promise<Caller | undefined> {
    if (request.method !== 'OPTIONS' && target) {
      const verified = await ctx.authority.verify(request.headers.authorization, { allowExpired: true });
      const t = domain.transfers.get(target.transferId);
      if (verified.ok && verified.caller.expired && t && sessionCovers(verified.caller, t)) {
        const scopes = POLICY_SCOPES.Sender;
        if (!faults.on('no-scope-check') && !verified.caller.scopes.some((s) => scopes.includes(s))) {
          sendEmpty(reply, 403);
          return undefined;
        }
        return verified.caller;
      }
    }
    return ctx.gate(request, reply, { policy: 'Sender' });
  }

  /** TusUploadValidationService.ValidateForUploadAsync without the size (§4.2 rows 2–6). */
  function validateForUpload(caller: Caller, t: Transfer): Failure | undefined {
    if (!domain.asSender(caller.org, t)) return faults.on('outsider-gets-403') ? { status: 403 } : broker(6);
    if (statusRank(currentStatus(t).status) > statusRank('UploadStarted')) return broker(4);
    const settings = domain.resources.get(t.resourceId);
    if (!settings) return broker(5);
    const owner = domain.serviceOwners.get(settings.owner);
    if (!owner) return broker(2);
    const type = t.useVirusScan ? 'AltinnAzure' : 'AltinnAzureWithoutVirusScan';
    if (!owner.storageProviders.some((p) => p.type === type && p.deploymentStatus === 'Ready'))
      return broker(21);
    return undefined;
  }

  /** tusdotnet's OnAuthorize hook: the Broker's file-level checks for this intent. */
  function authorize(caller: Caller, t: Transfer, intent: Intent): Failure | undefined {
    if (intent === 'write' || intent === 'info') {
      const active = activeUpload(caller, t);
      if (active) return active.failure;
    }
    if (intent === 'info') {
      if (domain.asSender(caller.org, t)) return undefined;
      return faults.on('outsider-gets-403') ? { status: 403 } : broker(6);
    }
    const failure = validateForUpload(caller, t);
    const key = store.sessionKey(t.id, caller);
    if (!failure && intent === 'delete') store.endSession(key);
    else if (!failure) store.refreshSession(key);
    return failure;
  }

  /**
   * Everything before the intent's own protocol checks: not TUS (404), the transfer (404), the
   * file-level checks, the protocol version (412). Answers and returns undefined on the first failure.
   */
  function admit(
    request: TusRequest,
    reply: FastifyReply,
    caller: Caller,
    target: Target | undefined,
    intent: Intent,
  ): Transfer | undefined {
    const version = header(request, 'tus-resumable');
    let failure: Failure | undefined;
    const t = target && domain.transfers.get(target.transferId);
    if (version === undefined) failure = { status: 404 };
    else if (!target) failure = { status: 404, message: 'Missing file transfer id' };
    else if (!t) failure = broker(faults.on('unknown-id-401') ? 6 : 1);
    else failure = authorize(caller, t, intent);
    if (!failure && version !== VERSION) {
      reply.header('Tus-Resumable', VERSION).header('Tus-Version', VERSION);
      failure = {
        status: 412,
        message: `Tus version ${version} is not supported. Supported versions: ${VERSION}`,
      };
    }
    if (failure || !t) {
      send(request, reply, failure ?? { status: 404 });
      return undefined;
    }
    return t;
  }

  /** The upload was completed by this request: the file goes to the transfer, finalized in the background. */
  function completed(upload: TusUpload, t: Transfer, caller: Caller): void {
    if (upload.kind !== 'single' || upload.handedOver) return;
    upload.handedOver = true;
    // OnFileComplete ends the caller's session.
    store.endSession(store.sessionKey(t.id, caller));
    const file = { path: upload.path, size: upload.offset };
    setImmediate(() => void finalizeTransfer(domain, t, file));
  }

  const expiresHeader = (upload: TusUpload) => new Date(upload.expires).toUTCString();

  async function create(request: TusRequest, reply: FastifyReply) {
    const target = resolve(request.params);
    const caller = await authenticate(request, reply, target);
    if (!caller) return reply;
    const t = admit(request, reply, caller, target, 'create');
    if (!t) return reply;
    const fail = (status: number, message: string) => send(request, reply, { status, message });
    const concat = parseConcat(header(request, 'upload-concat'));
    if (concat.kind === 'invalid')
      return fail(
        400,
        'Header Upload-Concat: Header is invalid. Valid values are "partial" and "final" followed by a list of file urls to concatenate',
      );
    const metadata = header(request, 'upload-metadata');
    if (concat.kind === 'final') return createFinal(request, reply, t, concat.files, metadata);

    const length = integerHeader(request, 'upload-length');
    const deferred = header(request, 'upload-defer-length');
    if (length !== undefined && deferred !== undefined)
      return fail(
        400,
        'Headers Upload-Length and Upload-Defer-Length are mutually exclusive and cannot be used in the same request',
      );
    if (deferred !== undefined) return fail(400, 'Header Upload-Defer-Length is not supported');
    if (length === undefined) return fail(400, 'Missing Upload-Length header');
    if (Number.isNaN(length)) return fail(400, 'Could not parse Upload-Length');
    if (length < 0) return fail(400, 'Header Upload-Length must be a positive number');
    const metadataProblem = metadataError(metadata);
    if (metadataProblem) return fail(400, metadataProblem);
    // OnBeforeCreate: the size check (§4.2 row 7 limits, answered 400).
    const max = domain.resources.get(t.resourceId)?.maxFileTransferSize ?? null;
    const tooBig = (t.useVirusScan && length > SCAN_LIMIT) || (max !== null && length > max);
    const unenforced = faults.on('max-size-unenforced') || faults.on('max-size-tus-unenforced');
    if (tooBig && !unenforced) return send(request, reply, broker(16));

    const key = concat.kind === 'partial' ? `${t.id}/partial/${randomUUID().replace(/-/g, '')}` : t.id;
    return store.exclusive(key, async () => {
      if (store.get(key)?.handedOver) return send(request, reply, broker(4));
      const kind = concat.kind === 'partial' ? 'partial' : 'single';
      const upload = await store.create({ key, transferId: t.id, kind, length, metadata, parts: [] });
      if (currentStatus(t).status === 'Initialized') domain.addStatus(t, 'UploadStarted');
      reply.code(201).header('Tus-Resumable', VERSION).header('Location', location(upload));
      // tusdotnet sets no expiration on an empty upload: it is complete at once.
      if (length > 0) reply.header('Upload-Expires', expiresHeader(upload));
      if (header(request, 'content-type')?.trim().toLowerCase() === CHUNK_TYPE) {
        // creation-with-upload: the body is the first chunk.
        const { tooMuch } = await store.append(upload, request.raw, length);
        if (tooMuch) return fail(413, tooMuch.message);
        reply.header('Upload-Offset', String(upload.offset));
      }
      if (upload.offset === length) completed(upload, t, caller);
      return reply.send();
    });
  }

  async function createFinal(
    request: TusRequest,
    reply: FastifyReply,
    t: Transfer,
    files: string[],
    metadata: string | undefined,
  ) {
    const fail = (message: string) => send(request, reply, { status: 400, message });
    const found = files.map((file) => {
      const key = partialKey(file, t.id);
      return { file, upload: key === undefined ? undefined : store.get(key) };
    });
    const missing = found.filter((f) => !f.upload).map((f) => f.file);
    if (missing.length > 0)
      return fail(`Could not find some of the files supplied for concatenation: ${missing.join(', ')}`);
    const partials = found.flatMap((f) => (f.upload ? [f.upload] : []));
    const notPartial = partials.filter((p) => p.kind !== 'partial').map(location);
    if (notPartial.length > 0)
      return fail(
        `Some of the files supplied for concatenation are not marked as partial and can not be concatenated: ${notPartial.join(', ')}`,
      );
    const unfinished = partials.filter((p) => p.offset !== p.length).map(location);
    if (unfinished.length > 0)
      return fail(
        `Some of the files supplied for concatenation are not finished and can not be concatenated: ${unfinished.join(', ')}`,
      );
    const metadataProblem = metadataError(metadata);
    if (metadataProblem) return fail(metadataProblem);
    return store.exclusive(t.id, async () => {
      if (store.get(t.id)?.handedOver) return send(request, reply, broker(4));
      const final = await store.create({
        key: t.id,
        transferId: t.id,
        kind: 'final',
        length: null,
        metadata,
        parts: partials.map(location),
      });
      // §4.4: UploadProcessing without an `uploadprocessing` event; the join runs in the background.
      if (currentStatus(t).status === 'Initialized') domain.addStatus(t, 'UploadStarted');
      domain.addStatus(t, 'UploadProcessing');
      setImmediate(() => void joinPartials(domain, store, t, final, partials));
      return reply.code(201).header('Tus-Resumable', VERSION).header('Location', location(final)).send();
    });
  }

  /** HEAD and DELETE: authenticated and admitted, then run on the stored upload under its lock (404 without one). */
  async function onStoredUpload(
    request: TusRequest,
    reply: FastifyReply,
    kind: 'info' | 'delete',
    act: (upload: NonNullable<ReturnType<typeof store.get>>) => Promise<FastifyReply> | FastifyReply,
  ) {
    const target = resolve(request.params);
    const caller = await authenticate(request, reply, target);
    if (!caller) return reply;
    if (!admit(request, reply, caller, target, kind) || !target) return reply;
    return store.exclusive(target.key, async () => {
      const upload = store.get(target.key);
      return upload ? act(upload) : send(request, reply, { status: 404 });
    });
  }

  async function head(request: TusRequest, reply: FastifyReply) {
    return onStoredUpload(request, reply, 'info', (upload) => {
      reply.header('Tus-Resumable', VERSION).header('Cache-Control', 'no-store');
      if (upload.metadata) reply.header('Upload-Metadata', upload.metadata);
      if (upload.length !== null) reply.header('Upload-Length', String(upload.length));
      // A final upload shows its offset only once the partials are joined (tusdotnet).
      if (upload.kind !== 'final' || upload.offset === upload.length)
        reply.header('Upload-Offset', String(upload.offset));
      if (upload.kind === 'partial') reply.header('Upload-Concat', 'partial');
      if (upload.kind === 'final') reply.header('Upload-Concat', `final;${upload.parts.join(' ')}`);
      return reply.code(200).send();
    });
  }

  async function patch(request: TusRequest, reply: FastifyReply) {
    const target = resolve(request.params);
    const caller = await authenticate(request, reply, target);
    if (!caller) return reply;
    const offset = integerHeader(request, 'upload-offset');
    // TusIdempotentCompletePatchMiddleware: at or past the end, 204 before any other check.
    const known = target && store.get(target.key);
    if (
      known &&
      known.length !== null &&
      known.length > 0 &&
      offset !== undefined &&
      offset >= known.length
    ) {
      const t = domain.transfers.get(known.transferId);
      if (t && known.offset === known.length && inProgress(t)) completed(known, t, caller);
      return reply
        .code(204)
        .header('Tus-Resumable', VERSION)
        .header('Upload-Offset', String(known.length))
        .send();
    }
    const t = admit(request, reply, caller, target, 'write');
    if (!t || !target) return reply;
    return store.exclusive(target.key, async () => {
      const fail = (status: number, message?: string) => send(request, reply, { status, message });
      const upload = store.get(target.key);
      if (!upload) return fail(404);
      const contentType = header(request, 'content-type');
      if (contentType?.trim().toLowerCase() !== CHUNK_TYPE)
        return fail(415, `Content-Type ${contentType ?? ''} is invalid. Must be ${CHUNK_TYPE}`);
      if (offset === undefined) return fail(400, 'Missing Upload-Offset header');
      if (Number.isNaN(offset)) return fail(400, 'Could not parse Upload-Offset header');
      if (offset < 0) return fail(400, 'Header Upload-Offset must be a positive number');
      if (upload.kind === 'final') return fail(403, 'File with "Upload-Concat: final" cannot be patched');
      const checksum = header(request, 'upload-checksum');
      if (checksum !== undefined) {
        const [algorithm = '', digest = '', ...rest] = checksum.trim().split(' ');
        if (rest.length > 0 || !digest || !/^[A-Za-z0-9+/]*={0,2}$/.test(digest) || digest.length % 4 !== 0)
          return fail(400, 'Could not parse Upload-Checksum header');
        if (algorithm.toLowerCase() !== 'md5')
          return fail(400, 'Unsupported checksum algorithm. Supported algorithms are: md5');
      }
      if (offset !== upload.offset)
        return fail(
          409,
          `Offset does not match file. File offset: ${upload.offset}. Request offset: ${offset}`,
        );
      const length = upload.length ?? 0;
      if (upload.offset === length) return fail(400, 'Upload is already complete.');
      const declared = integerHeader(request, 'content-length');
      if (declared !== undefined && upload.offset + declared > length)
        return fail(413, "Request contains more data than the file's upload length");
      // The store's checksum verification always reports a mismatch (§4.4); the chunk is not kept.
      if (checksum !== undefined)
        return fail(460, 'Header Upload-Checksum does not match the checksum of the file');
      const { error, tooMuch } = await store.append(upload, request.raw, length - upload.offset);
      if (tooMuch) return fail(413, tooMuch.message);
      // A broken chunk keeps what arrived, for a HEAD and a resume (a client gone sees no answer).
      if (error !== undefined) return fail(500);
      if (upload.offset === length) completed(upload, t, caller);
      return reply
        .code(204)
        .header('Tus-Resumable', VERSION)
        .header('Upload-Offset', String(upload.offset))
        .header('Upload-Expires', expiresHeader(upload))
        .send();
    });
  }

  async function terminate(request: TusRequest, reply: FastifyReply) {
    return onStoredUpload(request, reply, 'delete', async (upload) => {
      // Termination removes the staged data only; the transfer's status stays (§4.4).
      await store.remove(upload);
      return reply.code(204).header('Tus-Resumable', VERSION).send();
    });
  }

  const single = `${TUS_BASE}/:id`;
  const partial = `${TUS_BASE}/:id/partial/:partialId`;
  // The older two-segment form, rewritten to the partial one (TusPartialPathRewriteMiddleware).
  const legacy = `${TUS_BASE}/:id/:partialId`;

  app.options<{ Params: Params }>(single, async (request, reply) => {
    if (!(await authenticate(request, reply, undefined))) return reply;
    return reply
      .code(204)
      .header('Tus-Resumable', VERSION)
      .header('Tus-Version', VERSION)
      .header('Tus-Extension', EXTENSIONS)
      .header('Tus-Checksum-Algorithm', 'md5')
      .send();
  });
  app.post<{ Params: Params }>(single, create);
  for (const path of [single, partial, legacy]) {
    app.head<{ Params: Params }>(path, head);
    app.patch<{ Params: Params }>(path, patch);
    app.delete<{ Params: Params }>(path, terminate);
  }
}
