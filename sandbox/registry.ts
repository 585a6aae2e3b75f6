/**
 * The Resource Registry's resource read, `GET /resourceregistry/api/v1/resource/{id}`: what the Broker
 * reads on initialize (CONTRACT.md §3.7: the owner and `accessListMode`) and the suite reads to know
 * whether the access list is on. Upstream's action (altinn-resource-registry, ResourceController.Get)
 * carries no [Authorize], so it answers without a token; it serialises camelCase, with the enum
 * `accessListMode` as its name, `Disabled` when never set.
 */
import type { FastifyInstance } from 'fastify';
import type { RegistryResource, SandboxConfig } from './config.js';

export const REGISTRY_PREFIX = '/resourceregistry/api/v1';

/** The part of upstream's `ServiceResource` the Broker reads (its `GetResourceResponse`). */
export interface RegistryResourceBody {
  identifier: string;
  accessListMode: 'Enabled' | 'Disabled';
  hasCompetentAuthority: { organization: string; orgcode: string };
}

export function registryBody(resource: RegistryResource): RegistryResourceBody {
  return {
    identifier: resource.id,
    accessListMode: resource.accessListMode ?? 'Disabled',
    hasCompetentAuthority: {
      organization: resource.owner.slice(resource.owner.lastIndexOf(':') + 1),
      orgcode: resource.orgcode ?? '',
    },
  };
}

export function registryRoutes(app: FastifyInstance, config: Pick<SandboxConfig, 'registry'>): void {
  app.get<{ Params: { id: string } }>(`${REGISTRY_PREFIX}/resource/:id`, async (req, reply) => {
    const resource = config.registry.find((r) => r.id === req.params.id);
    if (resource) return reply.code(200).send(registryBody(resource));
    // ASP.NET's [ApiController] turns NotFound() into a ProblemDetails body.
    return reply
      .code(404)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send({ type: 'https://tools.ietf.org/html/rfc9110#section-15.5.5', title: 'Not Found', status: 404 });
  });
}
