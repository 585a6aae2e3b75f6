/**
 * The peer side by side for `npm run bench`: Portman's contract tests, generated once from
 * spec/broker-api.yaml and run by newman against the conformant sandbox and against each fault. A
 * fault counts as caught when a check that passed on the conformant sandbox fails under it.
 *
 * `tsx scripts/bench/peer-portman.ts [--faults a,b | --faults all] [--binding examples|sandbox]`
 * prints the result as JSON (progress on stderr).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import newman, { type NewmanRunOptions, type NewmanRunSummary } from 'newman';
import { parse } from 'yaml';
import { FAULTS } from '../../sandbox/faults.js';
import { startSandbox } from '../../sandbox/launcher.js';
import { API_PREFIX } from '../../src/api-prefix.js';
import { createTokenProvider } from '../../src/auth/tokens.js';
import { REQUEST_TIMEOUT_MS } from '../../src/defaults.js';
import { buildProfile } from '../../src/profile/load.js';
import type { PersonaName } from '../../src/profile/types.js';
import { redact } from '../../src/redact.js';

export interface PeerRun {
  /** 'conformant' or the fault name */
  condition: string;
  /** Sandbox start to stop: the sandbox's own start and stop, the tokens and the newman run. */
  wallMs: number;
  requests: number;
  checks: number;
  failedChecks: number;
  failedCheckNames: string[];
}

export interface PeerResult {
  peer: 'portman';
  version: string;
  generateMs: number;
  runs: PeerRun[];
  conformantFalseFailures: number;
  faultsCaught: string[];
  faultsMissed: string[];
  findings: string[];
}

/**
 * `examples`: the collection as Portman generates it, its ids and resource being the examples it made
 * up; only the base URL and a token are given. `sandbox`: what a Portman user would add in its config
 * (the sandbox's resource and parties, the id initialize returns carried to the later requests) and a
 * persona per operation.
 */
export type PortmanBinding = 'examples' | 'sandbox';

export interface BenchPortmanOptions {
  faults: readonly string[];
  /** Where the Portman config and the generated collection go; the caller deletes it. */
  workDir: string;
  log?: (line: string) => void;
  /** @default 'examples' */
  binding?: PortmanBinding;
}

const SPEC = fileURLToPath(new URL('../../spec/broker-api.yaml', import.meta.url));
const CONFORMANT = 'conformant';
/**
 * The sandbox's simulated scan, upload to Published. The collection sends the download right after the
 * upload and cannot wait, so with the default (200 sandbox ms) the download raced the scan and lost at
 * random under load, failing download and confirm whatever the fault: a catch by luck. At 0 the race is gone.
 */
const PROCESSING_DELAY_MS = 0;
const PERSONAS = ['SERVICEOWNER', 'SENDER', 'RECIPIENT'] as const satisfies readonly PersonaName[];
const tokenVariable = (persona: PersonaName): string => `${persona.toLowerCase()}Token`;

/** Portman's default contract tests (its portman-config.default.json, response time left off). */
const CONTRACT_TESTS = [
  { openApiOperation: '*::/*', statusSuccess: { enabled: true } },
  { openApiOperation: '*::/*', contentType: { enabled: true } },
  { openApiOperation: '*::/*', jsonBody: { enabled: true } },
  { openApiOperation: '*::/*', schemaValidation: { enabled: true } },
  { openApiOperation: '*::/*', headersPresent: { enabled: true } },
];

