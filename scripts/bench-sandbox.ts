/**
 * `npm run bench:sandbox -- [--size-mib N] [--starts N]`: prints the sandbox's figures, not a pass
 * or fail: start and stop times, and a large upload and download streamed through it with the peak
 * resident memory seen while they ran (the upload must not hold the file in memory).
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { access } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { startSandbox, type RunningSandbox } from '../sandbox/launcher.js';
import { API_PREFIX } from '../src/api-prefix.js';
import { createTokenProvider } from '../src/auth/tokens.js';
import { buildProfile } from '../src/profile/load.js';

const { values } = parseArgs({
  options: { 'size-mib': { type: 'string', default: '1024' }, starts: { type: 'string', default: '5' } },
});
const sizeMiB = Number(values['size-mib']);
const starts = Number(values.starts);
const MiB = 1024 * 1024;

function stats(label: string, samples: number[], unit: string): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  console.log(
    `${label.padEnd(28)} min ${sorted[0]?.toFixed(0)} ${unit}, median ${median.toFixed(0)} ${unit}, max ${sorted.at(-1)?.toFixed(0)} ${unit}`,
  );
}

/** Deterministic bytes, generated as they are sent. */
function source(bytes: number): Readable {
  let sent = 0;
  const chunk = Buffer.alloc(MiB, 0x5a);
  return new Readable({
    read() {
      if (sent >= bytes) return void this.push(null);
      const n = Math.min(chunk.length, bytes - sent);
      sent += n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

function peakRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return { stop: () => (clearInterval(timer), Math.max(peak, process.memoryUsage().rss)) };
}

async function send(
  sandbox: RunningSandbox,
  path: string,
  auth: string,
  body: Readable,
  length: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${sandbox.origin}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${auth}`,
        'content-type': 'application/octet-stream',
        'content-length': length,
      },
    });
    req.on('response', (res) => (res.resume(), res.on('end', () => resolve(res.statusCode ?? 0))));
    req.on('error', reject);
    body.pipe(req);
  });
}

const startTimes: number[] = [];
const stopTimes: number[] = [];
for (let i = 0; i < starts; i++) {
  const t0 = performance.now();
  const s = await startSandbox();
  startTimes.push(performance.now() - t0);
  const t1 = performance.now();
  await s.stop();
  stopTimes.push(performance.now() - t1);
  const left = await access(s.config.dataDir).then(
    () => true,
    () => false,
  );
  if (left) console.log(`data directory left behind: ${s.config.dataDir}`);
}
console.log(
  `${'first start (cold)'.padEnd(28)} ${startTimes[0]?.toFixed(0)} ms (loads the spec, makes the keys)`,
);
stats(`later starts (${starts - 1} runs)`, startTimes.slice(1), 'ms');
stats(`stop (${starts} runs)`, stopTimes, 'ms');

const sandbox = await startSandbox({ processingDelayMs: 0 });
try {
  // The suite's own Maskinporten flow, as a run against the sandbox would fetch them.
  const tokens = createTokenProvider(buildProfile(sandbox.env, { sandbox: true }));
  const sender = await tokens.token('SENDER');
  const recipient = await tokens.token('RECIPIENT');
  const bytes = sizeMiB * MiB;
  const init = await fetch(`${sandbox.origin}${API_PREFIX}/filetransfer`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sender}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      fileName: 'large.bin',
      resourceId: sandbox.env.BROKER_RESOURCE_ID,
      sendersFileTransferReference: 'bench',
      sender: `0192:${sandbox.env.SENDER_ORG}`,
      recipients: [`0192:${sandbox.env.RECIPIENT_ORG}`],
    }),
  });
  const { fileTransferId } = (await init.json()) as { fileTransferId: string };
  const baseline = process.memoryUsage().rss;
  let meter = peakRss();
  let t0 = performance.now();
  const status = await send(
    sandbox,
    `${API_PREFIX}/filetransfer/${fileTransferId}/upload`,
    sender,
    source(bytes),
    bytes,
  );
  let seconds = (performance.now() - t0) / 1000;
  let peak = meter.stop();
  console.log(
    `upload ${sizeMiB} MiB               ${status}, ${(sizeMiB / seconds).toFixed(0)} MiB/s, peak RSS ${((peak - baseline) / MiB).toFixed(0)} MiB above the ${(baseline / MiB).toFixed(0)} MiB baseline`,
  );
  while (sandbox.broker.transfers.get(fileTransferId)?.statuses.at(-1)?.status !== 'Published')
    await new Promise((r) => setTimeout(r, 20));
  meter = peakRss();
  t0 = performance.now();
  const response = await fetch(`${sandbox.origin}${API_PREFIX}/filetransfer/${fileTransferId}/download`, {
    headers: { authorization: `Bearer ${recipient}` },
  });
  const hash = createHash('md5');
  let received = 0;
  for await (const chunk of response.body ?? []) {
    hash.update(chunk as Uint8Array);
    received += (chunk as Uint8Array).length;
  }
  seconds = (performance.now() - t0) / 1000;
  peak = meter.stop();
  const expected = sandbox.broker.transfers.get(fileTransferId)?.checksum;
  console.log(
    `download ${sizeMiB} MiB             ${response.status}, ${(sizeMiB / seconds).toFixed(0)} MiB/s, peak RSS ${((peak - baseline) / MiB).toFixed(0)} MiB above baseline, ${received === bytes && hash.digest('hex') === expected ? 'bytes and MD5 equal' : 'MISMATCH'}`,
  );
} finally {
  await sandbox.stop();
}
