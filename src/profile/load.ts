/**
 * Reads the environment profile (ENVIRONMENT.md, all of it): the process environment first, then the
 * dotenv file; every variable is checked before the run starts and every problem is reported at once,
 * in one EnvironmentError (`ENV_INVALID`), one line per variable.
 */
import { DEFAULT_EVENT_TIMEOUT_MS, DEFAULT_POLL_TIMEOUT_MS } from '../defaults.js';
import { EnvironmentError } from '../errors.js';
import { registerSecret, registerSecretHeader } from '../redact.js';
import { DEFAULT_ENV_FILE, readEnvFile } from './dotenv.js';
import { readPersona, registerPersonaSecrets } from './personas.js';
import { ALL_PERSONAS, PERSONAS, type EventsProfile, type Profile } from './types.js';
import { parseJson, VariableReader, VARIABLES, type Variables } from './variables.js';

export interface LoadProfileOptions {
  /** @default process.env */
  env?: Variables;
  /** `false`: read no file (the variables are complete, as the self-test's are). @default '.env' */
  envFile?: string | false;
  /** True when the user passed `--env-file`: then the file must exist. @default false */
  envFileRequired?: boolean;
}

/** ENVIRONMENT.md's precedence: a non-empty process variable wins over the file's. */
export async function readVariables(options: LoadProfileOptions = {}): Promise<Record<string, string>> {
  const env = options.env ?? process.env;
  const file =
    options.envFile === false
      ? {}
      : await readEnvFile(options.envFile ?? DEFAULT_ENV_FILE, options.envFileRequired ?? false);
  const merged: Record<string, string> = {};
  for (const name of VARIABLES) {
    const value = nonEmpty(env[name]) ?? nonEmpty(file[name]);
    if (value !== undefined) merged[name] = value;
  }
  return merged;
}

export async function loadProfile(options: LoadProfileOptions = {}): Promise<Profile> {
  return buildProfile(await readVariables(options));
}

/** The profile of a set of variables, or an `ENV_INVALID` error listing every problem in them. */
export function buildProfile(vars: Variables, origin: { sandbox?: boolean } = {}): Profile {
  const reader = new VariableReader(vars);
  registerSecrets(reader);

  const brokerBaseUrl = reader.origin(
    'BROKER_BASE_URL',
    'https://platform.tt02.altinn.no',
    reader.required('BROKER_BASE_URL', 'the origin of the Broker API, e.g. https://platform.tt02.altinn.no'),
  );
  const envName = reader.get('BROKER_ENV_NAME') ?? (brokerBaseUrl ? new URL(brokerBaseUrl).host : '');
  const production = /^(prod|production)$/i.test(envName);
  const allowWrites = reader.oneOf('BROKER_ALLOW_WRITES', ['true', 'false'], 'false');
  const resourceId = reader.required(
    'BROKER_RESOURCE_ID',
    'the Broker resource id of the run, e.g. broker-contract-tests',
  );
  const authMode = reader.oneOf('AUTH_MODE', ['maskinporten', 'static'], 'maskinporten');
  const maskinporten = authMode === 'maskinporten' ? readMaskinporten(reader) : undefined;
  const exchangeUrl = reader.url(
    'ALTINN_EXCHANGE_URL',
    'https://platform.tt02.altinn.no/authentication/api/v1/exchange/maskinporten',
  );
  const extraHeaders = reader.stringRecord('BROKER_EXTRA_HEADERS', '{"Ocp-Apim-Subscription-Key":"…"}');
  // An optional persona is present when its P_ORG is set (ENVIRONMENT.md "Authentication").
  const present = ALL_PERSONAS.filter(
    (name) => (PERSONAS as readonly string[]).includes(name) || reader.get(`${name}_ORG`) !== undefined,
  );
  const personas = present.map((name) => readPersona(reader, name, authMode));
  const events = readEvents(reader);
  const pollTimeoutMs = reader.positiveInteger('BROKER_POLL_TIMEOUT_MS', DEFAULT_POLL_TIMEOUT_MS);
  const eventTimeoutMs = reader.positiveInteger('BROKER_EVENT_TIMEOUT_MS', DEFAULT_EVENT_TIMEOUT_MS);
  const openapi = reader.get('BROKER_OPENAPI');

  if (reader.problems.length > 0) {
    const count = reader.problems.length;
    throw new EnvironmentError(
      'ENV_INVALID',
      `The environment profile has ${count} problem${count === 1 ? '' : 's'}:\n` +
        reader.problems.map((p) => `  ${p}`).join('\n'),
      'Set these variables in the process environment or in the env file (.env or --env-file); see ENVIRONMENT.md.',
    );
  }
  // Every checker that recorded no problem returned a value; the casts below only restate that.
  return {
    envName,
    production,
    writesAllowed: !production || allowWrites === 'true',
    brokerBaseUrl: brokerBaseUrl as string,
    resourceId: resourceId as string,
    ...(openapi === undefined ? {} : { openapi }),
    authMode: authMode as Profile['authMode'],
    ...(maskinporten === undefined ? {} : { maskinporten }),
    ...(exchangeUrl === undefined ? {} : { exchangeUrl }),
    extraHeaders: extraHeaders ?? {},
    personas: Object.fromEntries(personas.map((p) => [p?.name, p])) as Profile['personas'],
    ...events,
    timing: { pollTimeoutMs: pollTimeoutMs as number, eventTimeoutMs: eventTimeoutMs as number },
    sandbox: origin.sandbox ?? false,
  };
}

function registerSecrets(reader: VariableReader): void {
  for (const name of ALL_PERSONAS) registerPersonaSecrets(reader, name);
  const headers = reader.get('BROKER_EXTRA_HEADERS');
  registerSecret(headers);
  const parsed = headers === undefined ? undefined : parseJson(headers);
  if (typeof parsed !== 'object' || parsed === null) return;
  for (const [name, value] of Object.entries(parsed)) {
    registerSecretHeader(name);
    if (typeof value === 'string') registerSecret(value);
  }
}

function readMaskinporten(reader: VariableReader): Profile['maskinporten'] {
  const tokenUrl = reader.url(
    'MASKINPORTEN_TOKEN_URL',
    'https://test.maskinporten.no/token',
    reader.required(
      'MASKINPORTEN_TOKEN_URL',
      'e.g. https://test.maskinporten.no/token (AUTH_MODE=maskinporten)',
    ),
  );
  if (tokenUrl === undefined) return undefined;
  const audience = reader.get('MASKINPORTEN_AUDIENCE') ?? `${new URL(tokenUrl).origin}/`;
  return { tokenUrl, audience };
}

function readEvents(reader: VariableReader): { events?: EventsProfile; eventsSkipReason?: string } {
  const apiUrl = reader.url('EVENTS_API_URL', 'https://platform.tt02.altinn.no/events/api/v1');
  const webhookUrl = reader.url('EVENTS_WEBHOOK_URL', 'https://suite.example.org/events');
  const webhookPort = reader.port('EVENTS_WEBHOOK_PORT');
  if (reader.get('EVENTS_API_URL') === undefined) return { eventsSkipReason: 'EVENTS_API_URL is not set' };
  if (apiUrl === undefined) return {};
  return {
    events: {
      apiUrl,
      ...(webhookUrl === undefined ? {} : { webhookUrl }),
      ...(webhookPort === undefined ? {} : { webhookPort }),
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
