/**
 * Every fault of the catalogue (sandbox/faults.ts) is observable: for each, a sandbox switched into it
 * and a small probe that sees the symptom there, and does not see it on a conformant sandbox. A fault
 * no probe can see would let the suite pass a broken Broker unnoticed.
 *
 * The faulty sandboxes are built from the conformant one's configuration (`startLike` in fixtures.ts),
 * a few rows ahead of the row that needs them, and stopped after it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PersonaName } from '../../sandbox/config.js';
import { FAULTS, type FaultName } from '../../sandbox/faults.js';
import { startSandbox, SANDBOX_RESOURCE, type RunningSandbox } from '../../sandbox/launcher.js';
import { call, jsonBody } from './client.js';
import {
  API,
  confirm,
  created,
  download,
  expired,
  freePorts,
  get,
  initializeAnswer,
  md5,
  party,
  poll,
  published,
  putResource,
  reaches,
  search,
  startLike,
  statusOf,
  tok,
  unknownId,
  unsigned,
  upload,
  withReceiver,
} from './fixtures.js';

/** The ids a search on the sandbox resource finds as `persona`, whatever the answer looked like. */
async function found(
  sb: RunningSandbox,
  persona: PersonaName,
  query: Record<string, string> = {},
): Promise<string[]> {
  const answer = await search(sb, await tok(sb, persona), { resourceId: SANDBOX_RESOURCE, ...query });
  return (answer.json ?? []) as string[];
}

interface Probe {
  /** Sandbox options the probe needs beyond the defaults (processingDelayMs 10, timeScale 1). */
  timeScale?: number;
  /** True when the probe sees the fault's symptom. */
  sees(sandbox: RunningSandbox): Promise<boolean>;
}

// ---- One probe per fault ----

