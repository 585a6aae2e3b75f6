/**
 * Step 3 of the getting-started guide: the service owner configures its resource (CONTRACT.md §4.10,
 * §8.2, §8.3). This file runs in the settings phase, alone (src/run/phases.ts), so each clause writes a
 * real new value, reads it back and puts back what was there (src/suite/settings.ts), on any
 * environment, whatever the resource's settings were.
 */
import { describe, expect, it } from '@jest/globals';
import {
  expectConfigured,
  MAX_FILE_TRANSFER_SIZE,
  putResource,
  readResource,
  type ResourceOverview,
  type ResourceSettings,
} from '../src/suite/admin.js';
import { suiteContext } from '../src/suite/context.js';
import { DAY_MS, HOUR_MS, TIME_SPAN_TEXT, timeSpanMs } from '../src/suite/durations.js';
import { withSettings } from '../src/suite/settings.js';
import { flow } from '../src/suite/steps.js';
import { API, expectProblem } from '../src/suite/transfers.js';

const ctx = await suiteContext();
const walk = flow();
const READ = '§8.3 GET answers 200 with all 8 settings, durations in .NET TimeSpan text';

const DURATION_FIELDS = ['fileTransferTimeToLive', 'purgeFileTransferGracePeriod'] as const;

describe('03 resource: read (§8.3)', () => {
  walk.it(READ, async () => {
    const read = await readResource(ctx);
    for (const field of DURATION_FIELDS) {
      const value = read[field];
      // §8.3: TimeSpan text, never ISO 8601; null when never set.
      if (value !== null) expect(value).toMatch(TIME_SPAN_TEXT);
    }
    expect(typeof read.purgeFileTransferAfterAllRecipientsConfirmed).toBe('boolean');
    expect(typeof read.useManifestFileShim).toBe('boolean');
  });
});

interface RoundTrip {
  clause: string;
  /** The body to PUT, given what was there: a value other than the one in force, where one is chosen. */
  body: (before: ResourceOverview) => ResourceSettings;
  /** What GET must show afterwards. */
  check: (got: ResourceOverview, sent: ResourceSettings) => void;
}

/** Spellings of a duration (§8.2: `PnDTnHnMnS`), each stored and read back as the time it stands for. */
function durationRows(field: (typeof DURATION_FIELDS)[number], spellings: [string, number][]): RoundTrip[] {
  return spellings.map(([iso, ms]) => ({
    clause: `§8.2 ${field} "${iso}" is stored and read back as TimeSpan text (§8.3)`,
    body: () => ({ [field]: iso }),
    check: (got) => {
      // §8.3: exactly the TimeSpan notation, compared by the time it stands for.
      expect(got[field]).toMatch(TIME_SPAN_TEXT);
      expect(timeSpanMs(got[field] ?? '')).toBe(ms);
    },
  }));
}

/** A value unlike `current`, so a PUT that is ignored cannot pass. */
const other = <T>(current: T, a: T, b: T): T => (current === a ? b : a);

const ROUND_TRIPS: RoundTrip[] = [
  ...([123_456_789, MAX_FILE_TRANSFER_SIZE] as const).map((size): RoundTrip => ({
    clause: `§8.2 maxFileTransferSize ${size} is stored and read back`,
    body: () => ({ maxFileTransferSize: size }),
    check: (got) => expect(got.maxFileTransferSize).toBe(size),
  })),
  ...durationRows('fileTransferTimeToLive', [
    ['P30D', 30 * DAY_MS],
    ['P29DT24H', 30 * DAY_MS],
    ['PT720H', 30 * DAY_MS],
    ['P1DT12H', 36 * HOUR_MS],
    ['P365D', 365 * DAY_MS],
  ]),
  ...durationRows('purgeFileTransferGracePeriod', [
    ['PT2H', 2 * HOUR_MS],
    ['PT120M', 2 * HOUR_MS],
    ['PT7200S', 2 * HOUR_MS],
    ['PT90M', 90 * 60_000],
    ['PT24H', 24 * HOUR_MS],
    ['P1D', 24 * HOUR_MS],
    ['PT0S', 0],
  ]),
  {
    clause: '§8.2 purgeFileTransferAfterAllRecipientsConfirmed is stored and read back (switched)',
    body: (before) => ({
      purgeFileTransferAfterAllRecipientsConfirmed: !before.purgeFileTransferAfterAllRecipientsConfirmed,
    }),
    check: (got, sent) =>
      expect(got.purgeFileTransferAfterAllRecipientsConfirmed).toBe(
        sent.purgeFileTransferAfterAllRecipientsConfirmed,
      ),
  },
  {
    clause: '§8.2 useManifestFileShim with its legacy service code and edition is stored and read back',
    body: (before) => ({
      useManifestFileShim: true,
      externalServiceCodeLegacy: other(
        before.externalServiceCodeLegacy,
        'broker-contract',
        'broker-contract-2',
      ),
      externalServiceEditionCodeLegacy: other(before.externalServiceEditionCodeLegacy, 1, 2),
    }),
    check: (got, sent) =>
      expect({
        useManifestFileShim: got.useManifestFileShim,
        externalServiceCodeLegacy: got.externalServiceCodeLegacy,
        externalServiceEditionCodeLegacy: got.externalServiceEditionCodeLegacy,
      }).toEqual(sent),
  },
  {
    clause: '§8.2 requiredParty is stored and read back as given',
    body: (before) => ({
      requiredParty: other(before.requiredParty, ctx.party('SENDER'), ctx.party('RECIPIENT')),
    }),
    check: (got, sent) => expect(got.requiredParty).toBe(sent.requiredParty),
  },
];

