/** Spec coverage: documented statuses exercised, undocumented ones listed apart, event types received. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { computeCoverage, documentingKey, type Coverage } from '../../src/report/coverage.js';
import { loadSpec } from '../../src/spec/load.js';
import { HTTP_METHODS, type OpenApiDocument } from '../../src/spec/types.js';
import { loggedCall } from './calls.js';

const OVERVIEW = '/broker/api/v1/filetransfer/{fileTransferId}';
const DETAILS = '/broker/api/v1/filetransfer/{fileTransferId}/details';

let spec: OpenApiDocument;
beforeAll(async () => {
  spec = (await loadSpec()).document;
});

function operation(coverage: Coverage, operationId: string) {
  const found = coverage.operations.find((op) => op.operationId === operationId);
  if (!found) throw new Error(`no ${operationId} in the coverage`);
  return found;
}

describe('which response key documents a status (OAS 3.1 §4.8.16.2)', () => {
  it.each([
    ['the exact code', ['200', '2XX', 'default'], 200, '200'],
    ['a range when no exact code', ['200', '4XX', 'default'], 404, '4XX'],
    ['the exact code before its range', ['404', '4XX'], 404, '404'],
    ['default for anything else', ['200', 'default'], 503, 'default'],
    ['a lower-case range', ['5xx'], 502, '5xx'],
    ['nothing: undocumented', ['200', '4XX'], 503, undefined],
  ])('%s', (_name, keys, status, want) => {
    expect(documentingKey(keys, status)).toBe(want);
  });
});

describe('coverage of the bundled spec', () => {
  const calls = [
    loggedCall({ method: 'GET', pathTemplate: OVERVIEW, operation: 'getFileTransferOverview', status: 200 }),
    loggedCall({ method: 'GET', pathTemplate: OVERVIEW, operation: 'getFileTransferOverview', status: 200 }),
    loggedCall({ method: 'GET', pathTemplate: OVERVIEW, operation: 'getFileTransferOverview', status: 418 }),
    // Matched by method and path: a deployment behind a gateway that adds a base path.
    loggedCall({ method: 'GET', pathTemplate: `/gateway${DETAILS}`, status: 404 }),
    // A transport error logs the concrete path and no status: matched, but nothing was exercised.
    loggedCall({ method: 'POST', pathTemplate: '/broker/api/v1/filetransfer/abc/confirmdownload' }),
    loggedCall({ method: 'GET', pathTemplate: '/not/in/the/spec', status: 200 }),
  ];
  const events = ['no.altinn.broker.published', 'published', 'no.altinn.broker.madeup'];

  it('counts every operation and documented status of the spec, and its eight event types', () => {
    const coverage = computeCoverage(spec, calls, events);
    const operations = Object.values(spec.paths ?? {}).flatMap((item) =>
      HTTP_METHODS.flatMap((method) => (item[method] ? [item[method]] : [])),
    );
    const statuses = operations.reduce((sum, op) => sum + Object.keys(op.responses ?? {}).length, 0);
    expect(coverage.totals).toEqual({
      operations: { exercised: 2, total: operations.length },
      statuses: { exercised: 2, total: statuses },
      events: { exercised: 1, total: 8 },
    });
  });

  it('marks a documented status exercised and lists an undocumented one apart', () => {
    const overview = operation(computeCoverage(spec, calls, events), 'getFileTransferOverview');
    expect(overview).toMatchObject({ method: 'GET', path: OVERVIEW, exercised: true, calls: 3 });
    expect(overview.statuses.find((s) => s.status === '200')).toEqual({
      status: '200',
      exercised: true,
      calls: 2,
    });
    expect(overview.statuses.find((s) => s.status === '404')?.exercised).toBe(false);
    expect(overview.undocumented).toEqual([{ status: 418, calls: 1 }]);
  });

  it.each([
    ['a path behind a base path', 'getFileTransferDetails', true],
    ['a call that got no answer', 'confirmDownload', false],
    ['an operation never called', 'getMonthlyStatistics', false],
  ])('%s', (_name, operationId, exercised) => {
    expect(operation(computeCoverage(spec, calls, events), operationId).exercised).toBe(exercised);
  });

  it('lists calls outside the spec and marks event types received', () => {
    const coverage = computeCoverage(spec, calls, events);
    expect(coverage.unmatched).toEqual([{ call: 'GET /not/in/the/spec', calls: 1 }]);
    expect(coverage.events.find((e) => e.type === 'no.altinn.broker.published')).toEqual({
      type: 'no.altinn.broker.published',
      received: true,
      count: 2,
    });
    expect(coverage.events.find((e) => e.type === 'no.altinn.broker.filepurged')?.received).toBe(false);
    expect(coverage.undocumentedEvents).toEqual([{ type: 'no.altinn.broker.madeup', count: 1 }]);
  });

  it('is plain JSON', () => {
    const coverage = computeCoverage(spec, calls, events);
    expect(JSON.parse(JSON.stringify(coverage))).toEqual(coverage);
  });
});

describe('a spec whose server carries the base path', () => {
  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    servers: [{ url: 'https://example.invalid/api' }],
    paths: {
      '/api/items/{id}': { get: { operationId: 'getItem', responses: { '2XX': { description: '' } } } },
    },
  };

  it('puts the base path before a call path that lacks it, and a range key counts any status in it', () => {
    const coverage = computeCoverage(
      document,
      [loggedCall({ method: 'GET', pathTemplate: '/items/{id}', status: 204 })],
      [],
    );
    expect(coverage.operations[0]?.statuses).toEqual([{ status: '2XX', exercised: true, calls: 1 }]);
    expect(coverage.totals.events).toEqual({ exercised: 0, total: 0 });
  });
});
