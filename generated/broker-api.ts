/**
 * Generated from spec/broker-api.yaml by `npm run generate` (openapi-typescript). Do not edit:
 * change the spec and run the command again. `npm test` fails when this file is stale.
 */

export interface paths {
    "/broker/api/v1/filetransfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the file transfers the caller is sender or recipient of
         * @description Returns the ids of at most **100** file transfers of one resource where the calling organisation
         *     is sender or recipient (§4.7, §7).
         *
         *     - Without `status`, transfers are filtered and sorted by `created`; with `status`, by the latest
         *       time the transfer entered that status.
         *     - The default order is **descending** (newest first); `orderAscending=true` gives the oldest first.
         *       The cap of 100 applies after sorting.
         *     - `recipientStatus` switches to a recipient-only search on the caller's latest recipient status;
         *       `role` is then ignored, and `status` still applies.
         *     - All statuses are included unless filtered, Initialized, Failed and Purged included.
         *     - Sender visibility matches the stored sender `0192:<caller org>`, so a transfer initialized with
         *       another sender form may be missing from a sender search (unsure, §3.4).
         *
         *     Check order after the gates (406, 401, 403):
         *     0. `resourceId` missing, or an enum or date value that does not bind: 400 validation.
         *     1. The caller's organisation cannot be determined: 401 BRO-00006.
         *     2. The PDP does not permit both `read` and `write` for the caller's organisation, or the resource is
         *        not configured in Broker: 401 BRO-00006.
         *     3. Resource not configured (only reachable when authorization is bypassed): 403 BRO-00005.
         *     4. The caller's organisation has never been an actor: 200 `[]`.
         */
        get: operations["searchFileTransfers"];
        put?: never;
        /**
         * Initialize a file transfer
         * @description Creates a file transfer in status `Initialized` with one recipient status `Initialized` per
         *     recipient, sets `expirationTime` to now + the resource's time to live (30 days when unset),
         *     schedules its purge and enqueues a `filetransferinitialized` event (§4.1).
         *
         *     Check order after the gates (406, 401, 403, 415, 400 validation):
         *     1. PDP denies `write` for the `sender` party, or the resource is not configured in Broker: 401 BRO-00006.
         *     2. Resource not configured (only reachable when authorization is bypassed): 400 BRO-00025.
         *     3. The resource's service owner is missing: 400 BRO-00002.
         *     4. `disableVirusScan` true in Production on a resource not approved for it: 400 BRO-00020.
         *     5. The service owner lacks the needed storage provider: 503 BRO-00021.
         *     6. Resource not found in the Resource Registry: 403 BRO-00005.
         *     7. Access list enabled and a recipient is not on it: 400 BRO-00028.
         *     8. `requiredParty` set, sender is not that party, more than one recipient: 400 BRO-00027.
         *     9. `requiredParty` set, sender is not that party, and the single recipient is not it: 400 BRO-00026.
         */
        post: operations["initializeFileTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/broker/api/v1/filetransfer/{fileTransferId}/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload the file of an initialized transfer as one binary stream
         * @description Stores the request body as the transfer's file and computes its MD5 (§4.2). Answers only after the
         *     bytes are stored. On return the status is `UploadProcessing` when the file is virus scanned in a
         *     deployed environment (publication follows asynchronously) and `Published` without virus scan.
         *     When no checksum was given at initialize, the computed lower-case MD5 becomes `checksum`.
         *
         *     Check order after the gates (406, 401, 403, 415, 400 route GUID):
         *     1. Unknown transfer id: 404 BRO-00001.
         *     2. PDP denies `write` for the stored sender: 401 BRO-00006.
         *     3. Status beyond UploadStarted: 409 BRO-00004 (Initialized and UploadStarted may be uploaded again).
         *     4. Resource not configured (normally pre-empted by 2): 403 BRO-00005.
         *     5. Service owner missing (normally unreachable): 400 BRO-00002.
         *     6. Storage provider missing: 503 BRO-00021.
         *     7. `Content-Length` above the resource's `maxFileTransferSize`, or above 50,000,000,000 bytes with
         *        virus scan: 400 BRO-00016. Without `Content-Length` (chunked) no size limit applies.
         *     8. Storing fails: 500 BRO-00008; the status becomes Failed and an `uploadfailed` event is sent.
         *     9. The given checksum differs from the MD5 of the bytes: 400 BRO-00009; the status becomes Failed
         *        ("Checksum mismatch"), the blob is deleted, and no event is sent.
         */
        post: operations["uploadFileTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/broker/api/v1/filetransfer/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Initialize a file transfer and upload its file in one multipart request
         * @description Runs initialize (§4.1) and then the streamed upload (§4.2) on the file part, in one request (§4.3).
         *     Form field names are C# property paths and bind case-insensitively; `JsonPropertyName` has no
         *     effect here.
         *
         *     Check order after the gates (406, 401, 403, 415, 400 validation, including a missing file part):
         *     first every initialize check, each failure returned unchanged (401 BRO-00006, 400 BRO-00025,
         *     BRO-00002, BRO-00020, 503 BRO-00021, 403 BRO-00005, 400 BRO-00028, BRO-00027, BRO-00026); then the
         *     upload checks with the file part's length as the size (400 BRO-00016, 500 BRO-00008, 400
         *     BRO-00009). If the upload phase fails, the initialized transfer **remains** (Failed, Initialized
         *     or UploadStarted) and its id is not returned.
         */
        post: operations["initializeAndUploadFileTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/broker/api/v1/filetransfer/upload/tus/{fileTransferId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a TUS upload for a file transfer
         * @description Creates the upload (§4.4). For a single upload the TUS file id **is** the transfer id and
         *     `Location` is `/broker/api/v1/filetransfer/upload/tus/{fileTransferId}`; the status becomes
         *     UploadStarted if it was Initialized.
         *     - `Upload-Concat: partial` creates a partial upload; `Location` is then
         *       `/broker/api/v1/filetransfer/upload/tus/{fileTransferId}/partial/{partialUploadId}` and the status
         *       becomes UploadStarted.
         *     - `Upload-Concat: final;<location> <location> …` (without `Upload-Length`) joins complete partials
         *       of this transfer; the status moves to UploadProcessing without an `uploadprocessing` event, and
         *       concatenation and publication run in the background.
         *     - `Upload-Defer-Length` is rejected with 400.
         *
         *     Check order: Sender policy (401/403, empty body); no `Tus-Resumable` at all gives 404 with an
         *     empty body; then the file-level checks of the streamed upload: unknown id 404, PDP deny 401,
         *     status beyond UploadStarted 409, resource not configured 403, service owner missing 400, storage
         *     provider missing 503; then tusdotnet's protocol checks (unsupported `Tus-Resumable` 412, missing or
         *     invalid headers 400); then the size check, 400 with the BRO-00016 message.
         */
        post: operations["tusCreateUpload"];
        /**
         * Terminate a TUS upload
         * @description Removes the staged upload data (§4.4). The transfer status is **not** changed: it stays
         *     UploadStarted until the stuck-transfer job marks it Failed (§5.3). File-level checks as for create
         *     (409 once the status is past UploadStarted).
         */
        delete: operations["tusTerminateUpload"];
        /**
         * TUS server capabilities
         * @description TUS capability discovery (§4.4). Needs the Sender policy like every TUS method, but no file-level
         *     check: any transfer id, known or not, gives 204. `Tus-Resumable` is not required.
         */
        options: operations["tusGetCapabilities"];
        /**
         * Current offset of a TUS upload
         * @description Returns the upload's offset and length in headers (§4.4); `Upload-Offset` is `0` right after create.
         *     With an active upload session the PDP is skipped: only the caller's organisation (must be the
         *     sender's) and the status (UploadStarted or UploadProcessing, otherwise 409) are checked. HEAD
         *     responses never have a body.
         */
        head: operations["tusGetUploadOffset"];
        /**
         * Append a chunk to a TUS upload
         * @description Writes the body at `Upload-Offset` (§4.4). When the last byte arrives, finalization is queued
         *     **asynchronously**: the status stays UploadStarted at first, then becomes UploadProcessing (with
         *     virus scan or a sender checksum; `uploadprocessing` event) or Published.
         *
         *     - A PATCH whose `Upload-Offset` is at or past the upload length answers 204 with
         *       `Upload-Offset` = the length, before any file-level check, so that clients can recover.
         *     - With an active upload session the PDP is skipped (sender organisation and status checks only),
         *       and an expired but otherwise valid token is accepted.
         *     - `Upload-Checksum` is advertised (md5) but verification always fails, so a PATCH carrying it is
         *       rejected (460, unsure §13.13).
         *
         *     Check order: Sender policy (401/403); no `Tus-Resumable` 404; file-level checks (404, 401, 409,
         *     403, 400, 503); unsupported `Tus-Resumable` 412; missing `Upload-Offset` 400; `Content-Type` other
         *     than `application/offset+octet-stream` 415; offset different from the server's 409; more bytes than
         *     the rest of the upload 413 (tusdotnet).
         */
        patch: operations["tusUploadChunk"];
        trace?: never;
    };
    "/broker/api/v1/filetransfer/upload/tus/{fileTransferId}/partial/{partialUploadId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
                /** @description The id of a partial upload, as returned in the `Location` of a partial create (32 hex digits). */
                partialUploadId: components["parameters"]["PartialUploadId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Terminate a partial TUS upload
         * @description As `tusTerminateUpload`, for a partial upload (§4.4). The transfer status is not changed.
         */
        delete: operations["tusTerminatePartialUpload"];
        options?: never;
        /**
         * Current offset of a partial TUS upload
         * @description As `tusGetUploadOffset`, for a partial upload created with `Upload-Concat: partial` (§4.4). The response carries `Upload-Offset` and `Upload-Length`.
         */
        head: operations["tusGetPartialUploadOffset"];
        /**
         * Append a chunk to a partial TUS upload
         * @description As `tusUploadChunk`, for a partial upload (§4.4). Completing a partial does not finalize the transfer; a final `Upload-Concat` create does.
         */
        patch: operations["tusUploadPartialChunk"];
        trace?: never;
    };
    "/broker/api/v1/filetransfer/{fileTransferId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Overview of a file transfer and its current status
         * @description The transfer's metadata, current status and each recipient's status (§4.5). Allowed for the
         *     sender and for every recipient at any status, also before publication.
         *
         *     Check order after the gates (406, 401, 403, 400 route GUID): unknown id 404 BRO-00001; neither the
         *     sender check nor any recipient check is permitted by the PDP 401 BRO-00006 (this is what an
         *     unrelated organisation gets on an existing transfer).
         */
        get: operations["getFileTransferOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/broker/api/v1/filetransfer/{fileTransferId}/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Detailed status history of a file transfer
         * @description The overview (without `published`) plus the full status history of the transfer and of every
         *     recipient (§4.6). The histories have no guaranteed order: sort them by their `…Changed` field.
         *     Each non-ranged download adds a DownloadStarted row; ranged downloads by the same caller within
         *     5 minutes add one.
         *
         *     Check order as for the overview: 400 route GUID, 404 BRO-00001, 401 BRO-00006.
         */
        get: operations["getFileTransferDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/broker/api/v1/filetransfer/{fileTransferId}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the file of a published transfer
         * @description Streams the file (§4.8). A satisfiable single byte range gives 206. Records recipient status
         *     DownloadStarted for the **caller's** organisation (ranged requests debounced per caller for 5
         *     minutes); no event is sent. Download stays possible after AllConfirmedDownloaded, until the purge.
         *     There is no Accept check (no 406), and no ETag, Last-Modified or If-Range support.
         *
         *     Check order after the gates (401, 403, 400 route GUID):
         *     1. Unknown id: 404 BRO-00001.
         *     2. PDP denies `read` for every recipient party: 401 BRO-00006.
         *     3. Status neither Published nor AllConfirmedDownloaded: 403 BRO-00007.
         *     4. No stored file: 400 BRO-00003.
         *     5. Resource not configured (normally pre-empted by 2): 403 BRO-00005.
         *     6. Service owner missing (normally unreachable): 400 BRO-00002.
         *     7. Range not satisfiable: 416 BRO-00029.
         *     8. The caller's organisation cannot be determined: 401 BRO-00006.
         */
        get: operations["downloadFileTransfer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/broker/api/v1/filetransfer/{fileTransferId}/confirmdownload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm that the caller has downloaded the file
         * @description Records DownloadConfirmed for the calling recipient and enqueues `downloadconfirmed` twice (to the
         *     recipient and to the sender) (§4.9). When every recipient has confirmed, the status becomes
         *     AllConfirmedDownloaded, `allconfirmeddownloaded` is sent to the sender, and a purge is scheduled
         *     after the resource's grace period (default PT2H) unless purge-after-confirm is off. No request body.
         *
         *     Check order after the gates (406, 401, 403, 400 route GUID):
         *     1. Unknown id: 404 BRO-00001.
         *     2. PDP denies recipient `read`: 401 BRO-00006.
         *     3. No stored file: 400 BRO-00003.
         *     4. Status is not Published (AllConfirmedDownloaded included): 400 BRO-00010.
         *     5. The caller's organisation cannot be determined: 401 BRO-00006.
         *     6. The caller already confirmed: 204 again, with no new row and no event.
         *     7. The caller has never started a download: 400 BRO-00019.
         *     8. Otherwise: 204.
         *
         *     A caller that passed the PDP as a recipient through a delegated right, but whose own organisation is
         *     not one of the recipients, gets 500 (derived).
         */
        post: operations["confirmDownload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/broker/api/v1/resource/{resourceId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Altinn resource id, as registered in the Resource Registry. */
                resourceId: string;
            };
            cookie?: never;
        };
        /**
         * Read the Broker configuration of a resource
         * @description Returns all 8 configuration fields (§4.10, §8.3). Durations are in **.NET TimeSpan text form**
         *     (`30.00:00:00`, `02:00:00`), not ISO 8601 as on input, and are `null` when never set; the effective
         *     defaults (TTL 30 days, grace PT2H) are not shown. The endpoint declares it consumes
         *     `application/json`, so a request with another `Content-Type` gets 415.
         *
         *     Check order after the gates (406, 401, 403, 415): not configured in Broker 400 BRO-00025; stored
         *     owner is not the caller 401 BRO-00006.
         */
        get: operations["getResource"];
        /**
         * Create or update the Broker configuration of a resource
         * @description The first PUT for a resource id **creates** the Broker resource from the Resource Registry, even
         *     with an empty `{}` body: the registry resource must exist, be owned by the caller, and its owner
         *     must be a registered service owner. Later PUTs change only the fields given; `null` or absent
         *     means "leave unchanged", so a field cannot be reset through the API (§4.10, §8.2).
         *
         *     Check order after the gates (406, 401, 403, 415):
         *     0. `useManifestFileShim` true without a non-empty `externalServiceCodeLegacy` and a non-zero
         *        `externalServiceEditionCodeLegacy` in the same body: 400 validation.
         *     1. Not configured, and the registry resource is missing or has no owner: 403 BRO-00005.
         *     2. Not configured, and the registry owner is not the caller: 401 BRO-00006. Already configured, and
         *        the stored owner is not the caller: 401 BRO-00006.
         *     3. Not configured, and the owner is not a registered service owner: 400 BRO-00024.
         *     4. `maxFileTransferSize` < 0: BRO-00011; = 0: BRO-00012; in Production above 50,000,000,000 bytes
         *        on a resource not approved for disabled virus scan: BRO-00013; above 1,677,721,600,000 bytes:
         *        BRO-00022 (all 400).
         *     5. `fileTransferTimeToLive` not an ISO 8601 duration: BRO-00014; above 365 days: BRO-00015 (400).
         *     6. `purgeFileTransferGracePeriod` not an ISO 8601 duration: BRO-00017; above 24 hours: BRO-00018
         *        (400).
         *     7. Manifest shim on without a legacy code and edition, stored or given: 400 BRO-00023.
         */
        put: operations["configureResource"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/broker/api/v1/serviceowner": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the calling organisation's service owner registration
         * @description Returns the name and the storage providers (§4.11, §8.1). Right after registration in a deployed
         *     environment `storageProviders` may be empty or hold providers that are not yet Ready (unsure).
         *
         *     Check order after the gates (406, 401, 403): the caller's organisation cannot be determined 400
         *     BRO-07001; not registered 404 BRO-07004.
         */
        get: operations["getServiceOwner"];
        put?: never;
        /**
         * Register the calling organisation as a service owner
         * @description Registers the caller's own organisation (`0192:NNNNNNNNN`) with the given name and starts storage
         *     provisioning **asynchronously** (§4.11, §8.1): in deployed environments first `AltinnAzure` (with
         *     virus scan), then `AltinnAzureWithoutVirusScan`. Until a provider is Ready, initialize answers 503
         *     BRO-00021. No check beyond the `altinn:serviceowner` scope. This endpoint declares no produced type,
         *     so it has no 406.
         *
         *     Check order after the gates (401, 403, 415, 400 validation): the caller's organisation cannot be
         *     determined 400 BRO-07001; already registered 409 BRO-07002; the new row cannot be read back 500
         *     BRO-07003.
         */
        post: operations["registerServiceOwner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/broker/api/v1/statistics/monthly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Monthly usage statistics as CSV
         * @description A CSV attachment named `monthly_statistics_<resourceId or all-resources>_<yyyy-MM>.csv` (§4.12).
         *     The data comes from a rollup table refreshed weekly for the current month and finalized on day 2
         *     of the following month, so recent activity can be missing. The endpoint declares it produces
         *     `text/csv`, so an `Accept` that excludes `text/csv` gets 406.
         *
         *     Errors after the gates (406, 401, 403): bad year or month 400 BRO-06003 (a missing year or month
         *     also gives 400, in a shape that is unsure); both include flags false 400 BRO-06005; the caller's
         *     organisation cannot be determined, or the resource belongs to another organisation, 401 BRO-00006;
         *     `resourceId` not configured 400 BRO-00025.
         */
        get: operations["getMonthlyStatistics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "no.altinn.broker.filetransferinitialized": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A file transfer was initialized
         * @description Sent once to the **sender** when initialize (or the multipart upload) succeeds.
         */
        post: operations["onFileTransferInitialized"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "no.altinn.broker.uploadprocessing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The upload is stored and being processed
         * @description Sent to the **sender** when the status becomes UploadProcessing through upload completion: the file is virus scanned or, for TUS, the sender gave a checksum. Not sent when a TUS final concatenation sets UploadProcessing.
         */
        post: operations["onUploadProcessing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "no.altinn.broker.published": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The file is ready for download
         * @description Sent when the status becomes Published, once per transfer: one event to the **sender** (Role Sender) and one to **each recipient** (Role Recipient). Its `id` is deterministic per transfer, role and actor, so retries and duplicates share it.
         */
        post: operations["onPublished"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "no.altinn.broker.uploadfailed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The upload failed
         * @description Sent to the **sender** when storing fails, malware is found, a TUS checksum does not match, or the stuck-upload job fails the transfer. Not sent for a checksum mismatch on the streamed or multipart upload (that request answers 400 BRO-00009 instead).
         */
        post: operations["onUploadFailed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "no.altinn.broker.downloadconfirmed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A recipient confirmed the download
         * @description Sent when a recipient confirms: one event to the **confirming recipient** (Role Recipient) and one to the **sender** (Role Sender).
         */
        post: operations["onDownloadConfirmed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "no.altinn.broker.allconfirmeddownloaded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Every recipient has confirmed the download
         * @description Sent to the **sender** when the last recipient confirms and the status becomes AllConfirmedDownloaded, after that confirmation's `downloadconfirmed` events.
         */
        post: operations["onAllConfirmedDownloaded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "no.altinn.broker.filepurged": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The file was purged
         * @description Sent to the **sender** when a purge job writes status Purged: at expiry (TTL) or after the grace period that follows AllConfirmedDownloaded. The malware purge deletes the file without writing Purged and sends no `filepurged`.
         */
        post: operations["onFilePurged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "no.altinn.broker.fileneverconfirmeddownloaded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The file was purged before some recipient confirmed it
         * @description Sent by any purge (malware purge included) while some recipient's highest status is below DownloadConfirmed: one event to **each such recipient** (Role Recipient) plus one to the **sender** (Role Sender). A malware-infected transfer may produce these twice: at the malware purge and again at expiry (unsure, §5.4).
         */
        post: operations["onFileNeverConfirmedDownloaded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description RFC 9457 problem details as ASP.NET Core and Altinn.Authorization.ProblemDetails 5.4.0 write them. Open: further members may appear. */
        ProblemDetails: {
            /** @description An RFC 9110 section URL chosen by status, e.g. `https://tools.ietf.org/html/rfc9110#section-15.5.1`. */
            type?: string;
            /** @description The reason phrase of the status (`Bad Request`, `Unauthorized`, …) or a framework sentence. */
            title?: string;
            /** @description The HTTP status. */
            status?: number;
            /** @description A human-readable explanation; fixed per Broker error code. Do not assert on its text. */
            detail?: string | null;
            /** @description Omitted or null for Broker errors; the request path for unhandled errors. */
            instance?: string | null;
            /** @description The W3C trace id of the request (`00-<32 hex>-<16 hex>-<2 hex>`). On Broker errors it is present and non-empty; the key may appear twice with the same value (unsure, §13.2). */
            traceId?: string;
            /** @description A description derived from the status (Broker errors; library 5.4.0). */
            statusDescription?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A Broker error (§2.1). Carries the Broker error code in `code`; there is no `errorCode`. */
        BrokerProblemDetails: components["schemas"]["ProblemDetails"] & {
            /**
             * @description `BRO-` followed by the error number zero-padded to five digits.
             * @example BRO-00001
             */
            code: string;
        };
        /** @description The framework's automatic 400 for model binding and validation errors (§2.2). No `code`. */
        ValidationProblemDetails: components["schemas"]["ProblemDetails"] & {
            /** @description Field key to messages. Keys are C# property paths (`Recipients`, `PropertyList`, `Metadata.Sender`; unsure §13.6) or JSON paths for reader errors (`$.recipients`). */
            errors: {
                [key: string]: string[];
            };
        };
        /** @description A 400 that is either a Broker error (with `code`) or a validation error (with `errors`). */
        BadRequestProblemDetails: components["schemas"]["BrokerProblemDetails"] | components["schemas"]["ValidationProblemDetails"];
        /** @description The metadata of a new file transfer (§4.1). Property names bind case-insensitively and unknown properties are ignored. */
        FileTransferInitializeExt: {
            /** @description The file name including its extension. */
            fileName: string;
            /** @description The Altinn resource id, optionally in URN form (`urn:altinn:resource:<id>`); the prefix is stripped. Broker stores resource ids in a column of 80 characters (derived, §8.2). */
            resourceId: string;
            /** @description The sender's own reference, shown to sender and recipients. Not marked required, but upstream's default for an omitted value is the empty string, which fails the 1–4096 length rule, so omitting it (or sending null) is expected to give 400 (unsure). Always send it. */
            sendersFileTransferReference?: string | null;
            /** @description The sending organisation: `<4-digit scheme>:<9 digits>` (e.g. `0192:986252932`) or `urn:altinn:organization:identifier-no:<9 digits>`. Plain 9 digits gives 400. Stored and returned exactly as given; search as sender matches `0192:<org>` only. */
            sender: components["schemas"]["OrganizationIdentifier"];
            /** @description The receiving organisations, in either form of `sender`. Each is stored as `0192:<9 digits>`. */
            recipients: string[];
            /** @description Up to 10 user-defined string properties; keys at most 50 characters (empty keys allowed), values at most 3000 characters. Returned unchanged. */
            propertyList?: {
                [key: string]: string;
            };
            checksum?: components["schemas"]["Md5Checksum"];
            /** @description Skip the virus scan; null means false. In Production the resource must be approved for it (400 BRO-00020); elsewhere the service owner needs the storage provider without virus scan (503 BRO-00021 if missing, always in Development). */
            disableVirusScan?: boolean | null;
        };
        /**
         * @description The multipart form of `initializeAndUploadFileTransfer` (§4.3). Field names are C# property paths,
         *     bound case-insensitively; the rules are those of `FileTransferInitializeExt`.
         *     - `Metadata.Recipients`: repeat the field once per recipient.
         *     - `Metadata.PropertyList[<key>]`: one field per property. At most 10 such fields, keys at most 50
         *       characters, values at most 3000 (the count cannot be expressed in JSON Schema).
         *     - `FileTransfer`: the file part; required (missing gives 400).
         */
        FileTransferInitializeAndUploadForm: {
            /** @description The file name including its extension. */
            "Metadata.FileName": string;
            /** @description The Altinn resource id, optionally in URN form. */
            "Metadata.ResourceId": string;
            /** @description The sender's own reference. Omitting it is expected to give 400 (unsure, §4.1). */
            "Metadata.SendersFileTransferReference"?: string;
            "Metadata.Sender": components["schemas"]["OrganizationIdentifier"];
            /** @description One field per recipient. */
            "Metadata.Recipients": string[];
            "Metadata.Checksum"?: components["schemas"]["Md5Checksum"];
            /** @description `true` or `false`; see `disableVirusScan` in `FileTransferInitializeExt`. */
            "Metadata.DisableVirusScan"?: boolean;
            /** @description The file's bytes. Its length is checked against the size limits (BRO-00016). */
            FileTransfer: string;
        } & {
            [key: string]: string;
        };
        /**
         * @description The Broker configuration of a resource, as sent to PUT (§4.10, §8.2). Every field is optional; null
         *     or absent leaves the stored value unchanged. Numbers written as JSON strings also bind (derived).
         */
        ResourceExt: {
            /**
             * Format: int64
             * @description Largest file in bytes. At least 1 (negative BRO-00011, zero BRO-00012) and at most 1,677,721,600,000 (BRO-00022). In Production at most 50,000,000,000 unless the resource is approved for disabled virus scan (BRO-00013). Uploads with virus scan are limited to 50,000,000,000 bytes anyway.
             */
            maxFileTransferSize?: number | null;
            /**
             * @description How long a new transfer lives before it is purged, as an ISO 8601 duration in the `PnYnMnDTnHnMnS` form (`P30D`, `P1Y`); weeks and bare forms such as `30D` are rejected (BRO-00014). At most 365 days (BRO-00015; a year counts 365 days, a month 30). Default when never set: 30 days. Changing it does not affect existing transfers.
             * @example P30D
             */
            fileTransferTimeToLive?: string | null;
            /** @description Purge the file once every recipient has confirmed, after the grace period. Default true. */
            purgeFileTransferAfterAllRecipientsConfirmed?: boolean | null;
            /**
             * @description Delay between AllConfirmedDownloaded and the purge, as an ISO 8601 duration (`PT2H`, `P1D`, `PT0S`); unparsable gives BRO-00017. At most 24 hours (BRO-00018). Default when never set: PT2H.
             * @example PT2H
             */
            purgeFileTransferGracePeriod?: string | null;
            /** @description Legacy manifest shim. When true, the same request must carry a non-empty `externalServiceCodeLegacy` and a non-zero `externalServiceEditionCodeLegacy` (400 validation). Stored and returned, but the current download path does not use it. */
            useManifestFileShim?: boolean | null;
            /** @description The Altinn 2 service code, for the manifest shim. */
            externalServiceCodeLegacy?: string | null;
            /**
             * Format: int32
             * @description The Altinn 2 service edition code, for the manifest shim.
             */
            externalServiceEditionCodeLegacy?: number | null;
            /** @description An organisation that must take part in every transfer of this resource (compared after stripping everything up to the last `:`). When the sender is not this party, the transfer must have exactly one recipient (BRO-00027) and it must be this party (BRO-00026). Empty means unset. */
            requiredParty?: string | null;
        };
        /** @description Registration of the calling organisation as a service owner (§4.11). */
        ServiceOwnerInitializeExt: {
            /** @description The service owner's display name. Missing or null gives 400 validation. */
            name: string;
        };
        /**
         * @description An organisation: `<4-digit scheme>:<9 digits>` (e.g. `0192:986252932`) or `urn:altinn:organization:identifier-no:<9 digits>` (pattern P, §3.4).
         * @example 0192:986252932
         */
        OrganizationIdentifier: string;
        /** @description MD5 of the file as 32 lower-case hex characters. Null, empty or whitespace means "not given", and Broker then computes it. Otherwise exactly 32 characters with no upper-case letter (400); hex digits are not checked. A mismatch with the uploaded bytes gives 400 BRO-00009 (streamed) or Failed (TUS). */
        Md5Checksum: string | null;
        /** @description A .NET TimeSpan in its constant text form `[-][d.]hh:mm:ss[.fffffff]`, e.g. `30.00:00:00` (30 days) or `02:00:00` (2 hours). Null when never set. */
        TimeSpanText: string | null;
        /** @description The id of the file transfer (initialize, streamed upload and multipart upload). */
        FileTransferInitializeResponseExt: {
            /**
             * Format: uuid
             * @description The file transfer id.
             */
            fileTransferId: string;
        };
        /**
         * @description File transfer status (§5.1). `Cancelled` exists but is never produced. Numeric values in order: 0–7.
         * @enum {string}
         */
        FileTransferStatusExt: "Initialized" | "UploadStarted" | "UploadProcessing" | "Published" | "Cancelled" | "AllConfirmedDownloaded" | "Purged" | "Failed";
        /**
         * @description A recipient's status (§5.1), numbered 0–2 in this order.
         * @enum {string}
         */
        RecipientFileTransferStatusExt: "Initialized" | "DownloadStarted" | "DownloadConfirmed";
        /** @description A file transfer and its current status (§4.5). Every property is always written. */
        FileTransferOverviewExt: {
            /** Format: uuid */
            fileTransferId: string;
            /** @description The resource id, without the `urn:altinn:resource:` prefix. */
            resourceId: string;
            fileName: string;
            sendersFileTransferReference: string | null;
            /** @description The sender's checksum, or the computed lower-case MD5 hex once known (possibly only after publication). Before that, empty string or null (unsure, §13.19). */
            checksum: string | null;
            /** @description The inverse of `disableVirusScan` at initialize. */
            useVirusScan: boolean;
            /**
             * Format: int64
             * @description The file size in bytes; 0 until the file is stored.
             */
            fileTransferSize: number;
            fileTransferStatus: components["schemas"]["FileTransferStatusExt"];
            /** @description The status row's detailed text (e.g. `Checksum mismatch`), otherwise the status's fixed text (`Ready for download`, §5.2). */
            fileTransferStatusText: string;
            /**
             * Format: date-time
             * @description When the current status was reached.
             */
            fileTransferStatusChanged: string;
            /** Format: date-time */
            created: string;
            /**
             * Format: date-time
             * @description `created` + the time to live, fixed at initialize; the TTL purge runs then.
             */
            expirationTime: string;
            /** @description The sender exactly as given at initialize. */
            sender: string;
            /** @description One entry per organisation with recipient status rows (also an organisation that downloaded through a delegated right). No specified order. */
            recipients: components["schemas"]["RecipientFileTransferStatusDetailsExt"][];
            /** @description The properties given at initialize; keys unchanged. */
            propertyList: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @description When the transfer became Published; null before publication.
             */
            published: string | null;
        };
        /** @description A recipient's current status in the overview. */
        RecipientFileTransferStatusDetailsExt: {
            /**
             * @description The recipient as `0192:<9 digits>`.
             * @example 0192:991825827
             */
            recipient: string;
            /** @description The **highest** status this recipient ever reached (stays DownloadConfirmed after a later download). */
            currentRecipientFileTransferStatusCode: components["schemas"]["RecipientFileTransferStatusExt"];
            /** @description `Initialized`, `Recipient has attempted to download fileTransfer` or `Recipient has downloaded fileTransfer` (§5.2). */
            currentRecipientFileTransferStatusText: string;
            /**
             * Format: date-time
             * @description The time of this recipient's **latest** status row.
             */
            currentRecipientFileTransferStatusChanged: string;
        };
        /** @description The overview's properties except `published` (not emitted here), plus both status histories (§4.6). The histories are unordered: sort by their `…Changed` field. */
        FileTransferStatusDetailsExt: {
            /** Format: uuid */
            fileTransferId: string;
            /** @description The resource id, without the `urn:altinn:resource:` prefix. */
            resourceId: string;
            fileName: string;
            sendersFileTransferReference: string | null;
            /** @description As in the overview; empty string or null before the MD5 is known (unsure, §13.19). */
            checksum: string | null;
            useVirusScan: boolean;
            /** Format: int64 */
            fileTransferSize: number;
            fileTransferStatus: components["schemas"]["FileTransferStatusExt"];
            fileTransferStatusText: string;
            /** Format: date-time */
            fileTransferStatusChanged: string;
            /** Format: date-time */
            created: string;
            /** Format: date-time */
            expirationTime: string;
            sender: string;
            recipients: components["schemas"]["RecipientFileTransferStatusDetailsExt"][];
            propertyList: {
                [key: string]: string;
            };
            /** @description One element per status row ever written for the transfer. */
            fileTransferStatusHistory: components["schemas"]["FileTransferStatusEventExt"][];
            /** @description One element per recipient status row; every non-ranged download adds a DownloadStarted row. */
            recipientFileTransferStatusHistory: components["schemas"]["RecipientFileTransferStatusEventExt"][];
        };
        /** @description One file transfer status row. */
        FileTransferStatusEventExt: {
            fileTransferStatus: components["schemas"]["FileTransferStatusExt"];
            fileTransferStatusText: string;
            /** Format: date-time */
            fileTransferStatusChanged: string;
        };
        /** @description One recipient status row. */
        RecipientFileTransferStatusEventExt: {
            /** @description The recipient as `0192:<9 digits>`. */
            recipient: string;
            recipientFileTransferStatusCode: components["schemas"]["RecipientFileTransferStatusExt"];
            recipientFileTransferStatusText: string;
            /** Format: date-time */
            recipientFileTransferStatusChanged: string;
        };
        /** @description The Broker configuration of a resource as GET returns it (§8.3): all 8 properties, camelCase, with durations in .NET TimeSpan text form rather than ISO 8601. Effective defaults are not filled in. */
        ResourceOverviewExt: {
            /**
             * Format: int64
             * @description Largest file in bytes; null when never set.
             */
            maxFileTransferSize: number | null;
            /** @description Time to live in TimeSpan form (`30.00:00:00`); null when never set (30 days applies). */
            fileTransferTimeToLive: components["schemas"]["TimeSpanText"];
            /** @description Purge after every recipient confirmed; true unless changed. */
            purgeFileTransferAfterAllRecipientsConfirmed: boolean;
            /** @description Grace period in TimeSpan form (`02:00:00`); null when never set (PT2H applies). */
            purgeFileTransferGracePeriod: components["schemas"]["TimeSpanText"];
            /** @description False on a resource where it was never set. */
            useManifestFileShim: boolean;
            externalServiceCodeLegacy: string | null;
            /** Format: int32 */
            externalServiceEditionCodeLegacy: number | null;
            requiredParty: string | null;
        };
        /** @description A registered service owner and its storage providers (§4.11). */
        ServiceOwnerOverviewExt: {
            name: string;
            /** @description In deployed environments one provider with and one without virus scan once provisioned; in Development a single `AltinnAzure`. May be empty right after registration. */
            storageProviders: components["schemas"]["StorageProviderExt"][];
        };
        /** @description One storage provider of a service owner. */
        StorageProviderExt: {
            type: components["schemas"]["StorageProviderTypeExt"];
            deploymentStatus: components["schemas"]["DeploymentStatusExt"];
            /** @description The host environment's name: `test`, `staging` or `production` in Altinn's deployments, `Development` locally. */
            deploymentEnvironment: string;
        };
        /**
         * @description The kind of storage provider: `AltinnAzure` scans uploads for malware, `AltinnAzureWithoutVirusScan` serves transfers with `disableVirusScan`.
         * @enum {string}
         */
        StorageProviderTypeExt: "AltinnAzure" | "AltinnAzureWithoutVirusScan";
        /**
         * @description Provisioning state of a storage provider: `NotStarted`, `DeployingResources`, or `Ready` when it can take uploads.
         * @enum {string}
         */
        DeploymentStatusExt: "NotStarted" | "DeployingResources" | "Ready";
        /**
         * @description Whether the event's subject is the transfer's sender or one of its recipients.
         * @enum {string}
         */
        BrokerEventRole: "Sender" | "Recipient";
        /**
         * @description A CloudEvent 1.0 as Broker posts it to Altinn Events (§6.2). Member names are lower-case, except `Role` inside `data`. There is no `alternativesubject`. Delivery is at least once and unordered; deduplicate on `id`.
         * @example {
         *       "specversion": "1.0",
         *       "id": "6f1c0c9e-2b7e-4a57-9d1e-0f5b3f0e2a11",
         *       "type": "no.altinn.broker.published",
         *       "time": "2026-08-18T10:00:00.1234567+00:00",
         *       "resource": "urn:altinn:resource:my-broker-resource",
         *       "resourceinstance": "0850124f-6ae9-4821-b4f9-8ee7c937ecfc",
         *       "subject": "urn:altinn:organization:identifier-no:986252932",
         *       "source": "https://platform.tt02.altinn.no/broker/api/v1/filetransfer",
         *       "data": {
         *         "Role": "Recipient"
         *       }
         *     }
         */
        BrokerCloudEvent: {
            /** @constant */
            specversion: "1.0";
            /**
             * Format: uuid
             * @description For `published`, deterministic: the first 16 bytes of SHA-256 over UTF-8 `published:<fileTransferId>:<Sender|Recipient>:<actor id as stored>`, read as a .NET GUID. For other types a random GUID fixed at enqueue time, so retries reuse it.
             */
            id: string;
            /** @description `no.altinn.broker.` + the lower-cased event name. */
            type: string;
            /**
             * Format: date-time
             * @description When the background job sent the event; not the time of the status change.
             */
            time: string;
            /** @description `urn:altinn:resource:<resourceId>`; subscription filters must use this form. */
            resource: string;
            /**
             * Format: uuid
             * @description The file transfer id.
             */
            resourceinstance: string;
            /** @description The organisation the event is addressed to. */
            subject: string;
            /**
             * Format: uri
             * @description The platform gateway URL with `broker/api/v1/filetransfer` appended, e.g. `https://platform.tt02.altinn.no/broker/api/v1/filetransfer` (deployment, unsure §13.11).
             */
            source: string;
            data: {
                Role: components["schemas"]["BrokerEventRole"];
            };
        } & {
            [key: string]: unknown;
        };
        /** @description `no.altinn.broker.filetransferinitialized`, to the sender. */
        FileTransferInitializedEvent: components["schemas"]["BrokerCloudEvent"] & {
            /** @constant */
            type?: "no.altinn.broker.filetransferinitialized";
            data?: {
                /** @constant */
                Role?: "Sender";
            };
        };
        /** @description `no.altinn.broker.uploadprocessing`, to the sender. */
        UploadProcessingEvent: components["schemas"]["BrokerCloudEvent"] & {
            /** @constant */
            type?: "no.altinn.broker.uploadprocessing";
            data?: {
                /** @constant */
                Role?: "Sender";
            };
        };
        /** @description `no.altinn.broker.published`, to the sender and to each recipient. */
        PublishedEvent: components["schemas"]["BrokerCloudEvent"] & {
            /** @constant */
            type?: "no.altinn.broker.published";
            data?: {
                /** @enum {unknown} */
                Role?: "Sender" | "Recipient";
            };
        };
        /** @description `no.altinn.broker.uploadfailed`, to the sender. */
        UploadFailedEvent: components["schemas"]["BrokerCloudEvent"] & {
            /** @constant */
            type?: "no.altinn.broker.uploadfailed";
            data?: {
                /** @constant */
                Role?: "Sender";
            };
        };
        /** @description `no.altinn.broker.downloadconfirmed`, to the confirming recipient and to the sender. */
        DownloadConfirmedEvent: components["schemas"]["BrokerCloudEvent"] & {
            /** @constant */
            type?: "no.altinn.broker.downloadconfirmed";
            data?: {
                /** @enum {unknown} */
                Role?: "Sender" | "Recipient";
            };
        };
        /** @description `no.altinn.broker.allconfirmeddownloaded`, to the sender. */
        AllConfirmedDownloadedEvent: components["schemas"]["BrokerCloudEvent"] & {
            /** @constant */
            type?: "no.altinn.broker.allconfirmeddownloaded";
            data?: {
                /** @constant */
                Role?: "Sender";
            };
        };
        /** @description `no.altinn.broker.filepurged`, to the sender. */
        FilePurgedEvent: components["schemas"]["BrokerCloudEvent"] & {
            /** @constant */
            type?: "no.altinn.broker.filepurged";
            data?: {
                /** @constant */
                Role?: "Sender";
            };
        };
        /** @description `no.altinn.broker.fileneverconfirmeddownloaded`, to each recipient that never confirmed and to the sender. */
        FileNeverConfirmedDownloadedEvent: components["schemas"]["BrokerCloudEvent"] & {
            /** @constant */
            type?: "no.altinn.broker.fileneverconfirmeddownloaded";
            data?: {
                /** @enum {unknown} */
                Role?: "Sender" | "Recipient";
            };
        };
    };
    responses: {
        /** @description The `Accept` header matches neither the endpoint's produced type nor `*\/*` (`application/problem+json` and `application/*` are rejected on JSON endpoints). Checked before authentication, so it also happens without a token (unsure, §13.18). Plain text naming the supported types, written without a Content-Type header. */
        NotAcceptable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
            };
        };
        /** @description No bearer token, or a token with a bad signature, wrong issuer or expired lifetime. Empty body with a `WWW-Authenticate` challenge. */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Either authentication failed (no or invalid token: empty body, `WWW-Authenticate`), or the Broker denied access (BRO-00006): the PDP did not permit the caller for this transfer or resource, the resource is not configured in Broker, the caller's organisation cannot be determined, or (service owner operations) the caller does not own the resource. An unrelated organisation gets this on an existing transfer, not 403 or 404. */
        UnauthorizedOrAccessDenied: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["BrokerProblemDetails"];
                "application/problem+json": components["schemas"]["BrokerProblemDetails"];
            };
        };
        /** @description The token lacks the scope the operation's policy needs. Empty body. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The token lacks `altinn:broker.write` (empty body), or BRO-00005: at initialize, the resource is unknown in the Resource Registry or has no owner; at upload, the resource is not configured in Broker (normally answered 401 BRO-00006 first). */
        SenderForbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["BrokerProblemDetails"];
                "application/problem+json": components["schemas"]["BrokerProblemDetails"];
            };
        };
        /** @description The request's `Content-Type` is not one the endpoint consumes. Checked after authentication and scope. The body is a framework ProblemDetails without `code` (unsure; may be empty, §13.4). */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ProblemDetails"];
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description Request validation failed: a malformed GUID in the route, a missing required query parameter, or a query value that does not bind. ProblemDetails with an `errors` map and no `code`. */
        ValidationError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ValidationProblemDetails"];
                "application/problem+json": components["schemas"]["ValidationProblemDetails"];
            };
        };
        /** @description Unhandled error. ProblemDetails without `code` (`detail` empty outside Development, `instance` = the request path); the body may be empty if error notification itself fails (derived, §2.3). */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ProblemDetails"];
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description No file transfer has this id (BRO-00001). Checked before access. */
        FileTransferNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["BrokerProblemDetails"];
                "application/problem+json": components["schemas"]["BrokerProblemDetails"];
            };
        };
        /** @description The transfer's status is beyond UploadStarted (UploadProcessing, Published, Cancelled, AllConfirmedDownloaded, Purged or Failed), so it cannot be uploaded again (BRO-00004). */
        UploadConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["BrokerProblemDetails"];
                "application/problem+json": components["schemas"]["BrokerProblemDetails"];
            };
        };
        /** @description Storing the file failed (BRO-00008): the status becomes Failed and an `uploadfailed` event is sent. Or an unhandled error (no `code`; the body may be empty, derived §2.3). */
        UploadFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ProblemDetails"];
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description The service owner's storage provider of the needed kind (with or without virus scan) does not exist yet (BRO-00021). Retry later; provisioning after service owner registration is asynchronous. */
        StorageProviderNotReady: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["BrokerProblemDetails"];
                "application/problem+json": components["schemas"]["BrokerProblemDetails"];
            };
        };
        /** @description The upload's state, in headers only. `Upload-Offset` is left out for a final (concatenated) upload while its partials are still being joined, as tusdotnet does (§4.4). */
        TusHeadOk: {
            headers: {
                "Upload-Offset": components["headers"]["UploadOffsetUnlessJoining"];
                "Upload-Length": components["headers"]["UploadLength"];
                "Upload-Concat": components["headers"]["UploadConcat"];
                "Upload-Expires": components["headers"]["UploadExpires"];
                "Tus-Resumable": components["headers"]["TusResumable"];
                "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The chunk was stored (or the offset was already at the end). `Upload-Offset` is the new offset. */
        TusPatchNoContent: {
            headers: {
                "Upload-Offset": components["headers"]["UploadOffset"];
                "Upload-Expires": components["headers"]["UploadExpires"];
                "Tus-Resumable": components["headers"]["TusResumable"];
                "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The upload was terminated and its staged data removed. The transfer status is unchanged. */
        TusTerminated: {
            headers: {
                "Tus-Resumable": components["headers"]["TusResumable"];
                "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description A TUS header is missing or invalid, or the store rejected the data (tusdotnet's message), or a file-level check failed with the message of BRO-00002 (service owner missing). Plain text. */
        TusBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
            };
        };
        /** @description A TUS header is missing or invalid (no `Upload-Length`, any `Upload-Defer-Length`, a final concatenation naming partials that are incomplete or belong to another transfer), or a Broker check failed: service owner missing (BRO-00002), or `Upload-Length` above the resource's limit or above 50,000,000,000 bytes with virus scan (BRO-00016). Plain text. */
        TusCreateBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
            };
        };
        /** @description No or invalid token (Sender policy; empty body, `WWW-Authenticate`), or the Broker denied access (the message of BRO-00006, plain text): the PDP does not permit `write` for the sender, or the caller is not the sender of an active upload session. */
        TusUnauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
            };
        };
        /** @description The token lacks `altinn:broker.write` (empty body), or the resource is not configured in Broker (the message of BRO-00005, plain text). */
        TusForbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
            };
        };
        /** @description No `Tus-Resumable` header, so the request is not treated as TUS (empty body, before any file-level check); or the transfer does not exist (the message of BRO-00001), the id cannot be resolved ("Missing file transfer id"), or tusdotnet has no such upload. Plain text when there is a body. */
        TusNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
            };
        };
        /** @description The transfer's status is beyond UploadStarted (the message of BRO-00004), or, with an active upload session, is neither UploadStarted nor UploadProcessing. Plain text. */
        TusConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
            };
        };
        /** @description `Upload-Offset` differs from the server's offset (tusdotnet's message), or the transfer's status no longer allows uploading (the message of BRO-00004). Plain text. */
        TusOffsetConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
            };
        };
        /** @description `Tus-Resumable` names an unsupported version ("Tus version X is not supported…"). Checked after the file-level checks. Plain text. */
        TusPreconditionFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
            };
        };
        /** @description The chunk holds more bytes than remain of the upload length ("Request contains more data than the file's upload length"). Plain text. */
        TusTooMuchData: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
            };
        };
        /** @description The chunk's `Content-Type` is not `application/offset+octet-stream`. Plain text. */
        TusUnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
            };
        };
        /** @description tusdotnet's checksum-mismatch status: the chunk carried `Upload-Checksum`, whose verification always fails in this store (unsure, §13.13). Plain text. */
        TusChecksumMismatch: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
            };
        };
        /** @description The service owner's storage provider does not exist yet (the message of BRO-00021). Plain text. */
        TusServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/plain": string;
            };
        };
        /** @description A file-level check failed with BRO-00002, or a TUS header is invalid. No body (HEAD). */
        TusHeadBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description No or invalid token, or the Broker denied access (BRO-00006). No body (HEAD). */
        TusHeadUnauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The token lacks `altinn:broker.write`, or the resource is not configured (BRO-00005). No body (HEAD). */
        TusHeadForbidden: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description No `Tus-Resumable` header, unknown transfer (BRO-00001), or no such upload (for example never created, or expired). No body (HEAD). */
        TusHeadNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The transfer's status no longer allows uploading (BRO-00004). No body (HEAD). */
        TusHeadConflict: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description `Tus-Resumable` names an unsupported version. No body (HEAD). */
        TusHeadPreconditionFailed: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The storage provider does not exist yet (BRO-00021). No body (HEAD). */
        TusHeadServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The subscriber accepted the event. Delivery is at least once; deduplicate on `id`. */
        EventAccepted: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
    };
    parameters: {
        /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
        FileTransferId: string;
        /** @description The id of a partial upload, as returned in the `Location` of a partial create (32 hex digits). */
        PartialUploadId: string;
        /** @description TUS protocol version; `1.0.0` is the only one supported. Absent: 404 with an empty body, because the request is not treated as TUS. Another value: 412, after the file-level checks. */
        TusResumable: string;
        /** @description The total upload size in bytes. Required on create except for a final concatenation, which must not send it. Checked against the resource's `maxFileTransferSize` and, with virus scan, against 50,000,000,000 bytes (400 with the BRO-00016 message). */
        UploadLength: number;
        /** @description Not supported; any value gives 400. */
        UploadDeferLength: string;
        /** @description `partial` creates a partial upload. `final;<location> <location> …` joins complete partials of this transfer; each must belong to it and be complete, otherwise 400. */
        UploadConcat: string;
        /** @description TUS metadata (comma-separated `key base64value` pairs). Broker does not interpret it. */
        UploadMetadata: string;
        /** @description The byte offset this chunk starts at. Missing or invalid: 400. Different from the server's offset: 409. At or past the upload length: 204 with the final offset (recovery). */
        UploadOffset: number;
        /** @description `<algorithm> <base64 digest>`. Advertised for `md5` only, but the store's verification always reports a mismatch, so a chunk carrying it is rejected (460, unsure §13.13). Do not send it; the transfer checksum from initialize is verified instead. */
        UploadChecksum: string;
    };
    requestBodies: {
        /** @description The chunk's bytes. `Content-Type` must be `application/offset+octet-stream`, otherwise 415. */
        TusChunk: {
            content: {
                "application/offset+octet-stream": string;
            };
        };
    };
    headers: {
        /** @description Always `nosniff` (§1). */
        XContentTypeOptions: string;
        /** @description Always `no-store` (§1). */
        CacheControl: string;
        /** @description A `Bearer` challenge when the token is missing or invalid; one challenge per configured scheme is possible. Absent when the 401 is a Broker error (BRO-00006). */
        WWWAuthenticate: string;
        /** @description `attachment` with the file name, as `filename` and `filename*` (derived, §4.8); for the statistics CSV the report's file name. */
        ContentDisposition: string;
        /** @description Always `bytes`. */
        AcceptRanges: "bytes";
        /** @description The size of this response body in bytes (the whole file, or the range's length). */
        ContentLength: number;
        /** @description `bytes <start>-<end>/<total>` for the returned range. */
        ContentRange: string;
        /** @description The protocol version in use, `1.0.0`. */
        TusResumable: string;
        /** @description Supported protocol versions, `1.0.0`. */
        TusVersion: string;
        /** @description Supported extensions: creation, creation-with-upload, termination, checksum, concatenation and expiration; tusdotnet may add checksum-trailer (unsure, §13.12). */
        TusExtension: string;
        /** @description Checksum algorithms advertised, `md5`. */
        TusChecksumAlgorithm: string;
        /** @description The upload URL, as a path (resolve it against the base URL; whether it can be absolute is unsure, §13.12): `/broker/api/v1/filetransfer/upload/tus/{fileTransferId}` for a single or final upload, `/broker/api/v1/filetransfer/upload/tus/{fileTransferId}/partial/{partialUploadId}` for a partial. */
        Location: string;
        /** @description The number of bytes received so far. */
        UploadOffset: number;
        /** @description The number of bytes received so far, when the create request carried a first chunk. */
        UploadOffsetOptional: number;
        /** @description The number of bytes received so far; absent only for a final upload whose partials are still being joined. */
        UploadOffsetUnlessJoining: number;
        /** @description The upload's total length in bytes (absent for a final upload whose length is not known yet). */
        UploadLength: number;
        /** @description When the unfinished upload expires, as an HTTP date; the 24 h window slides with each chunk (expected, unsure §13.12). */
        UploadExpires: string;
        /** @description `partial`, or `final;<locations>`, for a concatenation upload. */
        UploadConcat: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    searchFileTransfers: {
        parameters: {
            query: {
                /** @description The resource id exactly as stored, without the `urn:altinn:resource:` prefix. The prefix is not stripped here, so a URN value fails the access check (401). */
                resourceId: string;
                /** @description Keep transfers whose current status is this one. Names bind case-insensitively; the numbers 0–7 bind as well. Any other value gives 400. */
                status?: ("Initialized" | "UploadStarted" | "UploadProcessing" | "Published" | "Cancelled" | "AllConfirmedDownloaded" | "Purged" | "Failed") | string;
                /** @description Recipient-only search: keep transfers where the caller's latest recipient status is this one. Names bind case-insensitively; the numbers 0–2 bind as well. */
                recipientStatus?: ("Initialized" | "DownloadStarted" | "DownloadConfirmed") | string;
                /** @description Lower bound on the filtered timestamp. With `to` as well the range is inclusive; alone it is strict (later than). A value without an offset is taken in server-local time (UTC upstream). */
                from?: string;
                /** @description Upper bound on the filtered timestamp. With `from` as well the range is inclusive; alone it is strict (earlier than). */
                to?: string;
                /** @description `true`: oldest first. `false` or absent: newest first. */
                orderAscending?: boolean;
                /** @description `Sender` keeps transfers the caller sent; `Recipient` keeps transfers the caller receives. Absent: both, de-duplicated. Case-insensitive; the numbers 0 (Recipient) and 1 (Sender) bind as well. Ignored when `recipientStatus` is given. */
                role?: ("Sender" | "Recipient") | string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The matching transfer ids, at most 100, in the requested order. May be empty. */
            200: {
                headers: {
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string[];
                };
            };
            400: components["responses"]["ValidationError"];
            401: components["responses"]["UnauthorizedOrAccessDenied"];
            /** @description The token has neither `altinn:broker.write` nor `altinn:broker.read` (empty body), or the resource is not configured in Broker (BRO-00005; only reachable when authorization is bypassed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerProblemDetails"];
                    "application/problem+json": components["schemas"]["BrokerProblemDetails"];
                };
            };
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalServerError"];
        };
    };
    initializeFileTransfer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The transfer's metadata. Any JSON media type is accepted (`application/json`, `text/json`, `application/*+json`). */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "fileName": "report.xml",
                 *       "resourceId": "my-broker-resource",
                 *       "sendersFileTransferReference": "ref-2026-0001",
                 *       "sender": "0192:986252932",
                 *       "recipients": [
                 *         "0192:991825827"
                 *       ],
                 *       "propertyList": {
                 *         "caseNumber": "2026/17"
                 *       },
                 *       "checksum": null,
                 *       "disableVirusScan": false
                 *     }
                 */
                "application/json": components["schemas"]["FileTransferInitializeExt"];
                "text/json": components["schemas"]["FileTransferInitializeExt"];
                "application/*+json": components["schemas"]["FileTransferInitializeExt"];
            };
        };
        responses: {
            /** @description The transfer was created (status Initialized). The body holds its id. */
            200: {
                headers: {
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileTransferInitializeResponseExt"];
                };
            };
            /** @description Request validation failed (no `code`), or a Broker check failed: resource not configured (BRO-00025), service owner missing (BRO-00002), virus scan may not be disabled (BRO-00020), a recipient is not on the access list (BRO-00028), or the required party rules are broken (BRO-00027, BRO-00026). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestProblemDetails"];
                    "application/problem+json": components["schemas"]["BadRequestProblemDetails"];
                };
            };
            401: components["responses"]["UnauthorizedOrAccessDenied"];
            403: components["responses"]["SenderForbidden"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["StorageProviderNotReady"];
        };
    };
    uploadFileTransfer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
            };
            cookie?: never;
        };
        /** @description The raw file bytes. `Content-Type` must be `application/octet-stream` or absent; any other type gives 415. */
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description The bytes are stored. The body repeats the transfer id. */
            200: {
                headers: {
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileTransferInitializeResponseExt"];
                };
            };
            /** @description Malformed transfer id in the route (validation, no `code`), service owner missing (BRO-00002), file too large (BRO-00016), or checksum mismatch (BRO-00009). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestProblemDetails"];
                    "application/problem+json": components["schemas"]["BadRequestProblemDetails"];
                };
            };
            401: components["responses"]["UnauthorizedOrAccessDenied"];
            403: components["responses"]["SenderForbidden"];
            404: components["responses"]["FileTransferNotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["UploadConflict"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["UploadFailed"];
            503: components["responses"]["StorageProviderNotReady"];
        };
    };
    initializeAndUploadFileTransfer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["FileTransferInitializeAndUploadForm"];
            };
        };
        responses: {
            /** @description The transfer was created and its file stored. The body holds the new transfer id. */
            200: {
                headers: {
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileTransferInitializeResponseExt"];
                };
            };
            /** @description Form validation failed (no `code`; a missing `FileTransfer` part included), or a Broker check of initialize (BRO-00025, BRO-00002, BRO-00020, BRO-00028, BRO-00027, BRO-00026) or of the upload (file too large BRO-00016, checksum mismatch BRO-00009) failed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestProblemDetails"];
                    "application/problem+json": components["schemas"]["BadRequestProblemDetails"];
                };
            };
            401: components["responses"]["UnauthorizedOrAccessDenied"];
            403: components["responses"]["SenderForbidden"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["UploadFailed"];
            503: components["responses"]["StorageProviderNotReady"];
        };
    };
    tusCreateUpload: {
        parameters: {
            query?: never;
            header: {
                /** @description TUS protocol version; `1.0.0` is the only one supported. Absent: 404 with an empty body, because the request is not treated as TUS. Another value: 412, after the file-level checks. */
                "Tus-Resumable": components["parameters"]["TusResumable"];
                /** @description The total upload size in bytes. Required on create except for a final concatenation, which must not send it. Checked against the resource's `maxFileTransferSize` and, with virus scan, against 50,000,000,000 bytes (400 with the BRO-00016 message). */
                "Upload-Length"?: components["parameters"]["UploadLength"];
                /** @description Not supported; any value gives 400. */
                "Upload-Defer-Length"?: components["parameters"]["UploadDeferLength"];
                /** @description `partial` creates a partial upload. `final;<location> <location> …` joins complete partials of this transfer; each must belong to it and be complete, otherwise 400. */
                "Upload-Concat"?: components["parameters"]["UploadConcat"];
                /** @description TUS metadata (comma-separated `key base64value` pairs). Broker does not interpret it. */
                "Upload-Metadata"?: components["parameters"]["UploadMetadata"];
                /** @description `<algorithm> <base64 digest>`. Advertised for `md5` only, but the store's verification always reports a mismatch, so a chunk carrying it is rejected (460, unsure §13.13). Do not send it; the transfer checksum from initialize is verified instead. */
                "Upload-Checksum"?: components["parameters"]["UploadChecksum"];
            };
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
            };
            cookie?: never;
        };
        /** @description Optional first chunk (TUS creation-with-upload). Without a body the request carries no `Content-Type`. */
        requestBody?: {
            content: {
                "application/offset+octet-stream": string;
            };
        };
        responses: {
            /** @description The upload was created. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Tus-Resumable": components["headers"]["TusResumable"];
                    "Upload-Expires": components["headers"]["UploadExpires"];
                    "Upload-Offset": components["headers"]["UploadOffsetOptional"];
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["TusCreateBadRequest"];
            401: components["responses"]["TusUnauthorized"];
            403: components["responses"]["TusForbidden"];
            404: components["responses"]["TusNotFound"];
            409: components["responses"]["TusConflict"];
            412: components["responses"]["TusPreconditionFailed"];
            /** @description Not expected: upstream answers an upload above the size limit with 400 (BRO-00016 message). Listed because upstream's own documentation declares it. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["TusServiceUnavailable"];
        };
    };
    tusTerminateUpload: {
        parameters: {
            query?: never;
            header: {
                /** @description TUS protocol version; `1.0.0` is the only one supported. Absent: 404 with an empty body, because the request is not treated as TUS. Another value: 412, after the file-level checks. */
                "Tus-Resumable": components["parameters"]["TusResumable"];
            };
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["TusTerminated"];
            400: components["responses"]["TusBadRequest"];
            401: components["responses"]["TusUnauthorized"];
            403: components["responses"]["TusForbidden"];
            404: components["responses"]["TusNotFound"];
            409: components["responses"]["TusConflict"];
            412: components["responses"]["TusPreconditionFailed"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["TusServiceUnavailable"];
        };
    };
    tusGetCapabilities: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Capabilities in the `Tus-*` headers. No `Tus-Max-Size` is sent. */
            204: {
                headers: {
                    "Tus-Resumable": components["headers"]["TusResumable"];
                    "Tus-Version": components["headers"]["TusVersion"];
                    "Tus-Extension": components["headers"]["TusExtension"];
                    "Tus-Checksum-Algorithm": components["headers"]["TusChecksumAlgorithm"];
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalServerError"];
        };
    };
    tusGetUploadOffset: {
        parameters: {
            query?: never;
            header: {
                /** @description TUS protocol version; `1.0.0` is the only one supported. Absent: 404 with an empty body, because the request is not treated as TUS. Another value: 412, after the file-level checks. */
                "Tus-Resumable": components["parameters"]["TusResumable"];
            };
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["TusHeadOk"];
            400: components["responses"]["TusHeadBadRequest"];
            401: components["responses"]["TusHeadUnauthorized"];
            403: components["responses"]["TusHeadForbidden"];
            404: components["responses"]["TusHeadNotFound"];
            409: components["responses"]["TusHeadConflict"];
            412: components["responses"]["TusHeadPreconditionFailed"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["TusHeadServiceUnavailable"];
        };
    };
    tusUploadChunk: {
        parameters: {
            query?: never;
            header: {
                /** @description TUS protocol version; `1.0.0` is the only one supported. Absent: 404 with an empty body, because the request is not treated as TUS. Another value: 412, after the file-level checks. */
                "Tus-Resumable": components["parameters"]["TusResumable"];
                /** @description The byte offset this chunk starts at. Missing or invalid: 400. Different from the server's offset: 409. At or past the upload length: 204 with the final offset (recovery). */
                "Upload-Offset": components["parameters"]["UploadOffset"];
                /** @description `<algorithm> <base64 digest>`. Advertised for `md5` only, but the store's verification always reports a mismatch, so a chunk carrying it is rejected (460, unsure §13.13). Do not send it; the transfer checksum from initialize is verified instead. */
                "Upload-Checksum"?: components["parameters"]["UploadChecksum"];
            };
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["TusChunk"];
        responses: {
            204: components["responses"]["TusPatchNoContent"];
            400: components["responses"]["TusBadRequest"];
            401: components["responses"]["TusUnauthorized"];
            403: components["responses"]["TusForbidden"];
            404: components["responses"]["TusNotFound"];
            409: components["responses"]["TusOffsetConflict"];
            412: components["responses"]["TusPreconditionFailed"];
            413: components["responses"]["TusTooMuchData"];
            415: components["responses"]["TusUnsupportedMediaType"];
            460: components["responses"]["TusChecksumMismatch"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["TusServiceUnavailable"];
        };
    };
    tusTerminatePartialUpload: {
        parameters: {
            query?: never;
            header: {
                /** @description TUS protocol version; `1.0.0` is the only one supported. Absent: 404 with an empty body, because the request is not treated as TUS. Another value: 412, after the file-level checks. */
                "Tus-Resumable": components["parameters"]["TusResumable"];
            };
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
                /** @description The id of a partial upload, as returned in the `Location` of a partial create (32 hex digits). */
                partialUploadId: components["parameters"]["PartialUploadId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["TusTerminated"];
            400: components["responses"]["TusBadRequest"];
            401: components["responses"]["TusUnauthorized"];
            403: components["responses"]["TusForbidden"];
            404: components["responses"]["TusNotFound"];
            409: components["responses"]["TusConflict"];
            412: components["responses"]["TusPreconditionFailed"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["TusServiceUnavailable"];
        };
    };
    tusGetPartialUploadOffset: {
        parameters: {
            query?: never;
            header: {
                /** @description TUS protocol version; `1.0.0` is the only one supported. Absent: 404 with an empty body, because the request is not treated as TUS. Another value: 412, after the file-level checks. */
                "Tus-Resumable": components["parameters"]["TusResumable"];
            };
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
                /** @description The id of a partial upload, as returned in the `Location` of a partial create (32 hex digits). */
                partialUploadId: components["parameters"]["PartialUploadId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["TusHeadOk"];
            400: components["responses"]["TusHeadBadRequest"];
            401: components["responses"]["TusHeadUnauthorized"];
            403: components["responses"]["TusHeadForbidden"];
            404: components["responses"]["TusHeadNotFound"];
            409: components["responses"]["TusHeadConflict"];
            412: components["responses"]["TusHeadPreconditionFailed"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["TusHeadServiceUnavailable"];
        };
    };
    tusUploadPartialChunk: {
        parameters: {
            query?: never;
            header: {
                /** @description TUS protocol version; `1.0.0` is the only one supported. Absent: 404 with an empty body, because the request is not treated as TUS. Another value: 412, after the file-level checks. */
                "Tus-Resumable": components["parameters"]["TusResumable"];
                /** @description The byte offset this chunk starts at. Missing or invalid: 400. Different from the server's offset: 409. At or past the upload length: 204 with the final offset (recovery). */
                "Upload-Offset": components["parameters"]["UploadOffset"];
                /** @description `<algorithm> <base64 digest>`. Advertised for `md5` only, but the store's verification always reports a mismatch, so a chunk carrying it is rejected (460, unsure §13.13). Do not send it; the transfer checksum from initialize is verified instead. */
                "Upload-Checksum"?: components["parameters"]["UploadChecksum"];
            };
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
                /** @description The id of a partial upload, as returned in the `Location` of a partial create (32 hex digits). */
                partialUploadId: components["parameters"]["PartialUploadId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["TusChunk"];
        responses: {
            204: components["responses"]["TusPatchNoContent"];
            400: components["responses"]["TusBadRequest"];
            401: components["responses"]["TusUnauthorized"];
            403: components["responses"]["TusForbidden"];
            404: components["responses"]["TusNotFound"];
            409: components["responses"]["TusOffsetConflict"];
            412: components["responses"]["TusPreconditionFailed"];
            413: components["responses"]["TusTooMuchData"];
            415: components["responses"]["TusUnsupportedMediaType"];
            460: components["responses"]["TusChecksumMismatch"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["TusServiceUnavailable"];
        };
    };
    getFileTransferOverview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The transfer overview. */
            200: {
                headers: {
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileTransferOverviewExt"];
                };
            };
            400: components["responses"]["ValidationError"];
            401: components["responses"]["UnauthorizedOrAccessDenied"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["FileTransferNotFound"];
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getFileTransferDetails: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The transfer details with both histories. */
            200: {
                headers: {
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileTransferStatusDetailsExt"];
                };
            };
            400: components["responses"]["ValidationError"];
            401: components["responses"]["UnauthorizedOrAccessDenied"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["FileTransferNotFound"];
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalServerError"];
        };
    };
    downloadFileTransfer: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description One RFC 9110 byte range: `bytes=a-b`, `bytes=a-` or `bytes=-n` (unit case-insensitive). An end
                 *     past the end of the file is clamped; a suffix longer than the file gives the whole file as 206.
                 *     An absent or malformed value (`bytes=abc`, `bytes=9-2`), another unit, or more than one range
                 *     is ignored (full 200). A start at or past the size, `bytes=-0`, or any range on an empty file
                 *     gives 416.
                 */
                Range?: string;
            };
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole file. */
            200: {
                headers: {
                    "Content-Disposition": components["headers"]["ContentDisposition"];
                    "Accept-Ranges": components["headers"]["AcceptRanges"];
                    "Content-Length": components["headers"]["ContentLength"];
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description The requested byte range. */
            206: {
                headers: {
                    "Content-Range": components["headers"]["ContentRange"];
                    "Content-Disposition": components["headers"]["ContentDisposition"];
                    "Accept-Ranges": components["headers"]["AcceptRanges"];
                    "Content-Length": components["headers"]["ContentLength"];
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description Malformed transfer id in the route (validation, no `code`), nothing has been uploaded yet (BRO-00003), or the service owner is missing (BRO-00002). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestProblemDetails"];
                    "application/problem+json": components["schemas"]["BadRequestProblemDetails"];
                };
            };
            401: components["responses"]["UnauthorizedOrAccessDenied"];
            /** @description The token lacks `altinn:broker.read` (empty body); the transfer is not ready for download, that is neither Published nor AllConfirmedDownloaded, Purged included (BRO-00007); or the resource is not configured in Broker (BRO-00005). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerProblemDetails"];
                    "application/problem+json": components["schemas"]["BrokerProblemDetails"];
                };
            };
            404: components["responses"]["FileTransferNotFound"];
            /** @description The byte range cannot be satisfied (BRO-00029). No `Content-Range` header is sent. */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerProblemDetails"];
                    "application/problem+json": components["schemas"]["BrokerProblemDetails"];
                };
            };
            500: components["responses"]["InternalServerError"];
        };
    };
    confirmDownload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The file transfer id. A value that is not a GUID gives 400 validation on the JSON endpoints and 404 ("Missing file transfer id", text) on the TUS endpoints. */
                fileTransferId: components["parameters"]["FileTransferId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Confirmed, with an empty body. Not expected from upstream (which answers 204), accepted because the status is marked unsure. */
            200: {
                headers: {
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Confirmed (or already confirmed by this recipient). Empty body. */
            204: {
                headers: {
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed transfer id in the route (validation, no `code`); nothing has been uploaded yet (BRO-00003); the transfer is not Published, which includes AllConfirmedDownloaded, so a repeated confirm on a single-recipient transfer gives this (BRO-00010); or the caller has not started a download (BRO-00019). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestProblemDetails"];
                    "application/problem+json": components["schemas"]["BadRequestProblemDetails"];
                };
            };
            401: components["responses"]["UnauthorizedOrAccessDenied"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["FileTransferNotFound"];
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getResource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Altinn resource id, as registered in the Resource Registry. */
                resourceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The resource's Broker configuration. */
            200: {
                headers: {
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "maxFileTransferSize": 2147483648,
                     *       "fileTransferTimeToLive": "30.00:00:00",
                     *       "purgeFileTransferAfterAllRecipientsConfirmed": true,
                     *       "purgeFileTransferGracePeriod": "02:00:00",
                     *       "useManifestFileShim": false,
                     *       "externalServiceCodeLegacy": null,
                     *       "externalServiceEditionCodeLegacy": null,
                     *       "requiredParty": null
                     *     }
                     */
                    "application/json": components["schemas"]["ResourceOverviewExt"];
                };
            };
            /** @description The resource is not configured in Broker (BRO-00025). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerProblemDetails"];
                    "application/problem+json": components["schemas"]["BrokerProblemDetails"];
                };
            };
            401: components["responses"]["UnauthorizedOrAccessDenied"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    configureResource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Altinn resource id, as registered in the Resource Registry. */
                resourceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "maxFileTransferSize": 2147483648,
                 *       "fileTransferTimeToLive": "P30D",
                 *       "purgeFileTransferAfterAllRecipientsConfirmed": true,
                 *       "purgeFileTransferGracePeriod": "PT2H",
                 *       "useManifestFileShim": false,
                 *       "externalServiceCodeLegacy": null,
                 *       "externalServiceEditionCodeLegacy": null,
                 *       "requiredParty": null
                 *     }
                 */
                "application/json": components["schemas"]["ResourceExt"];
            };
        };
        responses: {
            /** @description Configured, with an empty body. Not expected from upstream (which answers 204), accepted because the status is marked unsure. */
            200: {
                headers: {
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The resource was created or updated. Empty body. */
            204: {
                headers: {
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation failed (no `code`; the manifest-shim rule included), or: service owner of the registry resource not registered (BRO-00024); `maxFileTransferSize` negative (BRO-00011), zero (BRO-00012), above 50,000,000,000 bytes in Production without approval (BRO-00013), above 1,677,721,600,000 bytes (BRO-00022); time to live unparsable (BRO-00014) or above 365 days (BRO-00015); grace period unparsable (BRO-00017) or above 24 hours (BRO-00018); manifest shim without legacy code and edition (BRO-00023). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestProblemDetails"];
                    "application/problem+json": components["schemas"]["BadRequestProblemDetails"];
                };
            };
            401: components["responses"]["UnauthorizedOrAccessDenied"];
            /** @description The token lacks `altinn:serviceowner` (empty body; sender and recipient tokens get this), or the resource is not in the Resource Registry or has no owner (BRO-00005). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerProblemDetails"];
                    "application/problem+json": components["schemas"]["BrokerProblemDetails"];
                };
            };
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getServiceOwner: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service owner. */
            200: {
                headers: {
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "Digitaliseringsdirektoratet",
                     *       "storageProviders": [
                     *         {
                     *           "type": "AltinnAzure",
                     *           "deploymentStatus": "Ready",
                     *           "deploymentEnvironment": "staging"
                     *         },
                     *         {
                     *           "type": "AltinnAzureWithoutVirusScan",
                     *           "deploymentStatus": "DeployingResources",
                     *           "deploymentEnvironment": "staging"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ServiceOwnerOverviewExt"];
                };
            };
            /** @description The caller's organisation cannot be determined from the token (BRO-07001). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerProblemDetails"];
                    "application/problem+json": components["schemas"]["BrokerProblemDetails"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description The caller's organisation is not registered as a service owner (BRO-07004). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerProblemDetails"];
                    "application/problem+json": components["schemas"]["BrokerProblemDetails"];
                };
            };
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalServerError"];
        };
    };
    registerServiceOwner: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Digitaliseringsdirektoratet"
                 *     }
                 */
                "application/json": components["schemas"]["ServiceOwnerInitializeExt"];
            };
        };
        responses: {
            /** @description Registered. Empty body. */
            200: {
                headers: {
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `name` missing or null (validation, no `code`), or the caller's organisation cannot be determined from the token (BRO-07001). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestProblemDetails"];
                    "application/problem+json": components["schemas"]["BadRequestProblemDetails"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description The caller's organisation is already registered (BRO-07002). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerProblemDetails"];
                    "application/problem+json": components["schemas"]["BrokerProblemDetails"];
                };
            };
            415: components["responses"]["UnsupportedMediaType"];
            /** @description The service owner could not be read back right after it was inserted (BRO-07003), or an unhandled error (no `code`; the body may be empty if error notification itself fails). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProblemDetails"];
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    getMonthlyStatistics: {
        parameters: {
            query: {
                /** @description The year, 1–9999 (9999-12 is rejected too). */
                year: number;
                /** @description The month, 1–12. */
                month: number;
                /** @description Restrict to one resource. Absent means all of the caller's resources. */
                resourceId?: string;
                /** @description Include the sender and recipient organisations as columns. */
                includeEndUser?: boolean;
                /** @description Include the vendors (the `consumer` of the tokens used) as columns. */
                includeVendor?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CSV report. Header row: `year,month,resourceId,senderVendor,recipientVendor,sender,recipient,totalFileTransfers,uploadCount,totalTransferDownloadAttempts,transfersWithDownloadConfirmed`. */
            200: {
                headers: {
                    "Content-Disposition": components["headers"]["ContentDisposition"];
                    "X-Content-Type-Options": components["headers"]["XContentTypeOptions"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example year,month,resourceId,senderVendor,recipientVendor,sender,recipient,totalFileTransfers,uploadCount,totalTransferDownloadAttempts,transfersWithDownloadConfirmed */
                    "text/csv": string;
                };
            };
            /** @description Year or month out of range, or 9999-12 (BRO-06003); both include flags false (BRO-06005); `resourceId` not configured in Broker (BRO-00025); or a query value that does not bind (validation, no `code`). A missing year or month gives one of these 400 shapes (unsure, §13.20). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadRequestProblemDetails"];
                    "application/problem+json": components["schemas"]["BadRequestProblemDetails"];
                };
            };
            401: components["responses"]["UnauthorizedOrAccessDenied"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalServerError"];
        };
    };
    onFileTransferInitialized: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["FileTransferInitializedEvent"];
                "application/json": components["schemas"]["FileTransferInitializedEvent"];
            };
        };
        responses: {
            200: components["responses"]["EventAccepted"];
        };
    };
    onUploadProcessing: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["UploadProcessingEvent"];
                "application/json": components["schemas"]["UploadProcessingEvent"];
            };
        };
        responses: {
            200: components["responses"]["EventAccepted"];
        };
    };
    onPublished: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["PublishedEvent"];
                "application/json": components["schemas"]["PublishedEvent"];
            };
        };
        responses: {
            200: components["responses"]["EventAccepted"];
        };
    };
    onUploadFailed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["UploadFailedEvent"];
                "application/json": components["schemas"]["UploadFailedEvent"];
            };
        };
        responses: {
            200: components["responses"]["EventAccepted"];
        };
    };
    onDownloadConfirmed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["DownloadConfirmedEvent"];
                "application/json": components["schemas"]["DownloadConfirmedEvent"];
            };
        };
        responses: {
            200: components["responses"]["EventAccepted"];
        };
    };
    onAllConfirmedDownloaded: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["AllConfirmedDownloadedEvent"];
                "application/json": components["schemas"]["AllConfirmedDownloadedEvent"];
            };
        };
        responses: {
            200: components["responses"]["EventAccepted"];
        };
    };
    onFilePurged: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["FilePurgedEvent"];
                "application/json": components["schemas"]["FilePurgedEvent"];
            };
        };
        responses: {
            200: components["responses"]["EventAccepted"];
        };
    };
    onFileNeverConfirmedDownloaded: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/cloudevents+json": components["schemas"]["FileNeverConfirmedDownloadedEvent"];
                "application/json": components["schemas"]["FileNeverConfirmedDownloadedEvent"];
            };
        };
        responses: {
            200: components["responses"]["EventAccepted"];
        };
    };
}
