import type { Images } from '../aws/images';
import type { RecycleBin } from '../aws/recycleBin';
import type { RecycleBinRules, RetentionResourceType } from '../aws/recycleBinRules';
import type { Ami } from '../model/ami';
import { isCancellation, throwIfAborted } from '../model/errors';
import type { RecycledImage, RecycledSnapshot } from '../model/imageInsights';
import type { RetentionLookup } from '../model/recycleBin';
import { snapshotsOfRecycledImage } from '../model/recycleBin';

/** What restoring a recycled AMI will do: the AMI and the recycled snapshots it was made with. */
export interface RestorePlan {
  image: RecycledImage;
  snapshots: RecycledSnapshot[];
}

/** What a restore did. */
export interface RestoreResult {
  /** The AMI as EC2 describes it after the restore (`undefined`: not visible yet). */
  image: Ami | undefined;
  restoredSnapshots: string[];
  /** Snapshots that could not be restored, with why. */
  failedSnapshots: { snapshotId: string; error: unknown }[];
}

/**
 * The Recycle Bin's use cases: the retention rules a deregister confirmation names, and restoring
 * an AMI together with the snapshots it needs, so the restored AMI can launch.
 */
export class RecycleBinService {
  constructor(
    private readonly bin: RecycleBin,
    private readonly rules: RecycleBinRules,
    private readonly images: Images,
  ) {}

  /** The retention rules for a resource type in a region; a failure is `unknown`, never a guess. */
  async retention(
    region: string,
    type: RetentionResourceType,
    signal?: AbortSignal,
  ): Promise<RetentionLookup> {
    try {
      return { kind: 'rules', rules: await this.rules.list(region, type, signal) };
    } catch (error) {
      if (isCancellation(error) || signal?.aborted) throw error;
      return { kind: 'unknown', error };
    }
  }

  /** The recycled snapshots EC2 made for the AMI (listed in the confirmation before restoring). */
  async planRestore(image: RecycledImage, signal?: AbortSignal): Promise<RestorePlan> {
    const inBin = await this.bin.snapshots(image.region, undefined, signal);
    return { image, snapshots: snapshotsOfRecycledImage(image.imageId, inBin) };
  }

  /**
   * Restores the planned snapshots, then the AMI; then re-reads the AMI and restores any snapshot
   * of its block devices still in the Recycle Bin (one RegisterImage made, not linked by its
   * description). A snapshot that fails does not stop the AMI; the result says which.
   */
  async restore(plan: RestorePlan, signal?: AbortSignal): Promise<RestoreResult> {
    const region = plan.image.region;
    const result: RestoreResult = { image: undefined, restoredSnapshots: [], failedSnapshots: [] };
    const restoreSnapshot = async (snapshotId: string): Promise<void> => {
      throwIfAborted(signal);
      try {
        await this.bin.restoreSnapshot(region, snapshotId, signal);
        result.restoredSnapshots.push(snapshotId);
      } catch (error) {
        if (isCancellation(error)) throw error;
        result.failedSnapshots.push({ snapshotId, error });
      }
    };
    for (const s of plan.snapshots) await restoreSnapshot(s.snapshotId);
    throwIfAborted(signal);
    try {
      await this.bin.restoreImage(region, plan.image.imageId, signal);
    } catch (error) {
      // A lost answer may hide a restore that happened: the re-read below decides.
      const seen = (error as { outcomeUnknown?: boolean }).outcomeUnknown
        ? await this.images.byId(region, [plan.image.imageId]).catch(() => [])
        : [];
      if (seen.length === 0) throw error;
    }
    [result.image] = await this.images.byId(region, [plan.image.imageId], signal);
    const needed = (result.image?.blockDevices ?? [])
      .map((d) => d.ebs?.snapshotId)
      .filter(
        (id): id is string =>
          id !== undefined &&
          !result.restoredSnapshots.includes(id) &&
          // One that just failed is reported, not tried again.
          !result.failedSnapshots.some((f) => f.snapshotId === id),
      );
    if (needed.length > 0) {
      const stillInBin = await this.bin.snapshots(region, needed, signal);
      for (const s of stillInBin) await restoreSnapshot(s.snapshotId);
    }
    return result;
  }
}
