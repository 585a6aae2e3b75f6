import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_SPEC } from '../../src/spec/load.js';
import {
  alreadyVerified,
  readVerified,
  swaggerParserVersion,
  verifiedRecord,
} from '../../src/spec/verified.js';

const TEXT = 'openapi: 3.1.0\n';

describe('texts swagger-parser has passed (src/spec/verified.ts)', () => {
  it.each([
    ['the same text, the same version', verifiedRecord(TEXT), true],
    ['another text', verifiedRecord(`${TEXT}# changed\n`), false],
    ['another swagger-parser', { ...verifiedRecord(TEXT), swaggerParser: '0.0.1' }, false],
    ['no record', undefined, false],
  ])('%s', (_name, record, want) => {
    expect(alreadyVerified(TEXT, record)).toBe(want);
  });

  it('records the digest and the installed version', () => {
    expect(verifiedRecord(TEXT)).toEqual({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      swaggerParser: swaggerParserVersion(),
    });
  });

  it('has the bundled spec recorded as it is (npm run generate; generate:check fails otherwise)', async () => {
    expect(alreadyVerified(await readFile(BUNDLED_SPEC, 'utf8'))).toBe(true);
  });

  describe('a record file', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'broker-contract-verified-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it.each([
      ['missing', undefined],
      ['not JSON', '{'],
      ['without a version', JSON.stringify({ sha256: 'ab' })],
    ])('%s is no record', async (name, content) => {
      const file = join(dir, `${name}.json`);
      if (content !== undefined) await writeFile(file, content);
      expect(readVerified(file)).toBeUndefined();
    });

    it('is read back as written', async () => {
      const file = join(dir, 'good.json');
      await writeFile(file, JSON.stringify(verifiedRecord(TEXT)));
      expect(readVerified(file)).toEqual(verifiedRecord(TEXT));
    });
  });
});
