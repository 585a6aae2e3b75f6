/** Whom a verified token speaks for (CONTRACT.md §3.3), for claims the authority itself never issues. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPair } from 'jose';
import type { GenerateKeyPairResult, JWTPayload } from 'jose';
import { TokenAuthority } from '../../../sandbox/auth/tokens.js';
import { signJwt } from '../../helpers/jwt.js';

const VENDOR = '310000001';

let key: GenerateKeyPairResult;
let authority: TokenAuthority;

beforeAll(async () => {
  key = await generateKeyPair('RS256', { extractable: true });
  // Sharing the key lets the test sign claims of its choosing that the authority then verifies.
  authority = await TokenAuthority.create('http://sandbox.test', { signingKey: key });
});

async function orgsOf(claims: JWTPayload): Promise<{ org: string | null; consumerOrg: string | null }> {
  const token = await signJwt({ iss: authority.maskinportenIssuer, ...claims }, key.privateKey, {
    kid: authority.publicJwks().keys[0]?.kid ?? '',
    expiresIn: 60,
  });
  const result = await authority.verify(`Bearer ${token}`);
  if (!result.ok) throw new Error(`verify failed: ${result.reason}`);
  return { org: result.caller.org, consumerOrg: result.caller.consumerOrg };
}

describe('caller org (CONTRACT.md §3.3)', () => {
  const details = (org: unknown): object => ({
    type: 'urn:altinn:systemuser',
    systemuser_id: ['00000000-0000-4000-8000-000000000000'],
    systemuser_org: { authority: 'iso6523-actorid-upis', ID: org },
    system_id: 'vendor_system',
  });
  const consumer = { authority: 'iso6523-actorid-upis', ID: `0192:${VENDOR}` };
  const rows: [string, JWTPayload, string | null][] = [
    [
      'authorization_details first, as an array',
      { authorization_details: [details('0192:310000002')], consumer },
      '310000002',
    ],
    [
      'authorization_details as one object',
      { authorization_details: details('0192:310000002') },
      '310000002',
    ],
    [
      'authorization_details without a prefix',
      { authorization_details: [details('310000002')] },
      '310000002',
    ],
    [
      'authorization_details over urn:altinn:orgNumber',
      { authorization_details: [details('0192:310000002')], 'urn:altinn:orgNumber': '310000003' },
      '310000002',
    ],
    [
      'authorization_details missing a member is null, later claims unread',
      { authorization_details: [{ ...details('0192:310000002'), system_id: undefined }], consumer },
      null,
    ],
    ['authorization_details that is a string is null', { authorization_details: 'nonsense', consumer }, null],
    ['an empty authorization_details array is no claim', { authorization_details: [], consumer }, VENDOR],
    ['urn:altinn:orgNumber over consumer', { 'urn:altinn:orgNumber': '310000003', consumer }, '310000003'],
    [
      'urn:altinn:orgNumber with its prefix removed',
      { 'urn:altinn:orgNumber': '0192:310000003' },
      '310000003',
    ],
    ['consumer with its prefix removed', { consumer }, VENDOR],
    ['no org claim at all is null', {}, null],
  ];
  it.each(rows)('%s', async (_rule, claims, org) => {
    expect(await orgsOf(claims)).toEqual({ org, consumerOrg: 'consumer' in claims ? VENDOR : null });
  });
});
