/**
 * What the event tests share: the bundled spec's validator, a valid Broker CloudEvent to vary
 * (CONTRACT.md §6.2), a handshake as Altinn Events sends it, and a POST to the webhook.
 */
import { randomUUID } from 'node:crypto';
import { loadSpec } from '../../src/spec/load.js';
import { ContractValidator } from '../../src/spec/validator.js';

let shared: Promise<ContractValidator> | undefined;
export function validator(): Promise<ContractValidator> {
  shared ??= loadSpec().then((spec) => new ContractValidator(spec));
  return shared;
}

export const SENDER_ORG = '314000001';
export const RECIPIENT_ORG = '315000002';

export function brokerEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    type: 'no.altinn.broker.published',
    time: new Date().toISOString(),
    resource: 'urn:altinn:resource:broker-contract-sandbox',
    resourceinstance: randomUUID(),
    subject: `urn:altinn:organization:identifier-no:${SENDER_ORG}`,
    source: 'https://platform.tt02.altinn.no/broker/api/v1/filetransfer',
    data: { Role: 'Sender' },
    ...overrides,
  };
}

export function handshake(source: string): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    type: 'platform.events.validatesubscription',
    source,
    time: new Date().toISOString(),
  };
}

export async function deliver(
  url: string,
  body: unknown,
  contentType: string | null = 'application/cloudevents+json',
): Promise<number> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  // Bytes, so that fetch adds no Content-Type of its own when the test sends none.
  const response = await fetch(url, {
    method: 'POST',
    headers: contentType === null ? {} : { 'content-type': contentType },
    body: new TextEncoder().encode(text),
  });
  await response.body?.cancel();
  return response.status;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
