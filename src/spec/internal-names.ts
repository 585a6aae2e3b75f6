/**
 * Undocumented members whose names suggest the Broker's internals. Such a member is a contract failure
 * like any other (src/spec/undocumented.ts); it is also a security observation (README "Reports"),
 * kept apart from the failures, because what it may expose is where and how files are kept, or the
 * means to reach them: upstream keeps each file as a blob in the service owner's Azure storage account
 * and its transfer row holds that blob's location (CONTRACT.md §4.8 "no stored file location", §8.1
 * storage providers), none of which any response model carries (§4.5–4.11).
 */
import { unescapeToken } from './pointer.js';
import type { Violation } from './violations.js';

/**
 * Words matched against the parts of a name (`fileLocation` is `file` + `location`, `SASToken` is
 * `sas` + `token`), so that `security` does not match `uri` nor `monkey` match `key`.
 */
// prettier-ignore
const WORDS = new Set([
  // Where bytes are kept: Azure Storage's own nouns, and the generic ones of other stores.
  'storage', 'blob', 'container', 'bucket', 'account', 'share',
  // Addresses of something behind the API: a blob URL, a file path, a host.
  'path', 'location', 'uri', 'url', 'endpoint', 'host',
  // The means to reach it: SAS tokens and their `sig`, account keys, connection strings.
  'sas', 'sig', 'token', 'key', 'secret', 'password', 'credential', 'connection',
  // Names that say so themselves.
  'internal',
]);

/** Words long enough to be recognised inside a name written all in one case (`filelocation`). */
const INSIDE = [...WORDS].filter((word) => word.length >= 7);

function parts(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((part) => part.toLowerCase());
}

export function looksInternal(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    parts(name).some((part) => WORDS.has(part) || (part.endsWith('s') && WORDS.has(part.slice(0, -1)))) ||
    INSIDE.some((word) => lower.includes(word))
  );
}

/** The undocumented members among `violations` whose own name (the pointer's last token) looks internal. */
export function internalLooking(violations: readonly Violation[]): Violation[] {
  return violations.filter(
    (v) =>
      v.kind === 'undocumented-property' && looksInternal(unescapeToken(v.pointer?.split('/').at(-1) ?? '')),
  );
}

/** A security observation before the reports know which test made it (src/report/side-channel.ts). */
export interface Observation {
  title: string;
  detail: string;
}

export type Observe = (observation: Observation) => void;

/**
 * One observation per internal-looking member. `what` names the answer (`getFileTransferOverview (GET
 * /broker/api/v1/filetransfer/{fileTransferId}) 200`); no value is quoted, since it may be a secret.
 */
export function internalsObservations(what: string, violations: readonly Violation[]): Observation[] {
  return internalLooking(violations).map((v) => ({
    title: 'an undocumented property that looks internal',
    detail:
      `${what} carries ${v.pointer ?? '(root)'}, which the spec does not define and whose name suggests ` +
      'storage, an internal address or a credential; check what its value exposes (a blob URL, a SAS ' +
      'token, a file path) and that no caller can use it to reach the file outside the API',
  }));
}
