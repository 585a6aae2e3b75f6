/** What a person fills into the exported environment, taken here from a sandbox's variables and tokens. */
import type { RunningSandbox } from '../../sandbox/launcher.js';
import { createTokenProvider } from '../../src/auth/tokens.js';
import { buildProfile } from '../../src/profile/load.js';

export async function walkValues(sandbox: RunningSandbox): Promise<Record<string, string>> {
  const profile = buildProfile({ ...sandbox.env });
  const tokens = createTokenProvider(profile);
  return {
    baseUrl: profile.brokerBaseUrl,
    resourceId: profile.resourceId,
    senderParty: `0192:${profile.personas.SENDER.org}`,
    recipientParty: `0192:${profile.personas.RECIPIENT.org}`,
    serviceownerToken: await tokens.token('SERVICEOWNER'),
    senderToken: await tokens.token('SENDER'),
    recipientToken: await tokens.token('RECIPIENT'),
  };
}
