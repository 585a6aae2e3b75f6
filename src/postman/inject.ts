/**
 * Fills a collection's variables from the profile (ENVIRONMENT.md "Broker" and
 * "Authentication"): a token per persona obtained by the harness, so the collection needs no signing
 * code; the resource id; each persona's organisation and party; the base URL. Variables are found by
 * name, whatever the collection's own spelling (`sender_token`, `senderToken`, `SENDER_TOKEN`).
 */
import { PERSONAS, type PersonaName, type RequiredPersona } from '../profile/types.js';
import { BASE_URL_NAME, splitUrl } from './hosts.js';
import type { PostmanCollection, PostmanEnvironment, PostmanVariable } from './source.js';

export type Injection =
  | { kind: 'token' | 'org' | 'party'; persona: RequiredPersona }
  | { kind: 'resourceId' }
  | { kind: 'baseUrl' };

/** Lower case without separators: `Service-Owner_Token` → `serviceownertoken`. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]/g, '');
}

/** What the profile puts into a variable of this name; undefined: the collection's value stays. */
export function classifyVariable(name: string): Injection | undefined {
  const squashed = squash(name);
  const persona = PERSONAS.find((p) => squashed.includes(p.toLowerCase()));
  if (persona !== undefined) {
    if (squashed.includes('token')) return { kind: 'token', persona };
    if (squashed.includes('party')) return { kind: 'party', persona };
    if (squashed.includes('org')) return { kind: 'org', persona };
    return undefined;
  }
  if (squashed === 'resourceid' || squashed === 'brokerresourceid') return { kind: 'resourceId' };
  if (BASE_URL_NAME.test(name)) return { kind: 'baseUrl' };
  return undefined;
}

export interface InjectionValues {
  baseUrl: string;
  resourceId: string;
  orgs: Record<RequiredPersona, string>;
  /** Only the personas some variable asks a token of. */
  tokens: Partial<Record<PersonaName, string>>;
}

/** `{{name}}` references anywhere in the collection: URLs, headers, auth, bodies, scripts. */
export function referencedVariables(collection: PostmanCollection): string[] {
  const names = [...JSON.stringify(collection).matchAll(/\{\{([^{}\s]+)\}\}/g)].map((m) => m[1] ?? '');
  return [...new Set(names)].filter((name) => name !== '' && !name.startsWith('$'));
}

export interface InjectionPlan {
  /** Every variable the profile fills, with what goes in. */
  variables: { name: string; injection: Injection }[];
  /** The personas whose tokens the collection needs. */
  personas: PersonaName[];
}

export function planInjection(collection: PostmanCollection, environment: PostmanEnvironment): InjectionPlan {
  const names = new Set([
    ...(collection.variable ?? []).map((v) => v.key),
    ...environment.values.map((v) => v.key),
    ...referencedVariables(collection),
  ]);
  const variables = [...names]
    .map((name) => ({ name, injection: classifyVariable(name) }))
    .filter((v): v is { name: string; injection: Injection } => v.injection !== undefined);
  const personas = PERSONAS.filter((p) =>
    variables.some((v) => v.injection.kind === 'token' && v.injection.persona === p),
  );
  return { variables, personas };
}

/**
 * The value for a variable. A base URL keeps whatever path the collection gave it
 * (`https://platform.tt02.altinn.no/broker` → `<profile>/broker`).
 */
export function injectedValue(injection: Injection, values: InjectionValues, current?: unknown): string {
  switch (injection.kind) {
    case 'token':
      return values.tokens[injection.persona] ?? '';
    case 'org':
      return values.orgs[injection.persona];
    case 'party':
      return `0192:${values.orgs[injection.persona]}`;
    case 'resourceId':
      return values.resourceId;
    case 'baseUrl': {
      const rest = typeof current === 'string' ? (splitUrl(current)?.rest ?? '') : '';
      return `${values.baseUrl}${rest}`.replace(/\/+$/, '');
    }
  }
}

export interface Injected {
  collection: PostmanCollection;
  environment: PostmanEnvironment;
  /** Names only: the values may be secrets. */
  injected: string[];
}

/**
 * The collection and environment with the plan's variables filled. A variable the collection only
 * references (`{{resourceId}}` in a body, defined nowhere) is added to the environment, which Postman
 * reads before collection variables.
 */
export function injectVariables(
  collection: PostmanCollection,
  environment: PostmanEnvironment,
  plan: InjectionPlan,
  values: InjectionValues,
): Injected {
  const out = structuredClone(collection);
  const env = structuredClone(environment);
  const fill = (variable: PostmanVariable, injection: Injection) => {
    variable.value = injectedValue(injection, values, variable.value);
    if (injection.kind === 'token') variable.type = 'secret';
  };
  for (const { name, injection } of plan.variables) {
    const inCollection = (out.variable ?? []).filter((v) => v.key === name);
    const inEnvironment = env.values.filter((v) => v.key === name);
    for (const variable of [...inCollection, ...inEnvironment]) fill(variable, injection);
    if (inCollection.length + inEnvironment.length === 0) {
      const added: PostmanVariable = { key: name, enabled: true };
      fill(added, injection);
      env.values.push(added);
    }
  }
  return { collection: out, environment: env, injected: plan.variables.map((v) => v.name).sort() };
}
