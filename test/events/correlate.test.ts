/**
 * An event must not arrive before the transition it reports (CONTRACT.md §6.1, §5.3): the default
 * status graph, and `correlate` over the polls of one transfer.
 */
import { describe, expect, it } from '@jest/globals';
import { correlate, defaultIsAtOrPast, defaultStatusOf } from '../../src/events/correlate.js';
import type { ReceivedEvent } from '../../src/events/types.js';

const RECEIVED_AT = 1_000_000;

function received(type: string): ReceivedEvent {
  return {
    seq: 1,
    receivedAt: RECEIVED_AT,
    contentType: 'application/json',
    raw: '{}',
    event: { type },
    id: 'e1',
    type,
    resourceinstance: 't1',
    envelope: [],
    schema: [],
    redeliveries: [],
    subscribers: [],
  };
}

describe('defaultIsAtOrPast (§5.3)', () => {
  it.each([
    ['Published', 'Published', true],
    ['AllConfirmedDownloaded', 'Published', true],
    ['Purged', 'Published', true],
    ['Published', 'UploadProcessing', true],
    ['Purged', 'Initialized', true],
    ['Failed', 'UploadProcessing', true],
    ['UploadStarted', 'Published', false],
    ['UploadProcessing', 'Published', false],
    ['Initialized', 'Initialized', true],
    ['Failed', 'Published', false],
    ['Published', 'Failed', false],
    ['Published', 'Purged', false],
  ])('%s is at or past %s: %s', (current, reported, expected) => {
    expect(defaultIsAtOrPast(current, reported)).toBe(expected);
  });
});

describe('defaultStatusOf (§6.1)', () => {
  it.each([
    ['no.altinn.broker.filetransferinitialized', 'Initialized'],
    ['no.altinn.broker.uploadprocessing', 'UploadProcessing'],
    ['no.altinn.broker.published', 'Published'],
    ['no.altinn.broker.uploadfailed', 'Failed'],
    ['no.altinn.broker.allconfirmeddownloaded', 'AllConfirmedDownloaded'],
    ['no.altinn.broker.filepurged', 'Purged'],
    ['no.altinn.broker.downloadconfirmed', undefined],
    ['no.altinn.broker.fileneverconfirmeddownloaded', undefined],
    ['no.altinn.broker.unknown', undefined],
  ])('%s reports %s', (type, status) => {
    expect(defaultStatusOf(type)).toBe(status);
  });
});

describe('correlate', () => {
  const poll = (status: string, afterMs: number) => ({ status, requestSentAt: RECEIVED_AT + afterMs });

  it.each([
    [
      'published, a later poll still UploadStarted',
      'no.altinn.broker.published',
      [poll('UploadStarted', 5)],
      true,
    ],
    [
      'published, a later poll UploadProcessing',
      'no.altinn.broker.published',
      [poll('UploadProcessing', 1)],
      true,
    ],
    [
      'published, an earlier poll UploadStarted',
      'no.altinn.broker.published',
      [poll('UploadStarted', -5)],
      false,
    ],
    [
      'published, a poll sent at the same ms',
      'no.altinn.broker.published',
      [poll('UploadStarted', 0)],
      false,
    ],
    ['published, a later poll Published', 'no.altinn.broker.published', [poll('Published', 5)], false],
    ['published, a later poll already Purged', 'no.altinn.broker.published', [poll('Purged', 5)], false],
    ['filepurged, a later poll Published', 'no.altinn.broker.filepurged', [poll('Published', 5)], true],
    [
      'downloadconfirmed is a recipient status',
      'no.altinn.broker.downloadconfirmed',
      [poll('Initialized', 5)],
      false,
    ],
  ])('%s: fails %s', (_name, type, polls, fails) => {
    const check = () => correlate(received(type), polls);
    if (fails) expect(check).toThrow(expect.objectContaining({ code: 'EVENT_BEFORE_TRANSITION' }));
    else expect(check).not.toThrow();
  });

  it('names the latest offending poll and how long after the event it was sent', () => {
    expect(() =>
      correlate(received('no.altinn.broker.published'), [
        poll('UploadStarted', 3),
        poll('UploadProcessing', 40),
      ]),
    ).toThrow('a status poll sent 40 ms later still showed UploadProcessing, not yet Published');
  });

  it('uses the status graph and the event table it is given', () => {
    const polls = [poll('B', 5)];
    const options = {
      statusOf: (type: string) => (type === 'x' ? 'C' : undefined),
      isAtOrPast: (current: string, reported: string) => current >= reported,
    };
    expect(() => correlate(received('x'), polls, options)).toThrow(
      expect.objectContaining({ code: 'EVENT_BEFORE_TRANSITION' }),
    );
    expect(() => correlate(received('y'), polls, options)).not.toThrow();
  });
});
