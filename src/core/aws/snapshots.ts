import type { CreateVolumePermission, Snapshot } from '../model/snapshot';
import { LIST_PAGE_SIZE } from '../model/scope';
import type { Ec2, Ec2Input } from './ec2';
import { inIdChunks } from './ec2';
import {
  toCreateVolumePermissionModifications,
  toCreateVolumePermissions,
  toSnapshot,
} from './mappers';

/** How `Snapshots.byId` treats ids EC2 cannot describe (deleted, or not shared with the caller). */
export type MissingSnapshots =
  /** Leave them out (a `snapshot-id` filter): one deleted snapshot must not hide the others. */
  | 'omit'
  /**
   * Fail the call with EC2's InvalidSnapshot.NotFound (SnapshotIds): the panels tell the user that
   * the snapshots could not be read instead of showing less without a word.
   */
  | 'fail';

/**
 * The EC2 actions on EBS snapshots, each sent from one method here. Every method throws
 * `AwsApiError`, `CredentialsError` or `CancelledError` (through `Ec2`).
 */
export class Snapshots {
  constructor(private readonly ec2: Ec2) {}

  /** The snapshots with these ids that the caller can see, in chunks of ids. */
  byId(
    region: string,
    snapshotIds: readonly string[],
    missing: MissingSnapshots,
    signal?: AbortSignal,
  ): Promise<Snapshot[]> {
    return inIdChunks(snapshotIds, signal, (chunk) =>
      this.describe(
        region,
        missing === 'omit'
          ? { Filters: [{ Name: 'snapshot-id', Values: chunk }], MaxResults: LIST_PAGE_SIZE }
          : { SnapshotIds: chunk },
        signal,
      ),
    );
  }

  /** The caller's snapshots (OwnerIds=self), every page. */
  own(region: string, signal?: AbortSignal): Promise<Snapshot[]> {
    return this.describe(region, { OwnerIds: ['self'], MaxResults: LIST_PAGE_SIZE }, signal);
  }

  /** Who may create volumes from the snapshot (DescribeSnapshotAttribute; owner only). */
  async createVolumePermissions(
    region: string,
    snapshotId: string,
    signal?: AbortSignal,
  ): Promise<CreateVolumePermission[]> {
    const result = await this.ec2.send(
      region,
      'DescribeSnapshotAttribute',
      { SnapshotId: snapshotId, Attribute: 'createVolumePermission' },
      signal,
    );
    return toCreateVolumePermissions(result.CreateVolumePermissions);
  }

  /** ModifySnapshotAttribute createVolumePermission for accounts, added and removed in one call. */
  async modifyCreateVolumePermissions(
    region: string,
    snapshotId: string,
    change: { add: readonly string[]; remove: readonly string[] },
    signal?: AbortSignal,
  ): Promise<void> {
    await this.ec2.send(
      region,
      'ModifySnapshotAttribute',
      {
        SnapshotId: snapshotId,
        Attribute: 'createVolumePermission',
        CreateVolumePermission: toCreateVolumePermissionModifications(change),
      },
      signal,
    );
  }

  /** The one DescribeSnapshots of the extension: every page of `input`, mapped. */
  private describe(
    region: string,
    input: Ec2Input<'DescribeSnapshots'>,
    signal?: AbortSignal,
  ): Promise<Snapshot[]> {
    return this.ec2.collect(
      region,
      'DescribeSnapshots',
      input,
      (page) =>
        (page.Snapshots ?? []).flatMap((s) => (s.SnapshotId ? [toSnapshot(s, region)] : [])),
      signal,
    );
  }
}
