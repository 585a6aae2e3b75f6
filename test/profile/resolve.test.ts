import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from '@jest/globals';
import { describeProfile } from '../../src/profile/describe.js';
import { buildProfile } from '../../src/profile/load.js';
import { resolveProfile } from '../../src/profile/resolve.js';
import { staticVars } from './vars.js';

const noFile = join(tmpdir(), 'broker-contract-no-such.env');

describe('resolveProfile', () => {
  it('starts the embedded sandbox when BROKER_BASE_URL is unset, keeping the run settings of the user', async () => {
    const resolved = await resolveProfile({
      env: { BROKER_POLL_TIMEOUT_MS: '1234', SENDER_ORG: '999999999', BROKER_RESOURCE_ID: 'tt02-resource' },
      envFile: noFile,
    });
    try {
      const { profile, sandbox } = resolved;
      expect(sandbox).toBeDefined();
      expect(profile.sandbox).toBe(true);
      expect(profile.brokerBaseUrl).toBe(sandbox?.origin);
      expect(profile.envName).toBe('sandbox');
      expect(profile.timing.pollTimeoutMs).toBe(1234);
      // A deployment's variables do not leak into the sandbox run.
      expect(profile.personas.SENDER.org).toBe(sandbox?.env.SENDER_ORG);
      expect(profile.resourceId).toBe(sandbox?.env.BROKER_RESOURCE_ID);
      expect(profile.events?.apiUrl).toBe(`${sandbox?.origin}/events/api/v1`);
      expect((await fetch(`${profile.brokerBaseUrl}/health`)).status).toBe(200);
      // A worker rebuilds the same profile from the variables the runner hands it.
      expect(buildProfile(resolved.variables, { sandbox: true })).toEqual(profile);
    } finally {
      await resolved.stop();
    }
    await expect(fetch(`${resolved.profile.brokerBaseUrl}/health`)).rejects.toThrow();
    await resolved.stop();
  });

  it('uses the deployment BROKER_BASE_URL names, starting nothing', async () => {
    const resolved = await resolveProfile({ env: staticVars(), envFile: noFile });
    expect(resolved.sandbox).toBeUndefined();
    expect(resolved.profile.sandbox).toBe(false);
    expect(resolved.profile.brokerBaseUrl).toBe('https://platform.tt02.altinn.no');
    expect(resolved.variables).toEqual(staticVars());
    await resolved.stop();
  });
});

describe('describeProfile', () => {
  it('names the deployment, resource, auth, personas and events, and no secret', async () => {
    const resolved = await resolveProfile({ env: {}, envFile: noFile });
    try {
      const lines = describeProfile(resolved.profile);
      const origin = resolved.profile.brokerBaseUrl;
      expect(lines).toEqual([
        'Environment: sandbox (embedded sandbox)',
        `Broker: ${origin}`,
        'Resource: broker-contract-sandbox',
        `Auth: Maskinporten at ${origin}/maskinporten/token, exchanged at ${origin}/authentication/api/v1/exchange/maskinporten`,
        'Personas: SERVICEOWNER 991825827, SENDER 314000001, RECIPIENT 315000002, OUTSIDER 316000003, RECIPIENT2 317000004',
        `Events: on, via ${origin}/events/api/v1`,
        'Timeouts: transition 30000 ms, event 15000 ms',
      ]);
      const jwk = JSON.parse(resolved.sandbox?.env.SENDER_JWK ?? '{}') as { d?: string };
      expect(lines.join('\n')).not.toContain(jwk.d ?? '-');
    } finally {
      await resolved.stop();
    }
  });

  it('shows the production guard, static auth, skipped events and extra header names', async () => {
    const resolved = await resolveProfile({
      env: {
        ...staticVars(),
        BROKER_ENV_NAME: 'prod',
        BROKER_EXTRA_HEADERS: '{"Ocp-Apim-Subscription-Key":"very-secret-key"}',
      },
      envFile: noFile,
    });
    const text = describeProfile(resolved.profile).join('\n');
    expect(text).toContain('Environment: prod, production guard: read-only');
    expect(text).toContain('Auth: static tokens (P_TOKEN)');
    expect(text).toContain('Events: off (EVENTS_API_URL is not set)');
    expect(text).toContain('Extra headers: Ocp-Apim-Subscription-Key');
    expect(text).not.toContain('very-secret-key');
    expect(text).not.toContain(resolved.profile.personas.SENDER.token ?? '-');
  });
});
