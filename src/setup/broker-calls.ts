/**
 * The setup's calls made as SERVICEOWNER through the self-validating client (src/client), so every
 * answer the setup reads is also checked against the spec.
 */
import { API_PREFIX as API } from '../api-prefix.js';
import type { Broker } from '../client/broker.js';
import type { SetupAnswer, SetupCalls } from './prepare.js';

interface OpenApiAnswer {
  response: Response;
  data?: unknown;
  error?: unknown;
}

function answer({ response, data, error }: OpenApiAnswer): SetupAnswer {
  const code = (error as { code?: unknown } | undefined)?.code;
  return { status: response.status, ...(typeof code === 'string' ? { code } : {}), body: data };
}

export function brokerSetupCalls(broker: Broker, resourceId: string): SetupCalls {
  const owner = () => broker.as('SERVICEOWNER');
  const path = { params: { path: { resourceId } } };
  return {
    readServiceOwner: async () => answer(await owner().GET(`${API}/serviceowner`)),
    registerServiceOwner: async (name) =>
      answer(await owner().POST(`${API}/serviceowner`, { body: { name } })),
    readResource: async () => answer(await owner().GET(`${API}/resource/{resourceId}`, path)),
    createResource: async () =>
      answer(await owner().PUT(`${API}/resource/{resourceId}`, { ...path, body: {} })),
  };
}
