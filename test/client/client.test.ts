/**
 * The typed client against the real sandbox and against small stand-ins that misbehave: every answer
 * is checked, a violation fails the call with the exchange in the message (secrets redacted), a
 * hanging or dropped Broker is a transport failure, and only idempotent calls are retried.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { octets } from '../../src/client/bodies.js';
import { createBroker, type Broker } from '../../src/client/broker.js';
import { violationsOf } from '../../src/client/check.js';
import { retryAfterMs } from '../../src/client/policy.js';
import { ContractError, EnvironmentError } from '../../src/errors.js';
import type { PersonaName } from '../../src/profile/types.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/launcher.js';
import { serve, type TestServer } from '../helpers/http.js';
import { contractValidator, token } from '../sandbox/client.js';

const TRANSFERS = '/broker/api/v1/filetransfer';
let sandbox: RunningSandbox;
const tokens = new Map<PersonaName, string>();
const provider = {
  async token(persona: PersonaName) {
    let value = tokens.get(persona);
    if (!value) tokens.set(persona, (value = await token(sandbox, persona)));
    return value;
  },
};

async function broker(
  baseUrl: string,
  extra: Partial<Parameters<typeof createBroker>[0]> = {},
): Promise<Broker> {
  return createBroker({ baseUrl, tokens: provider, validator: await contractValidator(), ...extra });
}

/** A stand-in that answers with `handler` and otherwise forwards to the sandbox, so the rest is real. */
async function proxy(
  handler: (req: IncomingMessage, res: ServerResponse, n: number) => boolean,
): Promise<TestServer> {
  let n = 0;
  return serve((req, res) => {
    n += 1;
    if (handler(req, res, n)) return;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          ([name]) => !['host', 'connection', 'content-length'].includes(name),
        ),
      ) as Record<string, string>;
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      void fetch(`${sandbox.origin}${req.url ?? '/'}`, { method: req.method, headers, body }).then(
        async (answer) => {
          res.writeHead(answer.status, Object.fromEntries(answer.headers));
          res.end(Buffer.from(await answer.arrayBuffer()));
        },
      );
    });
  });
}

async function initialize(client: Broker) {
  const { data } = await client.as('SENDER').POST(TRANSFERS, {
    body: {
      resourceId: sandbox.env.BROKER_RESOURCE_ID ?? '',
      fileName: 'report.txt',
      sendersFileTransferReference: `client-test-${randomUUID()}`,
      sender: `0192:${sandbox.env.SENDER_ORG}`,
      recipients: [`0192:${sandbox.env.RECIPIENT_ORG}`],
    },
  });
  if (!data) throw new Error('initialize gave no body');
  return data.fileTransferId;
}

beforeAll(async () => {
  sandbox = await startSandbox({ processingDelayMs: 0 });
});
afterAll(async () => {
  await sandbox.stop();
});

