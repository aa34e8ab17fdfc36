import type { Ami } from '../model/ami';
import type { CopyImageParams } from '../model/copyPlan';
import type { Ec2Caller } from './ec2Caller';
import { eachPage } from './ec2Caller';
import { toAmi } from './mappers';

/** A snapshot as DescribeSnapshots reports it (the fields the deregister preview shows). */
export interface SnapshotInfo {
  snapshotId: string;
  ownerId?: string;
  sizeGiB?: number;
  encrypted?: boolean;
  state?: string;
}

/** DeregisterImage's answer: one entry per snapshot when DeleteAssociatedSnapshots was asked. */
export interface DeregisterResult {
  snapshotResults: { snapshotId: string; returnCode: string }[];
}

/** Instance states that still hold on to the image (terminated instances do not count). */
const LIVE_INSTANCE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];

/** Ids per filter value list / id list: well under EC2's request limits. */
const CHUNK = 200;

/**
 * EC2 calls of the copy and deregister actions, with typed errors (through Ec2Caller) and
 * AbortSignals. Listing calls follow NextToken to the last page.
 */
export class ImageOperationsApi {
  constructor(private readonly caller: Ec2Caller) {}

  /** CopyImage, called in the destination `region`; returns the new image id. */
  async copyImage(region: string, params: CopyImageParams, signal?: AbortSignal): Promise<string> {
    return this.caller.call(region, 'CopyImage', async (client, sdk) => {
      const result = await client.send(new sdk.CopyImageCommand({ ...params }), {
        abortSignal: signal,
      });
      if (!result.ImageId) throw new Error('CopyImage returned no ImageId');
      return result.ImageId;
    });
  }

  /** DeregisterImage, optionally with DeleteAssociatedSnapshots. */
  async deregisterImage(
    region: string,
    imageId: string,
    deleteSnapshots: boolean,
    signal?: AbortSignal,
  ): Promise<DeregisterResult> {
    return this.caller.call(region, 'DeregisterImage', async (client, sdk) => {
      const result = await client.send(
        new sdk.DeregisterImageCommand({
          ImageId: imageId,
          ...(deleteSnapshots ? { DeleteAssociatedSnapshots: true } : {}),
        }),
        { abortSignal: signal },
      );
      return {
        snapshotResults: (result.DeleteSnapshotResults ?? []).map((r) => ({
          snapshotId: r.SnapshotId ?? '',
          returnCode: r.ReturnCode ?? 'unknown',
        })),
      };
    });
  }

  /** DisableImageDeregistrationProtection; returns EC2's new protection text when it gives one. */
  async disableDeregistrationProtection(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    return this.caller.call(region, 'DisableImageDeregistrationProtection', async (client, sdk) => {
      const result = await client.send(
        new sdk.DisableImageDeregistrationProtectionCommand({ ImageId: imageId }),
        { abortSignal: signal },
      );
      return result.Return;
    });
  }

