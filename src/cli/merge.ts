/**
 * `broker-contract merge`: the results.json files of the shards of a run (`run --shard i/n`) as one
 * verdict and one set of reports, exiting as the unsharded run would have.
 */
import { resolve } from 'node:path';
import { mergeResults } from '../report/merge.js';
import { readResultsFile } from '../report/results-file.js';
import { terminalSummary } from '../report/terminal.js';
import { writeReports } from '../report/write.js';
import { parseCommandArgs, UsageError, type Command } from './command.js';

const USAGE = `usage: broker-contract merge RESULTS.json... [--report-dir D]

Joins the results.json of every shard of a run (run --shard i/n) into one verdict, and writes
report.md, report.html, junit.xml and results.json to D (default reports). Every shard must be
given once; exit codes are the run's (0, 1, 2), and 2 when a shard is missing or foreign.`;

export const command: Command = {
  name: 'merge',
  summary: "join the shards' results.json into one verdict and one set of reports",
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { 'report-dir': { type: 'string', default: 'reports' } },
      true,
    );
    if (positionals.length === 0) throw new UsageError('merge needs the results.json of each shard');
    const files = await Promise.all(
      positionals.map(async (path) => ({ path, results: await readResultsFile(resolve(path)) })),
    );
    const merged = mergeResults(files);
    const paths = await writeReports(resolve(values['report-dir']), merged);
    console.log(terminalSummary(merged.cases, merged.verdict, merged.observations, paths));
    return merged.verdict.exitCode;
  },
};
