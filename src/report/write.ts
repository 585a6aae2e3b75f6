/**
 * Every report of a run from its results: report.md and report.html for the person on call,
 * junit.xml for the pipeline, results.json for tools and for `broker-contract merge`. A run passes all
 * its calls, so the HTML shows every clause's exchange; a merge has the failed clauses' calls only.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoggedCall } from '../client/request-log.js';
import { htmlReport } from './html.js';
import { junitXml } from './junit.js';
import { markdownReport } from './markdown.js';
import type { ResultsFile } from './results-file.js';

export const REPORT_FILES = ['report.md', 'report.html', 'junit.xml', 'results.json'] as const;

/** Writes the reports to `reportDir` and returns their paths, in REPORT_FILES order. */
export async function writeReports(
  reportDir: string,
  results: ResultsFile,
  calls: readonly LoggedCall[] = results.calls,
): Promise<string[]> {
  await mkdir(reportDir, { recursive: true });
  const shared = {
    title: results.title,
    environment: results.environment,
    cases: results.cases,
    verdict: results.verdict,
    observations: results.observations,
    changes: results.changes,
    calls: [...calls],
    durationMs: results.durationMs,
  };
  const contents = [
    markdownReport(shared),
    htmlReport({
      ...shared,
      timelines: results.timelines,
      coverage: results.coverage,
      generatedAt: new Date().toISOString(),
    }),
    junitXml(results.cases, results.title),
    `${JSON.stringify(results, null, 2)}\n`,
  ];
  const paths = REPORT_FILES.map((name) => join(reportDir, name));
  await Promise.all(paths.map((path, i) => writeFile(path, contents[i] ?? '')));
  return paths;
}
