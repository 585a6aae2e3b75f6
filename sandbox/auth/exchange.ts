/**
 * The Altinn platform's side of authentication (ENVIRONMENT.md "Maskinporten mode" step 3, CONTRACT.md
 * §3.1): the exchange of a Maskinporten token for an Altinn token, and the OpenID metadata and keys the
 * Broker's Altinn scheme validates against.
 */
import type { FastifyInstance } from 'fastify';
import type { TokenAuthority } from './tokens.js';

const OPENID_CONFIGURATION = '/authentication/api/v1/openid/.well-known/openid-configuration';

export interface ExchangeDeps {
  authority: TokenAuthority;
  /**
   * `maskinporten`: the Altinn token expires when the Maskinporten token it came from does, as Altinn's
   * exchange does; `altinn`: 30 minutes from the exchange. @default 'altinn'
   */
  expiry?: 'altinn' | 'maskinporten';
}

export function exchangeRoutes(app: FastifyInstance, deps: ExchangeDeps): void {
  const { authority } = deps;

  app.get('/authentication/api/v1/exchange/maskinporten', async (request, reply) => {
    const verified = await authority.verify(request.headers.authorization);
    // Only a live Maskinporten token is exchanged; an Altinn token is not a Maskinporten one.
    if (!verified.ok || verified.caller.tokenKind !== 'maskinporten') {
      return reply.code(401).header('www-authenticate', 'Bearer').send();
    }
    const { token } = await authority.issueAltinn(
      verified.caller,
      deps.expiry === 'maskinporten' ? 'source' : undefined,
    );
    return reply
      .code(200)
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(token);
  });

  app.get(OPENID_CONFIGURATION, async () => ({
    issuer: authority.altinnIssuer,
    // Altinn's own jwks_uri sits below the configuration document.
    jwks_uri: `${authority.altinnIssuer}.well-known/openid-configuration/jwks`,
    id_token_signing_alg_values_supported: ['RS256'],
  }));

  app.get(`${OPENID_CONFIGURATION}/jwks`, async () => authority.publicJwks());
}