/** The `sandbox` binding, in Portman's own terms; the values are newman variables set per run. */
const SANDBOX_BINDING = {
  assignVariables: [
    {
      openApiOperationId: 'initializeFileTransfer',
      collectionVariables: [{ responseBodyProp: 'fileTransferId', name: 'fileTransferId' }],
    },
  ],
  overwrites: [
    {
      openApiOperationId: 'initializeFileTransfer',
      overwriteRequestBody: [
        { key: 'resourceId', value: '{{resourceId}}' },
        { key: 'sender', value: '0192:{{senderOrg}}' },
        { key: 'recipients', value: ['0192:{{recipientOrg}}'] },
      ],
    },
    {
      openApiOperationId: 'initializeAndUploadFileTransfer',
      overwriteRequestBody: [
        { key: 'Metadata.ResourceId', value: '{{resourceId}}' },
        { key: 'Metadata.Sender', value: '0192:{{senderOrg}}' },
        { key: 'Metadata.Recipients', value: '0192:{{recipientOrg}}' },
      ],
    },
    {
      openApiOperation: '*::/broker/api/v1/filetransfer/*',
      overwriteRequestPathVariables: [{ key: 'fileTransferId', value: '{{fileTransferId}}', insert: false }],
    },
    {
      openApiOperationId: 'searchFileTransfers',
      overwriteRequestQueryParams: [{ key: 'resourceId', value: '{{resourceId}}' }],
    },
    {
      openApiOperation: '*::/broker/api/v1/resource/{resourceId}',
      overwriteRequestPathVariables: [{ key: 'resourceId', value: '{{resourceId}}' }],
    },
  ],
};

/** Which persona calls a request under the `sandbox` binding, by the path's first segment after the prefix. */
function personaFor(path: readonly string[]): PersonaName {
  const last = path.at(-1);
  if (path[3] !== 'filetransfer') return 'SERVICEOWNER';
  return last === 'download' || last === 'confirmdownload' ? 'RECIPIENT' : 'SENDER';
}

/** The parts of a Postman v2.1 collection this module reads. */
interface Item {
  name?: string;
  item?: Item[];
  request?: {
    method?: string;
    url?: { path?: string[]; variable?: { key: string; value?: unknown }[] };
    auth?: { type?: string; [type: string]: unknown };
  };
  event?: { listen: string; script?: { exec?: string[] } }[];
}
interface Collection {
  item: Item[];
}

interface Generated {
  binding: PortmanBinding;
  /** As Portman wrote it; the findings read this one. */
  original: Collection;
  /** With the bench's bearer tokens in place of Portman's OAuth2 auth. */
  collection: Collection;
  version: string;
  generateMs: number;
}

interface Execution {
  /** Method and path template, e.g. `GET /broker/api/v1/filetransfer/:fileTransferId`. */
  request: string;
  code: number | undefined;
  /** The Broker error code (`BRO-NNNNN`) of a JSON error body. */
  brokerCode: string | undefined;
}

/** Runs Portman's CLI in `workDir`: it writes `./tmp` beside itself, reads `./.env` and copies every
 * `PORTMAN_*` variable into the collection, so it gets an empty directory and none of our variables. */
async function generate(workDir: string, binding: PortmanBinding): Promise<Generated> {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@apideck/portman/package.json');
  const { version } = JSON.parse(await readFile(packageJson, 'utf8')) as { version: string };
  const config = { version: 1.0, tests: { contractTests: CONTRACT_TESTS } };
  const configPath = join(workDir, 'portman-config.json');
  const output = join(workDir, 'broker-api.portman.json');
  await writeFile(
    configPath,
    JSON.stringify(binding === 'sandbox' ? { ...config, ...SANDBOX_BINDING } : config),
  );
  const args = [join(dirname(packageJson), 'bin', 'portman'), '-l', SPEC, '-o', output, '-c', configPath];
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      args,
      { cwd: workDir, env: { PATH: process.env.PATH ?? '', HOME: workDir, FORCE_COLOR: '0' } },
      (error, stdout, stderr) =>
        error === null
          ? resolve()
          : reject(new Error(`Portman ${version} could not generate the collection: ${stderr || stdout}`)),
    ),
  );
  const generateMs = performance.now() - t0;
  const original = JSON.parse(await readFile(output, 'utf8')) as Collection;
  return { binding, original, collection: withBearer(original, binding), version, generateMs };
}

function requestsOf(items: readonly Item[]): Item[] {
  return items.flatMap((i) => (i.item ? requestsOf(i.item) : i.request ? [i] : []));
}

