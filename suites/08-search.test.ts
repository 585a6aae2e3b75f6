/**
 * Searching file transfers (CONTRACT.md §7, §4.7): each filter, the default order, and who finds what.
 * The file makes three transfers of its own (the middle one Published) and bounds every search by their
 * `created` times as the Broker wrote them, never by the local clock; other transfers may exist, so the
 * checks are about these three ids only.
 */
import { describe, expect, it } from '@jest/globals';
import type { operations } from '../generated/broker-api.js';
import { SuiteError } from '../src/errors.js';
import type { PersonaName } from '../src/profile/types.js';
import { suiteContext } from '../src/suite/context.js';
import { flow, skip } from '../src/suite/steps.js';
import {
  API,
  expectProblem,
  initialize,
  overview,
  payload,
  upload,
  waitFor,
} from '../src/suite/transfers.js';

const ctx = await suiteContext();
const walk = flow();
const SETUP = 'setup: three transfers in a row, the middle one Published';

type Query = operations['searchFileTransfers']['parameters']['query'];
type Key = 'first' | 'middle' | 'last';
const KEYS: Key[] = ['first', 'middle', 'last'];

let ids: Record<Key, string> | undefined;
/** The Broker's `created`, in ms; a value with a finer fraction lies within the following millisecond. */
let created: Record<Key, number> | undefined;

function made(): { ids: Record<Key, string>; created: Record<Key, number> } {
  if (!ids || !created)
    throw new SuiteError('SUITE_STEP_ORDER', `a clause ran before "${SETUP}" made its transfers`);
  return { ids, created };
}

const at = (ms: number) => new Date(ms).toISOString();
/** `middle <id>`: which of the three, for messages. */
const named = (mine: Record<Key, string>, keys: Key[]) => keys.map((key) => `${key} ${mine[key]}`);

/** Search as `persona`; a PDP that denies the search itself is allowed (§3.5, §13.9) and skips. */
async function search(persona: PersonaName, query: Omit<Query, 'resourceId'>): Promise<string[]> {
  const result = await ctx.broker
    .as(persona)
    .GET(`${API}/filetransfer`, { params: { query: { resourceId: ctx.profile.resourceId, ...query } } });
  if (result.response.status === 401)
    skip(
      `the PDP denies ${persona} a search, which needs read and write on the resource (§3.5, unsure §13.9)`,
    );
  expect(result.response.status).toBe(200);
  return result.data ?? [];
}

describe('08 search: setup (§4.1, §4.2)', () => {
  walk.it(SETUP, async () => {
    const first = await initialize(ctx, { label: 'search-first' });
    const middle = await initialize(ctx, { label: 'search-middle' });
    const last = await initialize(ctx, { label: 'search-last' });
    expect((await upload(ctx, middle, payload(64))).response.status).toBe(200);
    await waitFor(ctx, middle, 'Published');
    const [c1, c2, c3] = await Promise.all(
      [first, middle, last].map(async (id) => Date.parse((await overview(ctx, id)).created)),
    );
    ids = { first, middle, last };
    created = { first: c1 ?? NaN, middle: c2 ?? NaN, last: c3 ?? NaN };
  });
});

/** Bounds between the three `created` times (§7: `from` or `to` alone is strict, both inclusive). */
interface Bounds {
  /** Before the first, after the last: only these three of the caller's. */
  window: { from: string; to: string };
  beforeFirst: string;
  afterFirst: string;
  afterMiddle: string;
}

function bounds(c: Record<Key, number>): Bounds {
  if (c.middle - c.first < 2 || c.last - c.middle < 2)
    skip('the three transfers were created within 2 ms of each other, so no bound fits between them');
  return {
    window: { from: at(c.first - 1), to: at(c.last + 1) },
    beforeFirst: at(c.first - 1),
    afterFirst: at(c.first + 1),
    afterMiddle: at(c.middle + 1),
  };
}

interface SearchCase {
  clause: string;
  persona: PersonaName;
  query: (b: Bounds) => Omit<Query, 'resourceId'>;
  includes?: Key[];
  excludes?: Key[];
  /** How the three must be ordered among the results. */
  order?: Key[];
}

