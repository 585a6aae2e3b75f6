/**
 * The clauses of a profile without running them: the suite files are loaded in Jest with a test name
 * pattern nothing matches, so each clause is listed with its step, and nothing is called. The
 * CONTRACT.md sections come from the clause's and its step's titles (`§4.2`); the operations a clause
 * calls are known only from a run, so they are read from a results.json when one is given.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { RUN_SANDBOX } from '../defaults.js';
import { EnvironmentError } from '../errors.js';
import { resolveProfile } from '../profile/resolve.js';
import { readResultsFile } from '../report/results-file.js';
import type { JestFile } from '../report/results.js';
import { RUN_ENV, type RunProfile } from '../suite/run-env.js';
import { COLLECT_ONLY, ROOT, runJest, workerEnv } from './jest.js';
import { planPhases, type Shard } from './phases.js';

export interface Clause {
  /** The suite file, relative, e.g. `suites/05a-happy-path.test.ts`. */
  file: string;
  /** The getting-started step (the describe titles). */
  step: string;
  clause: string;
  fullName: string;
  /** CONTRACT.md sections named in the step or the clause, e.g. `4.2`, in order. */
  sections: string[];
  /** operationIds the clause called in the given results; undefined when no results were given. */
  operations?: string[];
}

export interface ListOptions {
  profile: RunProfile;
  envFile?: string;
  only?: string;
  grep?: string;
  shard?: Shard;
  /** A results.json whose clauses' operations to show. */
  results?: string;
}

/** `§4.2`, `§5.3`, `§8.1–§8.3` (both ends) in a title, without duplicates. */
export function sectionsOf(...titles: string[]): string[] {
  const found = titles.flatMap((title) => [...title.matchAll(/§(\d+(?:\.\d+)*)/g)].map((m) => m[1] ?? ''));
  return [...new Set(found)];
}

/**
 * The clauses Jest collected, in file then declaration order, narrowed like Jest's `--testNamePattern`.
 * A file that did not load is an error naming it: its clauses are unknown, and a list without them
 * would read as complete.
 */
export function clausesOf(files: readonly JestFile[], grep?: string): Clause[] {
  const failed = files.find((file) => file.testExecError);
  if (failed) {
    const why = (failed.testExecError?.message ?? '').split('\n').find((line) => line.trim() !== '');
    throw new EnvironmentError(
      'LIST_FILE_NOT_LOADED',
      `${relative(ROOT, failed.testFilePath)} did not load, so its clauses are unknown: ${why?.trim() ?? 'no reason given'}`,
      'Run it (broker-contract run --only) to see the whole failure.',
    );
  }
  const pattern = grep === undefined ? undefined : new RegExp(grep, 'i');
  return files
    .map((file) => ({ ...file, testFilePath: file.testFilePath.slice(ROOT.length + 1) }))
    .sort((a, b) => a.testFilePath.localeCompare(b.testFilePath))
    .flatMap((file) =>
      file.testResults.map((test) => {
        const step = test.ancestorTitles.join(' › ');
        return {
          file: file.testFilePath,
          step,
          clause: test.title,
          fullName: test.fullName,
          sections: sectionsOf(step, test.title),
        };
      }),
    )
    .filter((clause) => pattern === undefined || pattern.test(clause.fullName));
}

export async function listClauses(options: ListOptions): Promise<Clause[]> {
  const operations = options.results === undefined ? undefined : await operationsIn(options.results);
  const files = planPhases(
    options.profile,
    readdirSync(join(ROOT, 'suites')),
    options.only,
    options.shard,
  ).flatMap((phase) => phase.files);
  if (files.length === 0) return [];
  // The files load a profile: the deployment's variables when given, else a sandbox's (no call is made).
  const resolved = await resolveProfile({
    ...(options.envFile ? { envFile: options.envFile, envFileRequired: true } : {}),
    sandbox: RUN_SANDBOX,
  });
  const dir = await mkdtemp(join(tmpdir(), 'broker-contract-list-'));
  try {
    const env = workerEnv(resolved, {
      [RUN_ENV.reportDir]: dir,
      [RUN_ENV.profile]: options.profile,
      [RUN_ENV.sandbox]: resolved.profile.sandbox ? '1' : '0',
    });
    const jestFiles = await runJest(
      { files, testNamePattern: COLLECT_ONLY, quiet: true, outputFile: join(dir, 'collected.json') },
      env,
      'collecting the clauses',
    );
    return clausesOf(jestFiles, options.grep).map((c) =>
      operations === undefined ? c : { ...c, operations: operations.get(c.fullName) ?? [] },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
    await resolved.stop();
  }
}

async function operationsIn(path: string): Promise<Map<string, string[]>> {
  const results = await readResultsFile(path);
  return new Map(results.cases.map((c) => [c.fullName, c.operations ?? []]));
}