const PROBES: Record<FaultName, Probe> = {
  'overview-missing-published': {
    sees: async (sb) => {
      const ov = await get(sb, `/filetransfer/${await published(sb)}`);
      return !('published' in (ov.json as object)) && ov.violations.length > 0;
    },
  },
  'status-as-number': {
    sees: async (sb) => {
      const ov = await get(sb, `/filetransfer/${await created(sb)}`);
      return (
        typeof (ov.json as { fileTransferStatus: unknown }).fileTransferStatus === 'number' &&
        ov.violations.length > 0
      );
    },
  },
  'error-code-renamed': {
    sees: async (sb) => {
      const answer = await get(sb, `/filetransfer/${unknownId}`);
      const body = answer.json as Record<string, unknown>;
      return 'errorCode' in body && !('code' in body) && answer.violations.length > 0;
    },
  },
  'pascal-case-details': {
    sees: async (sb) => {
      const answer = await get(sb, `/filetransfer/${await created(sb)}/details`);
      return 'FileTransferStatusHistory' in (answer.json as object) && answer.violations.length > 0;
    },
  },
  'resource-iso-durations': {
    sees: async (sb) => {
      await putResource(sb, { fileTransferTimeToLive: 'P30D' });
      const answer = await call(sb, 'GET', `${API}/resource/${SANDBOX_RESOURCE}`, {
        token: await tok(sb, 'SERVICEOWNER'),
      });
      const ttl = (answer.json as { fileTransferTimeToLive: unknown }).fileTransferTimeToLive;
      return ttl !== '30.00:00:00' && answer.violations.length > 0;
    },
  },
  'initialize-bare-id': {
    sees: async (sb) => {
      const answer = await initializeAnswer(sb, await tok(sb, 'SENDER'));
      return typeof answer.json === 'string' && answer.violations.length > 0;
    },
  },
  'overview-leaks-storage-location': {
    sees: async (sb) => {
      const ov = await get(sb, `/filetransfer/${await published(sb)}`);
      return (
        'fileLocation' in (ov.json as object) &&
        ov.violations.some((v) => v.kind === 'undocumented-property' && v.pointer === '/fileLocation')
      );
    },
  },
  'outsider-gets-403': {
    sees: async (sb) => (await get(sb, `/filetransfer/${await created(sb)}`, 'OUTSIDER')).status === 403,
  },
  'unknown-id-401': {
    sees: async (sb) => (await get(sb, `/filetransfer/${unknownId}`)).status === 401,
  },
  'second-upload-accepted': {
    sees: async (sb) =>
      (await upload(sb, await tok(sb, 'SENDER'), await published(sb), 'again')).status === 200,
  },
  'serviceowner-repeat-ok': {
    sees: async (sb) => {
      const answer = await call(sb, 'POST', `${API}/serviceowner`, {
        token: await tok(sb, 'SERVICEOWNER'),
        ...jsonBody({ name: 'again' }),
      });
      return answer.status === 200;
    },
  },
  'initialize-201': {
    sees: async (sb) => {
      const answer = await initializeAnswer(sb, await tok(sb, 'SENDER'));
      return answer.status === 201 && answer.violations.length > 0;
    },
  },
  'download-while-processing': {
    // Ten sandbox milliseconds of scanning last 200 ms at this pace: the download comes well within them.
    timeScale: 0.05,
    sees: async (sb) => {
      const id = await created(sb);
      await upload(sb, await tok(sb, 'SENDER'), id);
      return (await download(sb, await tok(sb, 'RECIPIENT'), id)).text === 'hello world';
    },
  },
  'confirm-while-uploading': {
    sees: async (sb) => {
      const id = await created(sb);
      // A TUS create makes the transfer UploadStarted, where it stays until the bytes come (§4.4).
      await call(sb, 'POST', `${API}/filetransfer/upload/tus/${id}`, {
        token: await tok(sb, 'SENDER'),
        headers: { 'tus-resumable': '1.0.0', 'upload-length': '11' },
      });
      return (await confirm(sb, await tok(sb, 'RECIPIENT'), id)).status === 204;
    },
  },
  'never-published': {
    sees: async (sb) => {
      const id = await created(sb);
      await upload(sb, await tok(sb, 'SENDER'), id);
      // Ten sandbox milliseconds of scanning, then Published; 150 ms is fifteen times that.
      return !(await reaches(sb, id, 'Published', 150));
    },
  },
  'no-upload-processing': {
    sees: async (sb) => {
      const answer = await get(sb, `/filetransfer/${await published(sb)}/details`);
      const history = (answer.json as { fileTransferStatusHistory: { fileTransferStatus: string }[] })
        .fileTransferStatusHistory;
      return !history.some((row) => row.fileTransferStatus === 'UploadProcessing');
    },
  },
  'all-confirmed-early': {
    sees: async (sb) => {
      const id = await published(sb, { recipients: [party(sb, 'RECIPIENT'), party(sb, 'SERVICEOWNER')] });
      await download(sb, await tok(sb, 'RECIPIENT'), id);
      await confirm(sb, await tok(sb, 'RECIPIENT'), id);
      return (await statusOf(sb, id)) === 'AllConfirmedDownloaded';
    },
  },
  'confirm-without-download': {
    sees: async (sb) => (await confirm(sb, await tok(sb, 'RECIPIENT'), await published(sb))).status === 204,
  },
  'no-purge-after-confirm': {
    // The default grace of two hours passes in 72 ms.
    timeScale: 100_000,
    sees: async (sb) => {
      const id = await published(sb);
      await download(sb, await tok(sb, 'RECIPIENT'), id);
      await confirm(sb, await tok(sb, 'RECIPIENT'), id);
      return !(await reaches(sb, id, 'Purged', 300));
    },
  },
  'history-unordered': {
    sees: async (sb) => {
      const answer = await get(sb, `/filetransfer/${await published(sb)}/details`);
      const times = (
        answer.json as { fileTransferStatusHistory: { fileTransferStatusChanged: string }[] }
      ).fileTransferStatusHistory.map((row) => Date.parse(row.fileTransferStatusChanged));
      return times.some((t, i) => i > 0 && t < (times[i - 1] ?? t));
    },
  },
  'no-published-event': {
    sees: async (sb) => {
      let id = '';
      const hook = await withReceiver(sb, 'SENDER', async () => (id = await published(sb)));
      return hook.of(id, 'published').length === 0;
    },
  },
  'duplicate-event-new-id': {
    sees: async (sb) => {
      let id = '';
      const hook = await withReceiver(sb, 'SENDER', async () => (id = await created(sb)));
      return new Set(hook.of(id, 'filetransferinitialized').map((e) => e.id)).size > 1;
    },
  },
  'event-before-transition': {
    sees: async (sb) => {
      let id = '';
      const hook = await withReceiver(sb, 'SENDER', async () => (id = await published(sb)));
      const publishedAt = (await get(sb, `/filetransfer/${id}`)).json as { published: string };
      const [event] = hook.of(id, 'published');
      return event !== undefined && Date.parse(event.time) < Date.parse(publishedAt.published);
    },
  },
  'event-to-every-subscriber': {
    sees: async (sb) => {
      let id = '';
      const hook = await withReceiver(sb, 'SERVICEOWNER', async () => (id = await created(sb)));
      return hook.of(id).length > 0;
    },
  },
  'events-to-outsider': {
    sees: async (sb) => {
      let id = '';
      // OUTSIDER may subscribe to the resource, but is party to no transfer (ENVIRONMENT.md "Events").
      const hook = await withReceiver(sb, 'OUTSIDER', async () => (id = await created(sb)));
      return hook.of(id).length > 0;
    },
  },
  'event-bad-subject': {
    sees: async (sb) => {
      let id = '';
      const hook = await withReceiver(sb, 'SENDER', async () => (id = await created(sb)));
      const urn = `urn:altinn:organization:identifier-no:${sb.env.SENDER_ORG ?? ''}`;
      // A subject the events service cannot read as an organisation reaches no subscriber at all.
      const events = hook.of(id, 'filetransferinitialized');
      return events.length === 0 || events.some((e) => e.subject !== urn);
    },
  },
  'uploadfailed-on-checksum': {
    sees: async (sb) => {
      let id = '';
      const hook = await withReceiver(sb, 'SENDER', async () => {
        id = await created(sb, { checksum: md5('something else') });
        await upload(sb, await tok(sb, 'SENDER'), id);
      });
      return hook.of(id, 'uploadfailed').length > 0;
    },
  },
  'no-validation-handshake': {
    sees: async (sb) => {
      const hook = await withReceiver(sb, 'SENDER', async () => undefined);
      return hook.handshakes.length === 0;
    },
  },
  'no-scope-check': {
    sees: async (sb) => {
      const id = await created(sb);
      const answer = await call(sb, 'GET', `${API}/filetransfer/${id}`, {
        token: await tok(sb, 'SENDER', 'altinn:events.subscribe'),
      });
      return answer.status !== 403;
    },
  },
  'expired-token-accepted': {
    sees: async (sb) => {
      const id = await created(sb);
      const bearer = await expired(sb, 'SENDER', ['altinn:broker.write']);
      return (await call(sb, 'GET', `${API}/filetransfer/${id}`, { token: bearer })).status === 200;
    },
  },
  'alg-none-accepted': {
    sees: async (sb) => {
      const id = await created(sb);
      const bearer = unsigned(await tok(sb, 'SENDER'));
      return (await call(sb, 'GET', `${API}/filetransfer/${id}`, { token: bearer })).status === 200;
    },
  },
  'signature-unchecked': {
    sees: async (sb) => {
      const id = await created(sb);
      const [header, payload, signature = ''] = (await tok(sb, 'SENDER')).split('.');
      const altered = Buffer.from(signature, 'base64url');
      altered[8] = (altered[8] ?? 0) ^ 0xff;
      const bearer = `${header}.${payload}.${altered.toString('base64url')}`;
      return (await call(sb, 'GET', `${API}/filetransfer/${id}`, { token: bearer })).status === 200;
    },
  },
  'outsider-can-read': {
    sees: async (sb) =>
      (await get(sb, `/filetransfer/${await created(sb)}/details`, 'OUTSIDER')).status === 200,
  },
  'sender-can-download': {
    sees: async (sb) => {
      const id = await published(sb);
      const answer = await call(sb, 'GET', `${API}/filetransfer/${id}/download`, {
        token: await tok(sb, 'SENDER', 'altinn:broker.write altinn:broker.read'),
      });
      return answer.status === 200;
    },
  },
  'access-list-ignored': {
    sees: async (sb) =>
      (await initializeAnswer(sb, await tok(sb, 'SENDER'), { recipients: [party(sb, 'OUTSIDER')] }))
        .status === 200,
  },
  'download-corrupt': {
    sees: async (sb) =>
      (await download(sb, await tok(sb, 'RECIPIENT'), await published(sb))).text !== 'hello world',
  },
  'range-off-by-one': {
    sees: async (sb) =>
      (await download(sb, await tok(sb, 'RECIPIENT'), await published(sb), 'bytes=0-4')).text !== 'hello',
  },
  'wrong-size': {
    sees: async (sb) => {
      const ov = await get(sb, `/filetransfer/${await published(sb)}`);
      return (ov.json as { fileTransferSize: number }).fileTransferSize !== 11;
    },
  },
  'checksum-mismatch-publishes': {
    sees: async (sb) => {
      const id = await created(sb, { checksum: md5('something else') });
      return (
        (await upload(sb, await tok(sb, 'SENDER'), id)).status === 200 && (await reaches(sb, id, 'Published'))
      );
    },
  },
  'search-ignores-status': {
    sees: async (sb) => {
      const id = await created(sb);
      return (await found(sb, 'SENDER', { status: 'Published' })).includes(id);
    },
  },
  'search-leaks-other-orgs': {
    sees: async (sb) => {
      const id = await created(sb);
      return (await found(sb, 'SERVICEOWNER')).includes(id);
    },
  },
  'search-ascending-default': {
    sees: async (sb) => {
      const first = await created(sb);
      const before = sb.clock.now();
      await poll(
        () => sb.clock.now(),
        (now) => now > before,
        100,
      );
      const second = await created(sb);
      const ids = (await found(sb, 'SENDER')).filter((id) => id === first || id === second);
      return ids[0] === first;
    },
  },
  'plain-sender-accepted': {
    sees: async (sb) =>
      (await initializeAnswer(sb, await tok(sb, 'SENDER'), { sender: sb.env.SENDER_ORG })).status === 200,
  },
  'ttl-limit-unchecked': {
    sees: async (sb) => (await putResource(sb, { fileTransferTimeToLive: 'P366D' })).status === 204,
  },
  'property-limit-unchecked': {
    sees: async (sb) => {
      const propertyList = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`key${i}`, 'value']));
      return (await initializeAnswer(sb, await tok(sb, 'SENDER'), { propertyList })).status === 200;
    },
  },
  'resource-put-ignored': {
    sees: async (sb) => {
      await putResource(sb, { maxFileTransferSize: 123_456_789 });
      const answer = await call(sb, 'GET', `${API}/resource/${SANDBOX_RESOURCE}`, {
        token: await tok(sb, 'SERVICEOWNER'),
      });
      return (answer.json as { maxFileTransferSize: unknown }).maxFileTransferSize !== 123_456_789;
    },
  },
  'max-size-unenforced': {
    sees: async (sb) => {
      await putResource(sb, { maxFileTransferSize: 5 });
      try {
        return (
          (await upload(sb, await tok(sb, 'SENDER'), await created(sb), 'more than five bytes')).status ===
          200
        );
      } finally {
        // The conformant sandbox is shared by every probe: give the resource its room back.
        await putResource(sb, { maxFileTransferSize: 1_000_000_000 });
      }
    },
  },
  'max-size-multipart-unenforced': {
    sees: async (sb) => {
      await putResource(sb, { maxFileTransferSize: 5 });
      try {
        const form = new FormData();
        const fields = {
          FileName: 'f.txt',
          ResourceId: SANDBOX_RESOURCE,
          SendersFileTransferReference: 'r',
          Sender: party(sb, 'SENDER'),
        };
        for (const [key, value] of Object.entries(fields)) form.append(`Metadata.${key}`, value);
        form.append('Metadata.Recipients', party(sb, 'RECIPIENT'));
        form.append('FileTransfer', new Blob(['more than five bytes']), 'f.txt');
        const answer = await fetch(`${sb.origin}${API}/filetransfer/upload`, {
          method: 'POST',
          headers: { authorization: `Bearer ${await tok(sb, 'SENDER')}` },
          body: form,
        });
        return answer.status === 200;
      } finally {
        await putResource(sb, { maxFileTransferSize: 1_000_000_000 });
      }
    },
  },
  'max-size-tus-unenforced': {
    sees: async (sb) => {
      await putResource(sb, { maxFileTransferSize: 5 });
      try {
        const answer = await call(sb, 'POST', `${API}/filetransfer/upload/tus/${await created(sb)}`, {
          token: await tok(sb, 'SENDER'),
          headers: { 'tus-resumable': '1.0.0', 'upload-length': '6' },
        });
        return answer.status === 201;
      } finally {
        await putResource(sb, { maxFileTransferSize: 1_000_000_000 });
      }
    },
  },
};

