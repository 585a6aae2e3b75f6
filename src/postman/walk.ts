/**
 * The getting-started walk as data, for the Postman export: the service owner registered and its
 * storage waited for, the resource configured when it never was, then the happy path of suites/05a
 * (one transfer, one recipient, initialize to AllConfirmedDownloaded), so that it runs on a fresh
 * environment as well as on a provisioned one. Each request names its spec/ operation, its persona,
 * the answers that pass (CONTRACT.md §4) and what it checks; export.ts turns this into a collection.
 * Issue 6.
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

/**
 * A wait: re-send the request while what it reads is in `while`, stop at `until`, fail on anything
 * else or when the attempts run out.
 */
export interface WalkPoll {
  /**
   * What is read: the transfer's `fileTransferStatus` (§5.3); the service owner's storage (§8.1),
   * `none` while the list is empty, `Ready` once every provider is, else the first other status; or
   * the answer itself (`200`, `503 BRO-00021`), which is read whatever its status.
   */
  on: 'fileTransferStatus' | 'storage' | 'answer';
  until: string[];
  while: string[];
  clause: string;
}

/** An answer that passes: a status, or an error status with its Broker error code (§2.1 `code`). */
export type WalkAnswer = number | { status: number; code: string };

export const answerStatus = (answer: WalkAnswer): number =>
  typeof answer === 'number' ? answer : answer.status;
/** As the scripts spell an answer: `200`, `409 BRO-07002`. */
export const answerText = (answer: WalkAnswer): string =>
  typeof answer === 'number' ? String(answer) : `${answer.status} ${answer.code}`;

export interface WalkRequest {
  /** Unique in the collection: a poll re-runs its request by name. */
  name: string;
  operationId: string;
  persona: WalkPersona;
  /** Path parameters are filled from the variable of the same name (`{fileTransferId}`). */
  query?: Record<string, string>;
  body?: { json: Record<string, unknown> } | { octets: string };
  /** The answers that pass; the first is the one a provisioned environment gives. */
  expect: WalkAnswer[];
  /** CONTRACT.md clause of the status check. */
  clause: string;
  checks?: WalkCheck[];
  poll?: WalkPoll;
  /** Stores the answer (`200`, `400 BRO-00025`) in this collection variable, for a later `onlyIf`. */
  remember?: string;
  /**
   * Sent only when the variable holds one of `answers`; otherwise skipped, and the walk goes on. A
   * Postman that cannot skip a request (no `pm.execution.skipRequest`) sends it: it must do no harm.
   */
  onlyIf?: { variable: string; answers: string[]; otherwise: string };
}

export interface WalkStep {
  folder: string;
  description: string;
  requests: WalkRequest[];
}

/**
 * The personas of the walk; OUTSIDER has no part in a happy path, and a second recipient (the optional
 * RECIPIENT2, where the profile has one) none in a walk with one recipient.
 */
export type WalkPersona = Exclude<PersonaName, 'OUTSIDER' | 'RECIPIENT2'>;

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

/** Collection variables of the walk beside the captured id: the name a first registration gives, and what GET resource said. */
export const WALK_VARIABLES = {
  serviceOwnerName: {
    key: 'serviceOwnerName',
    value: 'broker-contract',
    description:
      'The name a first registration gives the service owner (§4.11); an environment that has one keeps it.',
  },
  resourceAnswer: {
    key: '_resourceAnswer',
    value: '',
    description:
      'What reading the resource answered: 200, or 400 BRO-00025 when it was never configured (§8.3).',
  },
} as const;

const PROVISIONING = ['none', 'NotStarted', 'DeployingResources'];

export const WALK: WalkStep[] = [
  {
    folder: '01 Access',
    description:
      'Tokens are obtained outside the collection (Maskinporten needs a signed assertion, §3.1): paste ' +
      'one per persona into the environment. The service owner token is proven here (§3.2); the sender ' +
      'and recipient tokens at the start of 05, once the resource exists (before, the Broker answers ' +
      'their calls 401 BRO-00006 whatever the token, §8.3).',
    requests: [
      {
        name: 'Service owner token is accepted',
        operationId: 'getServiceOwner',
        persona: 'SERVICEOWNER',
        // §4.11: 404 BRO-07004 on a fresh environment still means the token passed the policy.
        expect: [200, { status: 404, code: 'BRO-07004' }],
        clause: '§3.2 ServiceOwner policy, §4.11',
      },
    ],
  },
  {
    folder: '02 Service owner',
    description:
      'The service owner registers its organisation, or finds it registered, and waits until its ' +
      'storage is provisioned: provisioning starts with the registration and runs on its own (§4.11, §8.1).',
    requests: [
      {
        name: 'Register the service owner',
        operationId: 'registerServiceOwner',
        persona: 'SERVICEOWNER',
        body: { json: { name: `{{${WALK_VARIABLES.serviceOwnerName.key}}}` } },
        // §8.1: 409 BRO-07002 is an environment where it is registered already, as most are.
        expect: [200, { status: 409, code: 'BRO-07002' }],
        clause: '§4.11, §8.1',
      },
      {
        name: 'Wait for the storage providers',
        operationId: 'getServiceOwner',
        persona: 'SERVICEOWNER',
        expect: [200],
        clause: '§4.11',
        poll: {
          on: 'storage',
          until: ['Ready'],
          while: PROVISIONING,
          clause: '§8.1 every storage provider becomes Ready',
        },
      },
    ],
  },
  {
    folder: '03 Resource',
    description:
      'The resource is configured in Broker: a resource never configured is created by a PUT of an ' +
      'empty body, which sets nothing else (§8.2); one already configured is left as it is. Its ' +
      'settings then read back (§4.10, §8.3).',
    requests: [
      {
        name: 'Read the resource configuration',
        operationId: 'getResource',
        persona: 'SERVICEOWNER',
        expect: [200, { status: 400, code: 'BRO-00025' }],
        clause: '§4.10, §8.3 (400 BRO-00025: never configured)',
        remember: WALK_VARIABLES.resourceAnswer.key,
      },
      {
        name: 'Configure the resource',
        operationId: 'configureResource',
        persona: 'SERVICEOWNER',
        body: { json: {} },
        // §4.10, §13.3: upstream answers 204; its Bruno collection expects 200.
        expect: [204, 200],
        clause: '§4.10, §8.2',
        onlyIf: {
          variable: WALK_VARIABLES.resourceAnswer.key,
          answers: ['400 BRO-00025'],
          otherwise: 'the resource is configured already, and the walk does not change it',
        },
      },
      {
        name: 'Read the resource configuration back',
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
      'The waits re-run their request with a short backoff until the status is reached (§11). A failed ' +
      'step ends the run: the requests after it would only carry its failure on.',
    requests: [
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
        // §4.1 row 5: 503 BRO-00021 comes before anything is created, so sending again is safe.
        poll: {
          on: 'answer',
          until: ['200'],
          while: ['503 BRO-00021'],
          clause: '§8.1 initialize is accepted once the storage is provisioned',
        },
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
          on: 'fileTransferStatus',
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
          on: 'fileTransferStatus',
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
