/**
 * A status graph built from a table of legal steps (CONTRACT.md §5.3, §5.5): which direct steps are
 * legal, which statuses a history may begin with, and what stays reachable from a status. Polling can
 * miss intermediate states, so "connected" questions are answered by reachability, never by one step.
 */

/** One legal transition, as CONTRACT.md documents it. `from: null` is a history's first row (the "—"). */
export interface Step<S extends string> {
  from: S | null;
  to: S;
  /** What causes it, in CONTRACT.md's words. */
  trigger: string;
  /** The clause that documents it, e.g. `CONTRACT.md §5.3`. */
  clause: string;
}

export class StatusGraph<S extends string> {
  private readonly closure = new Map<S, ReadonlySet<S>>();

  constructor(
    /** Used in messages: `file transfer`, `recipient`. */
    readonly subject: string,
    /** The CONTRACT.md section that lists the steps, cited when one is missing. */
    readonly clause: string,
    /** Every member of the enumeration, produced or not (§5.1). */
    readonly statuses: readonly S[],
    readonly steps: readonly Step<S>[],
  ) {}

  isKnown(value: string): value is S {
    return (this.statuses as readonly string[]).includes(value);
  }

  /** The documented step from `from` (null: the first row) to `to`, if there is one. */
  step(from: S | null, to: S): Step<S> | undefined {
    return this.steps.find((s) => s.from === from && s.to === to);
  }

  /** The statuses one legal step leads to from `from` (null: the statuses a history may begin with). */
  next(from: S | null): S[] {
    return this.steps.filter((s) => s.from === from).map((s) => s.to);
  }

  isInitial(status: S): boolean {
    return this.step(null, status) !== undefined;
  }

  isLegalStep(from: S | null, to: S): boolean {
    return this.step(from, to) !== undefined;
  }

  /** Every status reachable from `from` in one or more legal steps (`from` itself only through a cycle). */
  reachable(from: S): ReadonlySet<S> {
    const known = this.closure.get(from);
    if (known) return known;
    const seen = new Set<S>();
    const queue: S[] = [from];
    for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
      for (const step of this.steps) {
        if (step.from === current && !seen.has(step.to)) {
          seen.add(step.to);
          queue.push(step.to);
        }
      }
    }
    this.closure.set(from, seen);
    return seen;
  }

  /** Whether a history may ever show `status`: reachable from a first row. `Cancelled` is not (§5.1). */
  isProduced(status: S): boolean {
    return this.statuses.some((s) => this.isInitial(s) && (s === status || this.reachable(s).has(status)));
  }

  /** `target` is `current`, or some sequence of legal steps leads there. */
  canStillReach(current: S, target: S): boolean {
    return current === target || this.reachable(current).has(target);
  }

  /** Waiting at `current` for `target` is hopeless: no legal path leads there. */
  isTerminalFor(current: S, target: S): boolean {
    return !this.canStillReach(current, target);
  }

  /** `current` is `reported`, or lies after it: what an event reporting `reported` allows a read to show. */
  atOrPast(current: S, reported: S): boolean {
    return this.canStillReach(reported, current);
  }

  /** Whether a later observation may show `later` after an earlier one showed `earlier` (skips allowed). */
  connects(earlier: S, later: S): boolean {
    return this.canStillReach(earlier, later);
  }
}