// ---- The table ----

const DEFAULT_SCALE = 1;
/**
 * Sandboxes being started ahead of the row that needs them. RSA key generation and the JWT signing of
 * every call share libuv's thread pool, so a few starts at a time keep the probes from queueing behind them.
 */
const AHEAD = 3;
let conformant: RunningSandbox;
let ports: number[];
const twins = new Map<number, Promise<RunningSandbox>>();
const faulty = new Map<FaultName, Promise<RunningSandbox>>();

/** The sandbox with `FAULTS[index]` switched on, starting the next few as well. */
function sandboxFor(index: number): Promise<RunningSandbox> {
  for (let i = index; i <= Math.min(index + AHEAD, FAULTS.length - 1); i++) {
    const name = FAULTS[i]?.name;
    if (name === undefined || faulty.has(name)) continue;
    faulty.set(name, startLike(conformant, ports[i] ?? 0, name, PROBES[name].timeScale ?? DEFAULT_SCALE));
  }
  const name = FAULTS[index]?.name;
  const found = name === undefined ? undefined : faulty.get(name);
  return found ?? Promise.reject(new Error(`no fault at row ${index}`));
}

/** The conformant sandbox the probe compares with: the shared one, or one at the probe's time scale. */
function referenceFor(probe: Probe): Promise<RunningSandbox> {
  const scale = probe.timeScale ?? DEFAULT_SCALE;
  if (scale === DEFAULT_SCALE) return Promise.resolve(conformant);
  const found =
    twins.get(scale) ?? startLike(conformant, ports[FAULTS.length + twins.size] ?? 0, undefined, scale);
  twins.set(scale, found);
  return found;
}

