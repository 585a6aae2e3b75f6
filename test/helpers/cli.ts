/** Runs `broker-contract ARGS…` as a user would (the package's bin), and never throws. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from './paths.js';

export const BIN = join(PROJECT_ROOT, 'bin/broker-contract.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stack frame in output: what no command may print (STYLE.md: errors name the problem, no stack). */
export const STACK_FRAME = /\n\s+at \S+ \(/;

export function broker(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? PROJECT_ROOT,
        env: options.env ?? { ...process.env, BROKER_OPENAPI: '' },
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
