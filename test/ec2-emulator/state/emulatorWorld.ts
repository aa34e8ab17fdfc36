import type { AccountDirectory } from './accountDirectory';
import type { EmulatorClock } from './emulatorClock';
import type { Ec2Store } from './ec2Store';
import type { IdFactory } from './idFactory';
import type { Prng } from './prng';
import type { RegionCatalog } from './regionCatalog';

/** Timing and outcome knobs for resources created at run time. */
export interface WorldSettings {
  /** How long new images (and their snapshots) stay `pending`. */
  pendingMs: number;
  /** How long instance transitions (pending→running, stopping→stopped) take. */
  instanceTransitionMs: number;
  /** Fraction (0–1) of new images that end `failed` instead of `available`. */
  failRate: number;
}

/** Everything an action may read or change: the state plus the services around it. */
export interface EmulatorWorld {
  readonly store: Ec2Store;
  readonly accounts: AccountDirectory;
  readonly regions: RegionCatalog;
  readonly clock: EmulatorClock;
  readonly ids: IdFactory;
  /** Decides failRate outcomes; seeded so that a run is reproducible. */
  readonly outcomes: Prng;
  readonly settings: WorldSettings;
}
