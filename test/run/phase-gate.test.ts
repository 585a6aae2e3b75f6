/** The gate in front of a phase started early (src/run/phase-gate.mjs). */
import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  GATE_ENV,
  GATE_OWNER_ENV,
  gateFile,
  openGate,
  passGate,
  runAlive,
  waitForGate,
} from '../../src/run/phase-gate.mjs';
import { spawnSync } from 'node:child_process';
import { RUN_ENV } from '../../src/suite/run-env.js';
import { withTempDir } from '../helpers/temp-dir.js';

const withDir = (work: (dir: string) => Promise<void>) => withTempDir('phase-gate-', work);

describe('the phase gate', () => {
  it('is one of the run variables, and absent or empty means no gate', () => {
    expect(RUN_ENV.gate).toBe(GATE_ENV);
    expect(gateFile({})).toBeUndefined();
    expect(gateFile({ [GATE_ENV]: '' })).toBeUndefined();
    expect(gateFile({ [GATE_ENV]: '/x/gate-1' })).toBe('/x/gate-1');
  });

  it('holds the waiting side until it opens, then hands over the variables learnt meanwhile', () =>
    withDir(async (dir) => {
      const gate = join(dir, 'gate-0');
      let opened = false;
      const waiting = waitForGate(gate, { pollMs: 5 }).then((env) => {
        opened = true;
        return env;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(opened).toBe(false);
      openGate(gate, { BROKER_CONTRACT_SETUP: '{"steps":[]}' });
      await expect(waiting).resolves.toEqual({ BROKER_CONTRACT_SETUP: '{"steps":[]}' });
      // Written whole, then renamed: no part file is left.
      expect(await readdir(dir)).toEqual(['gate-0']);
    }));

  it('opens with no variables too', () =>
    withDir(async (dir) => {
      const gate = join(dir, 'gate-1');
      openGate(gate);
      expect(existsSync(gate)).toBe(true);
      await expect(waitForGate(gate)).resolves.toEqual({});
    }));

  it('stops waiting, naming the gate, once the process that started it is gone', () =>
    withDir(async (dir) => {
      const gate = join(dir, 'gate-2');
      let alive = true;
      const waiting = waitForGate(gate, { pollMs: 5, parentAlive: () => alive });
      alive = false;
      await expect(waiting).rejects.toThrow(
        `the run that started this phase has ended before opening ${gate}`,
      );
    }));

  it("passes a file once it opens, adding what it brought to the file's environment", () =>
    withDir(async (dir) => {
      const gate = join(dir, 'gate-3');
      const env: Record<string, string | undefined> = {
        [GATE_ENV]: gate,
        [GATE_OWNER_ENV]: String(process.pid),
      };
      let passed = false;
      const passing = passGate(env, { pollMs: 5 }).then(() => (passed = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(passed).toBe(false);
      openGate(gate, { BROKER_CONTRACT_SUBSCRIPTIONS: '[]' });
      await passing;
      expect(env.BROKER_CONTRACT_SUBSCRIPTIONS).toBe('[]');
    }));

  it('passes at once when no gate is named', async () => {
    const env: Record<string, string | undefined> = {};
    await passGate(env);
    expect(env).toEqual({});
  });

  it("watches the owner named in the environment, else the waiter's own parent", () => {
    expect(runAlive({ [GATE_OWNER_ENV]: String(process.pid) })()).toBe(true);
    // A process that has exited and been reaped.
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString().trim();
    expect(runAlive({ [GATE_OWNER_ENV]: gone })()).toBe(false);
    expect(runAlive({})()).toBe(true);
  });

  it('a file stops waiting once the owner is gone', () =>
    withDir(async (dir) => {
      const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString().trim();
      const gate = join(dir, 'gate-4');
      await expect(passGate({ [GATE_ENV]: gate, [GATE_OWNER_ENV]: gone }, { pollMs: 5 })).rejects.toThrow(
        `the run that started this phase has ended before opening ${gate}`,
      );
    }));
});
