/**
 * The getting-started walk as data, for the Postman export: the happy path of suites/05a (one transfer,
 * one recipient, initialize to AllConfirmedDownloaded) preceded by the access, service owner and
 * resource steps. Each request names its spec/ operation, its persona, what it expects (CONTRACT.md §4)
 * and what it checks; export.ts turns this into a collection. Issue 6.
 */
import type { PersonaName } from '../profile/types.js';

/** What a test script asserts on an answer, beside its status and its spec/ schema. */
export type WalkCheck =
  /** Stores `property` of the JSON body in the collection variable `variable`. */
  | { kind: 'capture'; property: string; variable: string }
  /** `property` equals the variable's value, GUIDs compared case-insensitively (§11). */
  | { kind: 'sameAsVariable'; property: string; variable: string; clause: string }
  /** The JSON body is an array holding the variable's value (case-insensitively). */
  | { kind: 'listsVariable'; variable: string; clause: string }
  | { kind: 'equals'; property: string; value: string | number | boolean; clause: string }
  /** The recipient entry whose party (after its last `:`, §11) is the variable's has this status. */
  | { kind: 'recipientStatus'; partyVariable: string; status: string; clause: string }
  /** The body is `text`, byte for byte, and its MD5 is that of `text` (§4.8, §5.4). */
  | { kind: 'bodyIs'; text: string; clause: string };

/** Re-run the request until `fileTransferStatus` is in `until`; fail at once if it leaves `while`. */
export interface WalkPoll {
  until: string[];
  while: string[];
  clause: string;
}

export interface WalkRequest {
  /** Unique in the collection: a poll re-runs its request by name. */
  name: string;
  operationId: string;
  persona: WalkPersona;
  /** Path parameters are filled from the variable of the same name (`{fileTransferId}`). */
  query?: Record<string, string>;
  body?: { json: Record<string, unknown> } | { octets: string };
  /** The statuses that pass; the first is the one the walk expects. */
  expect: number[];
  /** CONTRACT.md clause of the status check. */
  clause: string;
  checks?: WalkCheck[];
  poll?: WalkPoll;
}

export interface WalkStep {
  folder: string;
  description: string;
  requests: WalkRequest[];
}

/** The personas of the walk; OUTSIDER has no part in a happy path. */
export type WalkPersona = Exclude<PersonaName, 'OUTSIDER'>;

/** Variables a person fills in (the environment file), and the persona each token belongs to. */
export const TOKEN_VARIABLES: Record<WalkPersona, string> = {
  SERVICEOWNER: 'serviceownerToken',
  SENDER: 'senderToken',
  RECIPIENT: 'recipientToken',
};
export const PARTY_VARIABLES = { SENDER: 'senderParty', RECIPIENT: 'recipientParty' } as const;

/** ASCII, so Postman's `pm.response.text()` is the bytes sent and CryptoJS hashes the same bytes. */
export const PAYLOAD_TEXT = 'broker-contract: the getting-started walk, sent from Postman.\n';

const FIXED_TEXT_PUBLISHED = 'Ready for download';

