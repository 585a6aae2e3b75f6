/** What every route module is given: the domain, the token authority, the spec's validator. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ContractValidator } from '../../src/spec/validator.js';
import type { Caller, TokenAuthority } from '../auth/tokens.js';
import type { Broker } from './broker.js';
import { passGates, type Gate } from './gates.js';

/**
 * The path every Broker API route hangs under (spec/broker-api.yaml `paths`). Declared here, beside
 * what every route module is given, rather than in plugin.ts, which imports the route modules.
 * The suite declares its own (`src/api-prefix.ts`): the sandbox is the oracle, so it shares none of it.
 */
export const API_PREFIX = '/broker/api/v1';

export interface RouteContext {
  broker: Broker;
  authority: TokenAuthority;
  validator: ContractValidator;
  /**
   * Runs the gates (§2.1 order) with the active fault applied. Token lifetimes run on the wall clock,
   * not the time-scaled one: clients sign with real time.
   */
  gate(request: FastifyRequest, reply: FastifyReply, gate: Gate): Promise<Caller | undefined>;
}

export function createContext(
  broker: Broker,
  authority: TokenAuthority,
  validator: ContractValidator,
): RouteContext {
  const faults = broker.deps.faults;
  return {
    broker,
    authority,
    validator,
    gate: (request, reply, gate) =>
      passGates(request, reply, authority, faults.on('no-scope-check') ? { ...gate, policy: 'Any' } : gate, {
        allowExpired: faults.on('expired-token-accepted'),
        allowUnsigned: faults.on('alg-none-accepted'),
        allowBadSignature: faults.on('signature-unchecked'),
      }),
  };
}
