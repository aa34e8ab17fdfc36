import type {
  AllowedImagesSettings,
  ImageReferenceRecord,
  ImageUsageReportRecord,
  RecycledImage,
  RecycledSnapshot,
  RetentionRuleRecord,
  SnapshotBlockPublicAccessState,
} from './imageGovernance';
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
  /** Deregistered images by id (DescribeInstanceImageMetadata still describes them). */
  readonly deregisteredImages = new Map<string, ImageRecord>();
  /** Images in the Recycle Bin, by id. */
  readonly recycledImages = new Map<string, RecycledImage>();
  /** Snapshots in the Recycle Bin, by id. */
  readonly recycledSnapshots = new Map<string, RecycledSnapshot>();
  /** Image usage reports, by id. */
  readonly usageReports = new Map<string, ImageUsageReportRecord>();
  /** References from launch templates, SSM parameters and Image Builder recipes. */
  readonly imageReferences: ImageReferenceRecord[] = [];
  private readonly blockPublicAccess = new Map<string, BlockPublicAccessState>();
  private readonly snapshotBlockPublicAccess = new Map<string, SnapshotBlockPublicAccessState>();
  private readonly allowedImages = new Map<string, AllowedImagesSettings>();
  private readonly retentionRules = new Map<string, RetentionRuleRecord[]>();
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
    this.deregisteredImages.set(image.imageId, image);
    this.sortedImages.delete(image.region);
  }

  /** Moves a deregistered image into the Recycle Bin until `exitAt`. */
  recycleImage(image: ImageRecord, enteredAt: number, exitAt: number): void {
    this.deregisterImage(image);
    this.recycledImages.set(image.imageId, { image, enteredAt, exitAt });
  }

  /** Puts an image back from the Recycle Bin (same id). */
  restoreImage(image: ImageRecord): void {
    this.recycledImages.delete(image.imageId);
    this.deregisteredImageIds.delete(image.imageId);
    this.deregisteredImages.delete(image.imageId);
    this.putImage(image);
  }

  /** Moves a deleted snapshot into the Recycle Bin until `exitAt`. */
  recycleSnapshot(snapshot: SnapshotRecord, enteredAt: number, exitAt: number): void {
    this.deleteSnapshot(snapshot);
    this.recycledSnapshots.set(snapshot.snapshotId, { snapshot, enteredAt, exitAt });
  }

  /** Puts a snapshot back from the Recycle Bin (same id). */
  restoreSnapshot(snapshot: SnapshotRecord): void {
    this.recycledSnapshots.delete(snapshot.snapshotId);
    this.putSnapshot(snapshot);
  }

  /** Drops Recycle Bin entries whose retention period has ended (deleted for good). */
  expireRecycleBin(now: number): void {
    for (const [id, entry] of this.recycledImages) {
      if (entry.exitAt <= now) {
        this.recycledImages.delete(id);
      }
    }
    for (const [id, entry] of this.recycledSnapshots) {
      if (entry.exitAt <= now) {
        this.recycledSnapshots.delete(id);
      }
    }
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

  /** Snapshot block public access for an account in a region (default `unblocked`). */
  snapshotBlockPublicAccessFor(accountId: string, region: string): SnapshotBlockPublicAccessState {
    return this.snapshotBlockPublicAccess.get(`${accountId}|${region}`) ?? 'unblocked';
  }

  /** Sets snapshot block public access (seeds and admin only: the emulator has no Enable action). */
  setSnapshotBlockPublicAccess(
    accountId: string,
    region: string,
    state: SnapshotBlockPublicAccessState,
  ): void {
    this.snapshotBlockPublicAccess.set(`${accountId}|${region}`, state);
  }

  /** Allowed AMIs settings for an account in a region (created `disabled`, no criteria). */
  allowedImagesFor(accountId: string, region: string): AllowedImagesSettings {
    const key = `${accountId}|${region}`;
    let settings = this.allowedImages.get(key);
    if (!settings) {
      settings = { state: 'disabled', criteria: [] };
      this.allowedImages.set(key, settings);
    }
    return settings;
  }

  /** Recycle Bin retention rules of an account in a region. */
  retentionRulesFor(accountId: string, region: string): readonly RetentionRuleRecord[] {
    return this.retentionRules.get(`${accountId}|${region}`) ?? [];
  }

  /** Replaces the retention rules of an account in a region (seeds and admin). */
  setRetentionRules(accountId: string, region: string, rules: RetentionRuleRecord[]): void {
    this.retentionRules.set(`${accountId}|${region}`, [...rules]);
  }

  /** The longest retention a rule of this type gives, in days; undefined without a rule. */
  retentionDaysFor(
    accountId: string,
    region: string,
    resourceType: RetentionRuleRecord['resourceType'],
  ): number | undefined {
    const days = this.retentionRulesFor(accountId, region)
      .filter((r) => r.resourceType === resourceType)
      .map((r) => r.retentionDays);
    return days.length > 0 ? Math.max(...days) : undefined;
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
