/**
 * Default of `amiExplorer.maxConcurrentRegions`: more than AWS has commercial regions, so every
 * enabled region (17 by default, more with opt-in regions) is listed in one wave. Each region has its
 * own EC2 request-rate buckets, so listing them together costs no region any of its budget; bursts
 * within a region are shaped by `core/aws/requestRate.ts`.
 */
export const DEFAULT_MAX_CONCURRENT_REGIONS = 40;

/** The setting's bounds (package.json says the same; a unit test checks it). */
export const MAX_CONCURRENT_REGIONS_RANGE = { minimum: 1, maximum: 64 } as const;

/**
 * Runs at most `limit` tasks at once; further tasks wait in order. Bounds the regions listed (or
 * copied to) at the same time.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be at least 1');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter, or free it.
      if (next) next();
      else this.active--;
    }
  }
}