describe('03 resource: PUT then GET (§4.10, §8.2)', () => {
  it.each(ROUND_TRIPS)('$clause', ({ clause, body, check }) =>
    walk.step(clause, async () => {
      const before = await readResource(ctx);
      const sent = body(before);
      await withSettings(ctx, sent, async (put) => {
        expectConfigured(put);
        check(await readResource(ctx), sent);
      });
    }, [READ])(),
  );
});

interface Rejection {
  clause: string;
  body: ResourceSettings;
  /** The setting GET must still show as before. */
  field: keyof ResourceOverview;
  /** The Broker error code; null: a request validation error, which has none (§2.2). */
  code: string | null;
}

const unparsable = (field: (typeof DURATION_FIELDS)[number], code: string): Rejection[] =>
  // §8.2: only the PnYnMnDTnHnMnS form; weeks and bare forms are rejected.
  ['30D', 'P1W', 'abc'].map((value) => ({
    clause: `§8.2 ${field} "${value}" is not an ISO 8601 duration: 400 ${code}`,
    body: { [field]: value },
    field,
    code,
  }));

const REJECTIONS: Rejection[] = [
  {
    clause: '§8.2 fileTransferTimeToLive over 365 days (P366D) gets 400 BRO-00015',
    body: { fileTransferTimeToLive: 'P366D' },
    field: 'fileTransferTimeToLive',
    code: 'BRO-00015',
  },
  ...unparsable('fileTransferTimeToLive', 'BRO-00014'),
  ...['PT25H', 'P3D'].map((value) => ({
    clause: `§8.2 purgeFileTransferGracePeriod over 24 hours (${value}) gets 400 BRO-00018`,
    body: { purgeFileTransferGracePeriod: value },
    field: 'purgeFileTransferGracePeriod' as const,
    code: 'BRO-00018',
  })),
  ...unparsable('purgeFileTransferGracePeriod', 'BRO-00017'),
  ...(
    [
      [0, 'zero', 'BRO-00012'],
      [-1, 'negative', 'BRO-00011'],
      [MAX_FILE_TRANSFER_SIZE + 1, 'over 1,677,721,600,000 bytes', 'BRO-00022'],
    ] as const
  ).map(([value, what, code]) => ({
    clause: `§8.2 maxFileTransferSize ${what} gets 400 ${code}`,
    body: { maxFileTransferSize: value },
    field: 'maxFileTransferSize' as const,
    code,
  })),
  {
    clause: '§4.10 useManifestFileShim true without the legacy codes gets 400 validation',
    body: { useManifestFileShim: true },
    field: 'useManifestFileShim',
    code: null,
  },
  {
    clause: '§4.10 useManifestFileShim true with edition 0 gets 400 validation',
    body: {
      useManifestFileShim: true,
      externalServiceCodeLegacy: 'broker-contract',
      externalServiceEditionCodeLegacy: 0,
    },
    field: 'useManifestFileShim',
    code: null,
  },
];

describe('03 resource: rejected values leave the setting unchanged (§4.10, §8.2)', () => {
  it.each(REJECTIONS)('$clause', ({ clause, body, field, code }) =>
    walk.step(
      clause,
      () =>
        // A Broker that wrongly accepts the value gets it put back all the same.
        withSettings(ctx, body, async (result, before) => {
          expectProblem(result, 400, code ?? undefined);
          if (code === null) expect((result.error as { code?: unknown } | undefined)?.code).toBeUndefined();
          expect({ [field]: (await readResource(ctx))[field] }).toEqual({ [field]: before[field] });
        }),
      [READ],
    )(),
  );
});

describe('03 resource: only the service owner configures (§4.10, §3.2)', () => {
  it.each(['SENDER', 'RECIPIENT'] as const)('§4.10 a %s token on PUT gets 403', async (persona) => {
    // An empty body changes nothing (§4.10), should the Broker wrongly accept it.
    const { response } = await putResource(ctx, {}, persona);
    expect(response.status).toBe(403);
  });

  it.each(['SENDER', 'RECIPIENT'] as const)('§3.2 a %s token on GET gets 403', async (persona) => {
    const { response } = await ctx.broker
      .as(persona)
      .GET(`${API}/resource/{resourceId}`, { params: { path: { resourceId: ctx.profile.resourceId } } });
    expect(response.status).toBe(403);
  });
});
