import { demoAccountId } from './demoAccounts';
import type { EmulatorWorld } from '../state/emulatorWorld';
import { addEbsImage, addInstanceStoreImage } from '../state/resourceFactory';

/** Size of a generated estate for benchmarks. */
export interface ScaleSeedOptions {
  /** Images owned by the demo account in each region. */
  readonly imagesPerRegion: number;
  /**
   * Images in the first regions, in region order, instead of `imagesPerRegion` (e.g. `[20000]`: a
   * large first region and smaller others).
   */
  readonly imagesInRegions?: readonly number[];
  /** Number of regions (real region names, us-east-1 first; default 1, max 20). */
  readonly regions?: number;
  /** Fraction of instance-store images (default 0.05). */
  readonly instanceStoreFraction?: number;
}

const start = Date.parse('2020-01-01T00:00:00.000Z');
const families = ['web', 'api', 'batch', 'data', 'ml', 'edge', 'build', 'bastion'] as const;

/**
 * Generates `imagesPerRegion` images for the demo account in each configured region (e.g. 50,000
 * in one region, or 1,000 across 20), deterministic for a given id seed. Created at most a few
 * hours apart since 2020, all available, about one in ten tagged and one in twenty encrypted.
 */
export function seedScaleEstate(world: EmulatorWorld, options: ScaleSeedOptions): void {
  const instanceStoreEvery = Math.max(
    1,
    Math.round(1 / Math.max(0.0001, options.instanceStoreFraction ?? 0.05)),
  );
  for (const [index, region] of world.regions
    .enabled()
    .map((r) => r.name)
    .entries()) {
    const images = options.imagesInRegions?.[index] ?? options.imagesPerRegion;
    for (let n = 0; n < images; n++) {
      const family = families[n % families.length] ?? 'web';
      const createdAt = start + n * 37 * 60 * 1000;
      const name = `${family}-${String(n).padStart(6, '0')}`;
      const tags = n % 10 === 0 ? { Name: name, Team: family } : undefined;
      if (n % instanceStoreEvery === instanceStoreEvery - 1) {
        addInstanceStoreImage(world, {
          region,
          ownerId: demoAccountId,
          name,
          imageLocation: `scale-bundles-${region}/${name}/image.manifest.xml`,
          createdAt,
          tags,
        });
      } else {
        addEbsImage(world, {
          region,
          ownerId: demoAccountId,
          name,
          createdAt,
          tags,
          volumes: [
            {
              deviceName: '/dev/xvda',
              sizeGiB: 8 + (n % 5) * 4,
              encrypted: n % 20 === 0,
              kmsKeyId:
                n % 20 === 0
                  ? `arn:aws:kms:${region}:${demoAccountId}:key/00000000-0000-4000-8000-000000000001`
                  : undefined,
            },
          ],
        });
      }
    }
  }
}
