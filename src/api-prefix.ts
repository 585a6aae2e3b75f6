/**
 * The path every Broker API operation starts with (spec/broker-api.yaml `paths`), for the suite's
 * calls: the profile's `BROKER_BASE_URL` is an origin only (ENVIRONMENT.md), so the suite adds this.
 * The sandbox declares its own (`sandbox/broker/context.ts`): the two sides stay independent.
 */
export const API_PREFIX = '/broker/api/v1';
