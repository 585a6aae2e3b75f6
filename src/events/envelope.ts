/**
 * The CloudEvents 1.0 envelope every delivery must carry, whatever the Broker's own schema says
 * (CONTRACT.md §6.2): `specversion` "1.0", non-empty `id`, `source` and `type`, and `time` in RFC 3339
 * when present. The spec's `webhooks` schemas check the rest.
 */
import { show, type Violation } from '../spec/violations.js';

const REQUIRED = ['id', 'source', 'type'] as const;
/** RFC 3339 §5.6 `date-time`; .NET writes seven fractional digits, which the grammar allows. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function violation(pointer: string, expected: string, actual: unknown): Violation {
  return {
    kind: 'schema',
    pointer,
    expected,
    actual,
    message: `CloudEvents 1.0 ${pointer}: expected ${expected}, got ${show(actual)}`,
  };
}

export function isRfc3339(value: string): boolean {
  return RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

export function checkEnvelope(event: Record<string, unknown>): Violation[] {
  const violations: Violation[] = [];
  if (event.specversion !== '1.0') violations.push(violation('/specversion', '"1.0"', event.specversion));
  for (const name of REQUIRED) {
    const value = event[name];
    if (typeof value !== 'string' || value === '') {
      violations.push(violation(`/${name}`, 'a non-empty string', value));
    }
  }
  const { time } = event;
  if (time !== undefined && (typeof time !== 'string' || !isRfc3339(time))) {
    violations.push(violation('/time', 'an RFC 3339 date-time', time));
  }
  return violations;
}
