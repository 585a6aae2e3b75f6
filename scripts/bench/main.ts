/**
 * `npm run bench`: the suite's figures, not a pass or fail. Verdict time of each profile against the
 * embedded sandbox (several runs, split into what the run was doing), transition latency read off the
 * full runs' traces, large files through the suite's client against raw loopback, and a peer (Portman)
 * beside the suite's own self-test on the same faults. Prints a Markdown report and writes it, with the
 * figures as JSON, to `<out>/bench.md` and `<out>/bench.json`.
 *
 *   npm run bench -- [--runs 3] [--profiles smoke,full] [--large-mib 256,1024] [--faults all|none|a,b]
 *                    [--parts verdict,large,peers,selftest] [--out reports]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { FAULTS } from '../../sandbox/faults.js';
import { onInterrupt } from '../../src/interrupt.js';
import { PROFILE_FILES } from '../../src/run/phases.js';
import { selftest } from '../../src/run/selftest.js';
import { summary } from './intervals.js';

const PROFILE_NAMES = Object.keys(PROFILE_FILES);
import { benchLargeFiles, type LargeFileFigure } from './large-files.js';
import { benchPortman, type PeerResult } from './peer-portman.js';
import { latencyFigures, transitionLatencies, type LatencyFigure } from './transitions.js';
import { PARTS, runProfile, type Part, type ProfileRun } from './verdict.js';

export const BENCH_PARTS = ['verdict', 'large', 'peers', 'selftest'] as const;
type BenchPart = (typeof BENCH_PARTS)[number];

export interface BenchOptions {
  runs: number;
  profiles: string[];
  largeMiB: number[];
  faults: string[];
  parts: BenchPart[];
  out: string;
}

type Summary = ReturnType<typeof summary>;

export interface ProfileFigures {
  profile: string;
  runs: ProfileRun[];
  wallMs: Summary;
  /** The median of each part over the runs. */
  split: Record<Part, number>;
  clausesPerSecond: Summary;
}

/** The suite's own self-test on the faults the peer ran against. */
export interface SelftestFigures {
  wallMs: number;
  conformant: { passed: number; failed: number; skipped: number };
  faults: number;
  caught: string[];
  missed: string[];
  /** Each faulty run's wall time. */
  faultRunMs: Summary;
}

export interface BenchReport {
  startedAt: string;
  durationMs: number;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; loadAverage: number[] };
  options: Omit<BenchOptions, 'out'>;
  verdict?: ProfileFigures[];
  transitions?: { from: string; figures: LatencyFigure[] };
  largeFiles?: LargeFileFigure[];
  peers?: PeerResult;
  selftest?: SelftestFigures;
  /** A part that could not be measured, and why. */
  errors: { part: BenchPart; message: string }[];
}

export class UsageError extends Error {}

const USAGE =
  'usage: npm run bench -- [--runs N] [--profiles smoke,full] [--large-mib 256,1024] ' +
  `[--faults all|none|name,...] [--parts ${BENCH_PARTS.join(',')}] [--out DIR]`;

const list = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function parseBenchArgs(argv: string[], cwd = process.cwd()): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        runs: { type: 'string', default: '3' },
        profiles: { type: 'string', default: 'smoke,full' },
        'large-mib': { type: 'string', default: '256,1024' },
        faults: { type: 'string', default: 'all' },
        parts: { type: 'string', default: BENCH_PARTS.join(',') },
        out: { type: 'string', default: 'reports' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new UsageError(`--runs ${values.runs}: expected a whole number ≥ 1`);
  const profiles = list(values.profiles);
  const badProfile = profiles.find((p) => !PROFILE_NAMES.includes(p));
  if (badProfile !== undefined || profiles.length === 0)
    throw new UsageError(`--profiles ${values.profiles}: expected some of ${PROFILE_NAMES.join(', ')}`);
  const largeMiB = list(values['large-mib']).map(Number);
  if (largeMiB.length === 0 || largeMiB.some((n) => !Number.isInteger(n) || n < 1))
    throw new UsageError(`--large-mib ${values['large-mib']}: expected sizes in MiB, e.g. 256,1024`);
  const known: string[] = FAULTS.map((f) => f.name);
  const faults = values.faults === 'all' ? known : values.faults === 'none' ? [] : list(values.faults);
  const unknown = faults.filter((f) => !known.includes(f));
  if (unknown.length > 0)
    throw new UsageError(
      `--faults: unknown fault(s) ${unknown.join(', ')} (npm run sandbox -- --list-faults)`,
    );
  const parts = list(values.parts);
  const badPart = parts.find((p) => !(BENCH_PARTS as readonly string[]).includes(p));
  if (badPart !== undefined) throw new UsageError(`--parts: unknown part '${badPart}'`);
  return { runs, profiles, largeMiB, faults, parts: parts as BenchPart[], out: resolve(cwd, values.out) };
}

