/**
 * Where uploaded bytes go: streamed to a file under the sandbox's data directory with the MD5
 * computed on the way (no whole file in memory; a 5 GiB upload keeps memory flat).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Stored {
  path: string;
  size: number;
  md5: string;
}

export async function storeStream(dataDir: string, name: string, source: Readable): Promise<Stored> {
  const path = join(dataDir, name);
  const hash = createHash('md5');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, tap, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, size, md5: hash.digest('hex') };
}
