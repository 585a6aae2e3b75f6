/**
 * `broker-contract list`: every clause of a profile (or a shard of it) with its getting-started step,
 * the CONTRACT.md sections it checks and, given a run's results.json, the operations it called; as a
 * table, or as JSON with `--json`. Nothing is called: the suites are loaded, not run.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listClauses, type Clause } from '../run/list.js';
import { parseCommandArgs, profileArg, regexArg, shardArg, type Command } from './command.js';

const USAGE = `usage: broker-contract list [--profile smoke|full|security] [--grep TEXT] [--shard i/n] [--only PATTERN]
                           [--results FILE] [--env-file F] [--json]

Lists the clauses a run would check, without calling anything.
  --profile P      smoke, full (default) or security
  --grep TEXT      only the clauses whose name matches TEXT (as run --grep)
  --shard i/n      only the clauses of shard i of n (as run --shard)
  --only PATTERN   only the suite files whose path matches PATTERN
  --results FILE   a run's results.json, for the operations each clause called
                   (default reports/results.json when it exists)
  --env-file F     the deployment's variables (default .env; the sandbox's when none)
  --json           JSON: [{ file, step, clause, fullName, sections, operations }]`;

function table(clauses: Clause[]): string {
  const lines: string[] = [];
  let step: string | undefined;
  for (const c of clauses) {
    if (c.step !== step) {
      step = c.step;
      lines.push('', `${c.file}: ${c.step}`);
    }
    const sections = c.sections.length > 0 ? `§${c.sections.join(' §')}` : '§—';
    const operations = c.operations === undefined ? '' : `  [${c.operations.join(', ') || 'no calls'}]`;
    lines.push(`  ${c.clause}  (${sections})${operations}`);
  }
  lines.push('', `${clauses.length} clauses`);
  return lines.join('\n').trimStart();
}

export const command: Command = {
  name: 'list',
  summary: 'list the clauses of a profile with their step, CONTRACT.md section and operations',
  usage: USAGE,
  async run(argv) {
    const { values } = parseCommandArgs(argv, {
      profile: { type: 'string', default: 'full' },
      grep: { type: 'string' },
      shard: { type: 'string' },
      only: { type: 'string' },
      results: { type: 'string' },
      'env-file': { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const profile = profileArg(values.profile);
    const shard = shardArg(values.shard);
    const latest = resolve(join('reports', 'results.json'));
    const results = values.results ?? (existsSync(latest) ? latest : undefined);
    const clauses = await listClauses({
      profile,
      ...(values.grep === undefined ? {} : { grep: regexArg('grep', values.grep) }),
      ...(shard === undefined ? {} : { shard }),
      ...(values.only === undefined ? {} : { only: regexArg('only', values.only) }),
      ...(results === undefined ? {} : { results }),
      ...(values['env-file'] === undefined ? {} : { envFile: values['env-file'] }),
    });
    console.log(values.json ? JSON.stringify(clauses, null, 2) : table(clauses));
    return 0;
  },
};
