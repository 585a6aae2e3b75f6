/**
 * Who gets what on every Broker operation but TUS (CONTRACT.md §3.2, §3.6, §4.x): the parties of a
 * transfer, an unrelated organisation, a service owner, and tokens that are missing, lack the scope,
 * have expired, were tampered with or are unsigned. Every answer is checked against spec/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SANDBOX_RESOURCE, startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import type { PersonaName } from '../../sandbox/config.js';
import { call, jsonBody, token } from './client.js';
import {
  API,
  codeOf,
  download,
  expectAnswer,
  expired,
  initialize,
  minted,
  multipart,
  multipartFields,
  party,
  publish,
  tampered,
  transferFields,
  unsigned,
} from './fixtures.js';

type Operation =
  | 'initialize'
  | 'initialize (caller as sender)'
  | 'upload'
  | 'multipart'
  | 'overview'
  | 'details'
  | 'search'
  | 'download'
  | 'confirm'
  | 'PUT resource'
  | 'GET resource'
  | 'POST serviceowner'
  | 'GET serviceowner'
  | 'monthly statistics';

type Caller =
  | PersonaName
  | 'SENDER with read'
  | 'OUTSIDER as service owner'
  | 'no token'
  | 'wrong scope'
  | 'expired'
  | 'tampered signature'
  | 'alg none';

interface Request {
  method: string;
  path: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** The persona an operation is meant for: forged and wrong-scope tokens are made from its claims. */
const RIGHTFUL: Record<Operation, PersonaName> = {
  initialize: 'SENDER',
  'initialize (caller as sender)': 'SENDER',
  upload: 'SENDER',
  multipart: 'SENDER',
  overview: 'SENDER',
  details: 'SENDER',
  search: 'SENDER',
  download: 'RECIPIENT',
  confirm: 'RECIPIENT',
  'PUT resource': 'SERVICEOWNER',
  'GET resource': 'SERVICEOWNER',
  'POST serviceowner': 'SERVICEOWNER',
  'GET serviceowner': 'SERVICEOWNER',
  'monthly statistics': 'SERVICEOWNER',
};

const SCOPES: Record<PersonaName, string[]> = {
  SERVICEOWNER: ['altinn:serviceowner', 'altinn:broker.write', 'altinn:broker.read'],
  SENDER: ['altinn:broker.write'],
  RECIPIENT: ['altinn:broker.read'],
  RECIPIENT2: ['altinn:broker.read'],
  OUTSIDER: ['altinn:broker.write', 'altinn:broker.read'],
};

let sandbox: RunningSandbox;
const tokens = new Map<string, string>();
/** A Published transfer from SENDER to RECIPIENT, for the operations that only read. */
let published: string;

beforeAll(async () => {
  sandbox = await startSandbox({ processingDelayMs: 1 });
  const personas: PersonaName[] = ['SERVICEOWNER', 'SENDER', 'RECIPIENT', 'OUTSIDER'];
  for (const persona of personas) {
    const plain = await token(sandbox, persona, SCOPES[persona].join(' '));
    tokens.set(persona, plain);
    tokens.set(`${persona}/wrong scope`, await token(sandbox, persona, 'altinn:events.subscribe'));
    tokens.set(`${persona}/expired`, await expired(sandbox, persona, SCOPES[persona]));
    tokens.set(`${persona}/tampered signature`, tampered(plain));
    tokens.set(`${persona}/alg none`, unsigned(plain));
  }
  tokens.set('SENDER with read', await token(sandbox, 'SENDER', 'altinn:broker.write altinn:broker.read'));
  tokens.set(
    'OUTSIDER as service owner',
    await minted(sandbox, sandbox.env.OUTSIDER_ORG ?? '', ['altinn:serviceowner']),
  );
  published = await publish(sandbox, tok('SENDER'));
});
afterAll(() => sandbox.stop());

function tok(key: string): string {
  const found = tokens.get(key);
  if (found === undefined) throw new Error(`no token ${key}`);
  return found;
}

function tokenFor(operation: Operation, caller: Caller): string | undefined {
  if (caller === 'no token') return undefined;
  if (['wrong scope', 'expired', 'tampered signature', 'alg none'].includes(caller))
    return tok(`${RIGHTFUL[operation]}/${caller}`);
  return tok(caller);
}

/** A transfer from SENDER to RECIPIENT that RECIPIENT has downloaded, ready to be confirmed. */
async function downloaded(): Promise<string> {
  const id = await publish(sandbox, tok('SENDER'));
  expectAnswer(await download(sandbox, tok('RECIPIENT'), id), 200);
  return id;
}

