/**
 * The catalogue of defects the sandbox can be switched into (`SANDBOX_FAULT=<name>`), so that the
 * suite can prove it catches a broken Broker. Each is a realistic mistake an implementation could
 * make, with the symptom a tester would see. The code paths that honour a fault ask `faults.on(name)`.
 */
export type FaultCategory =
  | 'schema'
  | 'status'
  | 'lifecycle'
  | 'events'
  | 'authorization'
  | 'integrity'
  | 'search'
  | 'validation'
  | 'configuration';

export interface Fault {
  name: string;
  category: FaultCategory;
  symptom: string;
}

// prettier-ignore
export const FAULTS = [
  { name: 'overview-missing-published', category: 'schema', symptom: 'the overview omits the `published` property' },
  { name: 'status-as-number', category: 'schema', symptom: 'fileTransferStatus is written as a number (3) instead of its name' },
  { name: 'error-code-renamed', category: 'schema', symptom: 'Broker errors carry `errorCode` instead of `code`' },
  { name: 'pascal-case-details', category: 'schema', symptom: 'details are written with PascalCase property names' },
  { name: 'resource-iso-durations', category: 'schema', symptom: 'GET resource writes durations as ISO 8601, not TimeSpan text' },
  { name: 'initialize-bare-id', category: 'schema', symptom: 'initialize answers a bare JSON string instead of {fileTransferId}' },
  { name: 'overview-leaks-storage-location', category: 'schema', symptom: 'the overview carries an undocumented `fileLocation` with the blob URL' },
  { name: 'outsider-gets-403', category: 'status', symptom: 'an unrelated organisation gets 403 instead of 401 BRO-00006' },
  { name: 'unknown-id-401', category: 'status', symptom: 'an unknown file transfer id gives 401 instead of 404 BRO-00001' },
  { name: 'second-upload-accepted', category: 'status', symptom: 'a second upload to a published transfer answers 200 instead of 409' },
  { name: 'serviceowner-repeat-ok', category: 'status', symptom: 'registering a service owner twice answers 200 instead of 409' },
  { name: 'initialize-201', category: 'status', symptom: 'initialize answers 201 Created instead of 200' },
  { name: 'download-while-processing', category: 'status', symptom: 'a download while UploadProcessing answers 200 with the bytes instead of 403 BRO-00007' },
  { name: 'confirm-while-uploading', category: 'status', symptom: 'a confirm while UploadStarted or UploadProcessing answers 204 instead of 400 BRO-00003 or BRO-00010' },
  { name: 'never-published', category: 'lifecycle', symptom: 'an uploaded transfer stays in UploadProcessing for ever' },
  { name: 'no-upload-processing', category: 'lifecycle', symptom: 'a virus-scanned upload jumps from UploadStarted to Published' },
  { name: 'all-confirmed-early', category: 'lifecycle', symptom: 'AllConfirmedDownloaded is set when the first of several recipients confirms' },
  { name: 'confirm-without-download', category: 'lifecycle', symptom: 'a recipient can confirm without having downloaded (no BRO-00019)' },
  { name: 'no-purge-after-confirm', category: 'lifecycle', symptom: 'a transfer is never purged after all recipients confirmed' },
  { name: 'history-unordered', category: 'lifecycle', symptom: 'the details status history has its timestamps reversed: read by time, the statuses run backwards' },
  { name: 'no-published-event', category: 'events', symptom: 'no `published` event is sent' },
  { name: 'duplicate-event-new-id', category: 'events', symptom: 'every event is delivered twice under two different ids' },
  { name: 'event-before-transition', category: 'events', symptom: 'the `published` event is sent before the status becomes Published' },
  { name: 'event-to-every-subscriber', category: 'events', symptom: 'events go to every subscriber of the resource, whatever the subject' },
  { name: 'events-to-outsider', category: 'events', symptom: 'each party still gets only its own events, but every subscriber of the resource that is party to none of the transfer gets all of them' },
  { name: 'event-bad-subject', category: 'events', symptom: 'event subjects are `0192:NNNNNNNNN` instead of the organisation URN, so no subscriber gets them' },
  { name: 'uploadfailed-on-checksum', category: 'events', symptom: 'a streamed checksum mismatch sends `uploadfailed` (upstream sends none)' },
  { name: 'no-validation-handshake', category: 'events', symptom: 'subscriptions are created without the validation handshake' },
  { name: 'no-scope-check', category: 'authorization', symptom: 'a token without the endpoint\'s scope is accepted' },
  { name: 'expired-token-accepted', category: 'authorization', symptom: 'expired tokens are accepted everywhere' },
  { name: 'alg-none-accepted', category: 'authorization', symptom: 'unsigned tokens (`alg: none`) are accepted' },
  { name: 'signature-unchecked', category: 'authorization', symptom: 'a token whose signature does not verify (altered, or signed by an unknown key) is accepted while its claims are still valid; expired ones are refused' },
  { name: 'outsider-can-read', category: 'authorization', symptom: 'an unrelated organisation can read a transfer\'s overview and details' },
  { name: 'sender-can-download', category: 'authorization', symptom: 'the sender can download its own transfer' },
  { name: 'access-list-ignored', category: 'authorization', symptom: 'initialize does not check the access list: a recipient outside it is accepted (no 400 BRO-00028)' },
  { name: 'download-corrupt', category: 'integrity', symptom: 'downloads come back with one byte changed' },
  { name: 'range-off-by-one', category: 'integrity', symptom: 'a ranged download returns one byte more than asked' },
  { name: 'wrong-size', category: 'integrity', symptom: 'fileTransferSize stays 0 after the upload' },
  { name: 'checksum-mismatch-publishes', category: 'integrity', symptom: 'a checksum mismatch is ignored and the transfer is published' },
  { name: 'search-ignores-status', category: 'search', symptom: 'the search `status` filter is ignored' },
  { name: 'search-leaks-other-orgs', category: 'search', symptom: 'search returns transfers the caller is neither sender nor recipient of' },
  { name: 'search-ascending-default', category: 'search', symptom: 'search without orderAscending sorts oldest first' },
  { name: 'plain-sender-accepted', category: 'validation', symptom: 'a 9-digit sender without prefix is accepted at initialize' },
  { name: 'ttl-limit-unchecked', category: 'validation', symptom: 'a time-to-live over 365 days is accepted' },
  { name: 'property-limit-unchecked', category: 'validation', symptom: 'more than 10 propertyList entries are accepted' },
  { name: 'resource-put-ignored', category: 'configuration', symptom: 'PUT resource answers 204 but stores nothing' },
  { name: 'max-size-unenforced', category: 'configuration', symptom: 'an upload over the resource\'s maxFileTransferSize is accepted' },
  { name: 'max-size-multipart-unenforced', category: 'configuration', symptom: 'a multipart upload whose file part exceeds maxFileTransferSize is accepted (streamed and TUS uploads are limited)' },
  { name: 'max-size-tus-unenforced', category: 'configuration', symptom: 'a TUS upload whose Upload-Length exceeds maxFileTransferSize is created (streamed and multipart uploads are limited)' },
] as const satisfies readonly Fault[];

export type FaultName = (typeof FAULTS)[number]['name'];

export class FaultSet {
  readonly active: FaultName | undefined;

  constructor(name: string | undefined) {
    if (name === undefined || name === '') {
      this.active = undefined;
      return;
    }
    const fault = FAULTS.find((f) => f.name === name);
    if (!fault) {
      throw new Error(
        `SANDBOX_FAULT=${name} is not a known fault; \`npm run sandbox -- --list-faults\` lists them`,
      );
    }
    this.active = fault.name;
  }

  on(name: FaultName): boolean {
    return this.active === name;
  }
}
