/**
 * The service owner's calls for suites 02 and 03 (CONTRACT.md §4.10, §4.11, §8): reading and writing
 * the shared resource's configuration (§8.2, §8.3). The two duration notations are durations.ts;
 * writing a setting for one check and putting it back is settings.ts.
 */
import { expect } from '@jest/globals';
import type { components } from '../../generated/broker-api.js';
import { ContractError } from '../errors.js';
import type { PersonaName } from '../profile/types.js';
import type { SuiteContext } from './context.js';
import { DAY_MS, HOUR_MS, timeSpanMs } from './durations.js';
import { API, expectBody } from './transfers.js';

export type ResourceOverview = components['schemas']['ResourceOverviewExt'];
export type ResourceSettings = components['schemas']['ResourceExt'];
export type ServiceOwnerOverview = components['schemas']['ServiceOwnerOverviewExt'];

/** §8.2: the largest `maxFileTransferSize` any environment accepts (BRO-00022 above it). */
export const MAX_FILE_TRANSFER_SIZE = 1_677_721_600_000;
/** §8.3: what applies while a duration reads null. */
export const DEFAULT_TTL_MS = 30 * DAY_MS;
export const DEFAULT_GRACE_MS = 2 * HOUR_MS;

const GET_RESOURCE = {
  operation: 'getResource',
  method: 'GET',
  pathTemplate: `${API}/resource/{resourceId}`,
};

export async function readResource(ctx: SuiteContext): Promise<ResourceOverview> {
  const { data, response } = await ctx.broker
    .as('SERVICEOWNER')
    .GET(`${API}/resource/{resourceId}`, { params: { path: { resourceId: ctx.profile.resourceId } } });
  expect(response.status).toBe(200);
  return expectBody(data, { ...GET_RESOURCE, clause: '§4.10' });
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
  if (ms !== undefined) return ms;
  throw new ContractError(
    'DURATION_NOTATION',
    `${GET_RESOURCE.operation} ${GET_RESOURCE.method} ${GET_RESOURCE.pathTemplate} read back the duration ` +
      `"${text}", which is not .NET TimeSpan text ([-][d.]hh:mm:ss[.fffffff], e.g. 02:00:00) (CONTRACT.md §8.3)` +
      '\n  → a PUT takes ISO 8601 (§8.2), a GET answers TimeSpan text: check how the Broker writes durations out',
    { ...GET_RESOURCE, expected: 'TimeSpan text', actual: text },
  );
}

/** GET `/serviceowner` as SERVICEOWNER: the overview (200), or undefined for 404 BRO-07004 (§4.11). */
export async function readServiceOwner(ctx: SuiteContext): Promise<ServiceOwnerOverview | undefined> {
  const { data, error, response } = await ctx.broker.as('SERVICEOWNER').GET(`${API}/serviceowner`);
  if (response.status === 404) {
    expect((error as { code?: unknown } | undefined)?.code).toBe('BRO-07004');
    return undefined;
  }
  expect(response.status).toBe(200);
  return expectBody(data, {
    operation: 'getServiceOwner',
    method: 'GET',
    pathTemplate: `${API}/serviceowner`,
    clause: '§4.11',
  });
}

export function registerServiceOwner(ctx: SuiteContext, body: { name: string }) {
  ctx.requireWrites();
  return ctx.broker.as('SERVICEOWNER').POST(`${API}/serviceowner`, { body });
}
