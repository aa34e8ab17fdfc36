import type { Images } from '../aws/images';
import type { RecycleBin } from '../aws/recycleBin';
import type { RecycleBinRules, RetentionResourceType } from '../aws/recycleBinRules';
import type { Ami } from '../model/ami';
import { CancelledError, isCancellation } from '../model/errors';
import type { RecycledImage, RecycledSnapshot } from '../model/imageInsights';
import type { RetentionLookup } from '../model/recycleBin';
import { snapshotsOfRecycledImage } from '../model/recycleBin';
import type { RereadOptions } from './rereadOutcome';
import { settle, whyUnknown } from './rereadOutcome';

/** What restoring a recycled AMI will do: the AMI and the recycled snapshots it was made with. */
export interface RestorePlan {
  image: RecycledImage;
  snapshots: RecycledSnapshot[];
}

/**
 * How restoring the AMI ended: `restored` (EC2 answered, or a re-read after an unknown outcome
 * shows it registered: `unknownBecause` says why it was unknown), `not-restored` (EC2 refused, or
 * the user cancelled before it was sent: `cancelled`), or `unknown` (a re-read did not show it, or
 * could not be made: `rereadError`).
 */
export type ImageRestoreOutcome =
  | { kind: 'restored'; unknownBecause?: string }
  | { kind: 'not-restored'; error: unknown; cancelled: boolean }
  | { kind: 'unknown'; error: unknown; rereadError?: unknown };

/** What a restore did: every snapshot and the AMI are accounted for, also after Cancel. */
export interface RestoreResult {
  imageOutcome: ImageRestoreOutcome;
  /** The AMI as EC2 describes it after the restore (`undefined`: not visible yet, or not restored). */
  image: Ami | undefined;
  /** Restored (EC2 answered, or a re-read shows it out of the Recycle Bin). */
  restoredSnapshots: string[];
  /**
   * Snapshots that could not be restored, with why; `unknown` when the outcome is not known (a
   * re-read still shows it in the Recycle Bin, or could not be made).
   */
  failedSnapshots: { snapshotId: string; error: unknown; unknown?: boolean }[];
  /** Snapshots not asked for because the user cancelled first. */
  notAttempted: string[];
  /** The user cancelled during the restore. */
  cancelled: boolean;
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
   * description). A snapshot that fails does not stop the AMI; the result says which. A request
   * whose outcome is unknown (a lost answer, Cancel while it was under way) is settled by
   * re-reading EC2. Cancel stops sending new requests; the result still says what was done.
   */
  async restore(
    plan: RestorePlan,
    signal?: AbortSignal,
    reread: RereadOptions = {},
  ): Promise<RestoreResult> {
    const region = plan.image.region;
    const imageId = plan.image.imageId;
    const result: RestoreResult = {
      imageOutcome: { kind: 'unknown', error: undefined },
      image: undefined,
      restoredSnapshots: [],
      failedSnapshots: [],
      notAttempted: [],
      cancelled: false,
    };
    const cancelled = (): boolean => (result.cancelled ||= signal?.aborted === true);
    const restoreSnapshot = async (snapshotId: string): Promise<void> => {
      if (cancelled()) {
        result.notAttempted.push(snapshotId);
        return;
      }
      const settled = await settle(
        () => this.bin.restoreSnapshot(region, snapshotId, signal),
        async () =>
          (await this.bin.snapshots(region, [snapshotId])).length === 0 ? true : undefined,
        reread,
      );
      switch (settled.kind) {
        case 'answered':
        case 'confirmed':
          result.restoredSnapshots.push(snapshotId);
          return;
        case 'refused':
          if (isCancellation(settled.error)) {
            result.cancelled = true;
            result.notAttempted.push(snapshotId);
          } else {
            result.failedSnapshots.push({ snapshotId, error: settled.error });
          }
          return;
        default:
          result.failedSnapshots.push({ snapshotId, error: settled.error, unknown: true });
      }
    };
    for (const s of plan.snapshots) await restoreSnapshot(s.snapshotId);
    if (cancelled()) {
      result.imageOutcome = { kind: 'not-restored', error: new CancelledError(), cancelled: true };
      return result;
    }
    const settled = await settle(
      () => this.bin.restoreImage(region, imageId, signal),
      async () =>
        (await this.images.byId(region, [imageId])).some((i) => i.state !== 'deregistered')
          ? true
          : undefined,
      reread,
    );
    switch (settled.kind) {
      case 'answered':
        result.imageOutcome = { kind: 'restored' };
        break;
      case 'confirmed':
        result.imageOutcome = { kind: 'restored', unknownBecause: whyUnknown(settled.error) };
        break;
      case 'refused':
        result.cancelled ||= isCancellation(settled.error);
        result.imageOutcome = {
          kind: 'not-restored',
          error: settled.error,
          cancelled: isCancellation(settled.error),
        };
        return result;
      case 'not-seen':
        result.imageOutcome = { kind: 'unknown', error: settled.error };
        return result;
      case 'unknown':
        result.imageOutcome = {
          kind: 'unknown',
          error: settled.error,
          rereadError: settled.rereadError,
        };
        return result;
    }
    // Read without the signal: after a Cancel the answer is still needed to say what is true.
    [result.image] = await this.images.byId(region, [imageId]).catch(() => []);
    const needed = (result.image?.blockDevices ?? [])
      .map((d) => d.ebs?.snapshotId)
      .filter(
        (id): id is string =>
          id !== undefined &&
          !result.restoredSnapshots.includes(id) &&
          // One that just failed or was not tried is reported, not tried again.
          !result.failedSnapshots.some((f) => f.snapshotId === id) &&
          !result.notAttempted.includes(id),
      );
    if (needed.length > 0) {
      let stillInBin: RecycledSnapshot[] = [];
      try {
        stillInBin = await this.bin.snapshots(region, needed);
      } catch (error) {
        // Not known whether they are in the Recycle Bin: said, not skipped silently.
        for (const snapshotId of needed)
          result.failedSnapshots.push({ snapshotId, error, unknown: true });
      }
      for (const s of stillInBin) await restoreSnapshot(s.snapshotId);
    }
    return result;
  }
}
