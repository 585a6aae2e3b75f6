/**
 * `broker-contract sandbox` (`npm run sandbox`): runs the embedded Broker environment on its own, for
 * building a sender or recipient integration offline, and prints the ENVIRONMENT.md variables that
 * reach it, ready for `.env`. `--list-faults` prints the fault catalogue, `--list-conditions` the
 * conditions (how deployed environments differ from the sandbox). SIGINT or SIGTERM (to this process
 * or, through src/cli/parent.ts, to the npm that started it) stops it and deletes its files.
 */
import { writeFile } from 'node:fs/promises';
import { parseConditions, SANDBOX_CONDITIONS, UnknownConditionError } from '../../sandbox/conditions.js';
import { FAULTS } from '../../sandbox/faults.js';
import { startSandbox, type SandboxOptions } from '../../sandbox/launcher.js';
import { parseCommandArgs, UsageError, type Command } from './command.js';

const USAGE = `usage: broker-contract sandbox [--port N] [--time-scale X] [--processing-delay MS] [--fault NAME]
                               [--condition NAME[,NAME]|all]... [--seed ready|empty] [--write-env PATH]
                               [--list-faults] [--list-conditions]

Runs the embedded Broker sandbox until SIGINT or SIGTERM, and prints the variables that reach it.
  --port N              listen on N (default: a free port)
  --time-scale X        how much faster than real time durations pass (1000: an hour in 3.6 s)
  --processing-delay MS the malware scan's duration, in sandbox time
  --fault NAME          switch on one fault of the catalogue (also SANDBOX_FAULT)
  --condition NAME      a deployed environment's state (repeatable, comma list, or all)
  --seed ready|empty    whether the service owner and resource already exist
  --write-env PATH      write the variables to PATH (mode 600) instead of printing them
  --list-faults         print the fault catalogue
  --list-conditions     print the conditions`;

function listFaults(): number {
  const width = Math.max(...FAULTS.map((f) => f.name.length));
  for (const f of FAULTS) console.log(`${f.name.padEnd(width)}  ${f.category.padEnd(13)}  ${f.symptom}`);
  console.log(`\n${FAULTS.length} faults; switch one on with SANDBOX_FAULT=<name> or --fault <name>.`);
  return 0;
}

function listConditions(): number {
  const width = Math.max(...SANDBOX_CONDITIONS.map((c) => c.name.length));
  for (const c of SANDBOX_CONDITIONS) console.log(`${c.name.padEnd(width)}  ${c.description}`);
  console.log(
    `\n${SANDBOX_CONDITIONS.length} conditions; they combine: --condition <name> (repeatable, or a comma list), --condition all.`,
  );
  return 0;
}

function number(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min)
    throw new UsageError(`--${name} must be a number ≥ ${min}, got '${value}'`);
  return n;
}

function sandboxOptions(values: {
  port?: string | undefined;
  'time-scale'?: string | undefined;
  'processing-delay'?: string | undefined;
  fault?: string | undefined;
  seed?: string | undefined;
  condition: string[];
}): SandboxOptions {
  const seed = values.seed;
  if (seed !== undefined && seed !== 'ready' && seed !== 'empty')
    throw new UsageError(`--seed must be 'ready' or 'empty', got '${seed}'`);
  let conditions: ReturnType<typeof parseConditions>;
  try {
    conditions = parseConditions(values.condition);
  } catch (error) {
    if (!(error instanceof UnknownConditionError)) throw error;
    throw new UsageError(error.message);
  }
  const fault = values.fault || undefined;
  if (fault && !FAULTS.some((f) => f.name === fault))
    throw new UsageError(`unknown fault '${fault}'; --list-faults lists them`);
  const port = number('port', values.port, 1);
  const timeScale = number('time-scale', values['time-scale'], Number.MIN_VALUE);
  const processingDelayMs = number('processing-delay', values['processing-delay'], 0);
  return {
    ...(port === undefined ? {} : { port }),
    ...(timeScale === undefined ? {} : { timeScale }),
    ...(processingDelayMs === undefined ? {} : { processingDelayMs }),
    ...(fault ? { fault } : {}),
    ...(seed ? { seed } : {}),
    conditions,
  };
}

/**
 * Resolves with the signal's name once SIGINT or SIGTERM arrives. The handlers stay until `release()`,
 * after the sandbox has stopped: a second signal during the stop (with Ctrl-C the terminal signals the
 * whole group and npm passes the same SIGINT on) would otherwise end the process before its files are
 * deleted.
 */
function stopSignal(): { stopped: Promise<NodeJS.Signals>; release(): void } {
  let on: (signal: NodeJS.Signals) => void = () => undefined;
  const stopped = new Promise<NodeJS.Signals>((resolve) => (on = resolve));
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return {
    stopped,
    release() {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    },
  };
}

async function serve(options: SandboxOptions, writeEnv: string | undefined): Promise<number> {
  const signals = stopSignal();
  try {
    return await serveUntil(signals.stopped, options, writeEnv);
  } finally {
    signals.release();
  }
}

async function serveUntil(
  stopped: Promise<NodeJS.Signals>,
  options: SandboxOptions,
  writeEnv: string | undefined,
): Promise<number> {
  const started = performance.now();
  const sandbox = await startSandbox(options);
  try {
    for (const note of sandbox.settings.overridden) console.error(`# note: ${note}`);
    const lines = Object.entries(sandbox.env).map(([k, v]) => `${k}=${/[\s"'{}]/.test(v) ? `'${v}'` : v}`);
    if (writeEnv) {
      await writeFile(writeEnv, `${lines.join('\n')}\n`, { mode: 0o600 });
      console.log(`wrote the variables to ${writeEnv} (the persona keys are made for this run only)`);
    } else {
      console.log('# Broker sandbox: paste into .env (the persona keys are made for this run only)');
      console.log(lines.join('\n'));
    }
    const active = sandbox.settings.conditions;
    const fault = options.fault;
    console.log(
      `# listening on ${sandbox.origin} (started in ${Math.round(performance.now() - started)} ms, ` +
        `${active.length > 0 ? `conditions ${active.join(', ')}` : 'no conditions'}${fault ? `, fault ${fault}` : ''}); Ctrl-C stops it`,
    );
    const signal = await stopped;
    console.log(`# ${signal}: stopping the sandbox and deleting its files`);
    return 0;
  } finally {
    await sandbox.stop();
  }
}

export const command: Command = {
  name: 'sandbox',
  summary: 'run the embedded Broker sandbox on its own and print the variables that reach it',
  usage: USAGE,
  async run(argv) {
    const { values } = parseCommandArgs(argv, {
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
    });
    if (values['list-faults']) return listFaults();
    if (values['list-conditions']) return listConditions();
    return serve(sandboxOptions(values), values['write-env']);
  },
};
