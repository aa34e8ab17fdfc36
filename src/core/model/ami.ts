/** How an AMI's root volume is backed; the Images tree groups by it. */
export type BackingType = 'ebs' | 'instance-store';

/** Image states as EC2 reports them (`ImageState`). */
export type ImageState =
  | 'pending'
  | 'available'
  | 'invalid'
  | 'deregistered'
  | 'transient'
  | 'failed'
  | 'error'
  | 'disabled'
  | (string & {});

/** One block-device mapping entry of an image, as EC2 describes it. */
export interface BlockDevice {
  /** Device name, e.g. `/dev/xvda`. */
  deviceName: string;
  /** `ephemeralN` for instance-store volumes. */
  virtualName?: string;
  /** Present for EBS volumes. */
  ebs?: {
    snapshotId?: string;
    volumeSize?: number;
    volumeType?: string;
    iops?: number;
    throughput?: number;
    encrypted?: boolean;
    kmsKeyId?: string;
    deleteOnTermination?: boolean;
  };
  /** Set when the mapping suppresses a device. */
  noDevice?: boolean;
}

/** The account's image block public access state in a region. */
export type ImageBlockPublicAccessState = 'block-new-sharing' | 'unblocked' | (string & {});

/** A tag as EC2 returns it. */
export interface Tag {
  key: string;
  value: string;
}

/**
 * The domain view of one DescribeImages record: what the tree, its tooltips, the pickers and the
 * commands use. The record itself is not kept (50,000 of them would not fit in the heap budget of a
 * listing); the AMI JSON tab describes the image again by id.
 */
export interface Ami {
  imageId: string;
  region: string;
  /** AMI names are immutable once registered. */
  name?: string;
  description?: string;
  state: ImageState;
  stateReason?: string;
  ownerId?: string;
  ownerAlias?: string;
  /** ISO 8601 as EC2 reports it. */
  creationDate?: string;
  architecture?: string;
  platform?: string;
  platformDetails?: string;
  virtualizationType?: string;
  rootDeviceType: BackingType;
  rootDeviceName?: string;
  imageLocation?: string;
  isPublic: boolean;
  blockDevices: BlockDevice[];
  tags: Tag[];
  /** ISO 8601; the AMI is deprecated once this time has passed. */
  deprecationTime?: string;
  /** EC2's text: `disabled`, `enabled`, or `enabled-with-cooldown`/`enabled-until-…`. */
  deregistrationProtection?: string;
  bootMode?: string;
  enaSupport?: boolean;
  imdsSupport?: string;
  /** Whether the account's Allowed AMIs settings allow launching it (EC2 says so only when on). */
  imageAllowed?: boolean;
  /** ISO 8601: when an instance was last launched from it, as EC2 reports it. */
  lastLaunchedTime?: string;
  /** The instance a CreateImage made it from (EC2's `SourceInstanceId`). */
  sourceInstanceId?: string;
  /** The image a CopyImage made it from (EC2's `SourceImageId`). */
  sourceImageId?: string;
  /** The region of `sourceImageId` (EC2's `SourceImageRegion`). */
  sourceImageRegion?: string;
  /** Whether launching it qualifies for the free tier (EC2 says so for some public AMIs). */
  freeTierEligible?: boolean;
  /** The public SSM parameter that resolves to it, e.g. `/aws/service/ami-amazon-linux-latest/…`. */
  publicSsmParameterName?: string;
  /** ISO 8601: when Amazon Inspector last scanned it (EC2's `ScanResults`); absent = not scanned. */
  findingScanDate?: string;
  /** The highest severity Inspector found (`critical`, `high`…); absent when none or not scanned. */
  highestFindingSeverity?: string;
}

/** A principal allowed to launch an image (DescribeImageAttribute launchPermission). */
export interface LaunchPermission {
  userId?: string;
  group?: 'all';
  organizationArn?: string;
  organizationalUnitArn?: string;
}

/** Display name of an AMI: its name, or its id when it has none. */
export function amiDisplayName(ami: Pick<Ami, 'imageId' | 'name'>): string {
  return ami.name && ami.name.length > 0 ? ami.name : ami.imageId;
}

/**
 * An AMI id short enough for a tree row at the default sidebar width: `ami-…` and the id's last 8
 * hex digits (the part that tells ids apart; an old 8-digit id stays whole). The full id is in the
 * row's tooltip, its accessible label and everything the row opens.
 */
export function shortImageId(imageId: string): string {
  return /^ami-[0-9a-f]{9,}$/.test(imageId) ? `ami-…${imageId.slice(-8)}` : imageId;
}

/**
 * Whether the AMI counts as deprecated at `now`. EC2 reports a future deprecation time too, so only a
 * time in the past counts.
 */
export function isDeprecated(ami: Pick<Ami, 'deprecationTime'>, now: Date): boolean {
  if (!ami.deprecationTime) return false;
  const at = Date.parse(ami.deprecationTime);
  return !Number.isNaN(at) && at <= now.getTime();
}

/**
 * Whether every EBS volume of the AMI is encrypted: `true`, `false`, or `undefined` when it has no EBS
 * volumes (instance-store images).
 */
export function allVolumesEncrypted(ami: Pick<Ami, 'blockDevices'>): boolean | undefined {
  const ebs = ami.blockDevices.filter((d) => d.ebs !== undefined);
  if (ebs.length === 0) return undefined;
  return ebs.every((d) => d.ebs?.encrypted === true);
}

/** States that will not change by themselves: no need to poll further. */
export function isSettledState(state: ImageState): boolean {
  return state !== 'pending' && state !== 'transient';
}