describe('against the sandbox', () => {
  it('walks initialize, streamed upload and streamed download with typed bodies and no violations', async () => {
    const client = await broker(sandbox.origin);
    const id = await initialize(client);
    const bytes = new TextEncoder().encode('hello broker '.repeat(1000));
    const stream = new Blob([bytes]).stream();
    const upload = await client.as('SENDER').POST(`${TRANSFERS}/{fileTransferId}/upload`, {
      params: { path: { fileTransferId: id } },
      ...octets(stream),
    });
    expect(upload.response.status).toBe(200);
    let status: string | undefined;
    for (let i = 0; i < 100 && status !== 'Published'; i += 1) {
      const { data } = await client.as('RECIPIENT').GET(`${TRANSFERS}/{fileTransferId}`, {
        params: { path: { fileTransferId: id } },
      });
      status = data?.fileTransferStatus;
      if (status !== 'Published') await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe('Published');
    const download = await client.as('RECIPIENT').GET(`${TRANSFERS}/{fileTransferId}/download`, {
      params: { path: { fileTransferId: id } },
      parseAs: 'stream',
    });
    const received = new Uint8Array(await new Response(download.data as ReadableStream).arrayBuffer());
    expect(createHash('md5').update(received).digest('hex')).toBe(
      createHash('md5').update(bytes).digest('hex'),
    );
    expect(client.log.all().every((call) => call.violations.length === 0)).toBe(true);
    expect(client.log.all().map((call) => call.operation)).toEqual(
      expect.arrayContaining(['initializeFileTransfer', 'uploadFileTransfer', 'downloadFileTransfer']),
    );
  });

  it('reaches the TUS operations (OPTIONS, POST, HEAD, PATCH) through the same client', async () => {
    const client = await broker(sandbox.origin);
    const id = await initialize(client);
    const tus = '/broker/api/v1/filetransfer/upload/tus/{fileTransferId}' as const;
    const params = { path: { fileTransferId: id }, header: { 'Tus-Resumable': '1.0.0' } };
    const options = await client.as('SENDER').OPTIONS(tus, { params } as never);
    expect(options.response.headers.get('tus-version')).toContain('1.0.0');
    const created = await client.as('SENDER').POST(tus, {
      params: { ...params, header: { ...params.header, 'Upload-Length': '5' } },
    } as never);
    expect(created.response.status).toBe(201);
    const chunk = await client.as('SENDER').PATCH(tus, {
      params: { ...params, header: { ...params.header, 'Upload-Offset': '0' } },
      ...octets(new TextEncoder().encode('hello'), 'application/offset+octet-stream'),
    } as never);
    expect(chunk.response.status).toBe(204);
    const head = await client.as('SENDER').HEAD(tus, { params } as never);
    expect(head.response.headers.get('upload-offset')).toBe('5');
    expect(client.log.all().map((call) => call.operation)).toEqual(
      expect.arrayContaining([
        'tusGetCapabilities',
        'tusCreateUpload',
        'tusUploadChunk',
        'tusGetUploadOffset',
      ]),
    );
  });

  it('sends BROKER_EXTRA_HEADERS on every call and keeps their values out of the log', async () => {
    const seen: (string | undefined)[] = [];
    const stand = await proxy((req) => {
      seen.push(req.headers['ocp-apim-subscription-key'] as string | undefined);
      return false;
    });
    try {
      const client = await broker(stand.url, {
        extraHeaders: { 'Ocp-Apim-Subscription-Key': 'sub-key-1234567' },
      });
      await initialize(client);
      await client.as('SERVICEOWNER').GET('/broker/api/v1/serviceowner');
      expect(seen).toEqual(['sub-key-1234567', 'sub-key-1234567']);
      expect(JSON.stringify(client.log.all())).not.toContain('sub-key-1234567');
    } finally {
      await stand.close();
    }
  });

  it('a call made for a hostile token or none is answered and checked like any other', async () => {
    const client = await broker(sandbox.origin);
    const anonymous = await client.anonymous().GET(`${TRANSFERS}/{fileTransferId}`, {
      params: { path: { fileTransferId: randomUUID() } },
    });
    expect(anonymous.response.status).toBe(401);
    const forged = await client
      .withToken('eyJhbGciOiJub25lIn0.eyJzY29wZSI6Im5vbmUifQ.', 'alg none')
      .GET(TRANSFERS, {
        params: { query: { resourceId: 'x' } },
      } as never);
    expect(forged.response.status).toBe(401);
    expect(client.log.all().map((call) => call.persona)).toEqual(['anonymous', 'alg none']);
  });
});

describe('a Broker that breaks the contract', () => {
  it('an answer that is not JSON fails the call with the operation, the exchange and no secret', async () => {
    const stand = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>oops</html>');
    });
    try {
      const client = await broker(stand.url);
      const error = await client
        .as('SENDER')
        .GET(`${TRANSFERS}/{fileTransferId}`, { params: { path: { fileTransferId: randomUUID() } } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContractError);
      const message = (error as Error).message;
      expect(message).toContain(
        'getFileTransferOverview (GET /broker/api/v1/filetransfer/{fileTransferId}) as SENDER',
      );
      expect(message).toContain('malformed-body');
      expect(message).toContain('<html>oops</html>');
      expect(message).toContain('authorization: [redacted]');
      expect(message).not.toContain(tokens.get('SENDER'));
    } finally {
      await stand.close();
    }
  });

  it('with the record policy the violation is kept on the answer instead', async () => {
    const stand = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"fileTransferId": 7}');
    });
    try {
      const client = await broker(stand.url, { onViolation: 'record' });
      const { response } = await client.as('SENDER').GET(`${TRANSFERS}/{fileTransferId}`, {
        params: { path: { fileTransferId: randomUUID() } },
      });
      expect(violationsOf(response).map((v) => v.kind)).toContain('schema');
      expect(client.log.all()[0]?.violations.length).toBeGreaterThan(0);
    } finally {
      await stand.close();
    }
  });
});

