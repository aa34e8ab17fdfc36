import type { RecycledImage, RecycledSnapshot } from '../model/imageInsights';
import type { Ec2 } from './ec2';
import { toRecycledImage, toRecycledSnapshot } from './mappers';

/** EC2's page size for the Recycle Bin listings (their maximum). */
const RECYCLE_BIN_PAGE = 1000;

/**
 * The Recycle Bin's EC2 actions (AMIs and snapshots that retention rules kept after they were
 * deregistered or deleted). The rules themselves belong to the separate `rbin` service.
 */
export class RecycleBin {
  constructor(private readonly ec2: Ec2) {}

  /** ListImagesInRecycleBin: the account's recycled AMIs in the region (all pages). */
  images(region: string, signal?: AbortSignal): Promise<RecycledImage[]> {
    return this.ec2.collect(
      region,
      'ListImagesInRecycleBin',
      { MaxResults: RECYCLE_BIN_PAGE },
      (page) => (page.Images ?? []).map((i) => toRecycledImage(i, region)),
      signal,
    );
  }

  /** ListSnapshotsInRecycleBin, optionally only these snapshot ids (all pages). */
  snapshots(
    region: string,
    snapshotIds?: readonly string[],
    signal?: AbortSignal,
  ): Promise<RecycledSnapshot[]> {
    return this.ec2.collect(
      region,
      'ListSnapshotsInRecycleBin',
      {
        MaxResults: RECYCLE_BIN_PAGE,
        ...(snapshotIds && snapshotIds.length > 0 ? { SnapshotIds: [...snapshotIds] } : {}),
      },
      (page) => (page.Snapshots ?? []).map((s) => toRecycledSnapshot(s, region)),
      signal,
    );
  }

  /** RestoreImageFromRecycleBin: the AMI is registered again with the same id. */
  async restoreImage(region: string, imageId: string, signal?: AbortSignal): Promise<void> {
    await this.ec2.send(region, 'RestoreImageFromRecycleBin', { ImageId: imageId }, signal);
  }

  /** RestoreSnapshotFromRecycleBin: the snapshot is back with the same id; its state. */
  async restoreSnapshot(
    region: string,
    snapshotId: string,
    signal?: AbortSignal,
  ): Promise<{ snapshotId: string; state?: string }> {
    const out = await this.ec2.send(
      region,
      'RestoreSnapshotFromRecycleBin',
      { SnapshotId: snapshotId },
      signal,
    );
    return { snapshotId: out.SnapshotId ?? snapshotId, ...(out.State ? { state: out.State } : {}) };
  }
}