function medianSplit(runs: readonly ProfileRun[]): Record<Part, number> {
  return Object.fromEntries(PARTS.map((p) => [p, summary(runs.map((r) => r.split[p])).median])) as Record<
    Part,
    number
  >;
}

/** Runs the chosen parts one after another, so that none slows another down. */
export async function bench(options: BenchOptions, log: (line: string) => void): Promise<BenchReport> {
  const started = Date.now();
  const work = await mkdtemp(join(tmpdir(), 'bench-'));
  const forget = onInterrupt(() => rm(work, { recursive: true, force: true }));
  const report: BenchReport = {
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    },
    options: {
      runs: options.runs,
      profiles: options.profiles,
      largeMiB: options.largeMiB,
      faults: options.faults,
      parts: options.parts,
    },
    errors: [],
  };
  const attempt = async (part: BenchPart, measure: () => Promise<void>) => {
    if (!options.parts.includes(part)) return;
    try {
      await measure();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report.errors.push({ part, message });
      log(`${part}: not measured: ${message}`);
    }
  };
  try {
    await attempt('verdict', async () => {
      const figures: ProfileFigures[] = [];
      const traced: Awaited<ReturnType<typeof runProfile>>[] = [];
      for (const profile of options.profiles) {
        const runs: ProfileRun[] = [];
        for (let i = 1; i <= options.runs; i += 1) {
          const run = await runProfile(profile, join(work, `${profile}-${i}`));
          log(
            `${profile} run ${i}/${options.runs}: ${(run.wallMs / 1000).toFixed(1)} s, ` +
              `${run.clauses.passed} passed, ${run.clauses.failed} failed, ${run.clauses.skipped} skipped`,
          );
          if (profile === 'full' || !options.profiles.includes('full')) traced.push(run);
          const { spans: _spans, calls: _calls, ...figuresOnly } = run;
          runs.push(figuresOnly);
        }
        figures.push({
          profile,
          runs,
          wallMs: summary(runs.map((r) => r.wallMs)),
          split: medianSplit(runs),
          clausesPerSecond: summary(runs.map((r) => r.clausesPerSecond)),
        });
      }
      report.verdict = figures;
      const latencies = traced.flatMap((run) => transitionLatencies(run.spans, run.calls));
      report.transitions = {
        from: `${traced.length} run(s) of ${options.profiles.includes('full') ? 'full' : options.profiles.join(', ')}`,
        figures: latencyFigures(latencies),
      };
    });
    await attempt('large', async () => {
      report.largeFiles = await benchLargeFiles({ sizesMiB: options.largeMiB, log });
    });
    await attempt('peers', async () => {
      const workDir = join(work, 'portman');
      await mkdir(workDir, { recursive: true });
      report.peers = await benchPortman({ faults: options.faults, workDir, binding: 'sandbox', log });
    });
    await attempt('selftest', async () => {
      if (options.faults.length === 0) throw new Error('no faults chosen (--faults none)');
      const t0 = Date.now();
      const result = await selftest({
        faults: options.faults,
        reportDir: join(work, 'selftest'),
        log: (line) => log(`selftest: ${line}`),
      });
      const { passed, failed, skipped } = result.baseline.verdict;
      report.selftest = {
        wallMs: Date.now() - t0,
        conformant: { passed, failed, skipped },
        faults: result.verdicts.length,
        caught: result.verdicts.filter((v) => v.killed).map((v) => v.fault),
        missed: result.survivors.map((v) => v.fault),
        faultRunMs: summary(result.verdicts.map((v) => v.durationMs)),
      };
    });
  } finally {
    forget();
    await rm(work, { recursive: true, force: true });
  }
  report.durationMs = Date.now() - started;
  return report;
}

