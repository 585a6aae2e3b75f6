import type { IncomingMessage, ServerResponse } from 'node:http';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createTokenProvider } from '../../src/auth/tokens.js';
import { EnvironmentError } from '../../src/errors.js';
import { serve, unusedPort } from '../helpers/http.js';
import { testKeys, type TestKeys } from '../profile/vars.js';
import { readBody, standInProfile, standInToken } from './standin.js';

type Handler = (req: IncomingMessage, res: ServerResponse, seen: string[]) => Promise<void> | void;

let keys: TestKeys;
beforeAll(async () => {
  keys = await testKeys();
});

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** A stand-in answering a good token at /token unless `token` says otherwise, and `exchange` at /exchange. */
async function failureOf(
  handlers: { token?: Handler; exchange?: Handler },
  withExchange = false,
): Promise<{ error: EnvironmentError; seen: string[] }> {
  const seen: string[] = [];
  const server = await serve((req, res) => {
    void readBody(req).then(async (body) => {
      const assertion = new URLSearchParams(body).get('assertion');
      if (assertion) seen.push(assertion);
      if (req.headers.authorization) seen.push(req.headers.authorization.slice('Bearer '.length));
      const handler = req.url === '/token' ? handlers.token : handlers.exchange;
      if (handler) return handler(req, res, seen);
      const token = await standInToken({ scope: 'altinn:broker.write' }, Math.floor(Date.now() / 1000) + 120);
      seen.push(token);
      json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 120 });
    });
  });
  try {
    const profile = standInProfile(
      keys,
      server.url,
      withExchange ? { ALTINN_EXCHANGE_URL: `${server.url}/exchange` } : {},
    );
    // Long enough for a loaded machine to answer the rows that do answer; the hanging rows wait it out.
    const error = await createTokenProvider(profile, { timeoutMs: 2_000 })
      .token('SENDER')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(EnvironmentError);
    return { error: error as EnvironmentError, seen };
  } finally {
    await server.close();
  }
}

