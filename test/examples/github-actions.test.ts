/**
 * The GitHub Actions example a team copies (examples/github-actions/broker-gate.yml) keeps its
 * promises: every broker-contract command line in it is one the real command line accepts; the
 * nightly is sharded three ways, covers the whole profile and is merged; reports are published and
 * uploaded also after a failure; and secrets reach the suite through `env:` only, under the names
 * ENVIRONMENT.md gives them.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { COMMANDS, main } from '../../src/cli/main.js';
import { profileArg, shardArg } from '../../src/cli/command.js';
import { planPhases } from '../../src/run/phases.js';
import { PROJECT_ROOT, SHARED } from '../helpers/paths.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

interface Job {
  if?: string;
  needs?: string | string[];
  strategy?: { matrix?: Record<string, unknown>; 'max-parallel'?: unknown };
  env?: Record<string, unknown>;
  steps: Step[];
}

interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const TEXT = readFileSync(join(PROJECT_ROOT, 'examples/github-actions/broker-gate.yml'), 'utf8');
const WORKFLOW = parse(TEXT) as Workflow;
const JOBS = Object.entries(WORKFLOW.jobs);
/** The comment the file opens with: what the workflow needs is documented there. */
const HEADER = (/^(?:#.*\n)+/.exec(TEXT)?.[0] ?? '').replace(/^# ?/gm, '');
/** The workflow's own variables (where broker-contract comes from), documented in its header. */
const OWN_VARIABLE = /^BROKER_CONTRACT_[A-Z_]+$/;

/** Every variable ENVIRONMENT.md names, `P_…` spelled out for each persona. */
function environmentVariables(): Set<string> {
  const text = readFileSync(join(SHARED, 'ENVIRONMENT.md'), 'utf8');
  const names = new Set([...text.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1] ?? ''));
  const personaParagraph = /^Personas:[\s\S]*?\n\n/m.exec(text)?.[0] ?? '';
  const personas = [...personaParagraph.matchAll(/`([A-Z][A-Z0-9]*)`/g)].map((m) => m[1] ?? '');
  for (const name of [...names])
    if (name.startsWith('P_')) for (const persona of personas) names.add(`${persona}${name.slice(1)}`);
  return names;
}

const ENVIRONMENT = environmentVariables();
/** `X` for each `X_<n>` the header documents as a per-shard variable. */
const PER_SHARD = new Set([...HEADER.matchAll(/\b([A-Z][A-Z0-9_]*)_<n>/g)].map((m) => m[1] ?? ''));

/** The ENVIRONMENT.md variable a secret or variable name stands for (its base, for a per-shard one). */
function variableOf(name: string): string | undefined {
  if (ENVIRONMENT.has(name)) return name;
  const base = /^(.+)_\d+$/.exec(name)?.[1];
  return base !== undefined && PER_SHARD.has(base) && ENVIRONMENT.has(base) ? base : undefined;
}

/** The header names the variable itself, or its per-persona form (`P_ORG` for `SENDER_ORG`). */
function documented(name: string): boolean {
  const word = (w: string) => new RegExp(`(?<![A-Z0-9_])${w}(?![A-Z0-9_])`).test(HEADER);
  const suffix = /^(?:SERVICEOWNER|SENDER|RECIPIENT2?|OUTSIDER)_(.+)$/.exec(name)?.[1];
  return word(name) || (suffix !== undefined && word(`P_${suffix}`));
}

/** Each combination of a job's matrix, as `matrix.*` values (one empty row without a matrix). */
function matrixRows(job: Job): Record<string, string>[] {
  let rows: Record<string, string>[] = [{}];
  for (const [key, values] of Object.entries(job.strategy?.matrix ?? {})) {
    if (!Array.isArray(values)) continue;
    rows = rows.flatMap((row) => values.map((v) => ({ ...row, [key]: String(v) })));
  }
  return rows;
}

/** `${{ matrix.x }}` replaced by the row's value; any other expression by a stand-in word. */
function substitute(text: string, row: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    const key = /^matrix\.(\w+)$/.exec(expr)?.[1];
    return key !== undefined && key in row ? (row[key] ?? '') : 'EXPR';
  });
}

