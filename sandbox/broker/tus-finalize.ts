/**
 * What happens after the last byte of a TUS upload (CONTRACT.md §4.4, §5.3, §5.4), in the background:
 * the MD5, then Published at once (no virus scan, no sender checksum), or UploadProcessing (with an
 * `uploadprocessing` event unless a final concatenation already set it) followed, after the processing
 * delay, by the checksum verdict: Failed "Checksum mismatch" with an `uploadfailed` event, or Published.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Broker } from './broker.js';
import { currentStatus, type Transfer } from './model.js';
import { storeStream } from './storage.js';
import { chain, md5File, type TusStore, type TusUpload } from './tus-store.js';

const UPLOAD_FAILED = 'Error occurred while uploading fileTransfer';

function inProgress(transfer: Transfer): boolean {
  const status = currentStatus(transfer).status;
  return status === 'UploadStarted' || status === 'UploadProcessing';
}

/** The stored bytes `path` (`size` long) become the transfer's file. */
export async function finalizeTransfer(
  broker: Broker,
  transfer: Transfer,
  file: { path: string; size: number; md5?: string },
): Promise<void> {
  // TusUploadCompleteHandler: a transfer no longer uploading is left as it is.
  if (!inProgress(transfer)) {
    await rm(file.path, { force: true });
    return;
  }
  const processing = currentStatus(transfer).status === 'UploadProcessing';
  transfer.filePath = file.path;
  transfer.size = file.size;
  let md5: string;
  try {
    md5 = file.md5 ?? (await md5File(file.path));
  } catch {
    broker.failed(transfer, UPLOAD_FAILED, true);
    return;
  }
  if (!transfer.senderGaveChecksum && !processing) {
    // The streamed upload's completion: Published now without a virus scan, else after the scan.
    broker.uploaded(transfer, md5);
    return;
  }
  const faults = broker.deps.faults;
  if (!processing && !faults.on('no-upload-processing')) {
    broker.addStatus(transfer, 'UploadProcessing');
    broker.emit('uploadprocessing', transfer, transfer.sender, 'Sender');
  }
  if (faults.on('never-published')) return;
  broker.deps.clock.after(broker.deps.config.processingDelayMs, () => {
    if (!inProgress(transfer)) return;
    const mismatch = transfer.senderGaveChecksum && transfer.checksum?.toLowerCase() !== md5;
    if (mismatch && !faults.on('checksum-mismatch-publishes')) {
      transfer.filePath = null;
      void rm(file.path, { force: true });
      broker.failed(transfer, 'Checksum mismatch', true);
      return;
    }
    if (!transfer.senderGaveChecksum) transfer.checksum = md5;
    broker.publishTransfer(transfer);
  });
}

/** The background half of a final concatenation: the partials joined into one file, then finalized. */
export async function joinPartials(
  broker: Broker,
  store: TusStore,
  transfer: Transfer,
  final: TusUpload,
  partials: TusUpload[],
): Promise<void> {
  try {
    const joined = await storeStream(
      broker.deps.config.dataDir,
      `tus-${transfer.id}-${randomUUID()}`,
      chain(partials.map((p) => p.path)),
    );
    await rm(final.path, { force: true });
    final.path = joined.path;
    final.length = joined.size;
    final.offset = joined.size;
    final.handedOver = true;
    await Promise.all(partials.map((p) => store.remove(p)));
    await finalizeTransfer(broker, transfer, joined);
  } catch {
    if (inProgress(transfer)) broker.failed(transfer, UPLOAD_FAILED, true);
  }
}
