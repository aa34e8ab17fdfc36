import type { Images } from '../aws/images';
import type { Snapshots } from '../aws/snapshots';
import type { Ami, ImageBlockPublicAccessState } from '../model/ami';
import type { BlockDeviceSummary, SnapshotEncryption } from '../model/blockDeviceSummary';
import { summarizeBlockDevices } from '../model/blockDeviceSummary';
import { AwsApiError, InputError } from '../model/errors';
import type { PermissionDiff, PermissionEntry } from '../model/launchPermissionEntries';
import {
  describeEntry,
  diffPermissions,
  entriesFromLaunchPermissions,
  entryNamedInError,
  isEmptyDiff,
  toLaunchPermission,
} from '../model/launchPermissionEntries';
import type { Snapshot } from '../model/snapshot';
import { isSnapshotId } from '../model/snapshot';
import type { SnapshotPermissionChange, SnapshotSharing } from '../model/snapshotSharing';
import { snapshotPermissionChanges } from '../model/snapshotSharing';
import * as l10n from '@vscode/l10n';

/** Reads one image by id (the image service does this for the tree and documents). */
export type ImageReader = (region: string, imageId: string, signal?: AbortSignal) => Promise<Ami>;

/** The block-device panel's data. */
export interface BlockDeviceView {
  ami: Ami;
  summary: BlockDeviceSummary;
  /** Why KMS keys could not be read from the snapshots, when they could not. */
  snapshotsError?: string;
}

/** The launch-permission panel's data. */
export interface SharingState {
  ami: Ami;
  entries: PermissionEntry[];
  blockPublicAccess: ImageBlockPublicAccessState | undefined;
  blockPublicAccessError?: string;
  /** Empty for instance-store images. */
  snapshots: SnapshotSharing[];
}

/** What Apply did. */
export type ApplyOutcome =
  | { outcome: 'nothing-to-do' }
  | { outcome: 'cancelled' }
  | { outcome: 'blocked'; message: string }
  | {
      outcome: 'applied';
      diff: PermissionDiff;
      /** Create-volume permission changes EC2 accepted. */
      snapshotChanges: SnapshotPermissionChange[];
      /** Snapshot changes that failed, as `snap-…: reason` (the launch permissions were applied). */
      snapshotErrors: string[];
    };

