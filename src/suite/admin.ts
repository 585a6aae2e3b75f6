/**
 * The service owner's calls for suites 02 and 03 (CONTRACT.md §4.10, §4.11, §8): reading and writing
 * the shared resource's configuration, the two duration notations (ISO 8601 in, .NET TimeSpan text
 * out, §8.2, §8.3). Writing a setting for one check and putting it back is settings.ts.
 */
import { expect } from '@jest/globals';
import type { components } from '../../generated/broker-api.js';
import type { PersonaName } from '../profile/types.js';
import type { SuiteContext } from './context.js';
import { API } from './transfers.js';

export type ResourceOverview = components['schemas']['ResourceOverviewExt'];
export type ResourceSettings = components['schemas']['ResourceExt'];
export type ServiceOwnerOverview = components['schemas']['ServiceOwnerOverviewExt'];

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** §8.2: the largest `maxFileTransferSize` any environment accepts (BRO-00022 above it). */
export const MAX_FILE_TRANSFER_SIZE = 1_677_721_600_000;
/** §8.3: what applies while a duration reads null. */
export const DEFAULT_TTL_MS = 30 * DAY_MS;
export const DEFAULT_GRACE_MS = 2 * HOUR_MS;

/** .NET TimeSpan constant text, `[-][d.]hh:mm:ss[.fffffff]` (§8.3). */
export const TIME_SPAN_TEXT = /^(-)?(?:(\d+)\.)?([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.(\d{1,7}))?$/;

/** The milliseconds a TimeSpan text stands for; undefined for any other notation (ISO 8601 included). */
export function timeSpanMs(text: string): number | undefined {
  const m = TIME_SPAN_TEXT.exec(text);
  if (!m) return undefined;
  const [, sign, days, hours, minutes, seconds, fraction] = m;
  const ms =
    ((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 +
    Number(seconds) * 1000 +
    Math.round(Number(`0.${fraction ?? '0'}`) * 1000);
  return sign ? -ms : ms;
}

/** An ISO 8601 duration in the `PnDTnHnMnS` form §8.2 accepts, for writing a value read back. */
export function isoDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const part = (unit: number, letter: string) => {
    const count = Math.floor(rest / unit);
    rest -= count * unit;
    return count ? `${count}${letter}` : '';
  };
  const days = part(DAY_MS, 'D');
  const time = part(HOUR_MS, 'H') + part(60_000, 'M') + (rest ? `${rest / 1000}S` : '');
  return `${sign}P${days}${time ? `T${time}` : days ? '' : 'T0S'}`;
}

export async function readResource(ctx: SuiteContext): Promise<ResourceOverview> {
  const { data, response } = await ctx.broker
    .as('SERVICEOWNER')
    .GET(`${API}/resource/{resourceId}`, { params: { path: { resourceId: ctx.profile.resourceId } } });
  expect(response.status).toBe(200);
  if (!data) throw new Error('GET resource answered 200 without a body');
  return data;
}

export function putResource(
  ctx: SuiteContext,
  body: ResourceSettings,
  persona: PersonaName = 'SERVICEOWNER',
) {
  ctx.requireWrites();
  return ctx.broker.as(persona).PUT(`${API}/resource/{resourceId}`, {
    params: { path: { resourceId: ctx.profile.resourceId } },
    body,
  });
}

/** §4.10: a PUT that succeeded: 204 per the framework, or 200 per upstream's Bruno collection (§13.3). */
export function expectConfigured(result: { response: Response }): void {
  expect([200, 204]).toContain(result.response.status);
}

/** A duration read back, or what applies while it is null; a notation other than TimeSpan text fails. */
export function timeSpanMsOr(text: string | null, fallback: number): number {
  if (text === null) return fallback;
  const ms = timeSpanMs(text);
  if (ms === undefined) throw new Error(`"${text}" is not .NET TimeSpan text (§8.3)`);
  return ms;
}

/** GET `/serviceowner` as SERVICEOWNER: the overview (200), or undefined for 404 BRO-07004 (§4.11). */
export async function readServiceOwner(ctx: SuiteContext): Promise<ServiceOwnerOverview | undefined> {
  const { data, error, response } = await ctx.broker.as('SERVICEOWNER').GET(`${API}/serviceowner`);
  if (response.status === 404) {
    expect((error as { code?: unknown } | undefined)?.code).toBe('BRO-07004');
    return undefined;
  }
  expect(response.status).toBe(200);
  if (!data) throw new Error('GET serviceowner answered 200 without a body');
  return data;
}

export function registerServiceOwner(ctx: SuiteContext, body: { name: string }) {
  ctx.requireWrites();
  return ctx.broker.as('SERVICEOWNER').POST(`${API}/serviceowner`, { body });
}
