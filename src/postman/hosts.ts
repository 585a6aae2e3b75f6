/**
 * Host rewriting for collections written against another deployment (ENVIRONMENT.md
 * `BROKER_BASE_URL`): an Altinn platform host, a local upstream build (`localhost:5096`) or the
 * collection's own `baseUrl` value, wherever a request or a variable hard-codes it, becomes the
 * profile's base URL; the path and query stay as they were.
 */
import type { PostmanCollection, PostmanEnvironment, PostmanUrlObject, PostmanVariable } from './source.js';
import { requestsOf } from './source.js';

/** Hosts (`host[:port]`, lower case) of Altinn's Broker deployments, CONTRACT.md §9. */
const ALTINN_HOSTS = [
  /^platform\.altinn\.no(:443)?$/,
  /^platform\.tt02\.altinn\.no(:443)?$/,
  /^platform\.at2\d\.altinn\.cloud(:443)?$/,
  /^platform\.yt01\.altinn\.cloud(:443)?$/,
];
/** A developer's upstream build listens on a loopback port (`dotnet run` picks 5096). */
const LOCAL_UPSTREAM = /^(localhost|127\.0\.0\.1|\[::1\]):\d+$/;
const ABSOLUTE = /^(https?):\/\/([^/?#\s]+)(\S*)$/i;
/** Variables that name the Broker's origin, whatever their value (the shared naming contract). */
export const BASE_URL_NAME = /base.?url/i;

export function isBrokerDeploymentHost(host: string): boolean {
  const lower = host.toLowerCase();
  return LOCAL_UPSTREAM.test(lower) || ALTINN_HOSTS.some((pattern) => pattern.test(lower));
}

/** `https://Host:1/x?q` → origin `https://host:1`, rest `/x?q`; undefined for anything but an absolute http(s) URL. */
export function splitUrl(url: string): { origin: string; host: string; rest: string } | undefined {
  const match = ABSOLUTE.exec(url.trim());
  if (!match) return undefined;
  const [, scheme = '', host = '', rest = ''] = match;
  if (host.includes('{{')) return undefined;
  return { origin: `${scheme.toLowerCase()}://${host.toLowerCase()}`, host: host.toLowerCase(), rest };
}

/** The origins the collection itself calls its base URL: they are rewritten wherever they are hard-coded. */
export function ownBaseOrigins(variables: PostmanVariable[]): string[] {
  const origins = variables
    .filter((v) => BASE_URL_NAME.test(v.key) && typeof v.value === 'string')
    .map((v) => splitUrl(v.value as string)?.origin)
    .filter((origin): origin is string => origin !== undefined);
  return [...new Set(origins)];
}

export class HostRewriter {
  private readonly target: string;

  constructor(
    /** The profile's base URL: an origin without a trailing slash. */
    target: string,
    /** Origins to rewrite besides the known hosts: the collection's own base URL. */
    private readonly extraOrigins: readonly string[] = [],
  ) {
    this.target = target.replace(/\/+$/, '');
  }

  /** Whether requests to `origin` belong to the profile's deployment once rewritten. */
  rewrites(origin: string, host: string): boolean {
    if (origin === this.target.toLowerCase()) return false;
    return isBrokerDeploymentHost(host) || this.extraOrigins.includes(origin);
  }

  /** The URL on the profile's base URL, or undefined when it is not rewritten. */
  url(url: string): { url: string; from: string } | undefined {
    const parts = splitUrl(url);
    if (!parts || !this.rewrites(parts.origin, parts.host)) return undefined;
    return { url: `${this.target}${parts.rest}`, from: parts.origin };
  }

  /** The object form: newman builds the request from protocol, host and port, so those change with `raw`. */
  urlObject(url: PostmanUrlObject): { url: PostmanUrlObject; from: string } | undefined {
    const fromParts = partsOrigin(url);
    const fromRaw = url.raw === undefined ? undefined : this.url(url.raw);
    if (fromParts === undefined) return fromRaw && { url: { ...url, raw: fromRaw.url }, from: fromRaw.from };
    if (!this.rewrites(fromParts.origin, fromParts.host)) return undefined;
    const target = new URL(this.target);
    const rewritten: PostmanUrlObject = {
      ...url,
      protocol: target.protocol.replace(/:$/, ''),
      host: [target.hostname],
      ...(fromRaw === undefined ? {} : { raw: fromRaw.url }),
    };
    if (target.port === '') delete rewritten.port;
    else rewritten.port = target.port;
    return { url: rewritten, from: fromParts.origin };
  }
}

function partsOrigin(url: PostmanUrlObject): { origin: string; host: string } | undefined {
  if (url.host === undefined) return undefined;
  const name = Array.isArray(url.host) ? url.host.join('.') : url.host;
  if (name === '' || name.includes('{{') || (url.port ?? '').includes('{{')) return undefined;
  const host = `${name}${url.port ? `:${url.port}` : ''}`.toLowerCase();
  const scheme = (url.protocol ?? 'http').replace(/:$/, '').toLowerCase();
  return { origin: `${scheme}://${host}`, host };
}

/** Where a host was rewritten: `request Broker / Initialize`, `collection variable local_testing`. */
export interface HostRewrite {
  where: string;
  from: string;
}

/** The collection and environment with every hard-coded deployment host moved to the rewriter's target. */
export function rewriteHosts(
  collection: PostmanCollection,
  environment: PostmanEnvironment,
  rewriter: HostRewriter,
): { collection: PostmanCollection; environment: PostmanEnvironment; rewrites: HostRewrite[] } {
  const out = structuredClone(collection);
  const env = structuredClone(environment);
  const rewrites: HostRewrite[] = [];
  for (const { path, item } of requestsOf(out.item)) {
    const request = item.request;
    const where = `request ${path}`;
    if (typeof request === 'string') {
      const done = rewriter.url(request);
      if (done) item.request = done.url;
      if (done) rewrites.push({ where, from: done.from });
      continue;
    }
    const url = request?.url;
    if (request === undefined || url === undefined) continue;
    const done = typeof url === 'string' ? rewriter.url(url) : rewriter.urlObject(url);
    if (done) request.url = done.url;
    if (done) rewrites.push({ where, from: done.from });
  }
  const variables = (list: PostmanVariable[] | undefined, scope: string) => {
    for (const variable of list ?? []) {
      if (typeof variable.value !== 'string') continue;
      const done = rewriter.url(variable.value);
      if (!done) continue;
      variable.value = done.url;
      rewrites.push({ where: `${scope} variable ${variable.key}`, from: done.from });
    }
  };
  variables(out.variable, 'collection');
  variables(env.values, 'environment');
  return { collection: out, environment: env, rewrites };
}
