/**
 * Steps that depend on earlier ones: when a step fails, the steps that need it are skipped with a
 * reason naming it, instead of failing in a cascade. A skip is a thrown `Skipped` (src/errors.ts),
 * which the reports count as skipped, not failed (docs/decisions/0011).
 */
import { it } from '@jest/globals';
import { Skipped } from '../errors.js';

/** Ends the current test as skipped, with why. */
export function skip(reason: string): never {
  throw new Skipped(reason);
}

type Body = () => Promise<void> | void;

export interface Flow {
  /**
   * A test body that runs only when the steps it needs passed. `needs` defaults to the step declared
   * just before it (a walk); `[]` makes it independent.
   */
  step(title: string, body: Body, needs?: string[]): Body;
  /** A test whose title is its step's name: `it(title, step(title, body, needs))`, the title written once. */
  it(title: string, body: Body, needs?: string[]): void;
}

export function flow(): Flow {
  const outcome = new Map<string, 'passed' | string>();
  let previous: string | undefined;
  const self: Flow = {
    it(title, body, needs) {
      it(title, self.step(title, body, needs));
    },
    step(title, body, needs) {
      const required = needs ?? (previous === undefined ? [] : [previous]);
      previous = title;
      return async () => {
        for (const need of required) {
          const state = outcome.get(need);
          if (state !== 'passed') {
            const why = state === undefined ? 'did not run' : state;
            outcome.set(title, `needs "${need}", which ${why}`);
            throw new Skipped(`needs "${need}", which ${why}`);
          }
        }
        try {
          await body();
          outcome.set(title, 'passed');
        } catch (error) {
          outcome.set(title, error instanceof Skipped ? `was skipped (${error.reason})` : 'failed');
          throw error;
        }
      };
    },
  };
  return self;
}
