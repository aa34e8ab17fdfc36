import type { Ami } from '../model/ami';
import type { ImageEvent } from './imageEvents';

/** What EC2 says about one AMI id in one region. */
export type LookupResult =
  | { readonly kind: 'found'; readonly image: Ami }
  /** EC2 returns no such image there: deregistered, another region or account, or not shared. */
  | { readonly kind: 'missing' }
  /** The lookup itself failed (throttled, no access to the region…): nothing is known. */
  | { readonly kind: 'failed'; readonly error: unknown };

/** One id and the regions to look for it in (the inferred one, or every configured region). */
export interface LookupRequest {
  readonly imageId: string;
  readonly regions: readonly string[];
}

export type FindById = (
  region: string,
  imageIds: readonly string[],
  signal?: AbortSignal,
) => Promise<Ami[]>;

export const REFERENCE_CACHE_TTL_MS = 5 * 60_000;

/**
 * Looks up the AMI ids found in people's code, with cost discipline: one DescribeImages per region
 * for all the ids of a batch that are not already known, answers cached for a while and kept true
 * to the extension's own changes (an AMI it deregisters is missing at once), lookups in flight
 * shared by everyone who asks for the same id meanwhile. Failures are not cached.
 */
export class AmiReferenceLookup {
  private readonly cache = new Map<string, { result: Promise<LookupResult>; at: number }>();

  constructor(
    private readonly findById: FindById,
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = REFERENCE_CACHE_TTL_MS,
  ) {}

  /** Every (region, id) asked for, keyed by {@link lookupKey}. */
  async lookup(
    requests: readonly LookupRequest[],
    signal?: AbortSignal,
  ): Promise<Map<string, LookupResult>> {
    const results = new Map<string, Promise<LookupResult>>();
    const toFetch = new Map<string, Set<string>>();
    for (const { imageId, regions } of requests) {
      for (const region of regions) {
        const key = lookupKey(region, imageId);
        if (results.has(key)) continue;
        const known = this.cache.get(key);
        if (known !== undefined && this.now() - known.at < this.ttlMs) {
          results.set(key, known.result);
        } else {
          const ids = toFetch.get(region) ?? new Set<string>();
          ids.add(imageId);
          toFetch.set(region, ids);
        }
      }
    }
    for (const [region, ids] of toFetch) {
      const call = this.findById(region, [...ids], signal);
      for (const imageId of ids) {
        const key = lookupKey(region, imageId);
        const result = call.then(
          (images): LookupResult => {
            const image = images.find((i) => i.imageId === imageId);
            return image === undefined ? { kind: 'missing' } : { kind: 'found', image };
          },
          (error: unknown): LookupResult => ({ kind: 'failed', error }),
        );
        const entry = { result, at: this.now() };
        this.cache.set(key, entry);
        void result.then((settled) => {
          if (settled.kind === 'failed' && this.cache.get(key) === entry) this.cache.delete(key);
        });
        results.set(key, result);
      }
    }
    const settled = await Promise.all(
      [...results].map(async ([key, result]) => [key, await result] as const),
    );
    return new Map(settled);
  }

  /** What is known without asking EC2 (fresh cache entries that have settled). */
  async known(region: string, imageId: string): Promise<LookupResult | undefined> {
    const entry = this.cache.get(lookupKey(region, imageId));
    if (entry === undefined || this.now() - entry.at >= this.ttlMs) return undefined;
    return entry.result;
  }

  /** Keeps answers true to the extension's own changes. */
  onImageEvent(event: ImageEvent): void {
    if (event.kind === 'appeared' || event.kind === 'changed') {
      this.remember(event.image.region, event.image.imageId, { kind: 'found', image: event.image });
    } else if (event.kind === 'gone') {
      this.remember(event.region, event.imageId, { kind: 'missing' });
    }
  }

  /** Forgets everything (a refresh, another profile or endpoint). */
  clear(): void {
    this.cache.clear();
  }

  private remember(region: string, imageId: string, result: LookupResult): void {
    this.cache.set(lookupKey(region, imageId), { result: Promise.resolve(result), at: this.now() });
  }
}

export function lookupKey(region: string, imageId: string): string {
  return `${region}/${imageId}`;
}
