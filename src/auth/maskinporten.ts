/**
 * The token request of ENVIRONMENT.md "Maskinporten mode" step 2: the assertion POSTed as a form, the
 * JSON answer `{access_token, token_type, expires_in, scope}`, and each refusal turned into an
 * EnvironmentError that names the persona, quotes Maskinporten's error (redacted) and says what to check.
 */
import { EnvironmentError, type EnvironmentCode } from '../errors.js';
import { redact } from '../redact.js';
import type { PersonaName } from '../profile/types.js';
import { callAuthEndpoint, quoteBody, type FetchLike } from './transport.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface MaskinportenToken {
  accessToken: string;
  tokenType: string;
  /** Seconds. */
  expiresIn: number;
  scope?: string;
}

export interface TokenRequest {
  persona: PersonaName;
  tokenUrl: string;
  assertion: string;
  /** For hints: what the assertion claimed. */
  clientId: string;
  kid: string;
  audience: string;
  scopes: string[];
  fetch: FetchLike;
  timeoutMs: number;
}

export async function requestMaskinportenToken(request: TokenRequest): Promise<MaskinportenToken> {
  const { persona, tokenUrl } = request;
  const what = `${persona}'s token request (POST ${tokenUrl})`;
  const answer = await callAuthEndpoint(
    {
      what,
      variable: 'MASKINPORTEN_TOKEN_URL',
      codePrefix: 'AUTH',
      fetch: request.fetch,
      timeoutMs: request.timeoutMs,
    },
    tokenUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: JWT_BEARER, assertion: request.assertion }).toString(),
    },
  );
  const body = parseObject(answer.text);
  if (answer.status < 200 || answer.status > 299)
    throw refusal(request, what, answer.status, answer.text, body);
  const token = body === undefined ? undefined : readToken(body);
  if (token === undefined) {
    throw new EnvironmentError(
      'AUTH_MALFORMED_RESPONSE',
      `${what} answered ${answer.status} without {access_token, token_type, expires_in}: ${quoteBody(answer.text)}`,
      'Check that MASKINPORTEN_TOKEN_URL is the token endpoint itself, not a page or a proxy in front of it.',
    );
  }
  return token;
}

function readToken(body: Record<string, unknown>): MaskinportenToken | undefined {
  const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn, scope } = body;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  if (typeof expiresIn !== 'number' || !(expiresIn > 0)) return undefined;
  return {
    accessToken,
    tokenType: typeof tokenType === 'string' ? tokenType : 'Bearer',
    expiresIn,
    ...(typeof scope === 'string' ? { scope } : {}),
  };
}

/** RFC 6749 §5.2's errors, each with a code of its own; any other `error` is AUTH_REFUSED. */
const OAUTH_ERRORS = new Map<string, EnvironmentCode>([
  ['invalid_request', 'AUTH_INVALID_REQUEST'],
  ['invalid_client', 'AUTH_INVALID_CLIENT'],
  ['invalid_grant', 'AUTH_INVALID_GRANT'],
  ['unauthorized_client', 'AUTH_UNAUTHORIZED_CLIENT'],
  ['unsupported_grant_type', 'AUTH_UNSUPPORTED_GRANT_TYPE'],
  ['invalid_scope', 'AUTH_INVALID_SCOPE'],
]);

/** RFC 6749 §5.2 errors get a code of their own and a hint for their usual causes. */
function refusal(
  request: TokenRequest,
  what: string,
  status: number,
  text: string,
  body: Record<string, unknown> | undefined,
): EnvironmentError {
  const error = typeof body?.error === 'string' ? body.error : undefined;
  if (error === undefined || !/^[a-z_]+$/.test(error)) {
    return new EnvironmentError(
      'AUTH_HTTP_ERROR',
      `${what} answered ${status}: ${quoteBody(text)}`,
      'Check MASKINPORTEN_TOKEN_URL and whether the endpoint is up.',
    );
  }
  const description =
    typeof body?.error_description === 'string' ? `: ${redact(body.error_description)}` : '';
  const { persona, clientId, kid, audience, scopes } = request;
  return new EnvironmentError(
    OAUTH_ERRORS.get(error) ?? 'AUTH_REFUSED',
    `Maskinporten refused ${what} with ${status} ${error}${description}`,
    HINTS.get(error)?.({ persona, clientId, kid, audience, scopes }) ??
      `Check ${persona}_CLIENT_ID, ${persona}_KID and ${persona}_JWK/${persona}_PEM against the client's registration.`,
  );
}

type Claimed = Pick<TokenRequest, 'persona' | 'clientId' | 'kid' | 'audience' | 'scopes'>;

const HINTS = new Map<string, (c: Claimed) => string>([
  [
    'invalid_grant',
    (c) =>
      `Check that key id ${c.persona}_KID (${c.kid}) and the key in ${c.persona}_JWK/${c.persona}_PEM are registered ` +
      `for client ${c.clientId}, that this machine's clock is right, and that MASKINPORTEN_AUDIENCE (${c.audience}) ` +
      'is the audience this Maskinporten expects.',
  ],
  [
    'invalid_scope',
    (c) =>
      `Check that client ${c.clientId} is granted the scopes requested (${c.scopes.join(' ')}); ` +
      `set ${c.persona}_SCOPE to scopes it has.`,
  ],
  [
    'invalid_client',
    (c) =>
      `Check that ${c.persona}_CLIENT_ID (${c.clientId}) is a client of this Maskinporten (MASKINPORTEN_TOKEN_URL).`,
  ],
]);

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
