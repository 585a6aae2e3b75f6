/**
 * `npm run sandbox`: runs the embedded Broker environment on its own, for building a sender or
 * recipient integration offline, and prints the ENVIRONMENT.md variables that reach it, ready for
 * `.env`. `--list-faults` prints the fault catalogue. Ctrl-C stops it and deletes its files.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { FAULTS } from '../../sandbox/faults.js';
import { startSandbox } from '../../sandbox/launcher.js';

const USAGE = `usage: npm run sandbox -- [--port N] [--time-scale X] [--processing-delay MS] [--fault NAME]
                          [--seed ready|empty] [--write-env PATH] [--list-faults]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'time-scale': { type: 'string' },
    'processing-delay': { type: 'string' },
    fault: { type: 'string', default: process.env.SANDBOX_FAULT },
    seed: { type: 'string', default: 'ready' },
    'write-env': { type: 'string' },
    'list-faults': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values['list-faults']) {
  const width = Math.max(...FAULTS.map((f) => f.name.length));
  for (const f of FAULTS) console.log(`${f.name.padEnd(width)}  ${f.category.padEnd(13)}  ${f.symptom}`);
  console.log(`\n${FAULTS.length} faults; switch one on with SANDBOX_FAULT=<name> or --fault <name>.`);
  process.exit(0);
}

function number(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) fail(`--${name} must be a number ≥ ${min}, got '${value}'`);
  return n;
}
if (values.seed !== 'ready' && values.seed !== 'empty')
  fail(`--seed must be 'ready' or 'empty', got '${values.seed}'`);
const fault = values.fault || undefined;
if (fault && !FAULTS.some((f) => f.name === fault))
  fail(`unknown fault '${fault}'; --list-faults lists them`);

const started = performance.now();
const sandbox = await startSandbox({
  ...(values.port ? { port: number('port', values.port, 1) } : {}),
  ...(values['time-scale']
    ? { timeScale: number('time-scale', values['time-scale'], Number.MIN_VALUE) }
    : {}),
  ...(values['processing-delay']
    ? { processingDelayMs: number('processing-delay', values['processing-delay'], 0) }
    : {}),
  ...(fault ? { fault } : {}),
  seed: values.seed,
});
const lines = Object.entries(sandbox.env).map(([k, v]) => `${k}=${/[\s"'{}]/.test(v) ? `'${v}'` : v}`);
if (values['write-env']) {
  await writeFile(values['write-env'], `${lines.join('\n')}\n`, { mode: 0o600 });
  console.log(`wrote the variables to ${values['write-env']} (the persona keys are made for this run only)`);
} else {
  console.log('# Broker sandbox: paste into .env (the persona keys are made for this run only)');
  console.log(lines.join('\n'));
}
console.log(
  `# listening on ${sandbox.origin} (started in ${Math.round(performance.now() - started)} ms${fault ? `, fault ${fault}` : ''}); Ctrl-C stops it`,
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await sandbox.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
