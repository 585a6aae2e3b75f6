/**
 * `broker-contract cleanup`: removes what an interrupted or killed run left behind. The event
 * subscriptions on record in the run's ledger are deleted from the deployment's events API (the
 * ledger is how a run that was killed outright is still cleaned up), and the embedded sandboxes'
 * directories whose process has ended are removed. File transfers are never deleted by the suite:
 * the Broker API has no delete; they expire with the resource's time to live and are purged.
 */
import { join, resolve } from 'node:path';
import { createTokenProvider } from '../auth/tokens.js';
import { readLedger, sweepLedger } from '../events/ledger.js';
import { buildProfile, readVariables } from '../profile/load.js';
import { sweepSandboxDirs } from '../../sandbox/sweep.js';
import { parseCommandArgs, type Command } from './command.js';

const USAGE = `usage: broker-contract cleanup [--env-file F] [--report-dir D]

Deletes the event subscriptions an interrupted run left on record in D/.subscriptions.json (of the
deployment the variables or F describe), and removes embedded-sandbox directories whose process has
ended. Transfers are left to expire: the Broker API cannot delete them, and the resource's time to
live ends them. Exit 0 when nothing is left, 2 when something could not be deleted (it stays on
record, for the next cleanup or run).
  --env-file F     dotenv file with the deployment's variables (default .env)
  --report-dir D   the run's report directory, where its ledger is (default reports)`;

async function sweepSubscriptions(ledgerPath: string, envFile: string | undefined): Promise<number> {
  const entries = await readLedger(ledgerPath).catch(() => []);
  if (entries.length === 0) {
    console.log(`subscriptions: none on record in ${ledgerPath}`);
    return 0;
  }
  const vars = await readVariables(envFile === undefined ? {} : { envFile, envFileRequired: true });
  if (vars.BROKER_BASE_URL === undefined) {
    console.log(
      `subscriptions: ${entries.length} on record in ${ledgerPath}, of deployments not configured here ` +
        '(an embedded sandbox keeps none after it stops); give their variables to delete them',
    );
    return 0;
  }
  const profile = buildProfile(vars);
  if (!profile.events) {
    console.log('subscriptions: EVENTS_API_URL is not set for this deployment; nothing to delete');
    return 0;
  }
  const result = await sweepLedger({
    path: ledgerPath,
    apiUrl: profile.events.apiUrl,
    tokens: createTokenProvider(profile),
    log: (line) => console.log(line),
  });
  const others = entries.length - result.deleted.length - result.kept.length;
  console.log(
    `subscriptions: ${result.deleted.length} deleted, ${result.kept.length} could not be deleted (kept on record)` +
      (others > 0 ? `, ${others} of other deployments left on record` : ''),
  );
  return result.kept.length > 0 ? 2 : 0;
}

export const command: Command = {
  name: 'cleanup',
  summary: 'delete the subscriptions and sandbox files an interrupted run left behind',
  usage: USAGE,
  async run(argv) {
    const { values } = parseCommandArgs(argv, {
      'env-file': { type: 'string' },
      'report-dir': { type: 'string', default: 'reports' },
    });
    const ledgerPath = join(resolve(values['report-dir']), '.subscriptions.json');
    const code = await sweepSubscriptions(ledgerPath, values['env-file']);
    const dirs = await sweepSandboxDirs();
    console.log(
      dirs.length > 0
        ? `sandbox files: removed ${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'} of ended sandboxes`
        : 'sandbox files: none left behind',
    );
    console.log(
      'transfers: left to expire (the Broker API has no delete; the resource time to live ends them)',
    );
    return code;
  },
};
