import { describe, expect, it } from '@jest/globals';
import { redact, redactHeaders, registerSecret } from '../src/redact.js';

describe('redaction (developers’ guide, Standards: no secret reaches a log, a report or an error)', () => {
  it('masks a secret registered after an earlier redaction', () => {
    expect(redact('key alpha-secret-1 here')).toBe('key alpha-secret-1 here');
    registerSecret('alpha-secret-1');
    expect(redact('key alpha-secret-1 here')).toBe('key [redacted] here');
  });

  it('masks a secret containing another whole, whichever came first', () => {
    registerSecret('inner-secret');
    registerSecret('outer-inner-secret-x');
    expect(redact('a outer-inner-secret-x b inner-secret')).toBe('a [redacted] b [redacted]');
  });

  it.each([
    ['a value too short to register', 'abc', 'id abc'],
    ['nothing', undefined, 'id abc'],
  ])('registers no %s', (_name, value, text) => {
    registerSecret(value);
    expect(redact(text)).toBe(text);
  });

  it('masks every occurrence, and a JWT nobody registered', () => {
    registerSecret('beta-secret-2');
    expect(redact('beta-secret-2/beta-secret-2 eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl')).toBe(
      '[redacted]/[redacted] [redacted]',
    );
  });

  it('masks secret headers by name and registered values in any header', () => {
    registerSecret('gamma-secret-3');
    expect(redactHeaders({ Authorization: 'Bearer x', 'X-Trace': 'v gamma-secret-3' })).toEqual({
      Authorization: '[redacted]',
      'X-Trace': 'v [redacted]',
    });
  });
});
