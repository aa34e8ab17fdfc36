import { willNotHeal } from '../aws/errorMapping';
import type { Ami } from '../model/ami';
import { isSettledState } from '../model/ami';

/** Timer functions, injectable so tests control time. */
export interface PollerClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the poller reports after each round for a region. */
export interface PollResult {
  region: string;
  /** Images whose record changed state (including to another pending-like state). */
  updated: Ami[];
  /** Ids EC2 no longer returns (deregistered meanwhile). */
  missing: string[];
}

/** Backoff between polls of one region: 2 s doubling to at most 30 s. */
export const POLL_DELAYS_MS: readonly number[] = [2000, 4000, 8000, 15000, 30000];

/**
 * Failed rounds in a row, each with an error that will not heal (refused connection, unknown host,
 * refused credentials: `willNotHeal`), after which a region is no longer polled.
 */
export const POLL_GIVE_UP_AFTER = 3;

/**
 * Re-describes images that are `pending` until they settle, per region with backoff, in one
 * DescribeImages call per region per round (never one call per image).
 */
export class PendingImagePoller {
  private readonly tracked = new Map<string, Map<string, string>>();
  private readonly timers = new Map<string, { handle: unknown; round: number }>();
  /** Failed rounds in a row per region whose errors will not heal. */
  private readonly hopeless = new Map<string, number>();
  private disposed = false;

  /**
   * `onError` hears every failed round. When a region is dropped after POLL_GIVE_UP_AFTER failures
   * in a row that will not heal, it also gets `gaveUp`: the ids no longer polled (tracking them
   * again starts over).
   */
  constructor(
    private readonly fetch: (region: string, imageIds: string[]) => Promise<Ami[]>,
    private readonly onResult: (result: PollResult) => void,
    private readonly onError: (region: string, error: unknown, gaveUp?: string[]) => void,
    private readonly clock: PollerClock = {
      setTimeout: (cb, ms) => setTimeout(cb, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    },
  ) {}

  /** Starts (or restarts) polling `images` of a region that are not settled yet. */
  track(region: string, images: readonly Pick<Ami, 'imageId' | 'state'>[]): void {
    const pending = images.filter((i) => !isSettledState(i.state));
    if (pending.length === 0 || this.disposed) return;
    const map = this.tracked.get(region) ?? new Map<string, string>();
    const added = pending.some((image) => !map.has(image.imageId));
    for (const image of pending) map.set(image.imageId, image.state);
    this.tracked.set(region, map);
    const timer = this.timers.get(region);
    // A newly added image starts the backoff again, so a fresh copy is not polled 30 s late.
    if (timer && added && timer.round > 0) {
      this.clock.clearTimeout(timer.handle);
      this.timers.delete(region);
    }
    if (!this.timers.has(region)) this.schedule(region, 0);
  }

  /** Stops polling a region (e.g. it is being reloaded as a whole). */
  forget(region: string): void {
    const timer = this.timers.get(region);
    if (timer) this.clock.clearTimeout(timer.handle);
    this.timers.delete(region);
    this.tracked.delete(region);
    this.hopeless.delete(region);
  }

  /** Image ids currently polled in a region. */
  pendingIds(region: string): string[] {
    return [...(this.tracked.get(region)?.keys() ?? [])];
  }

  dispose(): void {
    this.disposed = true;
    for (const region of [...this.timers.keys()]) this.forget(region);
  }

  private schedule(region: string, round: number): void {
    const delay = POLL_DELAYS_MS[Math.min(round, POLL_DELAYS_MS.length - 1)] ?? 30000;
    const handle = this.clock.setTimeout(() => void this.poll(region, round), delay);
    this.timers.set(region, { handle, round });
  }

  private async poll(region: string, round: number): Promise<void> {
    const map = this.tracked.get(region);
    if (!map || map.size === 0 || this.disposed) {
      this.timers.delete(region);
      return;
    }
    const ids = [...map.keys()];
    try {
      const images = await this.fetch(region, ids);
      if (this.disposed || this.tracked.get(region) !== map) return;
      this.hopeless.delete(region);
      const updated: Ami[] = [];
      for (const image of images) {
        if (map.get(image.imageId) !== image.state) updated.push(image);
        if (isSettledState(image.state)) map.delete(image.imageId);
        else map.set(image.imageId, image.state);
      }
      const returned = new Set(images.map((i) => i.imageId));
      const missing = ids.filter((id) => !returned.has(id));
      for (const id of missing) map.delete(id);
      if (updated.length > 0 || missing.length > 0) this.onResult({ region, updated, missing });
    } catch (error) {
      if (this.disposed || this.tracked.get(region) !== map) return;
      const failures = willNotHeal(error) ? (this.hopeless.get(region) ?? 0) + 1 : 0;
      this.hopeless.set(region, failures);
      if (failures >= POLL_GIVE_UP_AFTER) {
        const imageIds = [...map.keys()];
        this.forget(region);
        this.onError(region, error, imageIds);
        return;
      }
      this.onError(region, error);
    }
    if (map.size > 0) this.schedule(region, round + 1);
    else {
      this.timers.delete(region);
      this.tracked.delete(region);
      this.hopeless.delete(region);
    }
  }
}
