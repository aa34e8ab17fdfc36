import type { Clock } from '../../../src/core/aws/requestRate';
import { CancelledError } from '../../../src/core/model/errors';

interface Timer {
  readonly due: number;
  readonly resolve: () => void;
}

/** A clock that only moves when the test says so: sleepers wake in `advance`, in due order. */
export class FakeClock implements Clock {
  private time = 1_000;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new CancelledError());
        return;
      }
      const timer: Timer = { due: this.time + ms, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          reject(new CancelledError());
        },
        { once: true },
      );
    });
  }

  /** Sleepers still waiting. */
  get sleeping(): number {
    return this.timers.length;
  }

  /** Moves time on by `ms`, waking every sleeper due by then, and lets their continuations run. */
  async advance(ms: number): Promise<void> {
    this.time += ms;
    const due = this.timers.filter((t) => t.due <= this.time).sort((a, b) => a.due - b.due);
    this.timers = this.timers.filter((t) => t.due > this.time);
    for (const timer of due) timer.resolve();
    await settle();
  }
}

/** Lets every pending promise continuation run (a macrotask turn). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
