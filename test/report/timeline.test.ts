/** Transfer timelines: polls, events and calls of one transfer on one time axis. */
import { describe, expect, it } from '@jest/globals';
import {
  collapsePolls,
  transferTimelines,
  transferIdOf,
  type TimelineEntry,
  type TimelineEvent,
} from '../../src/report/timeline.js';
import { loggedCall } from './calls.js';

const ID = '0f6b3bd4-1b2a-4c36-9a61-0a1e5c6f3e01';
const OTHER = '7d1c2a9e-5b4f-4e3a-8c2d-9f0e1a2b3c4d';
const OVERVIEW = '/broker/api/v1/filetransfer/{fileTransferId}';
const T = 'happy path › the recipient sees it published';

function poll(id: string, at: number, status: string, path = OVERVIEW) {
  return loggedCall({
    test: T,
    method: 'GET',
    pathTemplate: path,
    operation: 'getFileTransferOverview',
    url: `https://broker.invalid${path.replace('{fileTransferId}', id)}`,
    status: 200,
    startedAt: at,
    responseBody: JSON.stringify({ fileTransferId: id, fileTransferStatus: status }),
  });
}

function event(at: number, type: string, id = ID): TimelineEvent {
  return { receivedAt: at, type, resourceinstance: id, subscribers: ['RECIPIENT'] };
}

const initialize = loggedCall({
  test: T,
  method: 'POST',
  pathTemplate: '/broker/api/v1/filetransfer',
  operation: 'initializeFileTransfer',
  status: 200,
  startedAt: 1000,
  responseBody: JSON.stringify({ fileTransferId: ID }),
});
const upload = loggedCall({
  test: T,
  method: 'POST',
  pathTemplate: '/broker/api/v1/filetransfer/{fileTransferId}/upload',
  operation: 'uploadFileTransfer',
  url: `https://broker.invalid/broker/api/v1/filetransfer/${ID}/upload`,
  status: 200,
  startedAt: 2000,
});

describe('the transfer a call is about', () => {
  it.each([
    ['the id in the path', upload, ID],
    ['the id initialize answered', initialize, ID],
    [
      'the id in a TUS path',
      loggedCall({
        method: 'PATCH',
        pathTemplate: '/broker/api/v1/filetransfer/upload/tus/{fileTransferId}',
        url: `https://broker.invalid/broker/api/v1/filetransfer/upload/tus/${ID}`,
      }),
      ID,
    ],
    [
      'none for a search',
      loggedCall({ method: 'GET', pathTemplate: '/broker/api/v1/filetransfer' }),
      undefined,
    ],
  ])('%s', (_name, call, want) => {
    expect(transferIdOf(call)).toBe(want);
  });
});

describe('consecutive polls of one status', () => {
  const entry = (at: number, source: TimelineEntry['source'], label: string): TimelineEntry => ({
    at,
    source,
    label,
  });
  it.each([
    [
      'collapse into one entry with a count and the last time',
      [entry(1, 'poll', 'Published'), entry(2, 'poll', 'Published'), entry(3, 'poll', 'Published')],
      [{ at: 1, source: 'poll', label: 'Published', count: 3, until: 3 }],
    ],
    [
      'stay apart when the status changes',
      [entry(1, 'poll', 'UploadProcessing'), entry(2, 'poll', 'Published')],
      [entry(1, 'poll', 'UploadProcessing'), entry(2, 'poll', 'Published')],
    ],
    [
      'stay apart across an event between them',
      [entry(1, 'poll', 'Published'), entry(2, 'event', 'published'), entry(3, 'poll', 'Published')],
      [entry(1, 'poll', 'Published'), entry(2, 'event', 'published'), entry(3, 'poll', 'Published')],
    ],
  ])('%s', (_name, given, want) => {
    expect(collapsePolls(given)).toEqual(want);
  });
});

describe("a transfer's timeline", () => {
  it('puts calls, polls and events on one axis, in time order', () => {
    const calls = [
      poll(ID, 5000, 'Published'),
      poll(ID, 3000, 'UploadProcessing', `${OVERVIEW}/details`),
      upload,
      poll(ID, 4000, 'Published'),
      initialize,
      poll(ID, 6000, 'Published'),
    ];
    const { transfers, omitted } = transferTimelines(calls, [event(5500, 'no.altinn.broker.published')]);
    expect(omitted).toBe(0);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ fileTransferId: ID, start: 1000, end: 6000 });
    expect(transfers[0]?.entries.map((e) => [e.at, e.source, e.label, e.count])).toEqual([
      [1000, 'call', 'POST initializeFileTransfer → 200', undefined],
      [2000, 'call', 'POST uploadFileTransfer → 200', undefined],
      [3000, 'poll', 'UploadProcessing', undefined],
      [4000, 'poll', 'Published', 2],
      [5500, 'event', 'published', undefined],
      [6000, 'poll', 'Published', undefined],
    ]);
    expect(transfers[0]?.entries[4]).toMatchObject({ detail: 'to RECIPIENT' });
    expect(transfers[0]?.entries[0]?.test).toBe(T);
  });

  it('shows a poll that got no status as a call', () => {
    const missing = { ...poll(ID, 1000, 'x'), status: 404, responseBody: '{"title":"Not Found"}' };
    const { transfers } = transferTimelines([missing], []);
    expect(transfers[0]?.entries).toEqual([
      { at: 1000, source: 'call', label: 'GET getFileTransferOverview → 404', test: T },
    ]);
  });

  it('keeps the transfers of a preferred test first, past the limit', () => {
    const calls = [
      poll(ID, 1, 'Published'),
      poll(ID, 2, 'Initialized'),
      { ...poll(OTHER, 3, 'Published'), test: 'failed' },
    ];
    const kept = transferTimelines(calls, [], { limit: 1, prefer: ['failed'] });
    expect(kept.transfers.map((t) => t.fileTransferId)).toEqual([OTHER]);
    expect(kept.omitted).toBe(1);
    const longest = transferTimelines(calls, [], { limit: 1 });
    expect(longest.transfers.map((t) => t.fileTransferId)).toEqual([ID]);
  });

  it('shows a transfer known only from its events', () => {
    const { transfers } = transferTimelines([], [event(10, 'no.altinn.broker.filepurged', OTHER)]);
    expect(transfers[0]).toMatchObject({
      fileTransferId: OTHER,
      entries: [{ source: 'event', label: 'filepurged' }],
    });
  });
});
