/** Identifiers the Broker derives rather than draws (CONTRACT.md §6.2). */
import { createHash } from 'node:crypto';

/**
 * The .NET `new Guid(byte[])` form of 16 bytes: the first three groups are little-endian.
 * `published` event ids are this over SHA-256(`published:<id>:<role>:<actor>`) (§6.2), so a
 * retried publish carries the same id.
 */
export function dotnetGuid(bytes: Uint8Array): string {
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = Array.from(bytes.slice(from, to));
    return (reverse ? part.reverse() : part).map((b) => b.toString(16).padStart(2, '0')).join('');
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10, false), hex(10, 16, false)].join('-');
}

export function publishedEventId(
  fileTransferId: string,
  role: 'Sender' | 'Recipient',
  actorId: string,
): string {
  const digest = createHash('sha256')
    .update(`published:${fileTransferId}:${role}:${actorId}`, 'utf8')
    .digest();
  return dotnetGuid(digest.subarray(0, 16));
}
