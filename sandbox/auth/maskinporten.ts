/**
 * The Maskinporten stand-in (ENVIRONMENT.md "Maskinporten mode", steps 1 and 2): the JWT-bearer token
 * endpoint, its authorization-server metadata and its public keys.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxConfig } from '../config.js';
import { checkAssertion, JtiRegistry, type OAuthError } from './client-assertion.js';
import type { TokenAuthority } from './tokens.js';

const FORM = 'application/x-www-form-urlencoded';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface MaskinportenDeps {
  /** A whole SandboxConfig will do; only the origin and the clients are read. */
  config: Pick<SandboxConfig, 'origin' | 'clients' | 'maskinportenTokenLifetimeS'>;
  authority: TokenAuthority;
  /**
   * The clock (ms) client assertions are judged by. Clients sign with the wall clock, so a time-scaled
   * clock here would find their assertions expired or from the future. @default Date.now
   */
  now?: () => number;
}

export function maskinportenRoutes(app: FastifyInstance, deps: MaskinportenDeps): void {
  const { config, authority } = deps;
  const now = deps.now ?? Date.now;
  const origin = config.origin.replace(/\/+$/, '');
  const tokenUrl = `${origin}/maskinporten/token`;
  // ENVIRONMENT.md's default audience is the token URL's origin followed by `/`; Maskinporten's own
  // issuer and the token URL are what clients configured for the real one send.
  const audiences = [authority.maskinportenIssuer, `${origin}/`, tokenUrl];
  const jtis = new JtiRegistry();

  if (!app.hasContentTypeParser(FORM)) {
    app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body.toString())));
    });
  }

  app.post('/maskinporten/token', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith(FORM)) {
      return oauthError(reply, { error: 'invalid_request', error_description: `the body must be ${FORM}` });
    }
    const form = formFields(request.body);
    const grantType = form.get('grant_type');
    const assertion = form.get('assertion');
    if (!grantType)
      return oauthError(reply, { error: 'invalid_request', error_description: 'grant_type is missing' });
    if (grantType !== JWT_BEARER) {
      return oauthError(reply, {
        error: 'unsupported_grant_type',
        error_description: `grant_type must be ${JWT_BEARER}`,
      });
    }
    if (!assertion)
      return oauthError(reply, { error: 'invalid_request', error_description: 'assertion is missing' });
    const checked = await checkAssertion(assertion, {
      clients: config.clients,
      audiences,
      jtis,
      nowMs: now(),
    });
    if (!checked.ok) return oauthError(reply, checked.error);
    const { client, scopes, systemUserOrg } = checked.grant;
    const issued = await authority.issueMaskinporten(
      {
        clientId: client.clientId,
        consumerOrg: client.org,
        scopes,
        ...(systemUserOrg === undefined ? {} : { systemUserOrg }),
      },
      config.maskinportenTokenLifetimeS,
    );
    return reply.send({
      access_token: issued.token,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      scope: scopes.join(' '),
    });
  });

  app.get('/maskinporten/.well-known/oauth-authorization-server', async () => ({
    issuer: authority.maskinportenIssuer,
    token_endpoint: tokenUrl,
    jwks_uri: `${origin}/maskinporten/jwks`,
    grant_types_supported: [JWT_BEARER],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    authorization_details_types_supported: ['urn:altinn:systemuser'],
  }));

  app.get('/maskinporten/jwks', async () => authority.publicJwks());
}

/** RFC 6749 §5.2; Maskinporten answers 400 for every one of them, invalid_client included. */
function oauthError(reply: FastifyReply, error: OAuthError): FastifyReply {
  return reply.code(400).send(error);
}

/** The parsed form, whichever form parser the app had: ours gives an object, others may give a string. */
function formFields(body: unknown): Map<string, string> {
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    return new Map(new URLSearchParams(body.toString()));
  }
  const fields = new Map<string, string>();
  if (typeof body === 'object' && body !== null) {
    for (const [name, value] of Object.entries(body)) {
      const first: unknown = Array.isArray(value) ? value[0] : value;
      if (typeof first === 'string') fields.set(name, first);
    }
  }
  return fields;
}