/** Portman writes the spec's OAuth2 scheme, which newman cannot run (see the findings). Under `examples`
 * the one identity it implies is the service owner, the only persona holding all the scopes it asks. */
function withBearer(collection: Collection, binding: PortmanBinding): Collection {
  const copy = structuredClone(collection);
  for (const { request } of requestsOf(copy.item)) {
    if (request === undefined) continue;
    const persona = binding === 'sandbox' ? personaFor(request.url?.path ?? []) : 'SERVICEOWNER';
    request.auth = { type: 'bearer', bearer: [{ key: 'token', value: `{{${tokenVariable(persona)}}}` }] };
  }
  return copy;
}

/** Paths in the spec start with the API prefix already; otherwise the base URL must carry it. */
function baseUrlFor(collection: Collection, origin: string): string {
  const prefix = API_PREFIX.split('/').filter(Boolean);
  const prefixed = requestsOf(collection.item).every((i) =>
    prefix.every((segment, n) => i.request?.url?.path?.[n] === segment),
  );
  return prefixed ? origin : `${origin}${API_PREFIX}`;
}

async function runNewman(
  collection: Collection,
  variables: Record<string, string>,
): Promise<NewmanRunSummary> {
  const options: NewmanRunOptions = {
    collection: collection as unknown as NewmanRunOptions['collection'],
    envVar: Object.entries(variables).map(([key, value]) => ({ key, value })),
    timeoutRequest: REQUEST_TIMEOUT_MS,
    reporters: [],
  };
  return new Promise((resolve, reject) =>
    newman.run(options, (error, summary) =>
      error
        ? reject(new Error(`newman could not run the Portman collection: ${redact(error.message)}`))
        : resolve(summary),
    ),
  );
}

async function runCondition(
  generated: Generated,
  fault: string | undefined,
): Promise<{ run: PeerRun; executions: Execution[] }> {
  const t0 = performance.now();
  const sandbox = await startSandbox({
    processingDelayMs: PROCESSING_DELAY_MS,
    ...(fault === undefined ? {} : { fault }),
  });
  let summary: NewmanRunSummary;
  try {
    const tokens = createTokenProvider(buildProfile(sandbox.env, { sandbox: true }));
    const variables: Record<string, string> = {
      baseUrl: baseUrlFor(generated.collection, sandbox.origin),
      resourceId: sandbox.env.BROKER_RESOURCE_ID ?? '',
      senderOrg: sandbox.env.SENDER_ORG ?? '',
      recipientOrg: sandbox.env.RECIPIENT_ORG ?? '',
    };
    for (const persona of PERSONAS) variables[tokenVariable(persona)] = await tokens.token(persona);
    summary = await runNewman(generated.collection, variables);
  } finally {
    await sandbox.stop();
  }
  const failed = summary.run.executions.flatMap((e) =>
    (e.assertions ?? []).filter((a) => a.error).map((a) => a.assertion),
  );
  const run: PeerRun = {
    condition: fault ?? CONFORMANT,
    wallMs: Math.round(performance.now() - t0),
    requests: summary.run.stats.requests.total ?? 0,
    checks: summary.run.stats.assertions.total ?? 0,
    failedChecks: failed.length,
    failedCheckNames: [...new Set(failed)].sort(),
  };
  const executions = summary.run.executions.map((e) => ({
    request: `${e.item.request.method} /${(e.item.request.url.path ?? []).join('/')}`,
    code: (e.response as { code?: number } | undefined)?.code,
    brokerCode: brokerCodeOf((e.response as { stream?: Buffer } | undefined)?.stream),
  }));
  return { run, executions };
}

