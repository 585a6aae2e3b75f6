/**
 * The waits of the exported walk (CONTRACT.md §11: no fixed sleep, a bounded re-ask with backoff): the
 * test script reads what the wait watches and re-runs its own request while that is still in its
 * `while` list; the pre-request script pauses before each re-ask. Used for the storage provisioning
 * that follows a registration and for initialize's 503 BRO-00021 meanwhile (§8.1), and for the
 * transfer's status (§5.3). Issue 6.
 */
import { WALK_POLL } from '../defaults.js';
import { check, indent, js, setNextRequest } from './script-text.js';
import type { WalkPoll } from './walk.js';

/** Collection variables the waits keep their state and limits in (`_`: internal, per the naming contract). */
export const POLL_VARIABLES = {
  attempt: { key: '_pollAttempt', value: '0', description: 'How many times the current wait has asked.' },
  maxAttempts: {
    key: '_pollMaxAttempts',
    value: String(WALK_POLL.maxAttempts),
    description: 'A wait gives up after this many answers (an environment variable of the name wins).',
  },
  firstDelayMs: {
    key: '_pollFirstDelayMs',
    value: String(WALK_POLL.firstDelayMs),
    description: 'The pause before the second ask; it doubles for each ask after.',
  },
  maxDelayMs: {
    key: '_pollMaxDelayMs',
    value: String(WALK_POLL.maxDelayMs),
    description: 'The longest pause between two asks.',
  },
} as const;

/** What a wait reads from the answer (`ok`, `body` and `answer` are the test script's), and how it says what it saw. */
const READS: Record<WalkPoll['on'], { state: string[]; seen: string }> = {
  fileTransferStatus: {
    state: ['const state = ok && body ? body.fileTransferStatus : undefined;'],
    seen: "'fileTransferStatus ' + state + ' (' + (body && body.fileTransferStatusText) + ')'",
  },
  storage: {
    state: [
      '// §8.1: an empty list or a provider not yet Ready is storage still being provisioned.',
      'const providers = ok && body && Array.isArray(body.storageProviders) ? body.storageProviders : [];',
      'const pending = providers.filter(function (p) { return p.deploymentStatus !== "Ready"; });',
      "const state = !ok ? undefined : providers.length === 0 ? 'none' : pending.length === 0 ? 'Ready' : pending[0].deploymentStatus;",
    ],
    seen: "'storage ' + JSON.stringify(providers.map(function (p) { return p.type + ' ' + p.deploymentStatus; }))",
  },
  answer: { state: ['const state = answer;'], seen: "'the answer ' + answer" },
};

/** Test-script lines that set `state`, `attempt`, `maxAttempts` and `waiting`: whether to ask again. */
export function waitState(poll: WalkPoll): string[] {
  const { attempt, maxAttempts } = POLL_VARIABLES;
  return [
    `// A wait (§11): while what it reads is one of \`while\`, ask again; stop at \`until\`, fail on anything else.`,
    `const poll = { until: ${js(poll.until)}, while: ${js(poll.while)} };`,
    ...READS[poll.on].state,
    `const attempt = Number(pm.collectionVariables.get(${js(attempt.key)}) || 0) + 1;`,
    `const maxAttempts = Number(pm.variables.get(${js(maxAttempts.key)}) || ${maxAttempts.value});`,
    'const waiting = poll.while.indexOf(state) >= 0 && attempt < maxAttempts;',
  ];
}

/**
 * Test-script lines after the status and schema tests: ask again while waiting; otherwise the wait is
 * over, and `checks` run when it ended at `until`.
 */
export function waitOutcome(poll: WalkPoll, checks: string[]): string[] {
  const { attempt } = POLL_VARIABLES;
  return [
    'if (waiting) {',
    `  pm.collectionVariables.set(${js(attempt.key)}, String(attempt));`,
    `  console.info(pm.info.requestName + ': ' + state + ', ask ' + attempt + ' of ' + maxAttempts + '; asking again');`,
    ...indent(setNextRequest('pm.info.requestName')),
    '} else {',
    `  pm.collectionVariables.set(${js(attempt.key)}, '0');`,
    '  if (ok) {',
    ...indent(
      check(poll.clause, [
        `const last = ${READS[poll.on].seen} + ' after ' + attempt + ' answers';`,
        'pm.expect(poll.until, last).to.include(state);',
      ]),
      '    ',
    ),
    '    if (poll.until.indexOf(state) >= 0) {',
    ...indent(checks, '      '),
    '    }',
    '  }',
    '}',
  ];
}

/** Pre-request lines of a wait: no pause before the first ask, then a pause that doubles up to a cap. */
export function backoff(): string[] {
  const { attempt, firstDelayMs, maxDelayMs } = POLL_VARIABLES;
  return [
    `// Backoff between the asks of a wait (§11): no fixed sleep, ${firstDelayMs.value} ms doubling up to ${maxDelayMs.value} ms.`,
    `const attempt = Number(pm.collectionVariables.get(${js(attempt.key)}) || 0);`,
    'if (attempt > 0) {',
    `  const first = Number(pm.variables.get(${js(firstDelayMs.key)}) || ${firstDelayMs.value});`,
    `  const most = Number(pm.variables.get(${js(maxDelayMs.key)}) || ${maxDelayMs.value});`,
    '  // The sandbox finishes a script only when its timers have run, so this delays the request.',
    '  setTimeout(function () {}, Math.min(first * Math.pow(2, attempt - 1), most));',
    '}',
  ];
}