/** The simple commands of a script: continuations joined, split at `&&`, `||`, `;` and `|`. */
function simpleCommands(script: string): string[] {
  return script
    .replace(/\\\n/g, ' ')
    .split('\n')
    .flatMap((line) => line.split(/&&|\|\||;|\|/))
    .map((command) => command.trim().replace(/^[({]\s*/, ''))
    .filter((command) => command !== '' && !command.startsWith('#'));
}

const INVOCATION =
  /^(?:npx\s+broker-contract|broker-contract|node\s+\S*bin\/broker-contract\.js)(?:\s+(.*))?$/;

interface Invocation {
  job: string;
  stepIndex: number;
  line: string;
  command: string;
  /** `--name` → its value (`true` when the next word is another option or nothing). */
  options: Map<string, string | true>;
  positionals: string[];
}

function invocations(): Invocation[] {
  return JOBS.flatMap(([jobId, job]) =>
    matrixRows(job).flatMap((row) =>
      job.steps.flatMap((step, stepIndex) =>
        simpleCommands(substitute(step.run ?? '', row)).flatMap((line): Invocation[] => {
          const m = INVOCATION.exec(line);
          if (!m) return [];
          const [command = '', ...words] = (m[1] ?? '').split(/\s+/).filter(Boolean);
          const options = new Map<string, string | true>();
          const positionals: string[] = [];
          for (let i = 0; i < words.length; i++) {
            const word = words[i] ?? '';
            if (!word.startsWith('--')) {
              positionals.push(word);
              continue;
            }
            const [name = '', inline] = word.slice(2).split(/=(.*)/s);
            const next = words[i + 1];
            if (inline !== undefined) options.set(name, inline);
            else if (next !== undefined && !next.startsWith('--')) options.set(name, words[++i] ?? '');
            else options.set(name, true);
          }
          return [{ job: jobId, stepIndex, line, command, options, positionals }];
        }),
      ),
    ),
  );
}

const INVOCATIONS = invocations();
const SUITE_FILES = readdirSync(join(PROJECT_ROOT, 'suites'));

async function helpOf(command: string): Promise<string> {
  let out = '';
  const code = await main([command, '--help'], { out: (t) => (out += `${t}\n`), err: () => undefined });
  expect(code).toBe(0);
  return out;
}

const isAlways = (condition: string | undefined) => /\balways\(\)/.test(condition ?? '');
const uses = (step: Step, action: RegExp) => action.test(step.uses ?? '');
const JUNIT_ACTION = /^(?:mikepenz\/action-junit-report|dorny\/test-reporter)@/;
const UPLOAD = /^actions\/upload-artifact@/;

function jobsRunning(command: string): string[] {
  return [...new Set(INVOCATIONS.filter((i) => i.command === command).map((i) => i.job))];
}

function reportDirOf(jobId: string, command: string): string {
  const found = INVOCATIONS.find((i) => i.job === jobId && i.command === command);
  const dir = found?.options.get('report-dir');
  return typeof dir === 'string' ? dir : 'reports';
}

/** The job itself and every job that needs it (where a run's reports may be published). */
function jobAndDependents(jobId: string): [string, Job][] {
  return JOBS.filter(([id, job]) => id === jobId || [job.needs ?? []].flat().includes(jobId));
}

/** Every string in the workflow with the key path that leads to it. */
function strings(value: unknown, path: string[] = []): { path: string[]; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...path, String(i)]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

describe('the command lines are ones broker-contract accepts', () => {
  it('invokes broker-contract run, cleanup and merge', () => {
    const commands = new Set(INVOCATIONS.map((i) => i.command));
    expect([...commands].sort()).toEqual(['cleanup', 'merge', 'run']);
  });

  it.each(INVOCATIONS.map((i) => [`${i.job}: ${i.line}`, i] as const))(
    '%s: the command exists and takes every option it is given',
    async (_, invocation) => {
      expect(Object.keys(COMMANDS)).toContain(invocation.command);
      const usage = await helpOf(invocation.command);
      for (const option of invocation.options.keys())
        expect(usage).toMatch(new RegExp(`(?<![\\w-])--${option}(?![\\w-])`));
    },
  );

  it.each(INVOCATIONS.filter((i) => i.command === 'run').map((i) => [`${i.job}: ${i.line}`, i] as const))(
    '%s: its profile and shard are valid and select suite files',
    (_, invocation) => {
      const profile = profileArg(String(invocation.options.get('profile') ?? 'full'));
      const shard = shardArg(
        invocation.options.has('shard') ? String(invocation.options.get('shard')) : undefined,
      );
      expect(planPhases(profile, SUITE_FILES, undefined, shard).length).toBeGreaterThan(0);
    },
  );

  it('runs each command in a job that installed it with Node 20 first', () => {
    for (const invocation of INVOCATIONS) {
      const steps = WORKFLOW.jobs[invocation.job]?.steps.slice(0, invocation.stepIndex) ?? [];
      const node = steps.find((s) => uses(s, /^actions\/setup-node@/));
      expect(String(node?.with?.['node-version'])).toMatch(/^20(\.|$)/);
      expect(steps.some((s) => /^npm (ci|install)\b/m.test(s.run ?? ''))).toBe(true);
    }
  });
});

describe('the nightly: three shards, then one merged verdict', () => {
  const shardJobs = JOBS.filter(([id]) =>
    INVOCATIONS.some((i) => i.job === id && i.command === 'run' && i.options.has('shard')),
  );
  const [shardJobId = '', shardJob] = shardJobs[0] ?? [];

  it('is scheduled, and the sharded job runs on the schedule', () => {
    expect(shardJobs).toHaveLength(1);
    const schedule = WORKFLOW.on.schedule as { cron?: string }[] | undefined;
    expect(schedule?.[0]?.cron).toMatch(/^\S+( \S+){4}$/);
    expect(shardJob?.if).toContain("'schedule'");
  });

  it('runs the full profile on a matrix of 3 whose --shard values are 1/3, 2/3 and 3/3', () => {
    expect(matrixRows(shardJob as Job)).toHaveLength(3);
    const runs = INVOCATIONS.filter((i) => i.job === shardJobId && i.command === 'run');
    expect(runs.map((i) => i.options.get('profile'))).toEqual(['full', 'full', 'full']);
    const shards = runs.map((i) => shardArg(String(i.options.get('shard'))));
    expect(shards.map((s) => s?.total)).toEqual([3, 3, 3]);
    expect(shards.map((s) => s?.index).sort()).toEqual([1, 2, 3]);
    const files = shards.flatMap((s) =>
      planPhases('full', SUITE_FILES, undefined, s).flatMap((p) => p.files),
    );
    const whole = planPhases('full', SUITE_FILES).flatMap((p) => p.files);
    expect(files.sort()).toEqual(whole.sort());
  });

  it('gives each shard its own resource, or runs the shards one at a time', () => {
    expect(String(shardJob?.env?.BROKER_RESOURCE_ID)).toMatch(
      /vars\[format\('BROKER_RESOURCE_ID_\{0\}', matrix\.shard\)\] \|\| vars\.BROKER_RESOURCE_ID/,
    );
    const maxParallel = String(shardJob?.strategy?.['max-parallel']);
    for (const n of [1, 2, 3]) expect(maxParallel).toContain(`vars.BROKER_RESOURCE_ID_${n}`);
    expect(maxParallel).toMatch(/\|\| 1 \}\}$/);
    expect(TEXT).toMatch(/would see each other's changes/);
  });

  it('uploads each shard’s results.json even when the shard failed', () => {
    const upload = shardJob?.steps.find((s) => uses(s, UPLOAD));
    expect(isAlways(upload?.if)).toBe(true);
    expect(String(upload?.with?.path)).toMatch(
      new RegExp(`/${reportDirOf(shardJobId, 'run')}/results\\.json$`),
    );
    expect(String(upload?.with?.name)).toContain('${{ matrix.shard }}');
  });

  it('merges in a job that needs the shards, runs after a failed shard, and downloads every upload', () => {
    const [mergeJobId] = jobsRunning('merge');
    const mergeJob = WORKFLOW.jobs[mergeJobId ?? ''];
    expect([mergeJob?.needs ?? []].flat()).toContain(shardJobId);
    expect(mergeJob?.if).toMatch(/!cancelled\(\)|always\(\)/);
    const merge = INVOCATIONS.find((i) => i.command === 'merge');
    expect(merge?.positionals.join(' ')).toMatch(/results\.json/);
    const download = mergeJob?.steps.find((s) => uses(s, /^actions\/download-artifact@/));
    const pattern = String(download?.with?.pattern ?? download?.with?.name);
    const glob = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const uploadName = String(shardJob?.steps.find((s) => uses(s, UPLOAD))?.with?.name);
    for (const row of matrixRows(shardJob as Job)) expect(substitute(uploadName, row)).toMatch(glob);
  });
});

describe('reports are published and uploaded, also after a failure', () => {
  const verdicts = [
    ...jobsRunning('run').filter((id) => !WORKFLOW.jobs[id]?.strategy),
    ...jobsRunning('merge'),
  ];

  it.each(verdicts)('%s: its JUnit is published with if: always()', (jobId) => {
    const command = jobsRunning('merge').includes(jobId) ? 'merge' : 'run';
    const steps = jobAndDependents(jobId).flatMap(([, job]) => job.steps);
    const junit = steps.filter((s) => uses(s, JUNIT_ACTION));
    expect(junit).toHaveLength(1);
    expect(isAlways(junit[0]?.if)).toBe(true);
    const paths = String(junit[0]?.with?.report_paths ?? junit[0]?.with?.path);
    expect(paths).toMatch(new RegExp(`(^|/)${reportDirOf(jobId, command)}/junit\\.xml$`));
  });

  it.each(verdicts)('%s: its HTML report is uploaded as an artifact with if: always()', (jobId) => {
    const command = jobsRunning('merge').includes(jobId) ? 'merge' : 'run';
    const upload = WORKFLOW.jobs[jobId]?.steps.find(
      (s) => uses(s, UPLOAD) && String(s.with?.path).includes('report.html'),
    );
    expect(isAlways(upload?.if)).toBe(true);
    expect(String(upload?.with?.path)).toContain(`/${reportDirOf(jobId, command)}/report.html`);
  });

  it.each(jobsRunning('run'))('%s: runs broker-contract cleanup when cancelled or failed', (jobId) => {
    const cleanup = INVOCATIONS.find((i) => i.job === jobId && i.command === 'cleanup');
    expect(cleanup).toBeDefined();
    const step = WORKFLOW.jobs[jobId]?.steps[cleanup?.stepIndex ?? -1];
    expect(step?.if?.replace(/\s+/g, ' ')).toBe('cancelled() || failure()');
    expect(reportDirOf(jobId, 'cleanup')).toBe(reportDirOf(jobId, 'run'));
  });
});

describe('secrets reach the suite through env: only, under ENVIRONMENT.md’s names', () => {
  const everything = strings(WORKFLOW);
  const secretRefs = everything.filter((s) => /\bsecrets\s*[.[]/.test(s.text));
  const secretNames = [
    ...new Set(secretRefs.flatMap((s) => [...s.text.matchAll(/secrets\.(\w+)/g)].map((m) => m[1] ?? ''))),
  ];
  /** The env variables that carry a secret. */
  const secretCarriers = new Set(secretRefs.map((s) => s.path[s.path.length - 1] ?? ''));

  it('uses secrets', () => {
    expect(secretNames.length).toBeGreaterThan(0);
  });

  it.each(secretRefs.map((s) => [s.path.join('.'), s] as const))(
    '%s: a secret is the whole value of an env: key of its own name',
    (_, ref) => {
      expect(ref.path[ref.path.length - 2]).toBe('env');
      const name = /^\$\{\{\s*secrets\.(\w+)\s*\}\}$/.exec(ref.text)?.[1];
      expect(name).toBeDefined();
      expect(variableOf(name ?? '')).toBe(ref.path[ref.path.length - 1]);
    },
  );

  it.each(secretNames)('secrets.%s is an ENVIRONMENT.md variable, documented in the header', (name) => {
    expect(variableOf(name)).toBeDefined();
    expect(documented(name)).toBe(true);
  });

  it('never echoes a secret: no run script names secrets, nor prints an env variable that carries one', () => {
    for (const { path, text } of everything.filter((s) => s.path[s.path.length - 1] === 'run')) {
      expect({ path, secrets: /\bsecrets\b/.test(text) }).toEqual({ path, secrets: false });
      for (const line of simpleCommands(text).filter((l) => /^(echo|printf|cat|env|printenv|set)\b/.test(l)))
        for (const name of secretCarriers) expect(line).not.toMatch(new RegExp(`\\$\\{?${name}\\b`));
    }
  });

  it('every env: key is an ENVIRONMENT.md variable or the workflow’s own, set from the var of its name', () => {
    for (const { path, text } of everything.filter((s) => s.path[s.path.length - 2] === 'env')) {
      const key = path[path.length - 1] ?? '';
      expect({ key, known: ENVIRONMENT.has(key) || OWN_VARIABLE.test(key) }).toEqual({ key, known: true });
      const named = [...text.matchAll(/(?:vars|secrets)\.(\w+)|format\('(\w+)_\{0\}'/g)].map(
        (m) => m[1] ?? m[2],
      );
      expect(named.length).toBeGreaterThan(0);
      for (const name of named)
        expect({ key, name, is: variableOf(name ?? '') ?? name }).toEqual({ key, name, is: key });
    }
  });

  it('every repository variable it reads is documented in the header', () => {
    // A per-shard variable, by index (`vars.X_1`) or by format (`vars[format('X_{0}', …)]`), is `X_<n>`.
    const perShard = (name: string) =>
      name.replace(/_\d+$/, (suffix) => (variableOf(name) === name ? suffix : '_<n>'));
    const names = everything.flatMap((s) => [
      ...[...s.text.matchAll(/vars\.(\w+)/g)].map((m) => perShard(m[1] ?? '')),
      ...[...s.text.matchAll(/vars\[format\('(\w+)_\{0\}'/g)].map((m) => `${m[1] ?? ''}_<n>`),
    ]);
    for (const name of new Set(names)) {
      const plain = name.replace(/_<n>$/, '');
      expect({
        name,
        documented: documented(name) || (name.endsWith('_<n>') && PER_SHARD.has(plain)),
      }).toEqual({
        name,
        documented: true,
      });
      expect({ name, known: variableOf(plain) !== undefined || OWN_VARIABLE.test(plain) }).toEqual({
        name,
        known: true,
      });
    }
  });
});
