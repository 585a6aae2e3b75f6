/**
 * Authorization, by party (CONTRACT.md §3.2, §3.5, §3.6, the order tables of §4.1–4.12): every persona
 * against every operation gets its documented status and error code; a sender holding the read scope
 * is still no recipient; an outsider never sees a transfer's metadata, file or events.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { recordObservation } from '../src/report/side-channel.js';
import { suiteContext } from '../src/suite/context.js';
import { callers, checkRow, fixtures, partyRows, rowName } from '../src/suite/matrix-rows.js';
import { API, expectProblem } from '../src/suite/transfers.js';

const ctx = await suiteContext();
const made = fixtures(ctx);
const clients = callers(ctx);

beforeAll(() => {
  // Started now, awaited by the rows that need them; a failure skips those rows with its reason.
  made().catch(() => undefined);
});

describe('07 authorization: every persona against every operation (§3.6, §4.x)', () => {
  it.each(partyRows(ctx).map((row) => [rowName(row), row] as const))('%s', (_name, row) =>
    checkRow(ctx, row, made, clients),
  );
});

describe('07 authorization: an outsider learns nothing of a transfer (§3.6)', () => {
  const overviewOf = (id: string) =>
    ctx.broker
      .as('OUTSIDER')
      .GET(`${API}/filetransfer/{fileTransferId}`, { params: { path: { fileTransferId: id } } });

  it('§3.6 existence is checked before access: OUTSIDER gets 404 BRO-00001 for an unknown id, 401 BRO-00006 for a transfer', async () => {
    const { published } = await made();
    const unknown = await overviewOf(randomUUID());
    const existing = await overviewOf(published);
    if (unknown.response.status === 404 && existing.response.status === 401) {
      // Documented (§3.6), and a leak all the same: kept apart from contract failures.
      recordObservation(ctx.reportDir, {
        test: expect.getState().currentTestName ?? 'existence before access',
        title: 'file transfer ids can be probed',
        detail:
          'an organisation that is neither sender nor recipient gets 401 for an existing file transfer id and ' +
          '404 for an unknown one (CONTRACT.md §3.6), so it can tell which ids exist',
      });
    }
    expectProblem(unknown, 404, 'BRO-00001');
    expectProblem(existing, 401, 'BRO-00006');
  });

  it('§3.6, §6.1 no event of a transfer is addressed to an outsider', async () => {
    const { published } = await made();
    await ctx
      .events()
      .expectNone(
        { resourceinstance: published, subject: ctx.subject('OUTSIDER') },
        { during: Math.min(ctx.quietMs, ctx.profile.timing.eventTimeoutMs) },
      );
  });
});