// ── The report ─────────────────────────────────────────────────────────────────────────────────────

const s = (ms: number): string => (Number.isFinite(ms) ? (ms / 1000).toFixed(1) : '–');
const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(0) : '–');
const spread = (x: Summary, f: (n: number) => string): string =>
  x.n === 0 ? '–' : x.n === 1 ? f(x.median) : `${f(x.median)} (${f(x.min)}–${f(x.max)})`;
const row = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] => [
  row(head),
  row(head.map(() => '---')),
  ...rows.map(row),
];

/** The command that repeats a bench with these options. */
export function reproduce(options: BenchReport['options']): string {
  const faults =
    options.faults.length === FAULTS.length ? [] : ['--faults', options.faults.join(',') || 'none'];
  return [
    'npm run bench --',
    ...['--runs', String(options.runs), '--profiles', options.profiles.join(',')],
    ...['--large-mib', options.largeMiB.join(','), ...faults, '--parts', options.parts.join(',')],
  ].join(' ');
}

export function formatBench(report: BenchReport): string {
  const m = report.machine;
  const out = [
    '# broker-contract bench',
    '',
    `${report.startedAt}, ${(report.durationMs / 60000).toFixed(1)} min; ${m.cpus} × ${m.cpuModel}, ` +
      `${m.memoryGiB} GiB, Node ${m.node}, load average at start ${m.loadAverage.join(' ')}.`,
    `Reproduce: \`${reproduce(report.options)}\``,
    '',
  ];
  if (report.verdict) {
    out.push(
      '## Verdict time',
      '',
      'Each run a new `broker-contract run --profile <p>` against the embedded sandbox; wall time as median ' +
        '(min–max), in seconds, split by what the run was doing (medians, a moment counted once: requests, ' +
        'then authentication, then waiting, then start-up: process, sandbox, spec, Jest and each file loading).',
      '',
      ...table(
        [
          'profile',
          'runs',
          'wall s',
          ...PARTS.map((p) => `${p} s`),
          'clauses (passed/failed/skipped)',
          'clauses/s',
        ],
        report.verdict.map((f) => {
          const last = f.runs.at(-1)?.clauses;
          return [
            f.profile,
            f.runs.length,
            spread(f.wallMs, s),
            ...PARTS.map((p) => s(f.split[p])),
            last ? `${last.passed}/${last.failed}/${last.skipped}` : '–',
            spread(f.clausesPerSecond, (n) => n.toFixed(1)),
          ];
        }),
      ),
      '',
    );
  }
  if (report.transitions) {
    const figures = report.transitions.figures;
    out.push(
      '## Transition latency',
      '',
      `From the sandbox writing a status to the suite knowing it, in ms, median (min–max), over ${report.transitions.from}: ` +
        'by poll (the answer of the first overview or details read showing it), by event (its CloudEvent received), ' +
        'and the earlier of the two; polls: reads of the transfer spent per transition. Initialized and ' +
        'UploadStarted come with the answer of the call that makes them: no read waits for them, and a ' +
        'later read shows them whenever a test makes it.',
      '',
      ...(figures.length <= 1 && figures[0]?.transitions === 0
        ? ['No transition was traced (the runs made no transfer).']
        : table(
            ['status', 'transitions', 'by poll ms', 'by event ms', 'noticed ms', 'polls'],
            figures.map((f) => [
              f.status,
              f.transitions,
              spread(f.byPoll, ms),
              spread(f.byEvent, ms),
              spread(f.noticed, ms),
              spread(f.pollsPerTransition, (n) => n.toFixed(1)),
            ]),
          )),
      '',
    );
  }
  if (report.largeFiles) {
    out.push(
      '## Large files',
      '',
      "Up and down through the suite's client against a sandbox in another process, MD5 and size checked " +
        'end to end; loopback: the same bytes through a plain node:http pipe, in the same run. RSS growth: ' +
        "the bench process's peak above its resident memory before the first transfer.",
      '',
      ...table(
        ['MiB', 'up MiB/s', 'of loopback', 'down MiB/s', 'of loopback', 'verified', 'peak RSS growth MiB'],
        report.largeFiles.map((f) => [
          f.sizeMiB,
          f.uploadMiBps.toFixed(0),
          `${(f.uploadRatio * 100).toFixed(0)} %`,
          f.downloadMiBps.toFixed(0),
          `${(f.downloadRatio * 100).toFixed(0)} %`,
          f.verified ? 'yes' : '**no**',
          f.peakRssGrowthMiB.toFixed(0),
        ]),
      ),
      '',
    );
  }
  if (report.peers || report.selftest) {
    const p = report.peers;
    const t = report.selftest;
    const full = report.verdict?.find((f) => f.profile === 'full');
    const conformant = p?.runs[0];
    const faultRuns = p ? summary(p.runs.slice(1).map((r) => r.wallMs)) : undefined;
    out.push(
      '## Peers side by side',
      '',
      'The same sandbox, conformant and under each fault (sandbox/faults.ts). A fault is caught when a check ' +
        'fails under it that passed on the conformant sandbox; a false failure is a check failing on the ' +
        'conformant sandbox.',
      '',
      ...table(
        ['', 'conformant wall s', 'checks', 'false failures', 'faults caught', 'per fault s', 'whole run s'],
        [
          ...(p && conformant
            ? [
                [
                  `Portman ${p.version} (newman)`,
                  s(conformant.wallMs),
                  conformant.checks,
                  p.conformantFalseFailures,
                  `${p.faultsCaught.length} of ${p.runs.length - 1}`,
                  faultRuns ? spread(faultRuns, s) : '–',
                  s(p.generateMs + p.runs.reduce((sum, r) => sum + r.wallMs, 0)),
                ],
              ]
            : []),
          ...(t
            ? [
                [
                  'broker-contract self-test',
                  full ? spread(full.wallMs, s) : '–',
                  t.conformant.passed + t.conformant.failed + t.conformant.skipped,
                  t.conformant.failed,
                  `${t.caught.length} of ${t.faults}`,
                  spread(t.faultRunMs, s),
                  s(t.wallMs),
                ],
              ]
            : []),
        ],
      ),
      '',
      'Conformant wall time: Portman one newman run (sandbox start to stop); broker-contract the `full` profile ' +
        'above. Checks: Portman its pm.test assertions; broker-contract its clauses, run under every condition ' +
        'at once (fresh, 120 s tokens, off the access list, a 3 s scan).',
      '',
    );
    if (p) {
      out.push(
        `Portman generated its collection in ${s(p.generateMs)} s. Faults caught: ${p.faultsCaught.join(', ') || 'none'}.`,
        '',
      );
      out.push('What Portman could not do:', '', ...p.findings.map((f) => `- ${f}`), '');
    }
    if (t && t.missed.length > 0) out.push(`Faults the self-test missed: ${t.missed.join(', ')}.`, '');
  }
  if (report.errors.length > 0)
    out.push('## Not measured', '', ...report.errors.map((e) => `- ${e.part}: ${e.message}`), '');
  return out.join('\n');
}

export async function writeBench(report: BenchReport, out: string): Promise<{ md: string; json: string }> {
  await mkdir(out, { recursive: true });
  const md = join(out, 'bench.md');
  const json = join(out, 'bench.json');
  await writeFile(md, formatBench(report));
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  return { md, json };
}

async function main(argv: string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench: ${error.message}\n${USAGE}`);
    return 2;
  }
  const report = await bench(options, (line) => console.error(line));
  const files = await writeBench(report, options.out);
  console.log(formatBench(report));
  console.error(`wrote ${files.md} and ${files.json}`);
  return report.errors.length > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
