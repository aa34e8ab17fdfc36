import type {
  BlockDeviceMapping,
  EC2Client,
  Image,
  Instance,
  LaunchPermission as SdkLaunchPermission,
  Snapshot,
  Tag as SdkTag,
  Volume,
} from '@aws-sdk/client-ec2';
import type { LaunchPermission, Tag } from '../model/ami';
import type { CreateImageRequest } from '../model/imageCreation';
import type {
  RegisterImageRequest,
  RegisterMapping,
  SnapshotSummary,
} from '../model/imageRegistration';
import type { CapturedRegistration } from '../model/reregistration';
import { LIST_PAGE_SIZE } from '../model/scope';
import type { Ec2Caller } from './ec2Caller';
import { eachPage } from './ec2Caller';
import type { Sdk } from './loadSdk';

/** A volume's details as DescribeVolumes reports them. */
export interface VolumeDetails {
  volumeId: string;
  sizeGiB?: number;
  volumeType?: string;
  encrypted?: boolean;
  kmsKeyId?: string;
}

/** An instance as CreateImage needs it: state, backing, root device and attached EBS volumes. */
export interface InstanceForImage {
  instanceId: string;
  name?: string;
  state: string;
  rootDeviceType: string;
  rootDeviceName?: string;
  imageId?: string;
  tags: Tag[];
  mappings: { deviceName: string; volumeId?: string; deleteOnTermination: boolean }[];
}

/** How long and how often to wait for an instance state (EC2's waiter defaults are 15 s apart). */
export interface WaitOptions {
  minDelaySeconds: number;
  maxDelaySeconds: number;
  maxWaitSeconds: number;
}

export const DEFAULT_WAIT: WaitOptions = {
  minDelaySeconds: 2,
  maxDelaySeconds: 15,
  maxWaitSeconds: 900,
};

/**
 * The EC2 calls behind creating and registering images: CreateImage, RegisterImage,
 * DeregisterImage, the look-ups they need (duplicate names, snapshots, volumes, a registration's
 * attributes) and the instance stop/start/wait around a consistent CreateImage. Every method throws
 * `AwsApiError`, `CredentialsError` or `CancelledError`, never a raw SDK error.
 */
export class ImageCreationApi {
  constructor(private readonly caller: Ec2Caller) {}

  /** One instance with its block-device mappings (DescribeInstances InstanceIds=[id]). */
  async describeInstanceForImage(
    region: string,
    instanceId: string,
    signal?: AbortSignal,
  ): Promise<InstanceForImage | undefined> {
    return this.call(region, 'DescribeInstances', async (client, sdk) => {
      const result = await client.send(
        new sdk.DescribeInstancesCommand({ InstanceIds: [instanceId] }),
        { abortSignal: signal },
      );
      const instance = result.Reservations?.flatMap((r) => r.Instances ?? [])[0];
      return instance ? toInstanceForImage(instance) : undefined;
    });
  }

  /** CreateImage; returns the new image id. */
  async createImage(
    region: string,
    request: CreateImageRequest,
    signal?: AbortSignal,
  ): Promise<string> {
    return this.call(region, 'CreateImage', async (client, sdk) => {
      const result = await client.send(new sdk.CreateImageCommand(toCreateImageInput(request)), {
        abortSignal: signal,
      });
      return result.ImageId ?? '';
    });
  }

  /** RegisterImage; returns the new image id. */
  async registerImage(
    region: string,
    request: RegisterImageRequest,
    signal?: AbortSignal,
  ): Promise<string> {
    return this.call(region, 'RegisterImage', async (client, sdk) => {
      const result = await client.send(
        new sdk.RegisterImageCommand(toRegisterImageInput(request)),
        { abortSignal: signal },
      );
      return result.ImageId ?? '';
    });
  }

  /** DeregisterImage (the S3 bundle of an instance store-backed image stays where it is). */
  async deregisterImage(region: string, imageId: string, signal?: AbortSignal): Promise<void> {
    await this.call(region, 'DeregisterImage', (client, sdk) =>
      client.send(new sdk.DeregisterImageCommand({ ImageId: imageId }), { abortSignal: signal }),
    );
  }

