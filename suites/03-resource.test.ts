/**
 * Step 3 of the getting-started guide: the service owner configures its resource (CONTRACT.md §4.10,
 * §8.2, §8.3). The resource is shared with every test running alongside, so a PUT writes only values
 * that change nothing a transfer can observe (the value read, or the default that applies while it is
 * null), and what was read is written back when the file ends. The manifest shim is the one setting
 * switched for real: the download path does not use it (§8.2).
 */
import { describe, expect, it } from '@jest/globals';
import {
  DAY_MS,
  DEFAULT_GRACE_MS,
  DEFAULT_TTL_MS,
  expectConfigured,
  HOUR_MS,
  MAX_FILE_TRANSFER_SIZE,
  putResource,
  readResource,
  restoreBody,
  TIME_SPAN_TEXT,
  timeSpanMs,
  timeSpanMsOr,
  type ResourceOverview,
  type ResourceSettings,
} from '../src/suite/admin.js';
import { suiteContext } from '../src/suite/context.js';
import { flow, skip } from '../src/suite/steps.js';
import { API, expectProblem } from '../src/suite/transfers.js';

const ctx = await suiteContext();
const walk = flow();
const READ = '§8.3 GET answers 200 with all 8 settings, durations in .NET TimeSpan text';

let original: ResourceOverview | undefined;

function read(): ResourceOverview {
  if (!original) throw new Error('the resource was not read');
  return original;
}

/** Writes back what was read before a PUT that went through, so no change outlives its test. */
async function restore(before: ResourceOverview, result: { response: Response }): Promise<void> {
  if (result.response.ok) expectConfigured(await putResource(ctx, restoreBody(before)));
}

const DURATION_FIELDS = ['fileTransferTimeToLive', 'purgeFileTransferGracePeriod'] as const;

describe('03 resource: read (§8.3)', () => {
  it(
    READ,
    walk.step(READ, async () => {
      original = await readResource(ctx);
      for (const field of DURATION_FIELDS) {
        const value = original[field];
        // §8.3: TimeSpan text, never ISO 8601; null when never set.
        if (value !== null) expect(value).toMatch(TIME_SPAN_TEXT);
      }
      expect(typeof original.purgeFileTransferAfterAllRecipientsConfirmed).toBe('boolean');
      expect(typeof original.useManifestFileShim).toBe('boolean');
    }),
  );
});

interface RoundTrip {
  clause: string;
  /** The body to PUT, from what was read; a string is why the row is skipped. */
  body: (read: ResourceOverview) => ResourceSettings | string;
  /** What GET must show afterwards. */
  check: (got: ResourceOverview, sent: ResourceSettings) => void;
}

/**
 * Equal spellings of one duration (§8.2), written only while it is the value in force. Months are left
 * out: how long one counts is unsure (§13.8).
 */
function durationRows(
  field: (typeof DURATION_FIELDS)[number],
  fallback: number,
  spellings: [string, number][],
): RoundTrip[] {
  return spellings.map(([iso, ms]) => ({
    clause: `§8.2 ${field} "${iso}" is stored and read back as TimeSpan text (§8.3)`,
    body: (r) =>
      timeSpanMsOr(r[field], fallback) === ms
        ? { [field]: iso }
        : `${field} is ${r[field]} here; writing ${iso} would change it for the tests running alongside`,
    check: (got) => {
      // §8.3: exactly the TimeSpan notation, compared by the time it stands for.
      expect(got[field]).toMatch(TIME_SPAN_TEXT);
      expect(timeSpanMs(got[field] ?? '')).toBe(ms);
    },
  }));
}

const ROUND_TRIPS: RoundTrip[] = [
  {
    clause: '§8.2 maxFileTransferSize is stored and read back (the value in force, or the largest allowed)',
    body: (r) => ({ maxFileTransferSize: r.maxFileTransferSize ?? MAX_FILE_TRANSFER_SIZE }),
    check: (got, sent) => expect(got.maxFileTransferSize).toBe(sent.maxFileTransferSize),
  },
  ...durationRows('fileTransferTimeToLive', DEFAULT_TTL_MS, [
    ['P30D', 30 * DAY_MS],
    ['P29DT24H', 30 * DAY_MS],
    ['PT720H', 30 * DAY_MS],
  ]),
  ...durationRows('purgeFileTransferGracePeriod', DEFAULT_GRACE_MS, [
    ['PT2H', 2 * HOUR_MS],
    ['PT120M', 2 * HOUR_MS],
    ['PT7200S', 2 * HOUR_MS],
  ]),
  {
    clause: '§8.2 purgeFileTransferAfterAllRecipientsConfirmed is stored and read back',
    body: (r) => ({
      purgeFileTransferAfterAllRecipientsConfirmed: r.purgeFileTransferAfterAllRecipientsConfirmed,
    }),
    check: (got, sent) =>
      expect(got.purgeFileTransferAfterAllRecipientsConfirmed).toBe(
        sent.purgeFileTransferAfterAllRecipientsConfirmed,
      ),
  },
  {
    clause: '§8.2 useManifestFileShim with its legacy service code and edition is stored and read back',
    body: (r) => ({
      useManifestFileShim: true,
      externalServiceCodeLegacy: r.externalServiceCodeLegacy ?? 'broker-contract',
      externalServiceEditionCodeLegacy: r.externalServiceEditionCodeLegacy || 1,
    }),
    check: (got, sent) =>
      expect({
        useManifestFileShim: got.useManifestFileShim,
        externalServiceCodeLegacy: got.externalServiceCodeLegacy,
        externalServiceEditionCodeLegacy: got.externalServiceEditionCodeLegacy,
      }).toEqual(sent),
  },
  {
    clause: '§8.2 requiredParty is stored and read back',
    body: (r) =>
      r.requiredParty === null
        ? 'requiredParty is unset here; it cannot be set back to null (§8.2), so the suite leaves it alone'
        : { requiredParty: r.requiredParty },
    check: (got, sent) => expect(got.requiredParty).toBe(sent.requiredParty),
  },
];

describe('03 resource: PUT then GET (§4.10, §8.2)', () => {
  it.each(ROUND_TRIPS)('$clause', ({ clause, body, check }) =>
    walk.step(clause, async () => {
      const sent = body(read());
      if (typeof sent === 'string') skip(sent);
      const result = await putResource(ctx, sent);
      try {
        expectConfigured(result);
        check(await readResource(ctx), sent);
      } finally {
        await restore(read(), result);
      }
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
    walk.step(clause, async () => {
      const before = await readResource(ctx);
      const result = await putResource(ctx, body);
      try {
        expectProblem(result, 400, code ?? undefined);
        if (code === null) expect((result.error as { code?: unknown } | undefined)?.code).toBeUndefined();
        expect({ [field]: (await readResource(ctx))[field] }).toEqual({ [field]: before[field] });
      } finally {
        await restore(before, result);
      }
    }, [READ])(),
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
