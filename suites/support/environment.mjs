// @ts-check
/**
 * The suites' test environment: Node's, with a cache the files of one worker share (the spec's
 * validator, src/suite/context.ts), and in a run that stops at its first failed clause (the self-test's
 * faulty runs, src/run/stop-marker.mjs) the one place that sees a clause fail the moment it does. A
 * failure writes the stop marker; a thrown `Skipped` does not (decision 0011). Outside such a run it
 * adds no event handler, so ordinary runs pay nothing for it. Plain JavaScript
 * because the stop marker is shared with plug-ins Jest loads without a transform.
 */
import * as jose from 'jose';
import { basename } from 'node:path';
import { TestEnvironment } from 'jest-environment-node';
import { isFailure, markStopped, stopFile } from '../../src/run/stop-marker.mjs';
import { requireAjv } from '../../src/spec/ajv-modules.mjs';

/** The root describe block's name in jest-circus: no title of ours. */
const ROOT = 'ROOT_DESCRIBE_BLOCK';

/**
 * A test's or a describe block's titles from the file down, as the progress and reports show them.
 * @param {{ name: string, parent?: unknown } | undefined} entry
 * @returns {string[]}
 */
function titles(entry) {
  if (entry === undefined || entry.name === ROOT) return [];
  return [
    ...titles(/** @type {{ name: string, parent?: unknown } | undefined} */ (entry.parent)),
    entry.name,
  ];
}

/**
 * What the files of this worker share, under a registered symbol (src/suite/context.ts): this module
 * is loaded once per worker, outside the files' registries, so the map outlives each file.
 * @type {Map<string, unknown>}
 */
const workerCache = new Map();

export default class SuiteEnvironment extends TestEnvironment {
  /**
   * @param {import('@jest/environment').JestEnvironmentConfig} config
   * @param {import('@jest/environment').EnvironmentContext} context
   */
  constructor(config, context) {
    super(config, context);
    Object.defineProperty(this.global, Symbol.for('broker-contract:worker-cache'), { value: workerCache });
    // Ajv, required by Node once per worker, for src/spec/ajv.ts (NATIVE_AJV).
    Object.defineProperty(this.global, Symbol.for('broker-contract:ajv'), { value: requireAjv });
    // jose, imported by Node once per worker, for src/auth/jose.ts (NATIVE_JOSE).
    Object.defineProperty(this.global, Symbol.for('broker-contract:jose'), { value: jose });
    const marker = stopFile(process.env);
    if (marker === undefined) return;
    const file = basename(context.testPath);
    // jest-circus registers this handler only if it exists when the file starts, hence assigned here.
    /** @param {import('@jest/types').Circus.Event} event */
    this.handleTestEvent = (event) => {
      if (event.name === 'test_fn_failure' && isFailure(event.error)) {
        markStopped(marker, `"${file} › ${event.test.name}"`);
      } else if (event.name === 'hook_failure' && isFailure(event.error)) {
        // A failing hook fails the clauses it belongs to (beforeAll, *Each) or the file (afterAll).
        const where = titles(event.test ?? event.describeBlock);
        markStopped(marker, `the ${event.hook.type} hook of "${[file, ...where].join(' › ')}"`);
      }
    };
  }
}
