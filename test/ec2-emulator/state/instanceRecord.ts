/** EC2 instance state names. */
export type InstanceStateName =
  'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

/** EC2's numeric state codes (low byte). */
export const instanceStateCodes: Readonly<Record<InstanceStateName, number>> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/** An EBS volume attached to an instance (volumes exist only implicitly, through instances). */
export interface InstanceVolume {
  readonly deviceName: string;
  readonly volumeId: string;
  readonly sizeGiB: number;
  readonly volumeType: string;
  readonly encrypted: boolean;
  readonly kmsKeyId?: string;
  readonly deleteOnTermination: boolean;
  readonly attachedAt: number;
}

/** An instance in one region. */
export interface InstanceRecord {
  readonly instanceId: string;
  readonly reservationId: string;
  readonly region: string;
  readonly ownerId: string;
  readonly imageId: string;
  readonly instanceType: string;
  readonly architecture: string;
  readonly platform?: 'windows';
  readonly rootDeviceType: 'ebs' | 'instance-store';
  readonly rootDeviceName: string;
  readonly virtualizationType: 'hvm' | 'paravirtual';
  readonly launchedAt: number;
  readonly availabilityZone: string;
  readonly privateIpAddress: string;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly keyName?: string;
  readonly clientToken?: string;
  readonly amiLaunchIndex: number;
  state: InstanceStateName;
  /** A transition in progress: `state` becomes `to` at `at`. */
  transition?: { to: InstanceStateName; at: number };
  stateTransitionReason: string;
  volumes: InstanceVolume[];
  tags: Map<string, string>;
}

/** Applies a finished transition, so reads at `now` see the settled state. */
export function settleInstance(instance: InstanceRecord, now: number): InstanceRecord {
  if (instance.transition && instance.transition.at <= now) {
    instance.state = instance.transition.to;
    instance.transition = undefined;
  }
  return instance;
}
