/**
 * `broker-contract`: the command line. Each subcommand is a Command (src/cli/command.ts) in its own
 * file; this file picks one, prints usage and one-line errors, and turns every failure the suite
 * knows into its documented exit code without a stack trace: 0 conformant, 1 a contract break or a
 * failed wait, 2 the environment, a bad command line or the suite itself.
 */
import { isSuiteFailure } from '../errors.js';
import { interruptSettled } from '../interrupt.js';
import { SpecLoadError } from '../spec/errors.js';
import { UsageError, type Command } from './command.js';
import { stopWhenOrphaned } from './parent.js';

/** The subcommands, loaded when chosen so that `--help` and `list` start fast. */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./run.js')).command,
  list: async () => (await import('./list.js')).command,
  merge: async () => (await import('./merge.js')).command,
  spec: async () => (await import('./spec.js')).command,
  sandbox: async () => (await import('./sandbox.js')).command,
  newman: async () => (await import('./newman.js')).command,
  cleanup: async () => (await import('./cleanup.js')).command,
  selftest: async () => (await import('./selftest.js')).command,
  'postman-export': async () => (await import('./postman-export.js')).command,
};

export async function usage(): Promise<string> {
  // One at a time: Jest's ESM loader (the tests call main() in-process) fails on concurrent imports
  // of a shared module ("not in cache"); the cost is a few milliseconds.
  const commands: Command[] = [];
  for (const load of Object.values(COMMANDS)) commands.push(await load());
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: broker-contract COMMAND [options]   (broker-contract COMMAND --help for its options)',
    '',
    'The Altinn 3 Broker API conformance suite. Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Exit codes: 0 every clause held; 1 a contract break or a failed wait; 2 the environment,',
    'a bad command line, or the suite itself. The deployment comes from ENVIRONMENT.md variables',
    '(or --env-file); without BROKER_BASE_URL the embedded sandbox is used.',
  ].join('\n');
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const CONSOLE: Io = { out: (text) => console.log(text), err: (text) => console.error(text) };

/** Runs `broker-contract ARGV…` and returns its exit code. */
export async function main(argv: string[], io: Io = CONSOLE): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io[name === undefined ? 'err' : 'out'](await usage());
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`broker-contract: unknown command '${name}'\n\n${await usage()}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  const watch = stopWhenOrphaned();
  try {
    return await command.run(rest);
  } catch (error) {
    return failed(command, error, io, rest);
  } finally {
    watch.stop();
    // The caller exits at once (bin/broker-contract.js): not before an interrupt's cleanups are done,
    // and that exit then ends the process by the signal (src/interrupt.ts), as a stopped process should.
    await interruptSettled();
  }
}

function failed(command: Command, error: unknown, io: Io, argv: string[]): number {
  if (error instanceof UsageError) {
    io.err(`broker-contract ${command.name}: ${error.message}\n\n${command.usage}`);
  } else if (error instanceof SpecLoadError) {
    io.err(error.message);
    if (error.code !== 'SPEC_UNREADABLE' && !argv.includes('--lenient'))
      io.err('(try --lenient to repair what can be repaired)');
  } else if (isSuiteFailure(error)) {
    io.err(`\n${error.message}`);
  } else {
    // A defect of the suite itself: say what and where to report it, without the stack.
    const message = error instanceof Error ? error.message : String(error);
    io.err(`broker-contract ${command.name}: internal error: ${message}`);
    if (process.env.BROKER_CONTRACT_DEBUG && error instanceof Error) io.err(error.stack ?? '');
  }
  return 2;
}
