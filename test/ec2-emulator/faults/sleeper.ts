/**
 * Cancellable delays for injected latency and slow bodies. Closing the emulator cancels them, so
 * a test run never waits for a 2-second fault after its server has been stopped.
 */
export class Sleeper {
  private readonly pending = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private closed = false;

  /** Resolves after `ms` (or at once when the sleeper is closed). */
  sleep(ms: number): Promise<void> {
    if (this.closed || ms <= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.pending.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.pending.add(entry);
    });
  }

  /** True once closed: callers stop writing to sockets that are being torn down. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Cancels every pending delay. */
  close(): void {
    this.closed = true;
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.resolve();
    }
    this.pending.clear();
  }
}