  /** Adds launch permissions (ModifyImageAttribute LaunchPermission.Add). */
  async addLaunchPermissions(
    region: string,
    imageId: string,
    permissions: readonly LaunchPermission[],
    signal?: AbortSignal,
  ): Promise<void> {
    await this.call(region, 'ModifyImageAttribute', (client, sdk) =>
      client.send(
        new sdk.ModifyImageAttributeCommand({
          ImageId: imageId,
          LaunchPermission: { Add: permissions.map(toSdkPermission) },
        }),
        { abortSignal: signal },
      ),
    );
  }

  /** CreateTags on the given resources. */
  async createTags(
    region: string,
    resourceIds: readonly string[],
    tags: readonly Tag[],
    signal?: AbortSignal,
  ): Promise<void> {
    await this.call(region, 'CreateTags', (client, sdk) =>
      client.send(
        new sdk.CreateTagsCommand({
          Resources: [...resourceIds],
          Tags: tags.map((t) => ({ Key: t.key, Value: t.value })),
        }),
        { abortSignal: signal },
      ),
    );
  }

  /** The caller's snapshots (OwnerIds=self), every page. */
  async describeOwnSnapshots(region: string, signal?: AbortSignal): Promise<SnapshotSummary[]> {
    return this.call(region, 'DescribeSnapshots', async (client, sdk) => {
      const snapshots: SnapshotSummary[] = [];
      await eachPage(
        signal,
        (nextToken) =>
          client.send(
            new sdk.DescribeSnapshotsCommand({
              OwnerIds: ['self'],
              MaxResults: LIST_PAGE_SIZE,
              ...(nextToken ? { NextToken: nextToken } : {}),
            }),
            { abortSignal: signal },
          ),
        (page) => {
          for (const s of page.Snapshots ?? []) snapshots.push(toSnapshotInfo(s));
        },
      );
      return snapshots;
    });
  }

