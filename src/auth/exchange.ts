/**
 * The optional exchange of ENVIRONMENT.md "Maskinporten mode" step 3: `GET ALTINN_EXCHANGE_URL` with the
 * Maskinporten token as bearer; the body is the Altinn token, as plain text or a JSON string in quotes
 * (CONTRACT.md §3.1: the Broker's `Bearer` scheme accepts it).
 */
import { EnvironmentError } from '../errors.js';
import type { PersonaName } from '../profile/types.js';
import { callAuthEndpoint, quoteBody, type FetchLike } from './transport.js';

export interface ExchangeRequest {
  persona: PersonaName;
  exchangeUrl: string;
  maskinportenToken: string;
  fetch: FetchLike;
  timeoutMs: number;
}

/** Three dot-separated base64url parts: what every Altinn token is. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export async function exchangeToken(request: ExchangeRequest): Promise<string> {
  const { persona, exchangeUrl } = request;
  const what = `${persona}'s token exchange (GET ${exchangeUrl})`;
  const answer = await callAuthEndpoint(
    {
      what,
      variable: 'ALTINN_EXCHANGE_URL',
      codePrefix: 'AUTH_EXCHANGE',
      fetch: request.fetch,
      timeoutMs: request.timeoutMs,
    },
    exchangeUrl,
    { method: 'GET', headers: { authorization: `Bearer ${request.maskinportenToken}` } },
  );
  if (answer.status < 200 || answer.status > 299) {
    throw new EnvironmentError(
      answer.status === 401 || answer.status === 403 ? 'AUTH_EXCHANGE_REFUSED' : 'AUTH_EXCHANGE_HTTP_ERROR',
      `${what} answered ${answer.status}: ${quoteBody(answer.text)}`,
      answer.status === 401 || answer.status === 403
        ? 'The exchange refused the Maskinporten token: check that ALTINN_EXCHANGE_URL belongs to the same ' +
            'environment as MASKINPORTEN_TOKEN_URL (test Maskinporten goes with tt02/at*, production with production).'
        : 'Check ALTINN_EXCHANGE_URL and whether the Altinn platform is up.',
    );
  }
  const token = altinnToken(answer.text);
  if (token === undefined) {
    throw new EnvironmentError(
      'AUTH_EXCHANGE_MALFORMED_RESPONSE',
      `${what} answered ${answer.status} with something that is not a token: ${quoteBody(answer.text)}`,
      'Check that ALTINN_EXCHANGE_URL is the exchange endpoint (…/authentication/api/v1/exchange/maskinporten).',
    );
  }
  return token;
}

function altinnToken(text: string): string | undefined {
  let token = text.trim();
  if (token.startsWith('"')) {
    try {
      const value: unknown = JSON.parse(token);
      token = typeof value === 'string' ? value : '';
    } catch {
      return undefined;
    }
  }
  return JWT_SHAPE.test(token) ? token : undefined;
}
