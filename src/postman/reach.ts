/**
 * Which sandbox faults a Postman-style walk can catch. The exported collection
 * is the happy path a person runs step by step: each call made as the right party, with valid input,
 * once; the only refusals it meets are those that say a getting-started step is done already (a
 * repeat registration, §8.1). A fault is within its reach when it changes what that path sees on a
 * provisioned environment (the sandbox's default, and what test/postman/agreement.test.ts runs); every
 * other fault needs the Jest suites, for the reason given. That test runs the collection against every
 * fault and holds this table to what newman actually reports.
 */
export type Reach = { walk: true; by: string } | { walk: false; why: string };

const HAPPY = (by: string): Reach => ({ walk: true, by });
const SUITES = (why: string): Reach => ({ walk: false, why });

const NEGATIVE = 'only a refused request shows it, and the walk makes none on purpose: it is the happy path';
const EVENTS = 'events reach a webhook receiver; a Postman run cannot receive HTTP callbacks';
const PARTIES =
  'it needs another party or a hostile token, and the walk calls each operation as its rightful persona';

export const POSTMAN_REACH: Record<string, Reach> = {
  'overview-missing-published': HAPPY('the embedded overview schema (Wait for Published)'),
  'status-as-number': HAPPY('the embedded overview schema and the poll on the status name'),
  'pascal-case-details': HAPPY('the embedded details schema (Read the details)'),
  'initialize-bare-id': HAPPY('the embedded initialize schema and the capture of fileTransferId'),
  // The embedded draft-07 schemas stay open (JSON Schema's default); `npm run newman` validates every
  // response with the suite's validator too, which holds the overview to its members (x-closed-models).
  'overview-leaks-storage-location': HAPPY(
    'the validator beside newman, on the overview of Wait for Published',
  ),
  'initialize-201': HAPPY('the status check of Initialize'),
  'never-published': HAPPY('the wait for Published, which gives up after its attempts'),
  'download-corrupt': HAPPY('the byte and MD5 check of Download'),
  'wrong-size': HAPPY('the size check after publication'),
  // The walk registers the service owner, and a provisioned environment answers 409 with its code.
  'error-code-renamed': HAPPY('the code of the 409 BRO-07002 that Register the service owner accepts'),
  'resource-iso-durations': SUITES(
    'a fresh resource reads its durations as null; only a PUT of a duration shows their form, and the walk must not change a shared resource',
  ),
  'outsider-gets-403': SUITES(PARTIES),
  'unknown-id-401': SUITES(NEGATIVE),
  'second-upload-accepted': SUITES(NEGATIVE),
  'download-while-processing': SUITES(
    'the walk downloads only once its wait has seen Published; a download while the scan runs is a refused request made on purpose, timed into that window',
  ),
  'confirm-while-uploading': SUITES(`a confirm before publication: ${NEGATIVE}`),
  'serviceowner-repeat-ok': SUITES(
    'the walk registers without knowing whether the environment is fresh, so it accepts a 200 as well as 409 BRO-07002; only a repeat made on purpose (suite 02) shows it',
  ),
  'no-upload-processing': SUITES(
    'it shows only in the details history read against the virus-scan rule of §5.3, a lifecycle model the collection does not carry',
  ),
  'all-confirmed-early': SUITES('it needs several recipients; the walk has one'),
  'confirm-without-download': SUITES(`a confirm before a download: ${NEGATIVE}`),
  'no-purge-after-confirm': SUITES(
    'the purge follows a grace period (PT2H by default) that a step-by-step walk does not wait for',
  ),
  'history-unordered': SUITES(
    'it needs the legal paths of §5.3 applied to the history (src/lifecycle), which no script embeds',
  ),
  'no-published-event': SUITES(EVENTS),
  'duplicate-event-new-id': SUITES(EVENTS),
  'event-before-transition': SUITES(EVENTS),
  'event-to-every-subscriber': SUITES(EVENTS),
  'events-to-outsider': SUITES(EVENTS),
  'event-bad-subject': SUITES(EVENTS),
  'uploadfailed-on-checksum': SUITES(EVENTS),
  'no-validation-handshake': SUITES(EVENTS),
  'no-scope-check': SUITES(PARTIES),
  'expired-token-accepted': SUITES(PARTIES),
  'alg-none-accepted': SUITES(PARTIES),
  'signature-unchecked': SUITES(PARTIES),
  'outsider-can-read': SUITES(PARTIES),
  'sender-can-download': SUITES(PARTIES),
  'access-list-ignored': SUITES(`a recipient outside the access list: ${NEGATIVE}`),
  'range-off-by-one': SUITES('it needs ranged downloads; the walk downloads the whole file'),
  'checksum-mismatch-publishes': SUITES(`a wrong checksum: ${NEGATIVE}`),
  'search-ignores-status': SUITES(
    'the walk searches for a Published transfer and finds it either way; only a transfer in another status shows the filter ignored',
  ),
  'search-leaks-other-orgs': SUITES(PARTIES),
  'search-ascending-default': SUITES('it needs several transfers to compare their order; the walk makes one'),
  'plain-sender-accepted': SUITES(`invalid input: ${NEGATIVE}`),
  'ttl-limit-unchecked': SUITES(`invalid input: ${NEGATIVE}`),
  'property-limit-unchecked': SUITES(`invalid input: ${NEGATIVE}`),
  'resource-put-ignored': SUITES(
    'the walk PUTs only a resource never configured, with an empty body that sets nothing (§8.2), so it never reads back a setting it wrote',
  ),
  'max-size-unenforced': SUITES(`an upload over the limit: ${NEGATIVE}`),
  'max-size-multipart-unenforced': SUITES(`a multipart upload over the limit: ${NEGATIVE}`),
  'max-size-tus-unenforced': SUITES(`a TUS upload over the limit: ${NEGATIVE}`),
};
