/**
 * Which undocumented members also make a security observation (src/spec/internal-names.ts): names
 * whose parts say storage, an internal address or a credential, and not names that merely contain
 * those letters.
 */
import { describe, expect, it } from '@jest/globals';
import { internalLooking, internalsObservations, looksInternal } from '../../src/spec/internal-names.js';
import type { Violation } from '../../src/spec/violations.js';

describe('an internal-looking name', () => {
  it.each<[string, boolean]>([
    ['fileLocation', true],
    ['blobUrl', true],
    ['blobURL', true],
    ['SASToken', true],
    ['sas_token', true],
    ['storageAccountKey', true],
    ['connectionString', true],
    ['filePath', true],
    ['containerName', true],
    ['internalId', true],
    ['keys', true],
    ['filelocation', true],
    ['published', false],
    ['priority', false],
    ['securityLevel', false],
    ['monkey', false],
    ['during', false],
    ['Role', false],
    ['fileTransferSize', false],
  ])('%s: %s', (name, want) => {
    expect(looksInternal(name)).toBe(want);
  });
});

describe('the observations an answer gives', () => {
  const undocumented = (pointer: string): Violation => ({
    kind: 'undocumented-property',
    pointer,
    message: `getFileTransferOverview 200 ${pointer}: the spec does not define this property`,
  });

  it.each<[string, Violation[], string[]]>([
    ['an internal-looking undocumented member', [undocumented('/fileLocation')], ['/fileLocation']],
    ['judged by its own name, not its parents', [undocumented('/storage/priority')], []],
    ['deep inside an array', [undocumented('/recipients/0/sasToken')], ['/recipients/0/sasToken']],
    ['an undocumented member with a plain name', [undocumented('/priority')], []],
    [
      'a schema violation at an internal-looking pointer (a documented member)',
      [{ kind: 'schema', pointer: '/fileLocation', message: 'x' }],
      [],
    ],
    ['a name with an escaped slash', [undocumented('/blob~1url')], ['/blob~1url']],
  ])('%s', (_name, violations, pointers) => {
    expect(internalLooking(violations).map((v) => v.pointer)).toEqual(pointers);
    const observations = internalsObservations('getFileTransferOverview (GET /x) 200', violations);
    expect(observations).toHaveLength(pointers.length);
    for (const [i, pointer] of pointers.entries()) {
      expect(observations[i]?.detail).toContain(`getFileTransferOverview (GET /x) 200 carries ${pointer}`);
    }
  });
});
