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

/** Display name of an instance: its Name tag, or its id. */
export function instanceDisplayName(instance: Pick<Ec2Instance, 'instanceId' | 'name'>): string {
  return instance.name && instance.name.length > 0 ? instance.name : instance.instanceId;
}
