/**
 * `npm run sandbox`: runs the embedded Broker environment on its own, for building a sender or
 * recipient integration offline, and prints the ENVIRONMENT.md variables that reach it, ready for
 * `.env`. `--list-faults` prints the fault catalogue, `--list-conditions` the conditions (how deployed
 * environments differ from the sandbox). Ctrl-C stops it and deletes its files.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseConditions, SANDBOX_CONDITIONS, UnknownConditionError } from '../../sandbox/conditions.js';
import { FAULTS } from '../../sandbox/faults.js';
import { startSandbox } from '../../sandbox/launcher.js';

const USAGE = `usage: npm run sandbox -- [--port N] [--time-scale X] [--processing-delay MS] [--fault NAME]
                          [--condition NAME[,NAME]|all]... [--seed ready|empty] [--write-env PATH]
                          [--list-faults] [--list-conditions]`;

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
    // No default: whether --seed was given matters when `fresh` overrides it.
    seed: { type: 'string' },
    condition: { type: 'string', multiple: true, default: [] },
    'write-env': { type: 'string' },
    'list-faults': { type: 'boolean', default: false },
    'list-conditions': { type: 'boolean', default: false },
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
if (values['list-conditions']) {
  const width = Math.max(...SANDBOX_CONDITIONS.map((c) => c.name.length));
  for (const c of SANDBOX_CONDITIONS) console.log(`${c.name.padEnd(width)}  ${c.description}`);
  console.log(
    `\n${SANDBOX_CONDITIONS.length} conditions; they combine: --condition <name> (repeatable, or a comma list), --condition all.`,
  );
  process.exit(0);
}

function number(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) fail(`--${name} must be a number ≥ ${min}, got '${value}'`);
  return n;
}
const seed = values.seed;
if (seed !== undefined && seed !== 'ready' && seed !== 'empty')
  fail(`--seed must be 'ready' or 'empty', got '${seed}'`);
let conditions: ReturnType<typeof parseConditions> = [];
try {
  conditions = parseConditions(values.condition);
} catch (error) {
  if (!(error instanceof UnknownConditionError)) throw error;
  fail(error.message);
}
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
  ...(seed ? { seed } : {}),
  conditions,
});
for (const note of sandbox.settings.overridden) console.error(`# note: ${note}`);
const lines = Object.entries(sandbox.env).map(([k, v]) => `${k}=${/[\s"'{}]/.test(v) ? `'${v}'` : v}`);
if (values['write-env']) {
  await writeFile(values['write-env'], `${lines.join('\n')}\n`, { mode: 0o600 });
  console.log(`wrote the variables to ${values['write-env']} (the persona keys are made for this run only)`);
} else {
  console.log('# Broker sandbox: paste into .env (the persona keys are made for this run only)');
  console.log(lines.join('\n'));
}
const active = sandbox.settings.conditions;
console.log(
  `# listening on ${sandbox.origin} (started in ${Math.round(performance.now() - started)} ms, ` +
    `${active.length > 0 ? `conditions ${active.join(', ')}` : 'no conditions'}${fault ? `, fault ${fault}` : ''}); Ctrl-C stops it`,
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