export const WALK: WalkStep[] = [
  {
    folder: '01 Access',
    description:
      'Tokens are obtained outside the collection (Maskinporten needs a signed assertion, §3.1): paste ' +
      'one per persona into the environment. Each request here proves that token is accepted (§3.2).',
    requests: [
      {
        name: 'Service owner token is accepted',
        operationId: 'getServiceOwner',
        persona: 'SERVICEOWNER',
        expect: [200],
        clause: '§3.2 ServiceOwner policy, §4.11',
      },
      {
        name: 'Sender token is accepted',
        operationId: 'searchFileTransfers',
        persona: 'SENDER',
        query: { resourceId: '{{resourceId}}', role: 'Sender' },
        expect: [200],
        clause: '§3.2 SenderOrRecipient policy, §4.7',
      },
      {
        name: 'Recipient token is accepted',
        operationId: 'searchFileTransfers',
        persona: 'RECIPIENT',
        query: { resourceId: '{{resourceId}}', role: 'Recipient' },
        expect: [200],
        clause: '§3.2 SenderOrRecipient policy, §4.7',
      },
    ],
  },
  {
    folder: '02 Service owner',
    description: 'The service owner is registered, with its storage providers (§4.11, §8.1).',
    requests: [
      {
        name: 'Read the service owner',
        operationId: 'getServiceOwner',
        persona: 'SERVICEOWNER',
        expect: [200],
        clause: '§4.11',
      },
    ],
  },
  {
    folder: '03 Resource',
    description: 'The resource is configured in Broker; its settings read back (§4.10, §8.3).',
    requests: [
      {
        name: 'Read the resource configuration',
        operationId: 'getResource',
        persona: 'SERVICEOWNER',
        expect: [200],
        clause: '§4.10, §8.3',
      },
    ],
  },
  {
    folder: '05 File transfer',
    description:
      'One transfer from SENDER to RECIPIENT, initialize to AllConfirmedDownloaded (§4.1–§4.9, §5.3). ' +
      'The waits re-run their request with a short backoff until the status is reached (§11).',
    requests: [
      {
        name: 'Initialize',
        operationId: 'initializeFileTransfer',
        persona: 'SENDER',
        body: {
          json: {
            resourceId: '{{resourceId}}',
            fileName: 'getting-started.txt',
            sendersFileTransferReference: 'broker-contract-postman-{{$guid}}',
            sender: '{{senderParty}}',
            recipients: ['{{recipientParty}}'],
          },
        },
        expect: [200],
        clause: '§4.1',
        checks: [{ kind: 'capture', property: 'fileTransferId', variable: 'fileTransferId' }],
      },
      {
        name: 'Upload',
        operationId: 'uploadFileTransfer',
        persona: 'SENDER',
        body: { octets: PAYLOAD_TEXT },
        expect: [200],
        clause: '§4.2',
        checks: [
          {
            kind: 'sameAsVariable',
            property: 'fileTransferId',
            variable: 'fileTransferId',
            clause: '§4.2 the answer repeats the transfer id',
          },
        ],
      },
      {
        name: 'Wait for Published',
        operationId: 'getFileTransferOverview',
        persona: 'SENDER',
        expect: [200],
        clause: '§4.5',
        poll: {
          until: ['Published'],
          while: ['Initialized', 'UploadStarted', 'UploadProcessing'],
          clause: '§5.3 the transfer becomes Published',
        },
        checks: [
          {
            kind: 'equals',
            property: 'fileTransferSize',
            value: PAYLOAD_TEXT.length,
            clause: '§4.5 fileTransferSize is the size sent',
          },
          {
            kind: 'equals',
            property: 'fileTransferStatusText',
            value: FIXED_TEXT_PUBLISHED,
            clause: '§5.2 the status text of Published',
          },
          {
            kind: 'recipientStatus',
            partyVariable: PARTY_VARIABLES.RECIPIENT,
            status: 'Initialized',
            clause: '§5.5 the recipient has not downloaded yet',
          },
        ],
      },
      {
        name: 'Search as recipient',
        operationId: 'searchFileTransfers',
        persona: 'RECIPIENT',
        query: { resourceId: '{{resourceId}}', status: 'Published', role: 'Recipient' },
        expect: [200],
        clause: '§4.7',
        checks: [
          {
            kind: 'listsVariable',
            variable: 'fileTransferId',
            clause: '§7 the recipient finds the transfer',
          },
        ],
      },
      {
        name: 'Download',
        operationId: 'downloadFileTransfer',
        persona: 'RECIPIENT',
        expect: [200],
        clause: '§4.8',
        checks: [{ kind: 'bodyIs', text: PAYLOAD_TEXT, clause: '§4.8 the bytes sent come back' }],
      },
      {
        name: 'Confirm the download',
        operationId: 'confirmDownload',
        persona: 'RECIPIENT',
        // §4.9, §13.3: upstream answers 204; its Bruno collection expects 200.
        expect: [204, 200],
        clause: '§4.9',
      },
      {
        name: 'Wait for AllConfirmedDownloaded',
        operationId: 'getFileTransferOverview',
        persona: 'SENDER',
        expect: [200],
        clause: '§4.5',
        poll: {
          // §4.9: a short purge grace may have purged it already.
          until: ['AllConfirmedDownloaded', 'Purged'],
          while: ['Published'],
          clause: '§4.9 the transfer becomes AllConfirmedDownloaded',
        },
        checks: [
          {
            kind: 'recipientStatus',
            partyVariable: PARTY_VARIABLES.RECIPIENT,
            status: 'DownloadConfirmed',
            clause: '§5.5 the recipient has confirmed',
          },
        ],
      },
      {
        name: 'Read the details',
        operationId: 'getFileTransferDetails',
        persona: 'SENDER',
        expect: [200],
        clause: '§4.6',
        checks: [
          {
            kind: 'sameAsVariable',
            property: 'fileTransferId',
            variable: 'fileTransferId',
            clause: '§4.6 the details are those of this transfer, with its status histories',
          },
        ],
      },
    ],
  },
];
