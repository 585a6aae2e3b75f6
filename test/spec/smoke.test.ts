import { describe, expect, it } from '@jest/globals';
import * as jose from 'jose';

describe('esm', () => {
  it('loads an ESM-only dependency', async () => {
    const { privateKey } = await jose.generateKeyPair('RS256');
    expect(privateKey.type).toBe('private');
  });
});