const ALL = KEYS;
const CASES: SearchCase[] = [
  {
    clause: '§7 the sender finds its own transfers at every status',
    persona: 'SENDER',
    query: (b) => b.window,
    includes: ALL,
  },
  {
    clause: '§7 without orderAscending the newest come first',
    persona: 'SENDER',
    query: (b) => b.window,
    order: ['last', 'middle', 'first'],
  },
  {
    clause: '§7 orderAscending=false puts the newest first',
    persona: 'SENDER',
    query: (b) => ({ ...b.window, orderAscending: false }),
    order: ['last', 'middle', 'first'],
  },
  {
    clause: '§7 orderAscending=true puts the oldest first',
    persona: 'SENDER',
    query: (b) => ({ ...b.window, orderAscending: true }),
    order: ['first', 'middle', 'last'],
  },
  {
    clause: '§7 status=Published keeps only the transfers that are Published now',
    persona: 'SENDER',
    // With status the bound applies to when the transfer entered it, which is after the last was created.
    query: (b) => ({ from: b.beforeFirst, status: 'Published' }),
    includes: ['middle'],
    excludes: ['first', 'last'],
  },
  {
    clause: '§7 status=Initialized keeps only the transfers still Initialized',
    persona: 'SENDER',
    query: (b) => ({ from: b.beforeFirst, status: 'Initialized' }),
    includes: ['first', 'last'],
    excludes: ['middle'],
  },
  {
    clause: '§7 role=Sender keeps what the caller sent',
    persona: 'SENDER',
    query: (b) => ({ ...b.window, role: 'Sender' }),
    includes: ALL,
  },
  {
    clause: '§7 role binds case-insensitively (role=sender, §1)',
    persona: 'SENDER',
    query: (b) => ({ ...b.window, role: 'sender' }),
    includes: ALL,
  },
  {
    clause: '§7 role=Recipient leaves out transfers where the caller is only the sender',
    persona: 'SENDER',
    query: (b) => ({ ...b.window, role: 'Recipient' }),
    excludes: ALL,
  },
  {
    clause: '§7 recipientStatus searches as recipient only: the sender finds none of its own, role ignored',
    persona: 'SENDER',
    query: (b) => ({ ...b.window, recipientStatus: 'Initialized', role: 'Sender' }),
    excludes: ALL,
  },
  {
    clause: '§7 from alone keeps the transfers created after it',
    persona: 'SENDER',
    query: (b) => ({ from: b.afterFirst }),
    includes: ['middle', 'last'],
    excludes: ['first'],
  },
  {
    clause: '§7 to alone keeps the transfers created before it',
    persona: 'SENDER',
    query: (b) => ({ to: b.afterMiddle }),
    includes: ['first', 'middle'],
    excludes: ['last'],
  },
  {
    clause: '§7 from and to together bound both ends',
    persona: 'SENDER',
    query: (b) => ({ from: b.afterFirst, to: b.afterMiddle }),
    includes: ['middle'],
    excludes: ['first', 'last'],
  },
  {
    clause: '§5.7 the recipient finds the transfers addressed to it from initialize onwards',
    persona: 'RECIPIENT',
    query: (b) => b.window,
    includes: ALL,
  },
  {
    clause: '§7 role=Recipient keeps the transfers addressed to the caller',
    persona: 'RECIPIENT',
    query: (b) => ({ ...b.window, role: 'Recipient' }),
    includes: ALL,
  },
  {
    clause: '§7 role=Sender leaves out transfers where the caller is only a recipient',
    persona: 'RECIPIENT',
    query: (b) => ({ ...b.window, role: 'Sender' }),
    excludes: ALL,
  },
  {
    clause: '§7 recipientStatus=Initialized finds what the recipient has not downloaded yet',
    persona: 'RECIPIENT',
    query: (b) => ({ ...b.window, recipientStatus: 'Initialized' }),
    includes: ALL,
  },
  {
    clause: '§7 recipientStatus=DownloadConfirmed leaves out what the recipient has not confirmed',
    persona: 'RECIPIENT',
    query: (b) => ({ ...b.window, recipientStatus: 'DownloadConfirmed' }),
    excludes: ALL,
  },
];

describe('08 search: filters, order and visibility (§7)', () => {
  it.each(CASES)('$clause ($persona)', (row) =>
    walk.step(
      row.clause,
      async () => {
        const { ids: mine, created: times } = made();
        const found = await search(row.persona, row.query(bounds(times)));
        const seen = (key: Key) => found.includes(mine[key]);
        expect({
          missing: named(
            mine,
            (row.includes ?? []).filter((key) => !seen(key)),
          ),
          unexpected: named(mine, (row.excludes ?? []).filter(seen)),
        }).toEqual({ missing: [], unexpected: [] });
        if (row.order) {
          const ours = found.filter((id) => KEYS.some((key) => mine[key] === id));
          expect(ours).toEqual(row.order.map((key) => mine[key]));
        }
      },
      [SETUP],
    )(),
  );

  it.each(['OUTSIDER', 'SERVICEOWNER'] as const)(
    '§3.6 %s, neither sender nor recipient, finds none of them: 401 BRO-00006, or 200 without them',
    (persona) =>
      walk.step(
        `${persona} finds none`,
        async () => {
          const scopes = ctx.profile.personas[persona].scopes;
          if (!scopes.some((scope) => scope === 'altinn:broker.read' || scope === 'altinn:broker.write'))
            skip(`${persona} asks for neither altinn:broker.read nor altinn:broker.write (${persona}_SCOPE)`);
          const { ids: mine, created: times } = made();
          const result = await ctx.broker.as(persona).GET(`${API}/filetransfer`, {
            params: { query: { resourceId: ctx.profile.resourceId, ...bounds(times).window } },
          });
          // §3.6: the PDP may deny the search as such, or let it through and find nothing of others.
          if (result.response.status === 401) expectProblem(result, 401, 'BRO-00006');
          else {
            expect(result.response.status).toBe(200);
            const found = result.data ?? [];
            expect(
              named(
                mine,
                KEYS.filter((key) => found.includes(mine[key])),
              ),
            ).toEqual([]);
          }
        },
        [SETUP],
      )(),
  );
});

describe('08 search: rejected queries (§4.7)', () => {
  it('§4.7 a search without resourceId gets 400 validation', async () => {
    const result = await ctx.broker
      .as('SENDER')
      .GET(`${API}/filetransfer`, { params: { query: {} as Query } });
    expectProblem(result, 400);
    expect((result.error as { code?: unknown } | undefined)?.code).toBeUndefined();
  });

  it('§4.7 a status that names no FileTransferStatus gets 400 validation', async () => {
    const result = await ctx.broker.as('SENDER').GET(`${API}/filetransfer`, {
      params: { query: { resourceId: ctx.profile.resourceId, status: 'NoSuchStatus' } },
    });
    expectProblem(result, 400);
  });
});
