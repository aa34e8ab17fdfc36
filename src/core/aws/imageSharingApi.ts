import type { Snapshot as SdkSnapshot } from '@aws-sdk/client-ec2';
import type { LaunchPermission } from '../model/ami';
import type { CreateVolumePermission, Snapshot } from '../model/snapshot';
import type { Ec2ClientFactory } from './clientFactory';
import { Ec2Caller } from './ec2Caller';
import { toLaunchPermissions } from './mappers';

/** The account's image block public access state in a region. */
export type ImageBlockPublicAccessState = 'block-new-sharing' | 'unblocked' | (string & {});

/** DescribeSnapshots accepts many ids; keep requests small and readable in the log. */
const SNAPSHOT_IDS_PER_CALL = 200;

/**
 * The EC2 calls behind the block-device and launch-permission panels: launch permissions,
 * snapshots and their create-volume permissions, image block public access. Every method throws
 * `AwsApiError`, `CredentialsError` or `CancelledError` (through `Ec2Caller`).
 */
export class ImageSharingApi {
  private readonly caller: Ec2Caller;

  constructor(clients: Ec2ClientFactory, profile: () => string | undefined) {
    this.caller = new Ec2Caller(clients, profile);
  }

  /** DescribeImageAttribute launchPermission (owner only). */
  describeLaunchPermissions(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<LaunchPermission[]> {
    return this.caller.call(region, 'DescribeImageAttribute', async (client, sdk) => {
      const result = await client.send(
        new sdk.DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }),
        { abortSignal: signal },
      );
      return toLaunchPermissions(result.LaunchPermissions);
    });
  }

  /** One ModifyImageAttribute with both lists, so EC2 applies the change as a whole. */
  modifyLaunchPermissions(
    region: string,
    imageId: string,
    change: { add: LaunchPermission[]; remove: LaunchPermission[] },
    signal?: AbortSignal,
  ): Promise<void> {
    return this.caller.call(region, 'ModifyImageAttribute', async (client, sdk) => {
      await client.send(
        new sdk.ModifyImageAttributeCommand({
          ImageId: imageId,
          LaunchPermission: {
            ...(change.add.length > 0 ? { Add: change.add.map(toSdkPermission) } : {}),
            ...(change.remove.length > 0 ? { Remove: change.remove.map(toSdkPermission) } : {}),
          },
        }),
        { abortSignal: signal },
      );
    });
  }

  /** GetImageBlockPublicAccessState for the caller's account in the region. */
  getImageBlockPublicAccessState(
    region: string,
    signal?: AbortSignal,
  ): Promise<ImageBlockPublicAccessState> {
    return this.caller.call(region, 'GetImageBlockPublicAccessState', async (client, sdk) => {
      const result = await client.send(new sdk.GetImageBlockPublicAccessStateCommand({}), {
        abortSignal: signal,
      });
      return result.ImageBlockPublicAccessState ?? 'unblocked';
    });
  }

  /** DescribeSnapshots by id. */
  describeSnapshots(
    region: string,
    snapshotIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Snapshot[]> {
    if (snapshotIds.length === 0) return Promise.resolve([]);
    return this.caller.call(region, 'DescribeSnapshots', async (client, sdk) => {
      const out: Snapshot[] = [];
      for (let i = 0; i < snapshotIds.length; i += SNAPSHOT_IDS_PER_CALL) {
        const page = await client.send(
          new sdk.DescribeSnapshotsCommand({
            SnapshotIds: snapshotIds.slice(i, i + SNAPSHOT_IDS_PER_CALL),
          }),
          { abortSignal: signal },
        );
        for (const s of page.Snapshots ?? []) out.push(toSnapshot(s, region));
      }
      return out;
    });
  }

  /** DescribeSnapshotAttribute createVolumePermission (owner only). */
  describeCreateVolumePermissions(
    region: string,
    snapshotId: string,
    signal?: AbortSignal,
  ): Promise<CreateVolumePermission[]> {
    return this.caller.call(region, 'DescribeSnapshotAttribute', async (client, sdk) => {
      const result = await client.send(
        new sdk.DescribeSnapshotAttributeCommand({
          SnapshotId: snapshotId,
          Attribute: 'createVolumePermission',
        }),
        { abortSignal: signal },
      );
      return (result.CreateVolumePermissions ?? []).map((p) => ({
        ...(p.UserId ? { userId: p.UserId } : {}),
        ...(p.Group === 'all' ? { group: 'all' as const } : {}),
      }));
    });
  }

  /** ModifySnapshotAttribute createVolumePermission for accounts. */
  modifyCreateVolumePermissions(
    region: string,
    snapshotId: string,
    change: { add: string[]; remove: string[] },
    signal?: AbortSignal,
  ): Promise<void> {
    return this.caller.call(region, 'ModifySnapshotAttribute', async (client, sdk) => {
      await client.send(
        new sdk.ModifySnapshotAttributeCommand({
          SnapshotId: snapshotId,
          Attribute: 'createVolumePermission',
          CreateVolumePermission: {
            ...(change.add.length > 0 ? { Add: change.add.map((UserId) => ({ UserId })) } : {}),
            ...(change.remove.length > 0
              ? { Remove: change.remove.map((UserId) => ({ UserId })) }
              : {}),
          },
        }),
        { abortSignal: signal },
      );
    });
  }
}

function toSdkPermission(p: LaunchPermission) {
  return {
    ...(p.userId ? { UserId: p.userId } : {}),
    ...(p.group ? { Group: p.group } : {}),
    ...(p.organizationArn ? { OrganizationArn: p.organizationArn } : {}),
    ...(p.organizationalUnitArn ? { OrganizationalUnitArn: p.organizationalUnitArn } : {}),
  };
}

/** Maps one DescribeSnapshots record, keeping the record itself as `raw`. */
export function toSnapshot(s: SdkSnapshot, region: string): Snapshot {
  return {
    snapshotId: s.SnapshotId ?? '',
    region,
    encrypted: s.Encrypted === true,
    ...(s.OwnerId ? { ownerId: s.OwnerId } : {}),
    ...(s.State ? { state: s.State } : {}),
    ...(s.VolumeSize !== undefined ? { volumeSize: s.VolumeSize } : {}),
    ...(s.KmsKeyId ? { kmsKeyId: s.KmsKeyId } : {}),
    ...(s.Description ? { description: s.Description } : {}),
    raw: s as Record<string, unknown>,
  };
}
