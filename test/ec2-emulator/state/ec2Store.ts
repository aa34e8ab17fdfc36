import type { ImageRecord } from './imageRecord';
import type { InstanceRecord } from './instanceRecord';
import type { SnapshotRecord } from './snapshotRecord';

/** Image block public access setting per account and region. */
export type BlockPublicAccessState = 'unblocked' | 'block-new-sharing';

/** What a CopyImage ClientToken was first used for, to answer retries idempotently. */
export interface CopyTokenRecord {
  readonly imageId: string;
  /** Canonical form of the request parameters; a different request with the same token is refused. */
  readonly fingerprint: string;
}

/**
 * All emulated resources. Ids are globally unique, so resources are keyed by id; per-region views
 * are sorted by id and cached, because DescribeImages pages through them with keyset tokens and
 * must stay cheap at 50,000 images.
 */
export class Ec2Store {
  readonly images = new Map<string, ImageRecord>();
  readonly snapshots = new Map<string, SnapshotRecord>();
  readonly instances = new Map<string, InstanceRecord>();
  /** Ids of deregistered images: asked for by id they yield an empty result, not NotFound. */
  readonly deregisteredImageIds = new Set<string>();
  /** Key: `${accountId}|${region}|${clientToken}`. */
  readonly copyTokens = new Map<string, CopyTokenRecord>();
  private readonly blockPublicAccess = new Map<string, BlockPublicAccessState>();
  private readonly sortedImages = new Map<string, ImageRecord[]>();
  private readonly sortedInstances = new Map<string, InstanceRecord[]>();
  private readonly sortedSnapshots = new Map<string, SnapshotRecord[]>();

  /** Adds (or replaces) an image. */
  putImage(image: ImageRecord): void {
    this.images.set(image.imageId, image);
    this.sortedImages.delete(image.region);
  }

  /** Removes an image and remembers its id as deregistered. */
  deregisterImage(image: ImageRecord): void {
    this.images.delete(image.imageId);
    this.deregisteredImageIds.add(image.imageId);
    this.sortedImages.delete(image.region);
  }

  /** Adds a snapshot. */
  putSnapshot(snapshot: SnapshotRecord): void {
    this.snapshots.set(snapshot.snapshotId, snapshot);
    this.sortedSnapshots.delete(snapshot.region);
  }

  /** Deletes a snapshot. */
  deleteSnapshot(snapshot: SnapshotRecord): void {
    this.snapshots.delete(snapshot.snapshotId);
    this.sortedSnapshots.delete(snapshot.region);
  }

  /** Adds an instance. */
  putInstance(instance: InstanceRecord): void {
    this.instances.set(instance.instanceId, instance);
    this.sortedInstances.delete(instance.region);
  }

  /** Images of a region, sorted by id. */
  imagesIn(region: string): readonly ImageRecord[] {
    return cachedSorted(this.sortedImages, region, this.images, (i) => i.imageId);
  }

  /** Instances of a region, sorted by id. */
  instancesIn(region: string): readonly InstanceRecord[] {
    return cachedSorted(this.sortedInstances, region, this.instances, (i) => i.instanceId);
  }

  /** Snapshots of a region, sorted by id. */
  snapshotsIn(region: string): readonly SnapshotRecord[] {
    return cachedSorted(this.sortedSnapshots, region, this.snapshots, (s) => s.snapshotId);
  }

  /** Image block public access for an account in a region (EC2's default is `unblocked`). */
  blockPublicAccessFor(accountId: string, region: string): BlockPublicAccessState {
    return this.blockPublicAccess.get(`${accountId}|${region}`) ?? 'unblocked';
  }

  /** Sets image block public access for an account in a region. */
  setBlockPublicAccess(accountId: string, region: string, state: BlockPublicAccessState): void {
    this.blockPublicAccess.set(`${accountId}|${region}`, state);
  }
}

function cachedSorted<T extends { region: string }>(
  cache: Map<string, T[]>,
  region: string,
  all: ReadonlyMap<string, T>,
  idOf: (item: T) => string,
): readonly T[] {
  let list = cache.get(region);
  if (!list) {
    list = [...all.values()].filter((item) => item.region === region);
    list.sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
    cache.set(region, list);
  }
  return list;
}
