/**
 * What every `broker-contract` subcommand is: a name, a one-line summary for the command list, its
 * usage text, and a `run` that takes the arguments after the subcommand and returns the exit code
 * (0, 1 a contract break or a failed wait, 2 the environment or the suite itself). Commands never call
 * `process.exit` themselves, so the dispatcher (src/cli/main.ts) and the tests see every exit code.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseShard, type Shard } from '../run/phases.js';
import type { RunProfile } from '../suite/run-env.js';

const RUN_PROFILES = ['smoke', 'full', 'security'] as const satisfies readonly RunProfile[];

export interface Command {
  name: string;
  /** One line, for `broker-contract --help`. */
  summary: string;
  /** The whole `--help` text, starting with `usage: broker-contract NAME …`. */
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** A bad command line: the dispatcher prints this one line, then the command's usage, and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `parseArgs` over `argv`, strict, with `-h/--help` added; an unknown option, a missing value or a
 * stray positional becomes a UsageError with node's one-line message.
 */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h', default: false } },
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? String(error));
  }
}

/** A whole number at least `min`, or a UsageError naming the option. */
export function wholeNumber(option: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${option} must be a whole number ≥ ${min}, got '${value}'`);
  return n;
}

/** `--profile`: smoke, full or security. */
export function profileArg(text: string): RunProfile {
  const profile = RUN_PROFILES.find((p) => p === text);
  if (!profile) throw new UsageError(`--profile must be smoke, full or security, got '${text}'`);
  return profile;
}

/** `--shard i/n`, when given. */
export function shardArg(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const shard = parseShard(text);
  if (typeof shard === 'string') throw new UsageError(shard);
  return shard;
}

/** `--grep` or `--only`: a regular expression, or a UsageError naming the option and what is wrong. */
export function regexArg(option: string, text: string): string {
  try {
    new RegExp(text);
  } catch (error) {
    throw new UsageError(`--${option} is not a regular expression: ${(error as Error).message}`);
  }
  return text;
}
