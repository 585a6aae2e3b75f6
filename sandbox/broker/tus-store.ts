/**
 * The sandbox's TUS store (CONTRACT.md §4.4): each upload is a staging file under the data directory
 * that chunks are appended to as they arrive (streamed, never a whole chunk in memory), one request at
 * a time per upload. The file's size on disk is the upload's offset, so a chunk cut off mid-way keeps
 * what arrived and the client resumes from there. Also the upload sessions that let HEAD and PATCH skip
 * the PDP and tolerate an expired token.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Caller } from '../auth/tokens.js';
import { DAY } from './model.js';

/** `TusOptions:UploadExpiration`: uploads and sessions live 24 h, sliding. */
export const UPLOAD_EXPIRATION = DAY;

export type UploadKind = 'single' | 'partial' | 'final';

export interface TusUpload {
  /** The transfer id for single and final uploads; `<transfer id>/partial/<32 hex>` for partials. */
  key: string;
  transferId: string;
  kind: UploadKind;
  /** Total bytes; null for a final upload until its partials are joined. */
  length: number | null;
  /** Bytes stored so far (the staging file's size). */
  offset: number;
  path: string;
  /** The `Upload-Metadata` header as created, echoed on HEAD. */
  metadata: string | undefined;
  /** Sandbox ms after which the unfinished upload is gone. */
  expires: number;
  /** A final upload's `Upload-Concat` file list, as the client gave it. */
  parts: string[];
  /** The bytes were handed to the transfer (finalization owns the file now); the record stays for HEAD. */
  handedOver: boolean;
}

/** A chunk held more bytes than remain of the upload (tusdotnet's 413). */
export class TooMuchData extends Error {
  constructor(readonly requestData: number) {
    super("Request contains more data than the file's upload length");
  }
}

export interface AppendResult {
  /** Set when the stream failed (client gone, disk error); what arrived before is kept. */
  error?: unknown;
  tooMuch?: TooMuchData;
}

export class TusStore {
  readonly #uploads = new Map<string, TusUpload>();
  readonly #locks = new Map<string, Promise<void>>();
  /** Upload sessions by `<transfer>:<subject>:<org>`: sandbox ms they expire at. */
  readonly #sessions = new Map<string, number>();
  /** Last upload activity per transfer (create or chunk), sandbox ms. */
  readonly #activity = new Map<string, number>();

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number,
  ) {}

  /** The upload under `key`, unless it never existed or expired unfinished (then it is removed). */
  get(key: string): TusUpload | undefined {
    const upload = this.#uploads.get(key);
    if (upload && !upload.handedOver && upload.expires < this.now()) {
      void this.remove(upload);
      return undefined;
    }
    return upload;
  }

  async create(
    fields: Pick<TusUpload, 'key' | 'transferId' | 'kind' | 'length' | 'metadata' | 'parts'>,
  ): Promise<TusUpload> {
    const previous = this.#uploads.get(fields.key);
    if (previous) await this.remove(previous);
    const path = join(this.dataDir, `tus-${fields.transferId}-${randomUUID()}`);
    await writeFile(path, '');
    const upload: TusUpload = {
      ...fields,
      offset: 0,
      path,
      expires: this.now() + UPLOAD_EXPIRATION,
      handedOver: false,
    };
    this.#uploads.set(upload.key, upload);
    this.touch(upload);
    return upload;
  }

  /** Slides the expiration and records activity on the transfer. */
  touch(upload: TusUpload): void {
    upload.expires = this.now() + UPLOAD_EXPIRATION;
    this.#activity.set(upload.transferId, this.now());
  }

  /** Terminates an upload: its record goes, and its staging file unless the transfer owns it. */
  async remove(upload: TusUpload): Promise<void> {
    if (this.#uploads.get(upload.key) === upload) this.#uploads.delete(upload.key);
    if (!upload.handedOver) await rm(upload.path, { force: true });
  }

  /**
   * Runs `task` alone for `key`: chunks of one upload never interleave, and a HEAD waits for a chunk in
   * flight (also one whose client has gone) so that the offset it reports is the stored one.
   */
  async exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.#locks.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.#locks.get(key) === tail) this.#locks.delete(key);
    }
  }

  /**
   * Appends `source` to the upload, at most `limit` bytes. The new offset is the staging file's size
   * once the stream has settled, so a broken connection leaves the bytes that reached the disk.
   */
  async append(upload: TusUpload, source: Readable, limit: number): Promise<AppendResult> {
    const start = upload.offset;
    let received = 0;
    let tooMuch: TooMuchData | undefined;
    const guard = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > limit) {
          tooMuch = new TooMuchData(start + received);
          done(tooMuch);
        } else done(null, chunk);
      },
    });
    const out = createWriteStream(upload.path, { flags: 'a' });
    let error: unknown;
    try {
      await pipeline(source, guard, out);
    } catch (failure) {
      error = failure;
    }
    // Settled only once closed: a destroyed file stream finishes the write it has under way first.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    if (tooMuch) {
      // tusdotnet answers 413 and the store keeps nothing of the chunk.
      await truncate(upload.path, start);
      upload.offset = start;
      return { tooMuch };
    }
    upload.offset = (await stat(upload.path)).size;
    if (upload.offset > start) this.touch(upload);
    return error === undefined ? {} : { error };
  }

  sessionKey(transferId: string, caller: Caller): string | undefined {
    const subject = caller.clientId || caller.subject;
    return subject ? `${transferId}:${subject}:${caller.org ?? ''}` : undefined;
  }

  hasSession(key: string | undefined): boolean {
    return key !== undefined && (this.#sessions.get(key) ?? 0) > this.now();
  }

  refreshSession(key: string | undefined): void {
    if (key !== undefined) this.#sessions.set(key, this.now() + UPLOAD_EXPIRATION);
  }

  endSession(key: string | undefined): void {
    if (key !== undefined) this.#sessions.delete(key);
  }

  recentActivity(transferId: string): boolean {
    return (this.#activity.get(transferId) ?? -Infinity) > this.now() - UPLOAD_EXPIRATION;
  }
}

/** The MD5 (lower-case hex) of a stored file, read as a stream. */
export async function md5File(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The files one after another, as one stream (concatenation of partials). */
export function chain(paths: string[]): Readable {
  return Readable.from(
    (async function* () {
      for (const path of paths) yield* createReadStream(path);
    })(),
  );
}
