import { describe, expect, it } from '@jest/globals';
import type { LoggedCall } from '../../src/client/request-log.js';
import type { TraceSpan } from '../../src/trace.js';
import { latencyFigures, statusReads, transitionLatencies } from '../../scripts/bench/transitions.js';

const ID = '0b8a1c1e-6f1d-4c7e-9a7e-2f3c4d5e6f70';

function read(status: string, startedAt: number, durationMs = 2, path = ''): LoggedCall {
  return {
    method: 'GET',
    pathTemplate: `/broker/api/v1/filetransfer/{fileTransferId}${path}`,
    url: `http://127.0.0.1:1/broker/api/v1/filetransfer/${ID}${path}`,
    requestHeaders: {},
    status: 200,
    responseBody: JSON.stringify({ fileTransferId: ID, fileTransferStatus: status }),
    attempts: 1,
    startedAt,
    durationMs,
    violations: [],
  };
}

const span = (kind: TraceSpan['kind'], start: number, label: string): TraceSpan => ({
  kind,
  start,
  end: start,
  id: ID,
  label,
  pid: 1,
});

describe('statusReads', () => {
  it('takes the status from overview and details answers only, by transfer id', () => {
    const other: LoggedCall = { ...read('Published', 5), pathTemplate: '/broker/api/v1/filetransfer' };
    const failed: LoggedCall = { ...read('Published', 6), status: 404 };
    const reads = statusReads([read('Published', 10, 3, '/details'), other, failed]);
    expect(reads).toEqual([{ id: ID, status: 'Published', sentAt: 10, at: 13 }]);
  });
});

describe('transitionLatencies', () => {
  const spans = [
    span('transition', 100, 'UploadProcessing'),
    span('transition', 400, 'Published'),
    span('event', 404, 'no.altinn.broker.published'),
    span('event', 103, 'no.altinn.broker.uploadprocessing'),
  ];
  const calls = [
    read('UploadProcessing', 150),
    read('UploadProcessing', 300),
    read('Published', 450),
    read('Published', 600),
  ];

  it('measures each transition to the first read showing it and to its event, and counts the reads', () => {
    const [processing, published] = transitionLatencies(spans, calls);
    expect(processing).toEqual({
      id: ID,
      status: 'UploadProcessing',
      madeAt: 100,
      byPoll: 52,
      polls: 1,
      byEvent: 3,
    });
    // The read at 300 still showed UploadProcessing: it was spent waiting for Published.
    expect(published).toMatchObject({ status: 'Published', byPoll: 52, polls: 2, byEvent: 4 });
  });

  it('leaves out what nothing noticed: a read before the transition does not count', () => {
    const [only] = transitionLatencies([span('transition', 500, 'Purged')], [read('Purged', 400)]);
    expect(only).toEqual({ id: ID, status: 'Purged', madeAt: 500 });
  });

  it('summarises per status in lifecycle order, then all, the earlier of poll and event as noticed', () => {
    const figures = latencyFigures(transitionLatencies(spans, calls));
    expect(figures.map((f) => f.status)).toEqual(['UploadProcessing', 'Published', 'all']);
    const all = figures.at(-1);
    expect(all?.transitions).toBe(2);
    expect(all?.noticed).toEqual({ median: 3.5, min: 3, max: 4, n: 2 });
    expect(all?.pollsPerTransition.median).toBe(1.5);
  });
});