  /** DescribeVolumes for the given ids. */
  async describeVolumes(
    region: string,
    volumeIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<VolumeDetails[]> {
    if (volumeIds.length === 0) return [];
    return this.call(region, 'DescribeVolumes', async (client, sdk) => {
      const result = await client.send(
        new sdk.DescribeVolumesCommand({ VolumeIds: [...volumeIds] }),
        { abortSignal: signal },
      );
      return (result.Volumes ?? []).map(toVolumeDetails);
    });
  }

  /** StopInstances for one instance. */
  async stopInstance(region: string, instanceId: string, signal?: AbortSignal): Promise<void> {
    await this.call(region, 'StopInstances', (client, sdk) =>
      client.send(new sdk.StopInstancesCommand({ InstanceIds: [instanceId] }), {
        abortSignal: signal,
      }),
    );
  }

  /** StartInstances for one instance. */
  async startInstance(region: string, instanceId: string, signal?: AbortSignal): Promise<void> {
    await this.call(region, 'StartInstances', (client, sdk) =>
      client.send(new sdk.StartInstancesCommand({ InstanceIds: [instanceId] }), {
        abortSignal: signal,
      }),
    );
  }

  /** Waits (DescribeInstances polling) until the instance is stopped; the signal ends the wait. */
  async waitUntilStopped(
    region: string,
    instanceId: string,
    signal?: AbortSignal,
    wait: WaitOptions = DEFAULT_WAIT,
  ): Promise<void> {
    await this.call(region, 'DescribeInstances', (client, sdk) =>
      sdk.waitUntilInstanceStopped(
        {
          client,
          minDelay: wait.minDelaySeconds,
          maxDelay: wait.maxDelaySeconds,
          maxWaitTime: wait.maxWaitSeconds,
          ...(signal ? { abortSignal: signal } : {}),
        },
        { InstanceIds: [instanceId] },
      ),
    );
  }

  /**
   * What re-registering an image must restore, from its DescribeImages record (manifest, name,
   * description, architecture, virtualization, kernel, RAM disk, ephemeral mappings, tags). Launch
   * permissions come separately (DescribeImageAttribute). `undefined` when EC2 does not return it.
   */
  async describeRegistration(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<
    (Omit<CapturedRegistration, 'launchPermissions'> & { rootDeviceType: string }) | undefined
  > {
    return this.call(region, 'DescribeImages', async (client, sdk) => {
      const result = await client.send(
        new sdk.DescribeImagesCommand({
          ImageIds: [imageId],
          IncludeDeprecated: true,
          IncludeDisabled: true,
        }),
        { abortSignal: signal },
      );
      const image = result.Images?.[0];
      return image
        ? { ...toRegistration(image, region), rootDeviceType: image.RootDeviceType ?? 'ebs' }
        : undefined;
    });
  }

  private call<T>(
    region: string,
    action: string,
    run: (client: EC2Client, sdk: Sdk) => Promise<T>,
  ): Promise<T> {
    return this.caller.call(region, action, run);
  }
}

function toSdkTags(tags: readonly Tag[]): SdkTag[] {
  return tags.map((t) => ({ Key: t.key, Value: t.value }));
}

/** CreateImage input: NoReboot always explicit; tags on the image and on its snapshots. */
export function toCreateImageInput(request: CreateImageRequest) {
  return {
    InstanceId: request.instanceId,
    Name: request.name,
    ...(request.description ? { Description: request.description } : {}),
    NoReboot: request.noReboot,
    ...(request.blockDeviceMappings.length > 0
      ? {
          BlockDeviceMappings: request.blockDeviceMappings.map((m): BlockDeviceMapping =>
            'noDevice' in m
              ? { DeviceName: m.deviceName, NoDevice: '' }
              : { DeviceName: m.deviceName, Ebs: { DeleteOnTermination: m.deleteOnTermination } },
          ),
        }
      : {}),
    ...(request.tags.length > 0
      ? {
          TagSpecifications: [
            { ResourceType: 'image' as const, Tags: toSdkTags(request.tags) },
            { ResourceType: 'snapshot' as const, Tags: toSdkTags(request.tags) },
          ],
        }
      : {}),
  };
}

/** RegisterImage input; EBS mappings name only the snapshot, so each volume keeps its encryption. */
export function toRegisterImageInput(request: RegisterImageRequest) {
  return {
    Name: request.name,
    ...(request.description ? { Description: request.description } : {}),
    ...(request.imageLocation ? { ImageLocation: request.imageLocation } : {}),
    ...(request.architecture ? { Architecture: request.architecture as 'x86_64' } : {}),
    ...(request.virtualizationType ? { VirtualizationType: request.virtualizationType } : {}),
    ...(request.rootDeviceName ? { RootDeviceName: request.rootDeviceName } : {}),
    ...(request.kernelId ? { KernelId: request.kernelId } : {}),
    ...(request.ramdiskId ? { RamdiskId: request.ramdiskId } : {}),
    ...(request.bootMode ? { BootMode: request.bootMode as 'uefi' } : {}),
    ...(request.enaSupport !== undefined ? { EnaSupport: request.enaSupport } : {}),
    ...(request.sriovNetSupport ? { SriovNetSupport: request.sriovNetSupport } : {}),
    ...(request.blockDeviceMappings.length > 0
      ? { BlockDeviceMappings: request.blockDeviceMappings.map(toSdkRegisterMapping) }
      : {}),
    ...(request.tags && request.tags.length > 0
      ? { TagSpecifications: [{ ResourceType: 'image' as const, Tags: toSdkTags(request.tags) }] }
      : {}),
  };
}

function toSdkRegisterMapping(m: RegisterMapping): BlockDeviceMapping {
  if (m.noDevice) return { DeviceName: m.deviceName, NoDevice: '' };
  if (m.virtualName) return { DeviceName: m.deviceName, VirtualName: m.virtualName };
  return {
    DeviceName: m.deviceName,
    ...(m.ebs
      ? {
          Ebs: {
            SnapshotId: m.ebs.snapshotId,
            DeleteOnTermination: m.ebs.deleteOnTermination,
          },
        }
      : {}),
  };
}

function toSdkPermission(p: LaunchPermission): SdkLaunchPermission {
  if (p.group === 'all') return { Group: 'all' };
  if (p.userId) return { UserId: p.userId };
  if (p.organizationArn) return { OrganizationArn: p.organizationArn };
  return { OrganizationalUnitArn: p.organizationalUnitArn ?? '' };
}

/** Maps one DescribeSnapshots record. */
export function toSnapshotInfo(s: Snapshot): SnapshotSummary {
  const name = s.Tags?.find((t) => t.Key === 'Name')?.Value;
  return {
    snapshotId: s.SnapshotId ?? '',
    volumeSizeGiB: s.VolumeSize ?? 0,
    encrypted: s.Encrypted === true,
    state: s.State ?? 'unknown',
    ...(s.KmsKeyId ? { kmsKeyId: s.KmsKeyId } : {}),
    ...(s.Description ? { description: s.Description } : {}),
    ...(name ? { name } : {}),
    ...(s.StartTime ? { startTime: s.StartTime.toISOString() } : {}),
  };
}

function toInstanceForImage(i: Instance): InstanceForImage {
  const tags = (i.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
  const name = tags.find((t) => t.key === 'Name')?.value;
  return {
    instanceId: i.InstanceId ?? '',
    ...(name ? { name } : {}),
    state: i.State?.Name ?? 'unknown',
    rootDeviceType: i.RootDeviceType ?? 'ebs',
    ...(i.RootDeviceName ? { rootDeviceName: i.RootDeviceName } : {}),
    ...(i.ImageId ? { imageId: i.ImageId } : {}),
    tags,
    mappings: (i.BlockDeviceMappings ?? []).map((m) => ({
      deviceName: m.DeviceName ?? '',
      ...(m.Ebs?.VolumeId ? { volumeId: m.Ebs.VolumeId } : {}),
      deleteOnTermination: m.Ebs?.DeleteOnTermination === true,
    })),
  };
}

function toVolumeDetails(v: Volume): VolumeDetails {
  return {
    volumeId: v.VolumeId ?? '',
    ...(v.Size !== undefined ? { sizeGiB: v.Size } : {}),
    ...(v.VolumeType ? { volumeType: v.VolumeType } : {}),
    ...(v.Encrypted !== undefined ? { encrypted: v.Encrypted } : {}),
    ...(v.KmsKeyId ? { kmsKeyId: v.KmsKeyId } : {}),
  };
}

/** The parts of an image record a re-registration must carry over. */
export function toRegistration(
  image: Image,
  region: string,
): Omit<CapturedRegistration, 'launchPermissions'> {
  const mappings = (image.BlockDeviceMappings ?? []).flatMap(
    (m: BlockDeviceMapping): RegisterMapping[] =>
      m.VirtualName
        ? [{ deviceName: m.DeviceName ?? '', virtualName: m.VirtualName }]
        : m.NoDevice !== undefined
          ? [{ deviceName: m.DeviceName ?? '', noDevice: true as const }]
          : [],
  );
  return {
    region,
    imageId: image.ImageId ?? '',
    manifestPath: image.ImageLocation ?? '',
    name: image.Name ?? '',
    ...(image.Description ? { description: image.Description } : {}),
    ...(image.Architecture ? { architecture: image.Architecture } : {}),
    ...(image.VirtualizationType ? { virtualizationType: image.VirtualizationType } : {}),
    ...(image.RootDeviceName ? { rootDeviceName: image.RootDeviceName } : {}),
    ...(image.KernelId ? { kernelId: image.KernelId } : {}),
    ...(image.RamdiskId ? { ramdiskId: image.RamdiskId } : {}),
    ...(image.BootMode ? { bootMode: image.BootMode } : {}),
    ...(image.EnaSupport !== undefined ? { enaSupport: image.EnaSupport } : {}),
    ...(image.SriovNetSupport ? { sriovNetSupport: image.SriovNetSupport } : {}),
    blockDeviceMappings: mappings,
    tags: (image.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
  };
}