/** The request for `operation`; the operations that change a transfer get a fresh one in the state they need. */
async function request(operation: Operation, caller: Caller): Promise<Request> {
  const json = (value: unknown) => jsonBody(value);
  const resource = `${API}/resource/${SANDBOX_RESOURCE}`;
  switch (operation) {
    case 'initialize':
      return { method: 'POST', path: `${API}/filetransfer`, ...json(transferFields(sandbox)) };
    case 'initialize (caller as sender)': {
      const persona = (caller in SCOPES ? caller : 'SENDER') as PersonaName;
      return {
        method: 'POST',
        path: `${API}/filetransfer`,
        ...json(transferFields(sandbox, { sender: party(sandbox, persona) })),
      };
    }
    case 'upload':
      return {
        method: 'POST',
        path: `${API}/filetransfer/${await initialize(sandbox, tok('SENDER'))}/upload`,
        body: 'hello world',
        headers: { 'content-type': 'application/octet-stream' },
      };
    case 'multipart':
      return {
        method: 'POST',
        path: `${API}/filetransfer/upload`,
        ...multipart(multipartFields(sandbox), 'hello form'),
      };
    case 'overview':
      return { method: 'GET', path: `${API}/filetransfer/${published}` };
    case 'details':
      return { method: 'GET', path: `${API}/filetransfer/${published}/details` };
    case 'search':
      return { method: 'GET', path: `${API}/filetransfer?resourceId=${SANDBOX_RESOURCE}` };
    case 'download':
      return { method: 'GET', path: `${API}/filetransfer/${published}/download` };
    case 'confirm':
      return { method: 'POST', path: `${API}/filetransfer/${await downloaded()}/confirmdownload` };
    case 'PUT resource':
      return { method: 'PUT', path: resource, ...json({}) };
    case 'GET resource':
      return { method: 'GET', path: resource };
    case 'POST serviceowner':
      return { method: 'POST', path: `${API}/serviceowner`, ...json({ name: 'Again' }) };
    case 'GET serviceowner':
      return { method: 'GET', path: `${API}/serviceowner` };
    case 'monthly statistics':
      return {
        method: 'GET',
        path: `${API}/statistics/monthly?year=2026&month=1&resourceId=${SANDBOX_RESOURCE}`,
      };
  }
}

/** §3.6 / §2.3: the same answers for every operation when the token itself is the problem. */
const TOKEN_PROBLEMS: [Caller, number][] = [
  ['no token', 401],
  ['wrong scope', 403],
  ['expired', 401],
  ['tampered signature', 401],
  ['alg none', 401],
];

const OPERATIONS = Object.keys(RIGHTFUL) as Operation[];

type Row = [Operation, Caller, number, string | undefined];

const DENIED = 'BRO-00006';

// prettier-ignore
const ROWS: Row[] = [
  // §4.1: the PDP is asked about the `sender` party; only SENDER may write for SENDER.
  ['initialize', 'SENDER', 200, undefined],
  ['initialize', 'SERVICEOWNER', 401, DENIED],
  ['initialize', 'RECIPIENT', 403, undefined],
  ['initialize', 'OUTSIDER', 401, DENIED],
  // §3.5: an organisation with write on the resource may send as itself; one without may not.
  ['initialize (caller as sender)', 'SERVICEOWNER', 200, undefined],
  ['initialize (caller as sender)', 'OUTSIDER', 401, DENIED],
  // §4.2, §3.6: upload is the sender's.
  ['upload', 'SENDER', 200, undefined],
  ['upload', 'SERVICEOWNER', 401, DENIED],
  ['upload', 'RECIPIENT', 403, undefined],
  ['upload', 'OUTSIDER', 401, DENIED],
  // §4.3: the §4.1 checks first.
  ['multipart', 'SENDER', 200, undefined],
  ['multipart', 'SERVICEOWNER', 401, DENIED],
  ['multipart', 'RECIPIENT', 403, undefined],
  ['multipart', 'OUTSIDER', 401, DENIED],
  // §3.6: overview and details for both parties; unrelated organisations get 401, not 403 or 404.
  ['overview', 'SENDER', 200, undefined],
  ['overview', 'RECIPIENT', 200, undefined],
  ['overview', 'SERVICEOWNER', 401, DENIED],
  ['overview', 'OUTSIDER', 401, DENIED],
  ['details', 'SENDER', 200, undefined],
  ['details', 'RECIPIENT', 200, undefined],
  ['details', 'SERVICEOWNER', 401, DENIED],
  ['details', 'OUTSIDER', 401, DENIED],
  // §4.7: read and write on the resource are needed; an organisation with both sees its own (maybe none).
  ['search', 'SENDER', 200, undefined],
  ['search', 'RECIPIENT', 200, undefined],
  ['search', 'SERVICEOWNER', 200, undefined],
  ['search', 'OUTSIDER', 401, DENIED],
  // §3.6: download needs the read scope, then a recipient party.
  ['download', 'RECIPIENT', 200, undefined],
  ['download', 'SENDER', 403, undefined],
  ['download', 'SENDER with read', 401, DENIED],
  ['download', 'SERVICEOWNER', 401, DENIED],
  ['download', 'OUTSIDER', 401, DENIED],
  ['confirm', 'RECIPIENT', 204, undefined],
  ['confirm', 'SENDER', 403, undefined],
  ['confirm', 'SENDER with read', 401, DENIED],
  ['confirm', 'SERVICEOWNER', 401, DENIED],
  ['confirm', 'OUTSIDER', 401, DENIED],
  // §4.10: the ServiceOwner policy; sender and recipient tokens get 403; the resource is the owner's.
  ['PUT resource', 'SERVICEOWNER', 204, undefined],
  ['PUT resource', 'SENDER', 403, undefined],
  ['PUT resource', 'RECIPIENT', 403, undefined],
  ['PUT resource', 'OUTSIDER', 403, undefined],
  ['PUT resource', 'OUTSIDER as service owner', 401, DENIED],
  ['GET resource', 'SERVICEOWNER', 200, undefined],
  ['GET resource', 'SENDER', 403, undefined],
  ['GET resource', 'RECIPIENT', 403, undefined],
  ['GET resource', 'OUTSIDER', 403, undefined],
  ['GET resource', 'OUTSIDER as service owner', 401, DENIED],
  // §4.11: the seeded service owner is registered already.
  ['POST serviceowner', 'SERVICEOWNER', 409, 'BRO-07002'],
  ['POST serviceowner', 'SENDER', 403, undefined],
  ['POST serviceowner', 'RECIPIENT', 403, undefined],
  ['POST serviceowner', 'OUTSIDER', 403, undefined],
  ['GET serviceowner', 'SERVICEOWNER', 200, undefined],
  ['GET serviceowner', 'SENDER', 403, undefined],
  ['GET serviceowner', 'RECIPIENT', 403, undefined],
  ['GET serviceowner', 'OUTSIDER', 403, undefined],
  ['GET serviceowner', 'OUTSIDER as service owner', 404, 'BRO-07004'],
  // §4.12: a sender token gets 403; another owner's resource gives 401.
  ['monthly statistics', 'SERVICEOWNER', 200, undefined],
  ['monthly statistics', 'SENDER', 403, undefined],
  ['monthly statistics', 'RECIPIENT', 403, undefined],
  ['monthly statistics', 'OUTSIDER', 403, undefined],
  ['monthly statistics', 'OUTSIDER as service owner', 401, DENIED],
  ...OPERATIONS.flatMap((operation) =>
    TOKEN_PROBLEMS.map(([caller, status]): Row => [operation, caller, status, undefined]),
  ),
];

