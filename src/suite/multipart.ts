/**
 * The multipart initialize-and-upload of CONTRACT.md §4.3: the initialize body as form fields named by
 * their C# property paths (one `Metadata.Recipients` field per recipient, `Metadata.PropertyList[key]`),
 * and the file as the `FileTransfer` part.
 */
import type { components } from '../../generated/broker-api.js';
import { form } from '../client/bodies.js';
import type { SuiteContext } from './context.js';
import { API, initializeBody, type TransferOptions } from './transfers.js';

type UploadForm = components['schemas']['FileTransferInitializeAndUploadForm'];

export interface MultipartOptions extends TransferOptions {
  /** The `FileTransfer` part; left out when undefined. */
  file?: Uint8Array;
}

export function multipartForm(ctx: SuiteContext, options: MultipartOptions): FormData {
  const body = initializeBody(ctx, options);
  const data = new FormData();
  data.append('Metadata.FileName', body.fileName);
  data.append('Metadata.ResourceId', body.resourceId);
  data.append('Metadata.SendersFileTransferReference', body.sendersFileTransferReference ?? options.label);
  data.append('Metadata.Sender', body.sender);
  for (const recipient of body.recipients) data.append('Metadata.Recipients', recipient);
  for (const [key, value] of Object.entries(options.propertyList ?? {})) {
    data.append(`Metadata.PropertyList[${key}]`, value);
  }
  if (options.file) data.append('FileTransfer', new Blob([options.file]), body.fileName);
  return data;
}

/** POST `/filetransfer/upload` as SENDER (§4.3). */
export function uploadMultipart(ctx: SuiteContext, data: FormData) {
  ctx.requireWrites();
  return ctx.broker.as('SENDER').POST(`${API}/filetransfer/upload`, form<UploadForm>(data));
}