export async function benchPortman(options: BenchPortmanOptions): Promise<PeerResult> {
  const log = options.log ?? (() => {});
  const unknown = options.faults.filter((f) => !FAULTS.some((known) => known.name === f));
  if (unknown.length > 0) throw new Error(`not in sandbox/faults.ts FAULTS: ${unknown.join(', ')}`);
  const generated = await generate(options.workDir, options.binding ?? 'examples');
  log(
    `portman ${generated.version} (${generated.binding}): ${requestsOf(generated.original.item).length} requests generated in ${generated.generateMs.toFixed(0)} ms`,
  );
  const runs: PeerRun[] = [];
  let conformantExecutions: Execution[] = [];
  for (const fault of [undefined, ...options.faults]) {
    const { run, executions } = await runCondition(generated, fault);
    if (fault === undefined) conformantExecutions = executions;
    runs.push(run);
    log(
      `portman ${run.condition}: ${run.requests} requests, ${run.checks} checks, ${run.failedChecks} failed, ${run.wallMs} ms`,
    );
  }
  const [conformant, ...faulted] = runs;
  if (conformant === undefined) throw new Error('the conformant run is missing');
  const baseline = new Set(conformant.failedCheckNames);
  const caught = faulted.filter((r) => r.failedCheckNames.some((name) => !baseline.has(name)));
  return {
    peer: 'portman',
    version: generated.version,
    generateMs: Math.round(generated.generateMs),
    runs,
    conformantFalseFailures: conformant.failedChecks,
    faultsCaught: caught.map((r) => r.condition),
    faultsMissed: faulted.filter((r) => !caught.includes(r)).map((r) => r.condition),
    findings: await findings(generated, conformant, conformantExecutions),
  };
}

function brokerCodeOf(body: Buffer | undefined): string | undefined {
  try {
    const code: unknown = (JSON.parse(body?.toString() ?? '') as { code?: unknown }).code;
    return typeof code === 'string' && code.startsWith('BRO-') ? code : undefined;
  } catch {
    return undefined;
  }
}