describe('authorization per operation and caller (§3.6, §4.x)', () => {
  const named = ROWS.map(
    ([operation, caller, status, code]) => [operation, caller, status, code ?? 'no code', code] as const,
  );
  it.each(named)('%s by %s → %i %s', async (operation, caller, status, _label, code) => {
    const { method, path, ...options } = await request(operation, caller);
    const bearer = tokenFor(operation, caller);
    const answer = await call(sandbox, method, path, { ...options, ...(bearer ? { token: bearer } : {}) });
    expectAnswer(answer, status, code);
    // §2.3: the authentication layer answers with an empty body; 401 carries a Bearer challenge.
    if ((status === 401 || status === 403) && code === undefined) {
      expect(answer.text).toBe('');
      if (status === 401) expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });
});

const PROBLEM_FIELDS = ['type', 'title', 'status', 'detail', 'code', 'traceId', 'statusDescription'];

describe('existence is checked before access (§3.6)', () => {
  const unknown = randomUUID();
  it.each<[Operation, Caller, string]>([
    ['overview', 'OUTSIDER', `${API}/filetransfer/${unknown}`],
    ['details', 'OUTSIDER', `${API}/filetransfer/${unknown}/details`],
    ['upload', 'OUTSIDER', `${API}/filetransfer/${unknown}/upload`],
    ['download', 'OUTSIDER', `${API}/filetransfer/${unknown}/download`],
    ['confirm', 'OUTSIDER', `${API}/filetransfer/${unknown}/confirmdownload`],
    ['overview', 'SENDER', `${API}/filetransfer/${unknown}`],
    ['download', 'RECIPIENT', `${API}/filetransfer/${unknown}/download`],
  ])('%s of an unknown id by %s → 404 BRO-00001', async (_operation, caller, path) => {
    const method = path.endsWith('/upload') || path.endsWith('/confirmdownload') ? 'POST' : 'GET';
    const answer = await call(sandbox, method, path, {
      token: tok(caller),
      ...(path.endsWith('/upload')
        ? { body: 'x', headers: { 'content-type': 'application/octet-stream' } }
        : {}),
    });
    expectAnswer(answer, 404, 'BRO-00001');
    // §2.1: the Broker ProblemDetails, its fields in serialization order.
    expect(Object.keys(answer.json as object)).toEqual(PROBLEM_FIELDS);
    expect(answer.json).toMatchObject({
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
      title: 'Not Found',
      status: 404,
      traceId: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/),
    });
  });

  it.each([
    ['overview', `${API}/filetransfer/not-a-guid`],
    ['details', `${API}/filetransfer/not-a-guid/details`],
  ])('%s of a malformed id → 400 validation, no code (§2.2)', async (_operation, path) => {
    const answer = await call(sandbox, 'GET', path, { token: tok('SENDER') });
    expectAnswer(answer, 400);
    expect(codeOf(answer)).toBeUndefined();
    expect(answer.json).toHaveProperty('errors');
  });
});
