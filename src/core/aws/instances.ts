import type { Instance } from '@aws-sdk/client-ec2';
import type { InstanceImage } from '../model/imageInsights';
import type { Ec2Instance, InstanceForImage, VolumeDetails } from '../model/instance';
import { LIVE_INSTANCE_STATES } from '../model/instance';
import { LIST_PAGE_SIZE } from '../model/scope';
import type { Ec2, Ec2Input, WaitOptions } from './ec2';
import { DEFAULT_WAIT, inIdChunks } from './ec2';
import { toInstance, toInstanceForImage, toInstanceImage, toVolumeDetails } from './mappers';

/**
 * The states the Instances view lists: all but terminated, which EC2 keeps describing for about an
 * hour after the instance is gone.
 */
const LISTED_STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down'];

/**
 * The EC2 actions on instances and their volumes, each sent from one method here. Every method
 * throws `AwsApiError`, `CredentialsError` or `CancelledError` (through `Ec2`).
 */
export class Instances {
  constructor(private readonly ec2: Ec2) {}

  /** Lists the region's instances (all but terminated), following NextToken. */
  list(region: string, signal?: AbortSignal): Promise<Ec2Instance[]> {
    return this.describe(
      region,
      {
        MaxResults: LIST_PAGE_SIZE,
        Filters: [{ Name: 'instance-state-name', Values: LISTED_STATES }],
      },
      toInstance,
      signal,
    );
  }

  /**
   * DescribeInstanceImageMetadata: the AMI each instance was launched from, also when that AMI
   * is deregistered, deprecated or disabled. Every instance of the region (all pages), or these
   * ids (unknown ids fail with InvalidInstanceID.NotFound).
   */
  imageMetadata(
    region: string,
    instanceIds?: readonly string[],
    signal?: AbortSignal,
  ): Promise<InstanceImage[]> {
    if (instanceIds && instanceIds.length > 0) {
      return inIdChunks(instanceIds, signal, async (chunk) => {
        const out = await this.ec2.send(
          region,
          'DescribeInstanceImageMetadata',
          { InstanceIds: chunk },
          signal,
        );
        return (out.InstanceImageMetadata ?? []).map(toInstanceImage);
      });
    }
    return this.ec2.collect(
      region,
      'DescribeInstanceImageMetadata',
      { MaxResults: LIST_PAGE_SIZE },
      (page) => (page.InstanceImageMetadata ?? []).map(toInstanceImage),
      signal,
    );
  }

  /** Instances by id, whatever their state; ids EC2 does not return are left out. */
  byId(
    region: string,
    instanceIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Ec2Instance[]> {
    return this.describeById(region, instanceIds, toInstance, signal);
  }

  /** One instance with its block-device mappings, as CreateImage needs it; `undefined` if none. */
  async forImage(
    region: string,
    instanceId: string,
    signal?: AbortSignal,
  ): Promise<InstanceForImage | undefined> {
    const [instance] = await this.describeById(region, [instanceId], toInstanceForImage, signal);
    return instance;
  }

  /**
   * The live instances launched from each image (an `image-id` filter; the fallback when
   * DescribeImageReferences cannot be used): image id → instance ids.
   */
  async launchedFrom(
    region: string,
    imageIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, string[]>> {
    const byImage = new Map(imageIds.map((id) => [id, [] as string[]]));
    const launched = await inIdChunks(imageIds, signal, (chunk) =>
      this.describe(
        region,
        {
          Filters: [
            { Name: 'image-id', Values: chunk },
            { Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES },
          ],
          MaxResults: LIST_PAGE_SIZE,
        },
        (i) => ({ imageId: i.ImageId, instanceId: i.InstanceId }),
        signal,
      ),
    );
    for (const { imageId, instanceId } of launched) {
      if (imageId && instanceId) byImage.get(imageId)?.push(instanceId);
    }
    return byImage;
  }

  /** StartInstances for one instance. */
  async start(region: string, instanceId: string, signal?: AbortSignal): Promise<void> {
    await this.ec2.send(region, 'StartInstances', { InstanceIds: [instanceId] }, signal);
  }

  /** StopInstances for one instance. */
  async stop(region: string, instanceId: string, signal?: AbortSignal): Promise<void> {
    await this.ec2.send(region, 'StopInstances', { InstanceIds: [instanceId] }, signal);
  }

  /** Waits (DescribeInstances polling) until the instance is stopped; the signal ends the wait. */
  waitUntilStopped(
    region: string,
    instanceId: string,
    signal?: AbortSignal,
    wait: WaitOptions = DEFAULT_WAIT,
  ): Promise<void> {
    return this.ec2.waitUntilInstanceStopped(region, [instanceId], wait, signal);
  }

  /** DescribeVolumes for the given ids (the volumes attached to an instance). */
  async volumes(
    region: string,
    volumeIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<VolumeDetails[]> {
    if (volumeIds.length === 0) return [];
    const result = await this.ec2.send(
      region,
      'DescribeVolumes',
      { VolumeIds: [...volumeIds] },
      signal,
    );
    return (result.Volumes ?? []).map(toVolumeDetails);
  }

  private describeById<T>(
    region: string,
    instanceIds: readonly string[],
    map: (instance: Instance, region: string) => T,
    signal?: AbortSignal,
  ): Promise<T[]> {
    // No MaxResults with ids (EC2 refuses both), so each chunk is answered in one response. An
    // empty list never reaches EC2, which would read it as "every instance".
    return inIdChunks(instanceIds, signal, (chunk) =>
      this.describe(region, { InstanceIds: chunk }, map, signal),
    );
  }

  /** The one DescribeInstances of the extension: every page of `input`, mapped. */
  private describe<T>(
    region: string,
    input: Ec2Input<'DescribeInstances'>,
    map: (instance: Instance, region: string) => T,
    signal?: AbortSignal,
  ): Promise<T[]> {
    return this.ec2.collect(
      region,
      'DescribeInstances',
      input,
      (page) =>
        (page.Reservations ?? []).flatMap((r) => (r.Instances ?? []).map((i) => map(i, region))),
      signal,
    );
  }
}
