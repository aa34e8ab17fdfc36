import type {
  BlockDeviceMapping,
  Image,
  Instance,
  LaunchPermission as SdkLaunchPermission,
  Tag as SdkTag,
} from '@aws-sdk/client-ec2';
import type { Ami, BackingType, BlockDevice, LaunchPermission, Tag } from '../model/ami';
import type { Ec2Instance } from '../model/instance';

/** Maps one DescribeImages record to the domain type, keeping the record itself as `raw`. */
export function toAmi(image: Image, region: string): Ami {
  const ami: Ami = {
    imageId: image.ImageId ?? '',
    region,
    state: image.State ?? 'unknown',
    rootDeviceType: toBackingType(image.RootDeviceType),
    isPublic: image.Public === true,
    blockDevices: (image.BlockDeviceMappings ?? []).map(toBlockDevice),
    tags: toTags(image.Tags),
    raw: asRecord(image),
  };
  assign(ami, 'name', image.Name);
  assign(ami, 'description', image.Description);
  assign(ami, 'stateReason', image.StateReason?.Message ?? image.StateReason?.Code);
  assign(ami, 'ownerId', image.OwnerId);
  assign(ami, 'ownerAlias', image.ImageOwnerAlias);
  assign(ami, 'creationDate', image.CreationDate);
  assign(ami, 'architecture', image.Architecture);
  assign(ami, 'platform', image.Platform);
  assign(ami, 'platformDetails', image.PlatformDetails);
  assign(ami, 'virtualizationType', image.VirtualizationType);
  assign(ami, 'rootDeviceName', image.RootDeviceName);
  assign(ami, 'imageLocation', image.ImageLocation);
  assign(ami, 'deprecationTime', image.DeprecationTime);
  assign(ami, 'deregistrationProtection', image.DeregistrationProtection);
  assign(ami, 'bootMode', image.BootMode);
  assign(ami, 'enaSupport', image.EnaSupport);
  assign(ami, 'imdsSupport', image.ImdsSupport);
  return ami;
}

/** Maps one DescribeInstances record to the domain type. */
export function toInstance(instance: Instance, region: string): Ec2Instance {
  const tags = toTags(instance.Tags);
  const result: Ec2Instance = {
    instanceId: instance.InstanceId ?? '',
    region,
    state: instance.State?.Name ?? 'unknown',
    rootDeviceType: toBackingType(instance.RootDeviceType),
    tags,
    raw: asRecord(instance),
  };
  assign(result, 'name', tags.find((t) => t.key === 'Name')?.value);
  assign(result, 'instanceType', instance.InstanceType);
  assign(result, 'rootDeviceName', instance.RootDeviceName);
  assign(result, 'imageId', instance.ImageId);
  assign(result, 'platform', instance.PlatformDetails ?? instance.Platform);
  assign(result, 'architecture', instance.Architecture);
  assign(result, 'launchTime', instance.LaunchTime?.toISOString());
  assign(result, 'privateIpAddress', instance.PrivateIpAddress);
  assign(result, 'publicIpAddress', instance.PublicIpAddress);
  return result;
}

/** Maps DescribeImageAttribute's launch permission list. */
export function toLaunchPermissions(list: SdkLaunchPermission[] | undefined): LaunchPermission[] {
  return (list ?? []).map((p) => {
    const out: LaunchPermission = {};
    if (p.Group === 'all') out.group = 'all';
    assign(out, 'userId', p.UserId);
    assign(out, 'organizationArn', p.OrganizationArn);
    assign(out, 'organizationalUnitArn', p.OrganizationalUnitArn);
    return out;
  });
}

function toBackingType(value: string | undefined): BackingType {
  return value === 'instance-store' ? 'instance-store' : 'ebs';
}

function toTags(tags: SdkTag[] | undefined): Tag[] {
  return (tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
}

function toBlockDevice(m: BlockDeviceMapping): BlockDevice {
  const device: BlockDevice = { deviceName: m.DeviceName ?? '' };
  assign(device, 'virtualName', m.VirtualName);
  if (m.NoDevice !== undefined) device.noDevice = true;
  if (m.Ebs) {
    const ebs: NonNullable<BlockDevice['ebs']> = {};
    assign(ebs, 'snapshotId', m.Ebs.SnapshotId);
    assign(ebs, 'volumeSize', m.Ebs.VolumeSize);
    assign(ebs, 'volumeType', m.Ebs.VolumeType);
    assign(ebs, 'iops', m.Ebs.Iops);
    assign(ebs, 'throughput', m.Ebs.Throughput);
    assign(ebs, 'encrypted', m.Ebs.Encrypted);
    assign(ebs, 'kmsKeyId', m.Ebs.KmsKeyId);
    assign(ebs, 'deleteOnTermination', m.Ebs.DeleteOnTermination);
    device.ebs = ebs;
  }
  return device;
}

/** Sets an optional property only when there is a value, so objects carry no `undefined` keys. */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined) {
  if (value !== undefined && value !== null) target[key] = value;
}

/**
 * The SDK record itself, not a copy: listing 50,000 AMIs would otherwise hold every record twice.
 * Documents serialize it with JSON.stringify, which drops `undefined` members and writes Dates as ISO.
 */
function asRecord(value: object): Record<string, unknown> {
  return value as Record<string, unknown>;
}
