/**
 * `npm start`: the main job. Resolves the environment (the embedded sandbox when `BROKER_BASE_URL` is
 * unset), subscribes the event receiver, runs the conformance suites of the chosen profile in Jest
 * workers, then writes the verdict to the terminal and the reports to `reports/`, and exits non-zero
 * on any failure. Whatever happens, the subscriptions it made are deleted and the sandbox is stopped.
 */
import { parseArgs } from 'node:util';
import { isSuiteFailure } from '../errors.js';
import { parseConditions, type SandboxCondition } from '../../sandbox/conditions.js';
import { RUN_SANDBOX, runSuites, USAGE, type RunOptions } from '../run/run.js';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      'env-file': { type: 'string' },
      profile: { type: 'string', default: 'full' },
      'report-dir': { type: 'string', default: 'reports' },
      only: { type: 'string' },
      'max-workers': { type: 'string' },
      'sandbox-condition': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  fail((error as Error).message);
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!['smoke', 'full', 'security'].includes(values.profile)) {
  fail(`--profile must be smoke, full or security, got '${values.profile}'`);
}
let conditions: SandboxCondition[] = [];
try {
  conditions = parseConditions(values['sandbox-condition'] ?? []);
} catch (error) {
  fail(`--sandbox-condition: ${(error as Error).message}`);
}
const options: RunOptions = {
  profile: values.profile as RunOptions['profile'],
  reportDir: values['report-dir'],
  ...(values['env-file'] === undefined ? {} : { envFile: values['env-file'] }),
  ...(values.only === undefined ? {} : { only: values.only }),
  ...(values['max-workers'] === undefined ? {} : { maxWorkers: values['max-workers'] }),
  ...(conditions.length === 0 ? {} : { sandbox: { ...RUN_SANDBOX, conditions } }),
};

try {
  const { exitCode } = await runSuites(options);
  process.exit(exitCode);
} catch (error) {
  if (!isSuiteFailure(error)) throw error;
  console.error(`\n${error.message}`);
  process.exit(2);
}