describe('Maskinporten token request failures say which persona, what came back and what to check', () => {
  // prettier-ignore
  const rows: [string, Handler, string, string[]][] = [
    ['400 invalid_grant', (_q, res, seen) => json(res, 400, { error: 'invalid_grant', error_description: `invalid assertion ${seen[0]}` }),
      'AUTH_INVALID_GRANT', ["SENDER's token request (POST http://", '400 invalid_grant: invalid assertion [redacted]', 'SENDER_KID (kid-sender)', 'registered for client client-sender', 'clock', 'MASKINPORTEN_AUDIENCE (http://127.0.0.1:']],
    ['400 invalid_scope', (_q, res) => json(res, 400, { error: 'invalid_scope', error_description: 'scope altinn:broker.write not allowed' }),
      'AUTH_INVALID_SCOPE', ['invalid_scope: scope altinn:broker.write not allowed', 'client client-sender is granted the scopes requested (altinn:broker.write altinn:events.subscribe)', 'SENDER_SCOPE']],
    ['400 invalid_client', (_q, res) => json(res, 400, { error: 'invalid_client' }),
      'AUTH_INVALID_CLIENT', ['with 400 invalid_client', 'SENDER_CLIENT_ID (client-sender)']],
    ['400 with an error RFC 6749 does not list', (_q, res) => json(res, 400, { error: 'server_busy' }),
      'AUTH_REFUSED', ['with 400 server_busy', 'SENDER_CLIENT_ID']],
    ['500 with a text body', (_q, res) => { res.writeHead(500); res.end('upstream exploded'); },
      'AUTH_HTTP_ERROR', ['answered 500: upstream exploded', 'MASKINPORTEN_TOKEN_URL']],
    ['502 with an empty body', (_q, res) => { res.writeHead(502); res.end(); },
      'AUTH_HTTP_ERROR', ['answered 502: (empty body)']],
    ['200 with a body that is not JSON', (_q, res) => { res.writeHead(200); res.end('<html>login</html>'); },
      'AUTH_MALFORMED_RESPONSE', ['answered 200 without {access_token, token_type, expires_in}: <html>login</html>']],
    ['200 with JSON without access_token', (_q, res) => json(res, 200, { token_type: 'Bearer', expires_in: 120 }),
      'AUTH_MALFORMED_RESPONSE', ['without {access_token']],
    ['200 with a token but no expires_in', (_q, res, seen) => json(res, 200, { access_token: seen[0], token_type: 'Bearer' }),
      'AUTH_MALFORMED_RESPONSE', ['without {access_token', '[redacted]']],
    ['no answer (hanging)', () => undefined,
      'AUTH_TIMEOUT', ["No answer to SENDER's token request (POST http://", 'within 2000 ms', 'MASKINPORTEN_TOKEN_URL']],
    ['the connection closed', (req) => { req.socket.destroy(); },
      'AUTH_UNREACHABLE', ["SENDER's token request (POST http://", 'failed before an answer came', 'MASKINPORTEN_TOKEN_URL']],
  ];
  it.each(rows)('%s', async (_case, token, code, parts) => {
    const { error, seen } = await failureOf({ token });
    expect(error.code).toBe(code);
    for (const part of parts) expect(error.message).toContain(part);
    for (const secret of seen) expect(error.message).not.toContain(secret);
  });

  it('nothing listening is AUTH_UNREACHABLE, with the cause', async () => {
    const port = await unusedPort();
    const profile = standInProfile(keys, `http://127.0.0.1:${port}`);
    await expect(createTokenProvider(profile).token('SENDER')).rejects.toMatchObject({
      code: 'AUTH_UNREACHABLE',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('a failed request is not cached: the next call asks again', async () => {
    let calls = 0;
    const server = await serve((_req, res) => {
      calls += 1;
      json(res, 400, { error: 'invalid_grant' });
    });
    try {
      const provider = createTokenProvider(standInProfile(keys, server.url));
      await expect(provider.token('SENDER')).rejects.toMatchObject({ code: 'AUTH_INVALID_GRANT' });
      await expect(provider.token('SENDER')).rejects.toMatchObject({ code: 'AUTH_INVALID_GRANT' });
      expect(calls).toBe(2);
    } finally {
      await server.close();
    }
  });
});

describe('exchange failures', () => {
  // prettier-ignore
  const rows: [string, Handler, string, string[]][] = [
    ['401 echoing the token', (req, res) => { res.writeHead(401); res.end(`rejected ${req.headers.authorization ?? ''}`); },
      'AUTH_EXCHANGE_REFUSED', ["SENDER's token exchange (GET http://", 'answered 401: rejected Bearer [redacted]', 'same environment as MASKINPORTEN_TOKEN_URL']],
    ['500', (_q, res) => { res.writeHead(500); res.end('down'); },
      'AUTH_EXCHANGE_HTTP_ERROR', ['answered 500: down', 'ALTINN_EXCHANGE_URL']],
    ['200 with something that is not a token', (_q, res) => { res.writeHead(200); res.end('{"token":"x"}'); },
      'AUTH_EXCHANGE_MALFORMED_RESPONSE', ['is not a token: {"token":"x"}']],
    ['no answer (hanging)', () => undefined,
      'AUTH_EXCHANGE_TIMEOUT', ["No answer to SENDER's token exchange", 'ALTINN_EXCHANGE_URL']],
    ['the connection closed', (req) => { req.socket.destroy(); },
      'AUTH_EXCHANGE_UNREACHABLE', ['ALTINN_EXCHANGE_URL']],
  ];
  it.each(rows)('%s', async (_case, exchange, code, parts) => {
    const { error, seen } = await failureOf({ exchange }, true);
    expect(error.code).toBe(code);
    for (const part of parts) expect(error.message).toContain(part);
    for (const secret of seen) expect(error.message).not.toContain(secret);
  });

  // prettier-ignore
  const bodies: [string, (token: string) => string][] = [
    ['plain text', (token) => token],
    ['a JSON string in quotes', (token) => JSON.stringify(token)],
    ['plain text with a trailing newline', (token) => `${token}\n`],
  ];
  it.each(bodies)('accepts the Altinn token as %s', async (_form, body) => {
    const altinn = await standInToken({ iss: 'altinn' }, Math.floor(Date.now() / 1000) + 1800);
    const server = await serve((req, res) => {
      void readBody(req).then(async () => {
        if (req.url === '/exchange') return res.end(body(altinn));
        const token = await standInToken({}, Math.floor(Date.now() / 1000) + 120);
        json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 120 });
      });
    });
    try {
      const profile = standInProfile(keys, server.url, { ALTINN_EXCHANGE_URL: `${server.url}/exchange` });
      expect(await createTokenProvider(profile).token('SENDER')).toBe(altinn);
    } finally {
      await server.close();
    }
  });
});
