/**
 * Turns a collection written for any deployment into one for the profile's: folders
 * chosen, variables injected (tokens from the harness's Maskinporten flow, ENVIRONMENT.md
 * "Authentication"), hard-coded hosts moved to `BROKER_BASE_URL`, non-Broker requests left out.
 */
import type { AuthTokenProvider } from '../auth/tokens.js';
import type { PersonaName, Profile } from '../profile/types.js';
import { HostRewriter, ownBaseOrigins, rewriteHosts, type HostRewrite } from './hosts.js';
import { injectVariables, planInjection, referencedVariables } from './inject.js';
import { keepBrokerRequests, selectFolders, variableValues, type SkippedRequest } from './select.js';
import type { PostmanCollection, PostmanEnvironment } from './source.js';

export interface Prepared {
  collection: PostmanCollection;
  environment: PostmanEnvironment;
  /** Variable names the profile filled (values may be secrets). */
  injected: string[];
  /** Token variables and their personas, for renewing them during a long run. */
  tokenVariables: { name: string; persona: PersonaName }[];
  rewrites: HostRewrite[];
  skipped: SkippedRequest[];
}

export async function prepareCollection(
  original: PostmanCollection,
  originalEnvironment: PostmanEnvironment,
  profile: Profile,
  tokens: Pick<AuthTokenProvider, 'token'>,
  folders: readonly string[] = [],
): Promise<Prepared> {
  const selected = selectFolders(original, folders);
  const rewriter = new HostRewriter(
    profile.brokerBaseUrl,
    ownBaseOrigins([...(original.variable ?? []), ...originalEnvironment.values]),
  );
  // Hosts first, so a base URL variable that named another deployment is reported as rewritten too.
  const rewritten = rewriteHosts(selected, originalEnvironment, rewriter);
  const plan = planInjection(rewritten.collection, rewritten.environment);
  const personaTokens: Partial<Record<PersonaName, string>> = {};
  for (const persona of plan.personas) personaTokens[persona] = await tokens.token(persona);
  const orgs = Object.fromEntries(Object.values(profile.personas).map((p) => [p.name, p.org])) as Record<
    PersonaName,
    string
  >;
  const injected = injectVariables(rewritten.collection, rewritten.environment, plan, {
    baseUrl: profile.brokerBaseUrl,
    resourceId: profile.resourceId,
    orgs,
    tokens: personaTokens,
  });
  const { collection, skipped } = keepBrokerRequests(
    injected.collection,
    variableValues(injected.collection, injected.environment),
    profile.brokerBaseUrl,
  );
  const skippedRequests = new Set(skipped.map((s) => `request ${s.path}`));
  // Variables only the skipped requests use were filled, but naming them would mislead the reader.
  const used = new Set([
    ...(original.variable ?? []).map((v) => v.key),
    ...originalEnvironment.values.map((v) => v.key),
    ...referencedVariables(collection),
  ]);
  return {
    collection,
    environment: injected.environment,
    injected: injected.injected.filter((name) => used.has(name)),
    tokenVariables: plan.variables.flatMap(({ name, injection }) =>
      injection.kind === 'token' ? [{ name, persona: injection.persona }] : [],
    ),
    rewrites: rewritten.rewrites.filter((r) => !skippedRequests.has(r.where)),
    skipped,
  };
}
