/**
 * Access lists (CONTRACT.md §3.7, §4.1 row 7), on by default as on Altinn's environments: SERVICEOWNER,
 * SENDER, RECIPIENT and RECIPIENT2 are on the resource's list, OUTSIDER is on none; `strict-access-list`
 * leaves the service owner off. And RECIPIENT2, the optional second recipient persona (ENVIRONMENT.md).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PersonaName } from '../../../sandbox/config.js';
import {
  PERSONA_ORGS,
  SANDBOX_RESOURCE,
  startSandbox,
  type RunningSandbox,
} from '../../../sandbox/launcher.js';
import { call, jsonBody, token, type Answer } from '../client.js';
import {
  API,
  NO_CODE,
  confirm,
  download,
  expectAnswer,
  initializeAnswer,
  multipart,
  multipartFields,
  party,
  publish,
  receiver,
  subscribe,
  unsubscribe,
  START_TIMEOUT_MS,
} from '../fixtures.js';

let plain: RunningSandbox;
let strict: RunningSandbox;
beforeAll(async () => {
  [plain, strict] = await Promise.all([
    startSandbox({ processingDelayMs: 1 }),
    startSandbox({ processingDelayMs: 1, conditions: ['strict-access-list'] }),
  ]);
}, START_TIMEOUT_MS);
afterAll(() => Promise.all([plain?.stop(), strict?.stop()]));

async function initialize(sandbox: RunningSandbox, overrides: Record<string, unknown>): Promise<Answer> {
  return initializeAnswer(sandbox, await token(sandbox, 'SENDER'), overrides);
}

const to = (sandbox: RunningSandbox, ...personas: PersonaName[]) => ({
  recipients: personas.map((p) => party(sandbox, p)),
});

describe('initialize checks each recipient against the access list (§4.1 row 7)', () => {
  it.each<[string, number, string, () => RunningSandbox, (s: RunningSandbox) => Record<string, unknown>]>([
    ['default: RECIPIENT', 200, NO_CODE, () => plain, (s) => to(s, 'RECIPIENT')],
    ['default: RECIPIENT2', 200, NO_CODE, () => plain, (s) => to(s, 'RECIPIENT2')],
    ['default: SERVICEOWNER and SENDER', 200, NO_CODE, () => plain, (s) => to(s, 'SERVICEOWNER', 'SENDER')],
    ['default: OUTSIDER', 400, 'BRO-00028', () => plain, (s) => to(s, 'OUTSIDER')],
    [
      'default: OUTSIDER in URN form',
      400,
      'BRO-00028',
      () => plain,
      (s) => ({ recipients: [`urn:altinn:organization:identifier-no:${s.env.OUTSIDER_ORG ?? ''}`] }),
    ],
    [
      'default: RECIPIENT and OUTSIDER (one off the list is enough)',
      400,
      'BRO-00028',
      () => plain,
      (s) => to(s, 'RECIPIENT', 'OUTSIDER'),
    ],
    [
      'default: an organisation nobody registered',
      400,
      'BRO-00028',
      () => plain,
      () => ({ recipients: ['0192:318000005'] }),
    ],
    ['strict-access-list: SERVICEOWNER', 400, 'BRO-00028', () => strict, (s) => to(s, 'SERVICEOWNER')],
    [
      'strict-access-list: RECIPIENT and SERVICEOWNER',
      400,
      'BRO-00028',
      () => strict,
      (s) => to(s, 'RECIPIENT', 'SERVICEOWNER'),
    ],
    ['strict-access-list: RECIPIENT2', 200, NO_CODE, () => strict, (s) => to(s, 'RECIPIENT2')],
    [
      'strict-access-list: SENDER and RECIPIENT',
      200,
      NO_CODE,
      () => strict,
      (s) => to(s, 'SENDER', 'RECIPIENT'),
    ],
  ])('%s → %i %s', async (_rule, status, code, sandbox, recipients) => {
    expectAnswer(await initialize(sandbox(), recipients(sandbox())), status, code);
  });

  it('the multipart initialize-and-upload applies it too (§4.3), and keeps nothing', async () => {
    const sender = await token(plain, 'SENDER');
    const before = plain.broker.transfers.size;
    for (const [recipient, status, code] of [
      ['OUTSIDER', 400, 'BRO-00028'],
      ['RECIPIENT2', 200, NO_CODE],
    ] as const) {
      const form = multipart(
        multipartFields(plain, { 'Metadata.Recipients': party(plain, recipient) }),
        'hi',
      );
      expectAnswer(
        await call(plain, 'POST', `${API}/filetransfer/upload`, { token: sender, ...form }),
        status,
        code,
      );
    }
    expect(plain.broker.transfers.size).toBe(before + 1);
  });

  it('comes after the sender check (row 1): an outsider sending to an outsider → 401 BRO-00006', async () => {
    const answer = await initializeAnswer(plain, await token(plain, 'OUTSIDER'), {
      sender: party(plain, 'OUTSIDER'),
      ...to(plain, 'OUTSIDER'),
    });
    expectAnswer(answer, 401, 'BRO-00006');
  });
});

describe('the access list comes before requiredParty (§4.1 rows 7–9)', () => {
  let own: RunningSandbox;
  beforeAll(async () => {
    own = await startSandbox({ processingDelayMs: 1 });
    const put = await call(own, 'PUT', `${API}/resource/${SANDBOX_RESOURCE}`, {
      token: await token(own, 'SERVICEOWNER'),
      ...jsonBody({ requiredParty: party(own, 'RECIPIENT') }),
    });
    expectAnswer(put, 204, NO_CODE);
  }, START_TIMEOUT_MS);
  afterAll(() => own?.stop());

  it.each<[string, PersonaName[], number, string]>([
    [
      'two recipients, one off the list: BRO-00028, not BRO-00027',
      ['RECIPIENT', 'OUTSIDER'],
      400,
      'BRO-00028',
    ],
    ['one recipient off the list: BRO-00028, not BRO-00026', ['OUTSIDER'], 400, 'BRO-00028'],
    ['two recipients on the list: BRO-00027', ['RECIPIENT', 'RECIPIENT2'], 400, 'BRO-00027'],
    ['the required party: 200', ['RECIPIENT'], 200, NO_CODE],
  ])('%s', async (_rule, recipients, status, code) => {
    expectAnswer(await initialize(own, to(own, ...recipients)), status, code);
  });
});

describe('RECIPIENT2, the optional second recipient (ENVIRONMENT.md)', () => {
  it('is in the variables, as every persona is', () => {
    expect(plain.env).toMatchObject({
      RECIPIENT2_ORG: PERSONA_ORGS.RECIPIENT2,
      RECIPIENT2_CLIENT_ID: 'sandbox-recipient2',
    });
    expect(JSON.parse(plain.env.RECIPIENT2_JWK ?? '{}')).toMatchObject({
      kid: plain.env.RECIPIENT2_KID,
      kty: 'RSA',
    });
    expect(plain.env.RECIPIENT2_JWK).not.toBe(plain.env.RECIPIENT_JWK);
  });

  it('downloads and confirms a transfer to both recipients, which then waits for RECIPIENT', async () => {
    const id = await publish(plain, await token(plain, 'SENDER'), to(plain, 'RECIPIENT', 'RECIPIENT2'));
    const second = await token(plain, 'RECIPIENT2');
    expect(expectAnswer(await download(plain, second, id), 200).text).toBe('hello world');
    expectAnswer(await confirm(plain, second, id), 204, NO_CODE);
    const overview = expectAnswer(
      await call(plain, 'GET', `${API}/filetransfer/${id}`, { token: second }),
      200,
    ).json as { fileTransferStatus: string };
    expect(overview.fileTransferStatus).toBe('Published');
  });

  it('may subscribe to the resource’s events', async () => {
    const hook = await receiver();
    const recipient2 = await token(plain, 'RECIPIENT2');
    try {
      const created = await subscribe(plain, recipient2, hook.url);
      expect(created.status).toBe(201);
      if (created.id !== undefined) await unsubscribe(plain, recipient2, created.id);
    } finally {
      await hook.close();
    }
  });
});
