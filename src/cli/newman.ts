/**
 * `broker-contract newman [COLLECTION] [--env-file F] [--environment POSTMAN_ENV.json] [--folder NAME
 * ...] [--report-dir DIR]` (`npm run newman`): runs a Postman collection against the profile's deployment.
 * Exit 0: every request answered, every assertion passed, no validator violation; 1: something
 * failed; 2: the configuration or a file could not be used (the message says which, no stack trace).
 */
import { parseCommandArgs, UsageError, type Command } from './command.js';
import { runNewman, type NewmanCommandOptions } from '../postman/newman.js';
import { DEFAULT_COLLECTION } from '../postman/source.js';

const USAGE = `usage: broker-contract newman [COLLECTION] [options]

Runs a Postman collection (default ${DEFAULT_COLLECTION}, with its .postman_environment.json
sibling when present) against the deployment of the environment profile (ENVIRONMENT.md; the
embedded sandbox when BROKER_BASE_URL is unset). Persona tokens, the resource id, organisations
and the base URL are injected into the collection's variables; hosts of other Altinn environments
are rewritten to BROKER_BASE_URL; requests that are not Broker calls (Maskinporten, system
register, ...) are skipped and listed; every Broker response is also checked against the spec.

Options:
  --env-file PATH       dotenv file with the profile's variables (default .env)
  --environment PATH    a Postman environment file to start from
  --folder NAME         run only this folder or request (repeatable; runs in the order given)
  --report-dir DIR      where reports go (default reports/newman)
  -h, --help            this text`;

export const command: Command = {
  name: 'newman',
  summary: 'run a Postman collection through newman against the deployment, checked against the spec',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        'env-file': { type: 'string' },
        environment: { type: 'string' },
        folder: { type: 'string', multiple: true },
        'report-dir': { type: 'string' },
      },
      true,
    );
    if (positionals.length > 1)
      throw new UsageError(`expected at most one collection, got ${positionals.length}`);
    const options: NewmanCommandOptions = {
      ...(positionals[0] === undefined ? {} : { collection: positionals[0] }),
      ...(values.environment === undefined ? {} : { environment: values.environment }),
      ...(values.folder === undefined ? {} : { folders: values.folder }),
      ...(values['report-dir'] === undefined ? {} : { reportDir: values['report-dir'] }),
      ...(values['env-file'] === undefined ? {} : { envFile: values['env-file'], envFileRequired: true }),
    };
    return (await runNewman(options)).exitCode;
  },
};
