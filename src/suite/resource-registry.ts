/**
 * Whether the resource's access list is on, as the Resource Registry says (CONTRACT.md §3.7: the Broker
 * checks recipients against the list only when the registry resource's `accessListMode` is `Enabled`).
 *
 * The Broker reads `{PlatformGatewayUrl}resourceregistry/api/v1/resource/{id}` (altinn-broker,
 * AltinnResourceRegistryRepository.GetResource), and on Altinn's environments the platform host is the
 * Broker's origin, so the suite reads `${BROKER_BASE_URL}/resourceregistry/api/v1/resource/{id}`.
 * Upstream's action (altinn-resource-registry, Controllers/ResourceController.cs, `Get`) has no
 * [Authorize]: no token is needed, and an unknown id is a 404. Its body is the `ServiceResource`,
 * camelCase, with `accessListMode` written as the enum's name (`Enabled` or `Disabled`, the default)
 * and the owner under `hasCompetentAuthority {organization, orgcode}` (Core/Models/ServiceResource.cs,
 * CompetentAuthority.cs). The registry is not the Broker: every way this read can fail is a reason to
 * skip, never a contract failure.
 */
import { REGISTRY_TIMEOUT_MS } from '../defaults.js';

export type AccessListReading =
  /** `raw` is the value as the registry wrote it; `mode` its case-insensitive reading. */
  { mode: 'Enabled' | 'Disabled'; raw: string; url: string } | { unknown: string; url: string };

export interface RegistryReadOptions {
  /** `BROKER_BASE_URL`. */
  baseUrl: string;
  resourceId: string;
  /** `BROKER_EXTRA_HEADERS`: an API gateway in front of the platform host may need them. */
  extraHeaders: Record<string, string>;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default REGISTRY_TIMEOUT_MS (src/defaults.ts) */
  timeoutMs?: number;
}

export function registryResourceUrl(baseUrl: string, resourceId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/resourceregistry/api/v1/resource/${encodeURIComponent(resourceId)}`;
}

export async function readAccessListMode(options: RegistryReadOptions): Promise<AccessListReading> {
  const url = registryResourceUrl(options.baseUrl, options.resourceId);
  const timeoutMs = options.timeoutMs ?? REGISTRY_TIMEOUT_MS;
  const unknown = (why: string): AccessListReading => ({ unknown: `the Resource Registry ${why}`, url });
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { ...options.extraHeaders, accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return unknown(`could not be reached at ${url}: ${transportReason(error, timeoutMs)}`);
  }
  const text = await response.text().catch(() => '');
  if (response.status === 404) return unknown(`has no resource ${options.resourceId} (404 from ${url})`);
  if (response.status !== 200) return unknown(`answered ${response.status} to GET ${url}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return unknown(`answered GET ${url} with a body that is not JSON`);
  }
  const raw = (body as { accessListMode?: unknown } | null)?.accessListMode;
  if (typeof raw !== 'string') return unknown(`answered GET ${url} without an accessListMode`);
  const mode = (['Enabled', 'Disabled'] as const).find((m) => m.toLowerCase() === raw.toLowerCase());
  if (!mode)
    return unknown(`says accessListMode ${raw} for ${options.resourceId}: neither Enabled nor Disabled`);
  return { mode, raw, url };
}

/** Duck-typed: fetch's errors may come from another realm (Jest's VM), where `instanceof` fails. */
function transportReason(error: unknown, timeoutMs: number): string {
  const { name, message, cause } = (error ?? {}) as {
    name?: unknown;
    message?: unknown;
    cause?: { code?: unknown };
  };
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  if (typeof cause?.code === 'string') return cause.code;
  return typeof message === 'string' ? message : String(error);
}