describe('transport failures', () => {
  it.each([
    ['a Broker that hangs', 'HTTP_TIMEOUT', (_req: IncomingMessage, _res: ServerResponse) => undefined],
    [
      'a Broker that closes the connection',
      'HTTP_CONNECTION',
      (req: IncomingMessage, _res: ServerResponse) => req.socket.destroy(),
    ],
  ])('%s is an EnvironmentError %s naming the operation', async (_name, code, handler) => {
    const stand = await serve(handler);
    try {
      const client = await broker(stand.url, { policy: { timeoutMs: 200 } });
      const error = await client
        .as('SENDER')
        .GET(TRANSFERS, { params: { query: { resourceId: 'r' } } } as never)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EnvironmentError);
      expect((error as EnvironmentError).code).toBe(code);
      expect((error as Error).message).toContain('searchFileTransfers (GET /broker/api/v1/filetransfer)');
      expect(client.log.all()[0]?.error).toBeDefined();
    } finally {
      await stand.close();
    }
  });

  it('a Broker gone silent costs one time limit: the circuit trips once and stops every later call unsent', async () => {
    let requests = 0;
    const stand = await serve(() => {
      requests += 1;
    });
    const tripped: string[] = [];
    const circuit = {
      check() {
        if (tripped[0] !== undefined) throw new Error(`stopped: ${tripped[0]}`);
      },
      trip: (message: string) => tripped.push(message),
    };
    try {
      const client = await broker(stand.url, { policy: { timeoutMs: 200 }, circuit });
      const search = () =>
        client
          .as('SENDER')
          .GET(TRANSFERS, { params: { query: { resourceId: 'r' } } } as never)
          .catch((e: unknown) => e);
      // Two calls in flight when the Broker falls silent: the first to time out trips, the other stops.
      const [first, second] = await Promise.all([search(), search()]);
      const codes = [first, second].map((e) => (e instanceof EnvironmentError ? e.code : 'stopped'));
      expect(codes.sort()).toEqual(['HTTP_TIMEOUT', 'stopped']);
      expect(tripped).toEqual([
        'searchFileTransfers (GET /broker/api/v1/filetransfer): no answer within 200 ms.',
      ]);
      const third = await search();
      expect((third as Error).message).toBe(`stopped: ${tripped[0]}`);
      // Stopped unsent: the silent Broker saw the two calls in flight and nothing after.
      expect(requests).toBe(2);
    } finally {
      await stand.close();
    }
  });

  it('a body that stalls mid-download ends with HTTP_BODY_TIMEOUT', async () => {
    const stand = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write('first bytes');
    });
    try {
      const client = await broker(stand.url, { policy: { bodyIdleTimeoutMs: 150 }, onViolation: 'record' });
      const { data } = await client.as('RECIPIENT').GET(`${TRANSFERS}/{fileTransferId}/download`, {
        params: { path: { fileTransferId: randomUUID() } },
        parseAs: 'stream',
      });
      const error = await new Response(data as ReadableStream).arrayBuffer().catch((e: unknown) => e);
      expect((error as EnvironmentError).code).toBe('HTTP_BODY_TIMEOUT');
    } finally {
      await stand.close();
    }
  });
});

