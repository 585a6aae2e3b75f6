import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_LARGE_FILE_MB,
  DEFAULT_QUIET_MS,
  readWorkerSettings,
  SANDBOX_LARGE_FILE_MB,
  SANDBOX_QUIET_MS,
  WORKER_ENV,
  workerSettingsEnv,
  type WorkerSettings,
} from '../src/defaults.js';
import { EnvironmentError } from '../src/errors.js';

type Env = Record<string, string | undefined>;

function problemsOf(env: Env): string {
  let caught: unknown;
  try {
    readWorkerSettings(env);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(EnvironmentError);
  expect((caught as EnvironmentError).code).toBe('ENV_INVALID');
  return (caught as EnvironmentError).message;
}

describe('readWorkerSettings: an unset setting takes the default of its environment', () => {
  // prettier-ignore
  const rows: [string, Env, boolean, WorkerSettings][] = [
    ['a deployment', {}, false, { quietMs: DEFAULT_QUIET_MS, largeFileMb: DEFAULT_LARGE_FILE_MB }],
    ['the embedded sandbox', {}, true, { quietMs: SANDBOX_QUIET_MS, largeFileMb: SANDBOX_LARGE_FILE_MB }],
    ['an empty value counts as unset (FOO= in a dotenv file)', { [WORKER_ENV.quietMs]: '', [WORKER_ENV.largeFileMb]: ' ', [WORKER_ENV.receiver]: '' }, false, { quietMs: DEFAULT_QUIET_MS, largeFileMb: DEFAULT_LARGE_FILE_MB }],
  ];
  it.each(rows)('%s', (_name, env, sandbox, want) => {
    expect(readWorkerSettings(env, { sandbox })).toEqual(want);
  });

  it('reads the process environment, as a deployment, when given nothing', () => {
    const names = Object.values(WORKER_ENV);
    const saved = names.map((name) => [name, process.env[name]] as const);
    for (const name of names) delete process.env[name];
    try {
      expect(readWorkerSettings()).toEqual({ quietMs: DEFAULT_QUIET_MS, largeFileMb: DEFAULT_LARGE_FILE_MB });
    } finally {
      for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
    }
  });
});

describe('readWorkerSettings: a set value wins over the default', () => {
  // prettier-ignore
  const rows: [string, Env, Partial<WorkerSettings>][] = [
    ['BROKER_CONTRACT_QUIET_MS in ms', { [WORKER_ENV.quietMs]: '750' }, { quietMs: 750 }],
    ['BROKER_CONTRACT_LARGE_FILE_MB in MiB', { [WORKER_ENV.largeFileMb]: '8' }, { largeFileMb: 8 }],
    ['BROKER_CONTRACT_LARGE_FILE_MB may be a fraction', { [WORKER_ENV.largeFileMb]: '0.5' }, { largeFileMb: 0.5 }],
    ['BROKER_CONTRACT_RECEIVER is the receiver URL', { [WORKER_ENV.receiver]: 'http://127.0.0.1:40123' }, { receiverUrl: 'http://127.0.0.1:40123' }],
    ['BROKER_CONTRACT_RECEIVER loses a trailing slash', { [WORKER_ENV.receiver]: 'http://127.0.0.1:40123/' }, { receiverUrl: 'http://127.0.0.1:40123' }],
    ['values are trimmed', { [WORKER_ENV.quietMs]: ' 900 ' }, { quietMs: 900 }],
  ];
  it.each(rows)('%s', (_name, env, want) => {
    expect(readWorkerSettings(env, { sandbox: true })).toMatchObject(want);
  });
});

describe('readWorkerSettings: a bad value is named, with what is wrong and what is valid', () => {
  // prettier-ignore
  const rows: [string, Env, string][] = [
    ['the quiet period is a whole number', { [WORKER_ENV.quietMs]: '0.5' }, "BROKER_CONTRACT_QUIET_MS: '0.5' is not a positive integer — milliseconds, e.g. 5000"],
    ['the quiet period has no unit', { [WORKER_ENV.quietMs]: '5s' }, "BROKER_CONTRACT_QUIET_MS: '5s' is not a positive integer"],
    ['the quiet period is above zero', { [WORKER_ENV.quietMs]: '0' }, "BROKER_CONTRACT_QUIET_MS: '0' is not a positive integer"],
    ['the large file has a size', { [WORKER_ENV.largeFileMb]: 'big' }, "BROKER_CONTRACT_LARGE_FILE_MB: 'big' is not a positive size — mebibytes of at least one byte, e.g. 10 or 0.5"],
    ['the large file is not negative', { [WORKER_ENV.largeFileMb]: '-1' }, "BROKER_CONTRACT_LARGE_FILE_MB: '-1' is not a positive size"],
    ['the large file is at least one byte', { [WORKER_ENV.largeFileMb]: '0' }, "BROKER_CONTRACT_LARGE_FILE_MB: '0' is not a positive size"],
    ['the receiver is an absolute http(s) URL', { [WORKER_ENV.receiver]: '127.0.0.1:40123' }, "BROKER_CONTRACT_RECEIVER: '127.0.0.1:40123' is not an absolute http(s) URL — e.g. http://127.0.0.1:40123"],
  ];
  it.each(rows)('%s', (_name, env, want) => {
    const message = problemsOf(env);
    expect(message).toContain(want);
    expect(message).toContain('the runner sets them for its Jest workers');
  });

  it('reports every bad value at once', () => {
    const message = problemsOf({ [WORKER_ENV.quietMs]: 'x', [WORKER_ENV.largeFileMb]: 'y' });
    expect(message).toContain('2 problems');
    expect(message).toContain('BROKER_CONTRACT_QUIET_MS');
    expect(message).toContain('BROKER_CONTRACT_LARGE_FILE_MB');
  });
});

describe('workerSettingsEnv', () => {
  it('hands settings to a worker that reads them back unchanged', () => {
    const settings: WorkerSettings = { quietMs: 500, largeFileMb: 8, receiverUrl: 'http://127.0.0.1:40123' };
    expect(readWorkerSettings(workerSettingsEnv(settings))).toEqual(settings);
  });

  it('leaves the receiver unset when there is none', () => {
    expect(workerSettingsEnv({ quietMs: 500, largeFileMb: 8 })).toEqual({
      BROKER_CONTRACT_QUIET_MS: '500',
      BROKER_CONTRACT_LARGE_FILE_MB: '8',
    });
  });
});
