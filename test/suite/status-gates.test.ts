/**
 * What each status lets a rightful caller do (CONTRACT.md §4.2 row 3, §4.4, §4.8 row 3, §4.9 rows 3–4,
 * §5.6, §5.7), and the judgement of a probe whose answer may have come after the transfer moved on.
 */
import { describe, expect, it } from '@jest/globals';
import {
  documentedAnswers,
  judgeGate,
  statusesBetween,
  type GateAnswer,
  type GatedCall,
} from '../../src/suite/status-gates.js';
import type { FileTransferStatus } from '../../src/lifecycle/statuses.js';

describe('the documented answers per status', () => {
  it.each([
    [
      '§4.8 row 3: no download before publication',
      'download',
      'UploadProcessing',
      [{ status: 403, code: 'BRO-00007' }],
    ],
    [
      '§4.8: download after the last confirm, until the purge',
      'download',
      'AllConfirmedDownloaded',
      [{ status: 200 }],
    ],
    ['§5.6: no download after the purge', 'download', 'Purged', [{ status: 403, code: 'BRO-00007' }]],
    [
      '§4.9 row 3: nothing stored at Initialized',
      'confirm',
      'Initialized',
      [{ status: 400, code: 'BRO-00003' }],
    ],
    [
      '§4.9 rows 3–4, §5.7: a partly sent TUS upload may or may not have a location',
      'confirm',
      'UploadStarted',
      [
        { status: 400, code: 'BRO-00003' },
        { status: 400, code: 'BRO-00010' },
      ],
    ],
    [
      '§4.2, §4.9 row 4: stored, not published',
      'confirm',
      'UploadProcessing',
      [{ status: 400, code: 'BRO-00010' }],
    ],
    [
      '§4.9 row 4 names AllConfirmedDownloaded',
      'confirm',
      'AllConfirmedDownloaded',
      [{ status: 400, code: 'BRO-00010' }],
    ],
    ['§4.2 row 3: UploadStarted may be uploaded again', 'upload', 'UploadStarted', [{ status: 200 }]],
    ['§4.2 row 3: not once processing', 'upload', 'UploadProcessing', [{ status: 409, code: 'BRO-00004' }]],
    [
      '§4.4: TUS create past UploadStarted, as text without a code',
      'tusCreate',
      'AllConfirmedDownloaded',
      [{ status: 409 }],
    ],
  ] as const)('%s', (_rule, call, status, want) => {
    expect(documentedAnswers(call, status)).toEqual(want);
  });
});

describe('the statuses between two reads (§5.3)', () => {
  it.each([
    ['the same status', 'UploadProcessing', 'UploadProcessing', ['UploadProcessing']],
    ['one step', 'UploadProcessing', 'Published', ['UploadProcessing', 'Published']],
    [
      'a step the reads missed',
      'UploadProcessing',
      'AllConfirmedDownloaded',
      ['UploadProcessing', 'Published', 'AllConfirmedDownloaded'],
    ],
    [
      'Failed, a side branch, is not on the way',
      'UploadStarted',
      'Published',
      ['UploadStarted', 'UploadProcessing', 'Published'],
    ],
  ] as const)('%s', (_rule, from, to, want) => {
    expect(statusesBetween(from, to).sort()).toEqual([...want].sort());
  });
});

const FORBIDDEN_DOWNLOAD: GateAnswer = { status: 403, code: 'BRO-00007' };

describe('a probe judged against the status at the time', () => {
  it.each<[string, GatedCall, GateAnswer, FileTransferStatus, FileTransferStatus | undefined, unknown]>([
    [
      'the refusal, with no re-read',
      'download',
      FORBIDDEN_DOWNLOAD,
      'UploadProcessing',
      undefined,
      { kind: 'held' },
    ],
    // The answer proves the Broker handled the call before publication, wherever the transfer is now.
    [
      'the refusal, though Published since',
      'download',
      FORBIDDEN_DOWNLOAD,
      'UploadProcessing',
      'Published',
      { kind: 'held' },
    ],
    [
      'the bytes, and still UploadProcessing afterwards: broken',
      'download',
      { status: 200 },
      'UploadProcessing',
      'UploadProcessing',
      { kind: 'broken', during: ['UploadProcessing'], expected: [FORBIDDEN_DOWNLOAD] },
    ],
    [
      'the bytes, and Published by the re-read: it may have been handled there',
      'download',
      { status: 200 },
      'UploadProcessing',
      'Published',
      { kind: 'moved-on', status: 'Published' },
    ],
    [
      'the bytes, and Failed by the re-read: no status on the way gives them',
      'download',
      { status: 200 },
      'UploadProcessing',
      'Failed',
      { kind: 'broken', during: ['UploadProcessing', 'Failed'], expected: [FORBIDDEN_DOWNLOAD] },
    ],
    [
      'a confirm of UploadStarted answered 204, still UploadStarted: broken',
      'confirm',
      { status: 204 },
      'UploadStarted',
      'UploadStarted',
      { kind: 'broken', during: ['UploadStarted'], expected: documentedAnswers('confirm', 'UploadStarted') },
    ],
    [
      'BRO-00003 in UploadProcessing, still there: the stored bytes were not seen',
      'confirm',
      { status: 400, code: 'BRO-00003' },
      'UploadProcessing',
      'UploadProcessing',
      {
        kind: 'broken',
        during: ['UploadProcessing'],
        expected: [{ status: 400, code: 'BRO-00010' }],
      },
    ],
    [
      'BRO-00019 after UploadProcessing: Published by then',
      'confirm',
      { status: 400, code: 'BRO-00019' },
      'UploadProcessing',
      'Published',
      { kind: 'moved-on', status: 'Published' },
    ],
    [
      'a second upload after the last confirm, purged meanwhile, still 409',
      'upload',
      { status: 409, code: 'BRO-00004' },
      'AllConfirmedDownloaded',
      'Purged',
      { kind: 'held' },
    ],
  ])('%s', (_rule, call, answer, at, after, want) => {
    expect(judgeGate(call, answer, at, after)).toEqual(want);
  });
});