beforeAll(async () => {
  conformant = await startSandbox({ processingDelayMs: 10 });
  ports = await freePorts(FAULTS.length + 1);
  // Under way while the first row starts; its failure is the first row's to report.
  sandboxFor(0).catch(() => undefined);
});
afterAll(async () => {
  const started = await Promise.allSettled([...faulty.values(), ...twins.values()]);
  for (const result of started) if (result.status === 'fulfilled') await result.value.stop();
  await conformant.stop();
});

describe('every fault is observable, and only when switched on (sandbox/faults.ts)', () => {
  it('has a probe for every fault of the catalogue', () => {
    expect(Object.keys(PROBES).sort()).toEqual(FAULTS.map((f) => f.name).sort());
  });

  it.each(FAULTS.map((f, i) => [f.name, f.category, f.symptom, i] as const))(
    '%s (%s): %s',
    async (name, _c, _s, i) => {
      const probe = PROBES[name];
      const broken = await sandboxFor(i);
      try {
        expect({ fault: name, seen: await probe.sees(broken) }).toEqual({ fault: name, seen: true });
        const reference = await referenceFor(probe);
        expect({ conformant: true, seen: await probe.sees(reference) }).toEqual({
          conformant: true,
          seen: false,
        });
      } finally {
        await broken.stop();
      }
    },
  );
});
