import { CancelledError, throwIfAborted } from '../model/errors';

/** What the buckets need of time; tests pass a fake clock. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Resolves after `ms`; rejects with `CancelledError` when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The process clock. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new CancelledError());
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new CancelledError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** A token bucket's shape: how many requests at once, and how many more per second after that. */
export interface BucketLimits {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/**
 * EC2's request-rate limit for non-mutating actions (Describe*, Get*, List*…): a bucket of 100
 * tokens per account, region and API, refilled at 20 per second ("Request throttling for the Amazon
 * EC2 API", EC2 Developer Guide).
 */
export const EC2_NON_MUTATING_LIMITS: BucketLimits = { capacity: 100, refillPerSecond: 20 };

/** The smaller bucket EC2 uses for DescribeInstances and DescribeSnapshots without filters or paging. */
export const EC2_UNFILTERED_UNPAGINATED_LIMITS: BucketLimits = {
  capacity: 50,
  refillPerSecond: 10,
};

/**
 * EC2's bucket for a mutating action without a bucket of its own (DeregisterImage,
 * DisableImageDeregistrationProtection): 50 at once, refilled at 5 per second. `Ec2.send` does not
 * shape mutating calls; a batch of them (the cleanup assistant) paces itself with it.
 */
export const EC2_MUTATING_LIMITS: BucketLimits = { capacity: 50, refillPerSecond: 5 };

const UNFILTERED_UNPAGINATED = new Set(['DescribeInstances', 'DescribeSnapshots']);

/**
 * The bucket EC2 charges a request to, by name and shape; `undefined` for mutating actions, which
 * are not shaped here (the user starts them one by one, and their own buckets differ per action).
 */
export function ec2BucketFor(
  action: string,
  input: object,
): { readonly name: string; readonly limits: BucketLimits } | undefined {
  if (!/^(Describe|Get|List|Search)/.test(action)) return undefined;
  const shaped = input as { Filters?: unknown[]; MaxResults?: number };
  const filteredOrPaged = (shaped.Filters?.length ?? 0) > 0 || shaped.MaxResults !== undefined;
  if (UNFILTERED_UNPAGINATED.has(action) && !filteredOrPaged) {
    return { name: `${action}:unfiltered`, limits: EC2_UNFILTERED_UNPAGINATED_LIMITS };
  }
  return { name: action, limits: EC2_NON_MUTATING_LIMITS };
}

/**
 * A token bucket: `capacity` requests may start at once, then `refillPerSecond` more per second.
 * A caller that finds it empty reserves the next token and waits for it, so callers are served in
 * the order they asked and a burst never goes over the bucket, however many wait.
 */
export class TokenBucket {
  /** Tokens now; negative when callers are waiting for tokens not refilled yet. */
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limits: BucketLimits,
    private readonly clock: Clock,
  ) {
    if (!(limits.capacity >= 1) || !(limits.refillPerSecond > 0)) {
      throw new RangeError('a bucket needs a capacity of at least 1 and a positive refill rate');
    }
    this.tokens = limits.capacity;
    this.updatedAt = clock.now();
  }

  /**
   * Takes a token, waiting for one when the bucket is empty. Cancelling the wait gives the reserved
   * token back and rejects with `CancelledError`.
   */
  async take(signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    const waitMs = (-this.tokens / this.limits.refillPerSecond) * 1000;
    try {
      await this.clock.sleep(waitMs, signal);
    } catch (error) {
      this.refill();
      this.tokens = Math.min(this.limits.capacity, this.tokens + 1);
      throw error;
    }
  }

  /** Tokens available right now (negative: reserved by waiting callers). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.updatedAt = now;
    this.tokens = Math.min(
      this.limits.capacity,
      this.tokens + elapsedSeconds * this.limits.refillPerSecond,
    );
  }
}

/**
 * Keeps AMI Explorer's own request rate inside EC2's: one bucket per account (profile), region and
 * EC2 bucket, as EC2 keeps them. Regions are listed all at once (their buckets are separate); what
 * this shapes is a burst within one region (a refresh during a poll, many documents opening), which
 * waits here instead of drawing RequestLimitExceeded answers and the SDK's backoff.
 */
export class Ec2RequestRate {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly clock: Clock = systemClock) {}

  /** Waits for a token of the bucket EC2 charges `action` to in `region`; mutating actions pass. */
  async take(
    account: string,
    region: string,
    action: string,
    input: object,
    signal?: AbortSignal,
  ): Promise<void> {
    const bucket = ec2BucketFor(action, input);
    if (!bucket) return;
    const key = JSON.stringify([account, region, bucket.name]);
    let tokens = this.buckets.get(key);
    if (!tokens) {
      tokens = new TokenBucket(bucket.limits, this.clock);
      this.buckets.set(key, tokens);
    }
    await tokens.take(signal);
  }
}
