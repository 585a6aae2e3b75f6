/**
 * `broker-contract run` (`npm start`): the main job. Resolves the environment (the embedded sandbox
 * when `BROKER_BASE_URL` is unset), subscribes the event receiver, runs the conformance suites of the
 * chosen profile (or one shard of it) in Jest workers, then writes the verdict to the terminal and the
 * reports to the report directory, and exits non-zero on any failure. Whatever happens, the
 * subscriptions it made are deleted and the sandbox is stopped.
 */
import { parseConditions, UnknownConditionError, type SandboxCondition } from '../../sandbox/conditions.js';
import { RUN_SANDBOX } from '../defaults.js';
import { runSuites, type RunOptions } from '../run/run.js';
import { parseCommandArgs, profileArg, regexArg, shardArg, UsageError, type Command } from './command.js';

export const USAGE = `usage: broker-contract run [--profile smoke|full|security] [--env-file F] [--report-dir D]
                          [--grep TEXT] [--shard i/n] [--only PATTERN] [--max-workers N]
                          [--sandbox-condition NAME|all]...

Runs the conformance suites of a profile against the deployment ENVIRONMENT.md's variables describe
(the embedded sandbox when BROKER_BASE_URL is unset) and writes report.md, report.html, junit.xml and
results.json to the report directory.
  --profile P            smoke (read-mostly, under a minute), full (default) or security
  --env-file F           dotenv file with the deployment's variables (default .env)
  --report-dir D         where the reports go, relative to the current directory (default reports)
  --grep TEXT            only the clauses whose name contains TEXT (a regular expression)
  --shard i/n            only shard i of n: each file of the profile is in exactly one shard, every
                         shard does its own setup; \`broker-contract merge\` joins their results
  --only PATTERN         only the suite files whose path matches PATTERN (a regular expression)
  --max-workers N        Jest workers for the parallel phase (default 2; 3 on the embedded sandbox)
  --sandbox-condition C  put the embedded sandbox in a deployed environment's state (repeatable;
                         \`broker-contract sandbox --list-conditions\` lists them)

Exit codes: 0 every clause held (skips allowed); 1 the Broker broke the contract or a wait ran
out; 2 the environment could not be reached or authenticated, or the suite itself failed.`;

function conditionsOf(names: string[]): SandboxCondition[] {
  try {
    return parseConditions(names);
  } catch (error) {
    if (!(error instanceof UnknownConditionError)) throw error;
    throw new UsageError(`--sandbox-condition: ${error.message}`);
  }
}

/** The run's options from its command line; a UsageError names what is wrong. */
export function runOptions(argv: string[]): RunOptions {
  const { values } = parseCommandArgs(argv, {
    'env-file': { type: 'string' },
    profile: { type: 'string', default: 'full' },
    'report-dir': { type: 'string', default: 'reports' },
    grep: { type: 'string' },
    shard: { type: 'string' },
    only: { type: 'string' },
    'max-workers': { type: 'string' },
    'sandbox-condition': { type: 'string', multiple: true },
  });
  const profile = profileArg(values.profile);
  const shard = shardArg(values.shard);
  const conditions = conditionsOf(values['sandbox-condition'] ?? []);
  const workers = values['max-workers'];
  if (workers !== undefined && !/^([1-9]\d*|\d+%)$/.test(workers))
    throw new UsageError(`--max-workers must be a whole number ≥ 1 or a percentage, got '${workers}'`);
  return {
    profile,
    reportDir: values['report-dir'],
    ...(values['env-file'] === undefined ? {} : { envFile: values['env-file'] }),
    ...(values.grep === undefined ? {} : { grep: regexArg('grep', values.grep) }),
    ...(shard === undefined ? {} : { shard }),
    ...(values.only === undefined ? {} : { only: regexArg('only', values.only) }),
    ...(workers === undefined ? {} : { maxWorkers: workers }),
    ...(conditions.length === 0 ? {} : { sandbox: { ...RUN_SANDBOX, conditions } }),
  };
}

export const command: Command = {
  name: 'run',
  summary: 'run the conformance suites of a profile (or one shard) and write the reports',
  usage: USAGE,
  async run(argv) {
    return (await runSuites(runOptions(argv))).exitCode;
  },
};
