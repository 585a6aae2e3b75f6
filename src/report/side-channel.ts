/**
 * What suites tell the reports besides pass or fail: security observations (behaviour the contract
 * documents but that leaks something, CONTRACT.md §3.5) and the calls each failed test made. Jest
 * workers append JSON lines under the run's report directory; the runner reads them back.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../redact.js';
import type { LoggedCall } from '../client/request-log.js';

export interface SecurityObservation {
  /** The test that saw it. */
  test: string;
  /** A short title, e.g. "transfer ids can be probed". */
  title: string;
  detail: string;
}

const DIR = '.side-channel';

function append(reportDir: string, kind: 'observations' | 'calls' | 'changes', record: unknown): void {
  const dir = join(reportDir, DIR);
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `${kind}-${process.pid}.jsonl`), `${redact(JSON.stringify(record))}\n`);
}

export function recordObservation(reportDir: string, observation: SecurityObservation): void {
  append(reportDir, 'observations', observation);
}

/**
 * Something a suite changed in the environment and could not put back exactly (CONTRACT.md §8.2: a
 * setting cannot be reset to null), for the report's list of what the run changed.
 */
export function recordChange(reportDir: string, change: string): void {
  append(reportDir, 'changes', { change });
}

export function readChanges(reportDir: string): string[] {
  return [...new Set(read<{ change: string }>(reportDir, 'changes').map((c) => c.change))];
}

export function recordCalls(reportDir: string, calls: readonly LoggedCall[]): void {
  for (const call of calls) append(reportDir, 'calls', call);
}

function read<T>(reportDir: string, kind: string): T[] {
  const dir = join(reportDir, DIR);
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.startsWith(`${kind}-`));
  } catch {
    return [];
  }
  return files.flatMap((f) =>
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as T),
  );
}

export function readObservations(reportDir: string): SecurityObservation[] {
  const seen = new Set<string>();
  return read<SecurityObservation>(reportDir, 'observations').filter((o) => {
    const key = `${o.title}\n${o.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function readCalls(reportDir: string): LoggedCall[] {
  return read<LoggedCall>(reportDir, 'calls');
}

/**
 * The first call of a run that got no answer in time (src/client/broker.ts BrokerCircuit): written
 * once, by whichever process saw it first, and read before every later call of every process.
 */
export function recordUnanswered(reportDir: string, message: string): void {
  const dir = join(reportDir, DIR);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, UNANSWERED), redact(message), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

export function readUnanswered(reportDir: string): string | undefined {
  try {
    return readFileSync(join(reportDir, DIR, UNANSWERED), 'utf8');
  } catch {
    return undefined;
  }
}

const UNANSWERED = 'unanswered.txt';

export const SIDE_CHANNEL_DIR = DIR;
