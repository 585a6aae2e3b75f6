/**
 * The profile as a run's terminal header shows it (ENVIRONMENT.md): which deployment, which resource,
 * how the personas authenticate, whether events are checked. Names and addresses only, never a secret.
 */
import { ALL_PERSONAS, type Profile } from './types.js';

export function describeProfile(profile: Profile): string[] {
  const guard = profile.production
    ? profile.writesAllowed
      ? ', production guard: writes allowed (BROKER_ALLOW_WRITES=true)'
      : ', production guard: read-only'
    : '';
  const personas = ALL_PERSONAS.flatMap((name) => {
    const p = profile.personas[name];
    if (p === undefined) return [];
    return `${name} ${p.org}${p.systemUserOrg === undefined ? '' : ` (system user of ${p.systemUserOrg})`}`;
  });
  const headers = Object.keys(profile.extraHeaders);
  return [
    `Environment: ${profile.envName}${profile.sandbox ? ' (embedded sandbox)' : ''}${guard}`,
    `Broker: ${profile.brokerBaseUrl}`,
    `Resource: ${profile.resourceId}`,
    `Auth: ${describeAuth(profile)}`,
    `Personas: ${personas.join(', ')}`,
    profile.events
      ? `Events: on, via ${profile.events.apiUrl}`
      : `Events: off (${profile.eventsSkipReason ?? 'no events API'})`,
    ...(headers.length > 0 ? [`Extra headers: ${headers.join(', ')}`] : []),
    `Timeouts: transition ${profile.timing.pollTimeoutMs} ms, event ${profile.timing.eventTimeoutMs} ms`,
  ];
}

function describeAuth(profile: Profile): string {
  if (profile.authMode === 'static') return 'static tokens (P_TOKEN)';
  const exchange = profile.exchangeUrl
    ? `, exchanged at ${profile.exchangeUrl}`
    : ', used as is (no exchange)';
  return `Maskinporten at ${profile.maskinporten?.tokenUrl ?? '?'}${exchange}`;
}
