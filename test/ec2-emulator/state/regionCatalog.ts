import { authFailure } from '../protocol/ec2Error';

/** Opt-in status values DescribeRegions reports. */
export type RegionOptInStatus = 'opt-in-not-required' | 'opted-in' | 'not-opted-in';

/** A region the emulator answers for. */
export interface RegionConfig {
  readonly name: string;
  readonly optInStatus: RegionOptInStatus;
}

/** The configured regions. Calls into a not-opted-in or unknown region answer AuthFailure, like EC2. */
export class RegionCatalog {
  private readonly regions = new Map<string, RegionConfig>();

  constructor(regions: readonly RegionConfig[]) {
    for (const region of regions) {
      this.regions.set(region.name, region);
    }
  }

  /** All configured regions in configuration order. */
  all(): RegionConfig[] {
    return [...this.regions.values()];
  }

  /** Regions the account can call (DescribeRegions without AllRegions). */
  enabled(): RegionConfig[] {
    return this.all().filter((r) => r.optInStatus !== 'not-opted-in');
  }

  /** A region by name. */
  get(name: string): RegionConfig | undefined {
    return this.regions.get(name);
  }

  /**
   * Throws AuthFailure unless the region is enabled. A real not-opted-in region's endpoint answers
   * exactly this, which is why the extension must not read it as "bad credentials".
   */
  assertCallable(name: string): RegionConfig {
    const region = this.regions.get(name);
    if (!region || region.optInStatus === 'not-opted-in') {
      throw authFailure();
    }
    return region;
  }
}