describe('streamed request bodies (octets of a stream)', () => {
  /** `count` chunks of 64 KiB, one every `everyMs`, or without end when `count` is Infinity. */
  const slowBody = (count: number, everyMs: number) => {
    let given = 0;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (given >= count) return controller.close();
        given += 1;
        if (everyMs > 0) await new Promise((resolve) => setTimeout(resolve, everyMs));
        controller.enqueue(new Uint8Array(65_536));
      },
    });
  };
  const answer = (res: ServerResponse) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(`{"fileTransferId":"${randomUUID()}"}`);

  it.each([
    {
      rule: 'an upload longer in all than the time limit, never pausing that long, is answered',
      body: () => slowBody(8, 300),
      serve: (req: IncomingMessage, res: ServerResponse) => req.resume().on('end', () => answer(res)),
      want: { status: 200 },
    },
    {
      rule: 'a Broker that stops taking the body times out while it is sent',
      body: () => slowBody(Infinity, 0),
      serve: (req: IncomingMessage) => void req.pause(),
      want: { code: 'HTTP_TIMEOUT', message: 'the connection took no more of the request body for 1000 ms' },
    },
    {
      rule: 'a Broker that takes the whole body and says nothing times out from its end',
      body: () => slowBody(4, 0),
      serve: (req: IncomingMessage) => void req.resume(),
      want: { code: 'HTTP_TIMEOUT', message: 'no answer within 1000 ms of the end of the request body' },
    },
    {
      // Node's fetch keeps a copy of a body that may follow a redirect: a streamed one refuses them.
      rule: 'a redirect is refused, not followed',
      body: () => slowBody(4, 0),
      serve: (req: IncomingMessage, res: ServerResponse) =>
        req.resume().on('end', () => res.writeHead(307, { location: '/elsewhere' }).end()),
      want: { code: 'HTTP_CONNECTION', message: 'unexpected redirect' },
    },
  ])('$rule', async ({ body, serve: handler, want }) => {
    const stand = await serve(handler);
    try {
      const client = await broker(stand.url, { policy: { timeoutMs: 1000 }, onViolation: 'record' });
      const outcome = await client
        .as('SENDER')
        .POST(`${TRANSFERS}/{fileTransferId}/upload`, {
          params: { path: { fileTransferId: randomUUID() } },
          ...octets(body()),
        })
        .then(
          ({ response }) => ({ status: response.status }),
          (error: unknown) => error,
        );
      if ('status' in want) expect(outcome).toEqual(want);
      else {
        expect(outcome).toBeInstanceOf(EnvironmentError);
        expect((outcome as EnvironmentError).code).toBe(want.code);
        expect((outcome as Error).message).toContain(want.message);
      }
    } finally {
      await stand.close();
    }
  });
});

describe('retries', () => {
  const busy =
    (status: number, retryAfter: string | undefined) =>
    (req: IncomingMessage, res: ServerResponse, n: number) => {
      if (n > 1) return false;
      res.writeHead(status, retryAfter === undefined ? {} : { 'retry-after': retryAfter });
      res.end();
      return true;
    };

  it.each([
    ['a 429 on a GET is retried after Retry-After seconds', 'GET', 429, '2', [2000], 2],
    [
      'a 503 on a GET without Retry-After is retried after the default delay',
      'GET',
      503,
      undefined,
      [1000],
      2,
    ],
    ['a Retry-After beyond the limit is not waited for', 'GET', 503, '3600', [], 1],
    ['a 503 on POST initialize is never repeated', 'POST', 503, '1', [], 1],
  ])('%s', async (_name, method, status, retryAfter, sleeps, requests) => {
    let seen = 0;
    const stand = await proxy((req, res, n) => {
      seen = n;
      return busy(status, retryAfter)(req, res, n);
    });
    const slept: number[] = [];
    try {
      const client = await broker(stand.url, {
        onViolation: 'record',
        sleep: async (ms) => {
          slept.push(ms);
        },
      });
      if (method === 'GET') {
        await client.as('SERVICEOWNER').GET('/broker/api/v1/serviceowner');
      } else {
        await initialize(client).catch(() => undefined);
      }
      expect(slept).toEqual(sleeps);
      expect(seen).toBe(requests);
      expect(client.log.all()[0]?.attempts).toBe(requests);
    } finally {
      await stand.close();
    }
  });

  it.each([
    ['seconds', '3', 3000],
    ['an HTTP date', new Date(Date.parse('2026-01-01T00:00:10Z')).toUTCString(), 10_000],
    ['absent', null, undefined],
    ['unreadable', 'soon', undefined],
  ])('Retry-After given as %s', (_name, value, want) => {
    expect(retryAfterMs(value, Date.parse('2026-01-01T00:00:00Z'))).toBe(want);
  });
});

describe('the request log', () => {
  it('records each call under the test that made it', async () => {
    const client = await broker(sandbox.origin, { testName: () => 'the test name' });
    await client.as('SERVICEOWNER').GET('/broker/api/v1/serviceowner');
    expect(client.log.forTest('the test name')).toHaveLength(1);
    const [call] = client.log.all();
    expect(call).toMatchObject({
      operation: 'getServiceOwner',
      status: 200,
      persona: 'SERVICEOWNER',
      attempts: 1,
    });
    expect(call?.requestHeaders.authorization).toBe('[redacted]');
  });
});