/** A launch-permission change EC2 refused, with the entry it names when it names one. */
export class PermissionChangeError extends Error {
  override readonly name = 'PermissionChangeError';
  constructor(
    message: string,
    readonly failedEntry: PermissionEntry | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Options of `apply`. */
export interface ApplyOptions {
  /** Also grant/revoke createVolumePermission on the image's snapshots for accounts. */
  syncSnapshots: boolean;
  /** Asks the user to confirm making the image public; false cancels. */
  confirmPublic: () => Promise<boolean>;
  signal?: AbortSignal;
}

/** Use cases of the block-device and launch-permission panels. */
export class ImageSharingService {
  constructor(
    private readonly images: Pick<
      Images,
      'launchPermissions' | 'modifyAttribute' | 'blockPublicAccessState'
    >,
    private readonly snapshots: Pick<
      Snapshots,
      'byId' | 'createVolumePermissions' | 'modifyCreateVolumePermissions'
    >,
    private readonly readImage: ImageReader,
  ) {}

  /** The image's mappings with KMS keys filled in from its snapshots. */
  async getBlockDevices(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<BlockDeviceView> {
    const ami = await this.readImage(region, imageId, signal);
    const snapshotIds = ebsSnapshotIds(ami);
    const encryption = new Map<string, SnapshotEncryption>();
    let snapshotsError: string | undefined;
    try {
      for (const s of await this.snapshots.byId(region, snapshotIds, 'fail', signal)) {
        encryption.set(s.snapshotId, {
          encrypted: s.encrypted,
          ...(s.kmsKeyId ? { kmsKeyId: s.kmsKeyId } : {}),
        });
      }
    } catch (error) {
      // Images shared with us reference snapshots we cannot describe; the table still stands.
      if (!(error instanceof AwsApiError)) throw error;
      snapshotsError = error.message;
    }
    return {
      ami,
      summary: summarizeBlockDevices(ami, encryption),
      ...(snapshotsError ? { snapshotsError } : {}),
    };
  }

  /** One snapshot, or `InvalidSnapshot.NotFound`. */
  async getSnapshot(region: string, snapshotId: string, signal?: AbortSignal): Promise<Snapshot> {
    if (!isSnapshotId(snapshotId))
      throw new InputError(l10n.t('Not a snapshot id: {0}', snapshotId));
    const [snapshot] = await this.snapshots.byId(region, [snapshotId], 'fail', signal);
    if (!snapshot) {
      throw new AwsApiError(
        'InvalidSnapshot.NotFound',
        l10n.t('The snapshot {0} was not found in {1}.', snapshotId, region),
        { region, action: 'DescribeSnapshots' },
        {},
      );
    }
    return snapshot;
  }

  /** Who may launch the image, and what the snapshots allow. */
  async getSharingState(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<SharingState> {
    const ami = await this.readImage(region, imageId, signal);
    const [permissions, bpa, snapshots] = await Promise.all([
      this.images.launchPermissions(region, imageId, signal),
      this.images.blockPublicAccessState(region, signal).then(
        (state) => ({ state }),
        (error: unknown) => {
          if (!(error instanceof AwsApiError)) throw error;
          return { error: error.message };
        },
      ),
      this.readSnapshotSharing(ami, signal),
    ]);
    const state: SharingState = {
      ami,
      entries: entriesFromLaunchPermissions(permissions),
      blockPublicAccess: 'state' in bpa ? bpa.state : undefined,
      snapshots,
    };
    if ('error' in bpa) state.blockPublicAccessError = bpa.error;
    return state;
  }

  /**
   * Applies the difference between `current` (what the user started from) and `desired` with one
   * ModifyImageAttribute. Making the image public first checks image block public access (when it
   * blocks, nothing is sent) and then asks for confirmation. Snapshot permissions follow when asked.
   */
  async apply(
    region: string,
    imageId: string,
    current: readonly PermissionEntry[],
    desired: readonly PermissionEntry[],
    snapshots: readonly SnapshotSharing[],
    options: ApplyOptions,
  ): Promise<ApplyOutcome> {
    const diff = diffPermissions(current, desired);
    if (isEmptyDiff(diff) && !options.syncSnapshots) return { outcome: 'nothing-to-do' };
    if (diff.add.some((e) => e.kind === 'public')) {
      const bpa = await this.images.blockPublicAccessState(region, options.signal);
      if (bpa === 'block-new-sharing') {
        return {
          outcome: 'blocked',
          message: l10n.t(
            'Image block public access is on for this account in {0} (block-new-sharing): no AMI can be made public there. Nothing was changed. Turn it off in the EC2 console (Data protection and security) if this AMI really must be public.',
            region,
          ),
        };
      }
      if (!(await options.confirmPublic())) return { outcome: 'cancelled' };
    }
    if (!isEmptyDiff(diff)) {
      try {
        await this.images.modifyAttribute(
          region,
          imageId,
          {
            launchPermission: {
              add: diff.add.map(toLaunchPermission),
              remove: diff.remove.map(toLaunchPermission),
            },
          },
          options.signal,
        );
      } catch (error) {
        if (!(error instanceof AwsApiError)) throw error;
        const failed = entryNamedInError(diff, error.details.awsMessage ?? error.message);
        throw new PermissionChangeError(
          failed
            ? l10n.t(
                'EC2 refused {0}: {1} Nothing was changed.',
                describeEntry(failed),
                error.details.awsMessage ?? error.message,
              )
            : l10n.t('{0} Nothing was changed.', error.message),
          failed,
          { cause: error },
        );
      }
    }
    const snapshotChanges = options.syncSnapshots
      ? snapshotPermissionChanges(snapshots, accountsOf(desired), accountsOf(diff.remove))
      : [];
    const snapshotErrors: string[] = [];
    const applied: SnapshotPermissionChange[] = [];
    for (const change of snapshotChanges) {
      try {
        await this.snapshots.modifyCreateVolumePermissions(
          region,
          change.snapshotId,
          change,
          options.signal,
        );
        applied.push(change);
      } catch (error) {
        if (!(error instanceof AwsApiError)) throw error;
        snapshotErrors.push(`${change.snapshotId}: ${error.message}`);
      }
    }
    return { outcome: 'applied', diff, snapshotChanges: applied, snapshotErrors };
  }

  private async readSnapshotSharing(ami: Ami, signal?: AbortSignal): Promise<SnapshotSharing[]> {
    if (ami.rootDeviceType !== 'ebs') return [];
    const devices = ami.blockDevices.filter((d) => d.ebs?.snapshotId && !d.noDevice);
    let described = new Map<string, Snapshot>();
    let describeError: string | undefined;
    try {
      const list = await this.snapshots.byId(ami.region, ebsSnapshotIds(ami), 'fail', signal);
      described = new Map(list.map((s) => [s.snapshotId, s]));
    } catch (error) {
      if (!(error instanceof AwsApiError)) throw error;
      describeError = error.message;
    }
    return Promise.all(
      devices.map(async (d): Promise<SnapshotSharing> => {
        const snapshotId = d.ebs?.snapshotId ?? '';
        const s = described.get(snapshotId);
        const base: SnapshotSharing = {
          snapshotId,
          deviceName: d.deviceName,
          encrypted: s?.encrypted ?? d.ebs?.encrypted ?? false,
          ...((s?.kmsKeyId ?? d.ebs?.kmsKeyId) ? { kmsKeyId: s?.kmsKeyId ?? d.ebs?.kmsKeyId } : {}),
        };
        if (describeError && !s) return { ...base, error: describeError };
        try {
          const perms = await this.snapshots.createVolumePermissions(
            ami.region,
            snapshotId,
            signal,
          );
          return {
            ...base,
            accounts: perms.flatMap((p) => (p.userId ? [p.userId] : [])),
            public: perms.some((p) => p.group === 'all'),
          };
        } catch (error) {
          if (!(error instanceof AwsApiError)) throw error;
          return { ...base, error: error.message };
        }
      }),
    );
  }
}

function ebsSnapshotIds(ami: Ami): string[] {
  const ids: string[] = [];
  for (const d of ami.blockDevices) {
    const id = d.ebs?.snapshotId;
    if (id && !d.noDevice && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

function accountsOf(entries: readonly PermissionEntry[]): string[] {
  return entries.flatMap((e) => (e.kind === 'account' ? [e.value] : []));
}
