/**
 * Sandbox time: a clock that runs `timeScale` times faster than the wall, and a scheduler on it,
 * so that a 30-day time-to-live or a 2-hour purge grace passes in milliseconds in tests (issue:
 * "hours pass in milliseconds"). Every sandbox timestamp and timer goes through here.
 */
export class Clock {
  private readonly origin = Date.now();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly timeScale = 1) {
    if (!(timeScale > 0)) throw new Error(`timeScale must be a positive number, got ${timeScale}`);
  }

  /** Sandbox milliseconds since the epoch. */
  now = (): number => this.origin + (Date.now() - this.origin) * this.timeScale;

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Runs `task` when the sandbox clock reaches `at`; returns a cancel function. */
  at(at: number, task: () => void): () => void {
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      const realDelay = Math.max(0, (at - this.now()) / this.timeScale);
      // setTimeout's limit is about 24.8 days of real time: a longer wait re-arms itself.
      timer = setTimeout(fire, Math.min(realDelay, 2 ** 31 - 1));
      timer.unref();
      this.timers.add(timer);
    };
    const fire = () => {
      if (timer) this.timers.delete(timer);
      if (this.now() + 1 < at) arm();
      else task();
    };
    arm();
    return () => {
      if (timer) {
        clearTimeout(timer);
        this.timers.delete(timer);
      }
    };
  }

  after(sandboxMs: number, task: () => void): () => void {
    return this.at(this.now() + sandboxMs, task);
  }

  /** Runs `task` after `wallMs` real milliseconds, whatever the time scale (a deployment's own pace). */
  afterWall(wallMs: number, task: () => void): () => void {
    return this.after(wallMs * this.timeScale, task);
  }

  get pending(): number {
    return this.timers.size;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
