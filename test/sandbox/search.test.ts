/**
 * Search (CONTRACT.md §4.7, §7): each filter, the order, and who sees which transfers. Six transfers
 * A–F are made once, created in that order; C is published before B, so that ordering by the time a
 * status was entered differs from ordering by creation.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SANDBOX_RESOURCE, startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import type { PersonaName } from '../../sandbox/config.js';
import { token } from './client.js';
import {
  NO_CODE,
  confirm,
  download,
  expectAnswer,
  initialize,
  overview,
  party,
  search,
  upload,
  waitFor,
  waitForStatus,
} from './fixtures.js';

type Name = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

let sandbox: RunningSandbox;
const tokens = {} as Record<PersonaName | 'RECIPIENT as sender', string>;
const ids = {} as Record<Name, string>;
const created = {} as Record<Name, string>;

beforeAll(async () => {
  sandbox = await startSandbox({ processingDelayMs: 1 });
  for (const persona of ['SERVICEOWNER', 'SENDER', 'RECIPIENT', 'OUTSIDER'] as const)
    tokens[persona] = await token(sandbox, persona);
  tokens['RECIPIENT as sender'] = await token(sandbox, 'RECIPIENT', 'altinn:broker.write altinn:broker.read');
  const { SENDER: sender, RECIPIENT: recipient } = tokens;
  const plan: [Name, string, Record<string, unknown>][] = [
    ['A', sender, {}],
    ['B', sender, {}],
    ['C', sender, {}],
    ['D', sender, {}],
    [
      'E',
      tokens['RECIPIENT as sender'],
      { sender: party(sandbox, 'RECIPIENT'), recipients: [party(sandbox, 'SENDER')] },
    ],
    ['F', sender, { recipients: [party(sandbox, 'SERVICEOWNER')] }],
  ];
  for (const [name, tok, fields] of plan) {
    // Distinct creation times, so that every order below is decided.
    const before = sandbox.clock.now();
    await waitFor(
      () => sandbox.clock.now(),
      (now) => now > before,
      100,
      'the sandbox clock to move',
    );
    ids[name] = await initialize(sandbox, tok, fields);
    created[name] = (await overview(sandbox, tok, ids[name])).created;
  }
  for (const name of ['C', 'B', 'D'] as const) {
    expectAnswer(await upload(sandbox, sender, ids[name], name), 200);
    await waitForStatus(sandbox, sender, ids[name], 'Published');
  }
  for (const name of ['C', 'D'] as const) expectAnswer(await download(sandbox, recipient, ids[name]), 200);
  expectAnswer(await confirm(sandbox, recipient, ids.D), 204);
});
afterAll(() => sandbox.stop());

/** `@C` in a query value stands for C's creation time. */
function query(template: Record<string, string>): Record<string, string> {
  const values = Object.entries(template).map(([key, value]) => [
    key,
    value.startsWith('@') ? created[value.slice(1) as Name] : value,
  ]);
  return { resourceId: SANDBOX_RESOURCE, ...Object.fromEntries(values) };
}

const namesOf = (found: string[]): string[] =>
  found.map((id) => (Object.keys(ids) as Name[]).find((name) => ids[name] === id) ?? id);

