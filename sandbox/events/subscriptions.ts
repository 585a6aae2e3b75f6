/**
 * The rules of a subscription: what a create request must hold, who may subscribe to a resource, and
 * which events reach it (ENVIRONMENT.md "Events"; CONTRACT.md §6.4).
 */
import type { RegistryResource } from '../config.js';
import type { BrokerCloudEvent, EventsFaultHooks, Subscription } from './types.js';

export const SUBSCRIBE_SCOPE = 'altinn:events.subscribe';

const RESOURCE_URN = /^urn:altinn:resource:(.+)$/;
/** Every Broker event's subject names the organisation it concerns (§6.2). */
const SUBJECT_URN = /^urn:altinn:organization:identifier-no:(\d{9})$/;

export interface CreateRequest {
  endPoint: string;
  resourceFilter: string;
  typeFilter: string | null;
  subjectFilter: string | null;
}

/** The request, or why it is a 400. */
export function parseCreateRequest(body: unknown): CreateRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'the body must be a JSON object';
  const { endPoint, resourceFilter, typeFilter, subjectFilter } = body as Record<string, unknown>;
  if (typeof endPoint !== 'string' || !isHttpUrl(endPoint)) return 'endPoint must be an absolute http(s) URL';
  if (typeof resourceFilter !== 'string') return 'resourceFilter is required';
  for (const [name, value] of [
    ['typeFilter', typeFilter],
    ['subjectFilter', subjectFilter],
  ] as const) {
    if (value !== undefined && value !== null && typeof value !== 'string') return `${name} must be a string`;
  }
  return {
    endPoint,
    resourceFilter,
    typeFilter: typeof typeFilter === 'string' ? typeFilter : null,
    subjectFilter: typeof subjectFilter === 'string' ? subjectFilter : null,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Why `org` may not subscribe to `resourceFilter`, or null when it may. Upstream's setup guide asks the
 * policy to grant "subscribe" (§6.4); read or write, which any party to a transfer has, suffices here.
 */
export function denyResource(
  registry: RegistryResource[],
  resourceFilter: string,
  org: string,
): string | null {
  const resourceId = RESOURCE_URN.exec(resourceFilter)?.[1];
  if (resourceId === undefined)
    return `resourceFilter must be urn:altinn:resource:<id>, got ${resourceFilter}`;
  const resource = registry.find((candidate) => candidate.id === resourceId);
  if (!resource) return `resource ${resourceId} is not in the resource registry`;
  const rights = resource.access.find((entry) => entry.org === org);
  if (!rights || !(rights.subscribe || rights.read || rights.write)) {
    return `organisation ${org} has no subscribe, read or write right on resource ${resourceId}`;
  }
  return null;
}

/** The 9-digit org a subject URN names, or null when it names none. */
export function orgOfSubject(subject: string): string | null {
  return SUBJECT_URN.exec(subject)?.[1] ?? null;
}

/** Whether `event` goes to `subscription`, owned by `org`: a party receives only events about itself. */
export function matches(
  subscription: Subscription,
  org: string,
  event: BrokerCloudEvent,
  faults: EventsFaultHooks,
): boolean {
  if (subscription.resourceFilter !== event.resource) return false;
  if (subscription.typeFilter !== null && subscription.typeFilter !== event.type) return false;
  if (faults.ignoreSubjectFilter || faults.alsoDeliver?.(event, org)) return true;
  if (subscription.subjectFilter !== null && subscription.subjectFilter !== event.subject) return false;
  return orgOfSubject(event.subject) === org;
}