  /**
   * Instances launched from each image (DescribeImageReferences, resource type `ec2:Instance`,
   * live states only): image id → instance ids.
   */
  async instancesUsingImages(
    region: string,
    imageIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, string[]>> {
    return this.caller.call(region, 'DescribeImageReferences', async (client, sdk) => {
      const byImage = emptyMap(imageIds);
      for (let i = 0; i < imageIds.length; i += CHUNK) {
        await eachPage(
          signal,
          (nextToken) =>
            client.send(
              new sdk.DescribeImageReferencesCommand({
                ImageIds: imageIds.slice(i, i + CHUNK),
                ResourceTypes: [
                  {
                    ResourceType: 'ec2:Instance',
                    ResourceTypeOptions: [
                      { OptionName: 'state-name', OptionValues: LIVE_INSTANCE_STATES },
                    ],
                  },
                ],
                MaxResults: 1000,
                ...(nextToken ? { NextToken: nextToken } : {}),
              }),
              { abortSignal: signal },
            ),
          (page) => {
            for (const ref of page.ImageReferences ?? []) {
              const instanceId = ref.Arn?.split('/').pop();
              if (ref.ImageId && instanceId) byImage.get(ref.ImageId)?.push(instanceId);
            }
          },
        );
      }
      return byImage;
    });
  }

  /** The same answer from DescribeInstances with an `image-id` filter (the fallback). */
  async instancesLaunchedFrom(
    region: string,
    imageIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, string[]>> {
    return this.caller.call(region, 'DescribeInstances', async (client, sdk) => {
      const byImage = emptyMap(imageIds);
      for (let i = 0; i < imageIds.length; i += CHUNK) {
        await eachPage(
          signal,
          (nextToken) =>
            client.send(
              new sdk.DescribeInstancesCommand({
                Filters: [
                  { Name: 'image-id', Values: imageIds.slice(i, i + CHUNK) },
                  { Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES },
                ],
                MaxResults: 1000,
                ...(nextToken ? { NextToken: nextToken } : {}),
              }),
              { abortSignal: signal },
            ),
          (page) => {
            for (const reservation of page.Reservations ?? []) {
              for (const instance of reservation.Instances ?? []) {
                if (instance.ImageId && instance.InstanceId)
                  byImage.get(instance.ImageId)?.push(instance.InstanceId);
              }
            }
          },
        );
      }
      return byImage;
    });
  }

  /**
   * The snapshots with these ids that the caller can see. A `snapshot-id` filter rather than
   * SnapshotIds: one deleted snapshot must not fail the whole call (InvalidSnapshot.NotFound).
   */
  async describeSnapshots(
    region: string,
    snapshotIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<SnapshotInfo[]> {
    if (snapshotIds.length === 0) return [];
    return this.caller.call(region, 'DescribeSnapshots', async (client, sdk) => {
      const snapshots: SnapshotInfo[] = [];
      for (let i = 0; i < snapshotIds.length; i += CHUNK) {
        await eachPage(
          signal,
          (nextToken) =>
            client.send(
              new sdk.DescribeSnapshotsCommand({
                Filters: [{ Name: 'snapshot-id', Values: snapshotIds.slice(i, i + CHUNK) }],
                MaxResults: 1000,
                ...(nextToken ? { NextToken: nextToken } : {}),
              }),
              { abortSignal: signal },
            ),
          (page) => {
            for (const s of page.Snapshots ?? []) {
              if (!s.SnapshotId) continue;
              snapshots.push({
                snapshotId: s.SnapshotId,
                ...(s.OwnerId !== undefined ? { ownerId: s.OwnerId } : {}),
                ...(s.VolumeSize !== undefined ? { sizeGiB: s.VolumeSize } : {}),
                ...(s.Encrypted !== undefined ? { encrypted: s.Encrypted } : {}),
                ...(s.State !== undefined ? { state: s.State } : {}),
              });
            }
          },
        );
      }
      return snapshots;
    });
  }

  /**
   * The caller's images whose block-device mappings use any of these snapshots (DescribeImages,
   * Owners=self, `block-device-mapping.snapshot-id`), disabled ones included.
   */
  async ownImagesUsingSnapshots(
    region: string,
    snapshotIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Ami[]> {
    if (snapshotIds.length === 0) return [];
    return this.caller.call(region, 'DescribeImages', async (client, sdk) => {
      const images: Ami[] = [];
      for (let i = 0; i < snapshotIds.length; i += CHUNK) {
        await eachPage(
          signal,
          (nextToken) =>
            client.send(
              new sdk.DescribeImagesCommand({
                Owners: ['self'],
                Filters: [
                  {
                    Name: 'block-device-mapping.snapshot-id',
                    Values: snapshotIds.slice(i, i + CHUNK),
                  },
                ],
                IncludeDeprecated: true,
                IncludeDisabled: true,
                MaxResults: 1000,
                ...(nextToken ? { NextToken: nextToken } : {}),
              }),
              { abortSignal: signal },
            ),
          (page) => {
            for (const image of page.Images ?? []) images.push(toAmi(image, region));
          },
        );
      }
      return images;
    });
  }
}

function emptyMap(imageIds: readonly string[]): Map<string, string[]> {
  return new Map(imageIds.map((id) => [id, [] as string[]]));
}