describe('filters, order and visibility (§7)', () => {
  it.each<[string, keyof typeof tokens, Record<string, string>, Name[]]>([
    // Visibility: a party sees what it sent and what it receives, newest first.
    ['sender and recipient of something: both roles', 'SENDER', {}, ['F', 'E', 'D', 'C', 'B', 'A']],
    ['role=sender: only what it sent', 'SENDER', { role: 'sender' }, ['F', 'D', 'C', 'B', 'A']],
    ['role=recipient: only what it receives', 'SENDER', { role: 'recipient' }, ['E']],
    ['the recipient, both roles', 'RECIPIENT', {}, ['E', 'D', 'C', 'B', 'A']],
    [
      'the recipient, role=Recipient (case-insensitive)',
      'RECIPIENT',
      { role: 'Recipient' },
      ['D', 'C', 'B', 'A'],
    ],
    ['the recipient, role=sender', 'RECIPIENT', { role: 'sender' }, ['E']],
    ['a party to one transfer sees only it', 'SERVICEOWNER', {}, ['F']],
    ['a party that sent nothing, role=sender', 'SERVICEOWNER', { role: 'sender' }, []],
    // status: the current status, ordered by the time it was entered.
    ['status=Initialized', 'SENDER', { status: 'Initialized' }, ['F', 'E', 'A']],
    ['status=Published, by publication time (C before B)', 'SENDER', { status: 'Published' }, ['B', 'C']],
    ['status=Published ascending', 'SENDER', { status: 'Published', orderAscending: 'true' }, ['C', 'B']],
    ['status=3 (numeric Published)', 'SENDER', { status: '3' }, ['B', 'C']],
    ['status=published (case-insensitive)', 'SENDER', { status: 'published' }, ['B', 'C']],
    ['status=AllConfirmedDownloaded', 'SENDER', { status: 'AllConfirmedDownloaded' }, ['D']],
    ['status=Purged: none yet', 'SENDER', { status: 'Purged' }, []],
    // orderAscending: oldest first when true; newest first when false or absent.
    ['orderAscending=true', 'SENDER', { role: 'sender', orderAscending: 'true' }, ['A', 'B', 'C', 'D', 'F']],
    [
      'orderAscending=false',
      'SENDER',
      { role: 'sender', orderAscending: 'false' },
      ['F', 'D', 'C', 'B', 'A'],
    ],
    // recipientStatus: recipient-only, on the caller's latest recipient status; role is ignored.
    ['recipientStatus=Initialized', 'RECIPIENT', { recipientStatus: 'Initialized' }, ['B', 'A']],
    ['recipientStatus=DownloadStarted', 'RECIPIENT', { recipientStatus: 'DownloadStarted' }, ['C']],
    ['recipientStatus=DownloadConfirmed', 'RECIPIENT', { recipientStatus: 'DownloadConfirmed' }, ['D']],
    [
      'recipientStatus ignores role',
      'RECIPIENT',
      { recipientStatus: 'Initialized', role: 'sender' },
      ['B', 'A'],
    ],
    [
      'recipientStatus with status',
      'RECIPIENT',
      { recipientStatus: 'Initialized', status: 'Published' },
      ['B'],
    ],
    ['recipientStatus of a sender-only party', 'SENDER', { recipientStatus: 'Initialized' }, ['E']],
    // from/to on the creation time: only from is strictly later, only to strictly earlier, both inclusive.
    ['from C: strictly later', 'SENDER', { from: '@C' }, ['F', 'E', 'D']],
    ['to C: strictly earlier', 'SENDER', { to: '@C' }, ['B', 'A']],
    ['from B to D: inclusive', 'SENDER', { from: '@B', to: '@D' }, ['D', 'C', 'B']],
  ])('%s (%s, %j) → %j', async (_rule, caller, template, expected) => {
    const answer = expectAnswer(await search(sandbox, tokens[caller], query(template)), 200);
    expect(namesOf(answer.json as string[])).toEqual(expected);
  });
});

describe('rejected searches (§4.7)', () => {
  it.each<[string, number, string, keyof typeof tokens, Record<string, string>]>([
    ['resourceId missing', 400, NO_CODE, 'SENDER', { resourceId: '' }],
    ['an undefined status', 400, NO_CODE, 'SENDER', { status: 'Bogus' }],
    ['an undefined numeric status', 400, NO_CODE, 'SENDER', { status: '42' }],
    ['an undefined recipientStatus', 400, NO_CODE, 'RECIPIENT', { recipientStatus: 'Gone' }],
    ['a from that is not a date', 400, NO_CODE, 'SENDER', { from: 'yesterday' }],
    ['an outsider (no access on the resource)', 401, 'BRO-00006', 'OUTSIDER', {}],
    ['a resource not configured in Broker', 401, 'BRO-00006', 'SENDER', { resourceId: 'no-such-resource' }],
    [
      'the resource as a URN (no prefix stripping here)',
      401,
      'BRO-00006',
      'SENDER',
      { resourceId: `urn:altinn:resource:${SANDBOX_RESOURCE}` },
    ],
  ])('%s → %i %s', async (_rule, status, code, caller, template) => {
    const params = query(template);
    if (params.resourceId === '') delete params.resourceId;
    const answer = expectAnswer(await search(sandbox, tokens[caller], params), status, code);
    if (status === 400) expect(answer.json).toHaveProperty('errors');
  });
});

describe('the sender is found as stored (§3.4, §7)', () => {
  it.each<[string, boolean]>([
    ['0192:', true],
    ['9908:', false],
    ['urn:altinn:organization:identifier-no:', false],
  ])('a transfer sent as %s<org> is found by role=sender search: %s', async (prefix, found) => {
    const sender = `${prefix}${sandbox.env.SENDER_ORG ?? ''}`;
    const id = await initialize(sandbox, tokens.SENDER, { sender });
    expect((await overview(sandbox, tokens.SENDER, id)).sender).toBe(sender);
    const answer = expectAnswer(await search(sandbox, tokens.SENDER, query({ role: 'sender' })), 200);
    expect((answer.json as string[]).includes(id)).toBe(found);
    // The recipient finds it whatever the sender's form: recipients are stored as 0192:.
    const seen = expectAnswer(await search(sandbox, tokens.RECIPIENT, query({ role: 'recipient' })), 200);
    expect((seen.json as string[]).includes(id)).toBe(true);
  });
});
