/**
 * The harness's parts together against the sandbox, as the suites use them: the profile resolved
 * with no BROKER_BASE_URL (so the sandbox starts), Maskinporten tokens, the self-validating client,
 * the event harness with its three subscriptions, the poller, the event expectations correlated with the
 * poller's observations, and the history check. Then everything is stopped and nothing is left.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PREFIX } from '../../src/api-prefix.js';
import { createTokenProvider } from '../../src/auth/tokens.js';
import { octets } from '../../src/client/bodies.js';
import { createBroker, type Broker } from '../../src/client/broker.js';
import { connectEvents, correlate } from '../../src/events/expect.js';
import { startEventHarness, type EventHarness } from '../../src/events/global.js';
import { assertDetails } from '../../src/lifecycle/history.js';
import { pollStatus } from '../../src/lifecycle/poller.js';
import { snapshotOf, Timeline } from '../../src/lifecycle/timeline.js';
import { resolveProfile, type ResolvedProfile } from '../../src/profile/resolve.js';
import { loadSpec } from '../../src/spec/load.js';
import { ContractValidator } from '../../src/spec/validator.js';

let resolved: ResolvedProfile;
let harness: EventHarness;
let broker: Broker;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'harness-'));
  resolved = await resolveProfile({ env: {}, envFile: join(dir, 'none.env') });
  const { profile } = resolved;
  const tokens = createTokenProvider(profile);
  const validator = new ContractValidator(await loadSpec(profile.openapi));
  harness = await startEventHarness({
    profile,
    tokens,
    validator,
    ledgerPath: join(dir, 'ledger.json'),
    log: () => undefined,
  });
  broker = createBroker({
    baseUrl: profile.brokerBaseUrl,
    extraHeaders: profile.extraHeaders,
    tokens,
    validator,
  });
});

afterAll(async () => {
  await harness.stop();
  await resolved.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the harness against the sandbox', () => {
  it('walks a transfer to AllConfirmedDownloaded with every answer, event and history checked', async () => {
    const { profile } = resolved;
    expect(profile.sandbox).toBe(true);
    expect(harness.subscriptions?.entries.map((e) => [e.persona, Boolean(e.handshake)])).toEqual([
      ['SENDER', true],
      ['RECIPIENT', true],
      ['OUTSIDER', true],
    ]);
    const party = (org: string) => `0192:${org}`;
    const init = await broker.as('SENDER').POST(`${API_PREFIX}/filetransfer`, {
      body: {
        resourceId: profile.resourceId,
        fileName: 'harness.txt',
        sendersFileTransferReference: `harness-${randomUUID()}`,
        sender: party(profile.personas.SENDER.org),
        recipients: [party(profile.personas.RECIPIENT.org)],
      },
    });
    const id = init.data?.fileTransferId ?? '';
    const bytes = new TextEncoder().encode('the harness, end to end');
    await broker.as('SENDER').POST(`${API_PREFIX}/filetransfer/{fileTransferId}/upload`, {
      params: { path: { fileTransferId: id } },
      ...octets(bytes),
    });
    const timeline = new Timeline(id);
    const read = async () => {
      const { data } = await broker
        .as('RECIPIENT')
        .GET(`${API_PREFIX}/filetransfer/{fileTransferId}`, { params: { path: { fileTransferId: id } } });
      if (!data) throw new Error('no overview');
      return snapshotOf(data);
    };
    await pollStatus({ read, target: 'Published', fileTransferId: id, timeoutMs: 10_000, timeline });

    const events = connectEvents(undefined, { defaultWithinMs: 10_000, defaultSettleMs: 300 });
    const subject = (org: string) => `urn:altinn:organization:identifier-no:${org}`;
    const published = await events.expectExactlyOnce({
      type: 'published',
      resourceinstance: id,
      subject: subject(profile.personas.RECIPIENT.org),
    });
    expect(published.role).toBe('Recipient');
    correlate(published, timeline.observations);

    const download = await broker
      .as('RECIPIENT')
      .GET(`${API_PREFIX}/filetransfer/{fileTransferId}/download`, {
        params: { path: { fileTransferId: id } },
        parseAs: 'stream',
      });
    const received = new Uint8Array(await new Response(download.data as ReadableStream).arrayBuffer());
    const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
    expect(md5(received)).toBe(md5(bytes));
    await broker.as('RECIPIENT').POST(`${API_PREFIX}/filetransfer/{fileTransferId}/confirmdownload`, {
      params: { path: { fileTransferId: id } },
    });
    await pollStatus({
      read,
      target: 'AllConfirmedDownloaded',
      fileTransferId: id,
      timeoutMs: 10_000,
      timeline,
    });
    await events.expect({
      type: 'allconfirmeddownloaded',
      resourceinstance: id,
      subject: subject(profile.personas.SENDER.org),
    });
    await events.expectNone(
      {
        type: 'allconfirmeddownloaded',
        resourceinstance: id,
        subject: subject(profile.personas.RECIPIENT.org),
      },
      { during: 200 },
    );

    const details = await broker.as('SENDER').GET(`${API_PREFIX}/filetransfer/{fileTransferId}/details`, {
      params: { path: { fileTransferId: id } },
    });
    if (!details.data) throw new Error('no details');
    assertDetails(details.data);
    expect(broker.log.all().every((call) => call.violations.length === 0)).toBe(true);
  });

  it('stopping removes every subscription and the ledger keeps nothing', async () => {
    const entries = harness.subscriptions?.entries ?? [];
    await harness.stop();
    const tokens = createTokenProvider(resolved.profile);
    for (const entry of entries) {
      const answer = await fetch(`${resolved.profile.events?.apiUrl}/subscriptions/${entry.id}`, {
        headers: { authorization: `Bearer ${await tokens.token(entry.persona)}` },
      });
      expect(answer.status).toBe(404);
    }
    const ledger = await readFile(join(dir, 'ledger.json'), 'utf8').catch(() => '{"entries":[]}');
    expect(JSON.parse(ledger)).toEqual({ entries: [] });
  });
});
