import type { BackingType, Tag } from './ami';

/** The domain view of one DescribeInstances record. */
export interface Ec2Instance {
  instanceId: string;
  region: string;
  /** The `Name` tag, if any. */
  name?: string;
  state: string;
  instanceType?: string;
  rootDeviceType: BackingType;
  rootDeviceName?: string;
  imageId?: string;
  platform?: string;
  architecture?: string;
  launchTime?: string;
  privateIpAddress?: string;
  publicIpAddress?: string;
  tags: Tag[];
  /** The record exactly as DescribeInstances returned it (for the JSON tab). */
  raw: Record<string, unknown>;
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

/** A volume's details as DescribeVolumes reports them. */
export interface VolumeDetails {
  volumeId: string;
  sizeGiB?: number;
  volumeType?: string;
  encrypted?: boolean;
  kmsKeyId?: string;
}

/** Instance states that still hold on to an image (terminated instances do not count). */
export const LIVE_INSTANCE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];

/** Display name of an instance: its Name tag, or its id. */
export function instanceDisplayName(instance: Pick<Ec2Instance, 'instanceId' | 'name'>): string {
  return instance.name && instance.name.length > 0 ? instance.name : instance.instanceId;
}