/** What Portman cannot do that the suite does, each read off the generated collection or the runs. */
async function findings(
  generated: Generated,
  conformant: PeerRun,
  executions: Execution[],
): Promise<string[]> {
  const spec = parse(await readFile(SPEC, 'utf8')) as {
    webhooks?: Record<string, unknown>;
    'x-closed-models'?: boolean;
  };
  const requests = requestsOf(generated.original.item);
  const scripts = requests.flatMap((i) => (i.event ?? []).flatMap((e) => e.script?.exec ?? [])).join('\n');
  const out: string[] = [];

  const oauth = requests.filter((i) => i.request?.auth?.type === 'oauth2');
  if (oauth.length > 0) {
    const params = new Map(
      ((oauth[0]?.request?.auth?.oauth2 ?? []) as { key: string; value?: unknown }[]).map((p) => [
        p.key,
        String(p.value),
      ]),
    );
    const scopes = new Set(
      oauth.map(
        (i) =>
          ((i.request?.auth?.oauth2 ?? []) as { key: string; value?: unknown }[]).find(
            (p) => p.key === 'scope',
          )?.value,
      ),
    );
    out.push(
      `No Maskinporten authentication: Portman writes the spec's OAuth2 scheme on ${oauth.length} of ${requests.length} requests as Postman oauth2 auth (grant_type ${params.get('grant_type')}, token URL ${params.get('accessTokenUrl')}). newman fetches no OAuth2 token, and Maskinporten issues one only for a JWT-bearer grant with a signed client assertion, so the bench gave the collection bearer tokens obtained by the suite.`,
    );
    if (scopes.size === 1)
      out.push(
        `One identity for every operation: each request asks for the same scopes (${[...scopes][0]}), so nothing calls as an outsider, with a missing scope or with an expired or unsigned token; ${generated.binding === 'sandbox' ? 'the sender, recipient and service-owner personas were assigned per operation by the bench, not by Portman' : 'the bench ran all of them as the service owner, the one persona with all those scopes'}.`,
      );
  }

  const kinds = new Set(checkNames(scripts).map(checkKind));
  out.push(
    `Only the 2xx answer of each operation is checked, once: ${requests.length} requests, one per operation, with ${conformant.checks} checks of ${kinds.size} kinds (${[...kinds].join('; ')}). No error answer, Broker error code or non-2xx status is ever expected, and no check compares one answer with another (sizes, checksums, downloaded bytes, status history, search results).`,
  );

  const chained = /pm\.(collectionVariables|environment|globals|variables)\.set\(/.test(scripts);
  out.push(
    chained
      ? "Requests use earlier answers only where the Portman config says so: here the fileTransferId from initialize, assigned by the bench's config."
      : 'No request uses an earlier answer: the fileTransferId initialize returns never reaches upload, overview, details or download, which go to ids Portman generated.',
  );
  if (!/setTimeout|setNextRequest|pm\.sendRequest/.test(scripts))
    out.push(
      `No lifecycle: nothing waits or polls, so no transfer is followed from UploadProcessing to Published, to AllConfirmedDownloaded or to a purge; each request sees whatever state the previous ones left. The bench runs the sandbox with a ${PROCESSING_DELAY_MS} ms scan: with the default 200 ms the download sent right after the upload met UploadProcessing (403 BRO-00007) at random under load.`,
    );

  const webhooks = Object.keys(spec.webhooks ?? {});
  const urls = requests.map((i) => `/${(i.request?.url?.path ?? []).join('/')}`);
  if (webhooks.length > 0 && urls.every((u) => u.startsWith(API_PREFIX)))
    out.push(
      `No CloudEvents: the spec's ${webhooks.length} webhooks become no request, so no subscription, validation handshake, event delivery, subject or event order is checked.`,
    );

  const schemaChecks = checkNames(scripts).filter((n) => n.endsWith('Schema is valid')).length;
  if (spec['x-closed-models'] === true && !scripts.includes('"additionalProperties":false'))
    out.push(
      `Open models: the spec's x-closed-models (a member a model does not list is a contract failure) means nothing to Portman; none of its ${schemaChecks} schema checks closes a model, so an undocumented response member passes.`,
    );

  if (generated.binding === 'examples') {
    const variables = new Map(
      requests.flatMap((i) => (i.request?.url?.variable ?? []).map((v) => [v.key, String(v.value)] as const)),
    );
    const made = [...variables].map(([key, value]) => `${key} '${value}'`).join(', ');
    if (made)
      out.push(
        `Example ids that do not exist: the path parameters are values Portman made up (${made}); no Broker issued them.`,
      );
  }

  const refused = executions.filter((e) => e.code === undefined || e.code < 200 || e.code > 299);
  if (refused.length > 0)
    out.push(
      `On the conformant sandbox ${refused.length} of ${executions.length} requests got no 2xx answer, each the collection's doing, not the Broker's, and ${conformant.failedChecks} of ${conformant.checks} checks failed: ${refused.map((e) => `${e.request} ${e.code ?? 'no answer'}${e.brokerCode ? ` ${e.brokerCode}` : ''}`).join('; ')}.`,
    );
  return out;
}

/** The test names in the generated scripts (`pm.test("<name>", ...)`). */
function checkNames(scripts: string): string[] {
  return [...scripts.matchAll(/pm\.test\("([^"]+)"/g)].map((m) => m[1] ?? '');
}

/** `[GET]::/path - Response header Location is present` -> `Response header … is present`. */
function checkKind(name: string): string {
  return (name.split(' - ').at(-1) ?? name)
    .replace(/^(Response header )\S+( is present)$/, '$1…$2')
    .replace(/^(Content-Type is ).*$/, '$1…');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { faults: { type: 'string', default: 'all' }, binding: { type: 'string', default: 'examples' } },
  });
  const faults =
    values.faults === 'all' ? FAULTS.map((f) => f.name) : values.faults.split(',').filter(Boolean);
  if (values.binding !== 'examples' && values.binding !== 'sandbox')
    throw new Error(`--binding ${values.binding}: expected examples or sandbox`);
  const workDir = await mkdtemp(join(tmpdir(), 'peer-portman-'));
  try {
    const t0 = performance.now();
    const result = await benchPortman({
      faults,
      workDir,
      binding: values.binding,
      log: (line) => console.error(line),
    });
    console.error(`portman: ${1 + faults.length} runs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
