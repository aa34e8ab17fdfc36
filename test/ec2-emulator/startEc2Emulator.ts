import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminPrefix, handleAdminRequest } from './admin/adminRoute';
import { FaultController } from './faults/faultController';
import type { FaultRule } from './faults/faultRule';
import { Sleeper } from './faults/sleeper';
import { dispatchEc2Request } from './protocol/requestDispatcher';
import { handleRbinListRules, rbinListRulesPath } from './protocol/rbinListRules';
import { demoAccessKeys, demoAccounts, demoRegions } from './seeds/demoAccounts';
import { seedDemoEstate } from './seeds/demoSeed';
import type { ScaleSeedOptions } from './seeds/scaleSeed';
import { seedScaleEstate } from './seeds/scaleSeed';
import { AccountDirectory } from './state/accountDirectory';
import { Ec2Store } from './state/ec2Store';
import { EmulatorClock } from './state/emulatorClock';
import type { EmulatorWorld } from './state/emulatorWorld';
import { IdFactory } from './state/idFactory';
import { Prng } from './state/prng';
import type { RegionConfig } from './state/regionCatalog';
import { RegionCatalog } from './state/regionCatalog';

/** Which estate to start with. */
export type EmulatorSeed = 'demo' | 'empty' | { readonly scale: ScaleSeedOptions };

/** Options of {@link startEc2Emulator}. */
export interface Ec2EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Initial estate (default `demo`). */
  readonly seed?: EmulatorSeed;
  /** Seed string for ids and random outcomes (default: the seed's name), for reproducible runs. */
  readonly randomSeed?: string;
  /** Delay before new images and snapshots leave `pending` (default 1500 ms). */
  readonly pendingMs?: number;
  /** Delay of instance transitions such as stopping→stopped (default: `pendingMs`). */
  readonly instanceTransitionMs?: number;
  /** Fraction (0–1) of new images that end `failed` (default 0). */
  readonly failRate?: number;
  /** `manual` freezes emulator time except for {@link RunningEc2Emulator.advanceTime} (default `real`). */
  readonly clock?: 'real' | 'manual';
  /** Fault rules active from the start. */
  readonly faults?: readonly FaultRule[];
  /** Region configuration (default: the demo regions). */
  readonly regions?: readonly RegionConfig[];
  /** Receives unexpected errors (answered as InternalError); default: written to stderr. */
  readonly onInternalError?: (error: unknown) => void;
}

/** Run-time fault control (the same operations as the admin route). */
export interface FaultControl {
  /** Replaces all rules. */
  set(rules: readonly FaultRule[]): void;
  /** Appends a rule. */
  add(rule: FaultRule): void;
  /** Removes all rules. */
  clear(): void;
  /** The active rules. */
  list(): readonly FaultRule[];
}

/** A started emulator. */
export interface RunningEc2Emulator {
  /** Endpoint URL for `new EC2Client({ endpoint })` and `amiExplorer.endpointUrl`. */
  readonly url: string;
  readonly port: number;
  readonly faults: FaultControl;
  /** Moves emulator time forward (pending images become available, instances settle). */
  advanceTime(ms: number): void;
  /** The emulator's state, for assertions that go beyond the API. */
  readonly world: EmulatorWorld;
  /** Stops the server, drops open connections and cancels injected delays. */
  close(): Promise<void>;
}

/**
 * Starts the local EC2 Query API endpoint on 127.0.0.1. The real `@aws-sdk/client-ec2` works
 * against `url` unchanged; the caller's account is chosen by the access key id (see README).
 */
export async function startEc2Emulator(
  options: Ec2EmulatorOptions = {},
): Promise<RunningEc2Emulator> {
  const seed = options.seed ?? 'demo';
  const seedName =
    typeof seed === 'string'
      ? seed
      : `scale-${seed.scale.regions ?? 1}x${seed.scale.imagesPerRegion}`;
  const randomSeed = options.randomSeed ?? seedName;
  const pendingMs = options.pendingMs ?? 1500;
  const clock = new EmulatorClock(options.clock ?? 'real');
  const world: EmulatorWorld = {
    store: new Ec2Store(),
    accounts: new AccountDirectory(demoAccounts, demoAccessKeys),
    regions: new RegionCatalog(
      options.regions ?? (typeof seed === 'object' ? seedRegions(seed.scale) : demoRegions),
    ),
    clock,
    ids: new IdFactory(randomSeed),
    outcomes: new Prng(`outcomes:${randomSeed}`),
    settings: {
      pendingMs,
      instanceTransitionMs: options.instanceTransitionMs ?? pendingMs,
      failRate: options.failRate ?? 0,
    },
  };
  if (seed === 'demo') {
    seedDemoEstate(world, clock.now());
  } else if (typeof seed === 'object') {
    seedScaleEstate(world, seed.scale);
  }
  const faults = new FaultController(randomSeed, options.faults);
  const sleeper = new Sleeper();
  const activity = { pending: 0 };
  const onInternalError =
    options.onInternalError ??
    ((error: unknown) => process.stderr.write(`ec2-emulator internal error: ${String(error)}\n`));

  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const handler = path.startsWith(adminPrefix)
      ? handleAdminRequest(req, res, { faults, clock, activity, store: world.store })
      : path === rbinListRulesPath
        ? handleRbinListRules(req, res, world)
        : dispatchEc2Request(req, res, { world, faults, sleeper, onInternalError, activity });
    handler.catch((error: unknown) => {
      onInternalError(error);
      res.destroy();
    });
  });
  // Keep-alive sockets from SDK clients must not keep close() waiting.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    world,
    faults: {
      set: (rules) => faults.set(rules),
      add: (rule) => faults.add(rule),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    advanceTime: (ms) => clock.advance(ms),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        sleeper.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function seedRegions(scale: ScaleSeedOptions): RegionConfig[] {
  const names = scaleRegionNames.slice(0, Math.max(1, scale.regions ?? 1));
  return names.map((name) => ({ name, optInStatus: 'opt-in-not-required' }));
}

/** Real region names used by the scale seed, in order. */
export const scaleRegionNames: readonly string[] = [
  'us-east-1',
  'eu-west-1',
  'ap-southeast-2',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-south-1',
  'sa-east-1',
  'eu-south-1',
  'me-south-1',
  'il-central-1',
];
