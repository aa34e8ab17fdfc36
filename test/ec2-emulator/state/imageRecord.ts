import type { ImageFindingRecord, ImageUsageRecord } from './imageGovernance';

/** One entry of an image's launch permissions, as ModifyImageAttribute sets it. */
export interface LaunchPermissionEntry {
  readonly userId?: string;
  readonly group?: 'all';
  readonly organizationArn?: string;
  readonly organizationalUnitArn?: string;
}

/** EBS part of an image block-device mapping. KMS keys live on the snapshot, as in EC2. */
export interface ImageEbsDevice {
  readonly snapshotId?: string;
  readonly volumeSize: number;
  readonly volumeType: string;
  readonly deleteOnTermination: boolean;
  readonly encrypted: boolean;
  readonly iops?: number;
  readonly throughput?: number;
}

/** One block-device mapping of an image. */
export interface ImageBlockDevice {
  readonly deviceName: string;
  readonly virtualName?: string;
  readonly noDevice?: boolean;
  readonly ebs?: ImageEbsDevice;
}

/** Where the image will end once its pending delay has passed. */
export type ImageOutcome = 'available' | 'failed';

/** Deregistration protection as DescribeImages reports it. */
export type DeregistrationProtection =
  'disabled' | 'enabled-with-cooldown' | 'enabled-without-cooldown';

/** An AMI in one region. Mutable: actions update it in place. */
export interface ImageRecord {
  readonly imageId: string;
  readonly region: string;
  readonly ownerId: string;
  name: string;
  description?: string;
  architecture: string;
  rootDeviceType: 'ebs' | 'instance-store';
  rootDeviceName: string;
  virtualizationType: 'hvm' | 'paravirtual';
  platform?: 'windows';
  platformDetails: string;
  usageOperation: string;
  enaSupport: boolean;
  sriovNetSupport?: string;
  bootMode?: string;
  tpmSupport?: string;
  imdsSupport?: string;
  uefiData?: string;
  kernelId?: string;
  ramdiskId?: string;
  imageLocation: string;
  /** Creation time (ms since epoch). */
  createdAt: number;
  /** When the image leaves `pending` (ms since epoch). */
  readyAt: number;
  outcome: ImageOutcome;
  /** Reason reported once the outcome is `failed`. */
  failureReason?: { code: string; message: string };
  blockDevices: ImageBlockDevice[];
  launchPermissions: LaunchPermissionEntry[];
  productCodes: { id: string; type: 'marketplace' | 'devpay' }[];
  tags: Map<string, string>;
  /** Deprecation time (ms), already rounded to the minute as EC2 does. */
  deprecateAt?: number;
  disabled: boolean;
  deregistrationProtection: DeregistrationProtection;
  /** With a cooldown, protection lasts until this time after being disabled. */
  protectionCooldownUntil?: number;
  lastLaunchedAt?: number;
  sourceInstanceId?: string;
  sourceImageId?: string;
  sourceImageRegion?: string;
  /** DescribeImages `freeTierEligible` (reported only when set, as for Amazon's images). */
  freeTierEligible?: boolean;
  /** The public SSM parameter that resolves to this image (Amazon's images). */
  publicSsmParameterName?: string;
  /** Amazon Inspector: when the image was last scanned; undefined = never scanned. */
  scannedAt?: number;
  /** Amazon Inspector findings (GetImageFindings); only meaningful once scanned. */
  findings?: ImageFindingRecord[];
  /** How other accounts use the image (image usage reports). */
  usage?: ImageUsageRecord[];
}

/** EC2 image states the emulator produces. */
export type ImageState = 'pending' | 'available' | 'failed' | 'disabled';

/** The state of an image at `now`: pending until its delay passes, then its outcome. */
export function imageStateAt(image: ImageRecord, now: number): ImageState {
  if (image.disabled) {
    return 'disabled';
  }
  if (now < image.readyAt) {
    return 'pending';
  }
  return image.outcome;
}

/** True when launch permissions include the `all` group. */
export function isPublic(image: ImageRecord): boolean {
  return image.launchPermissions.some((p) => p.group === 'all');
}

/** True once the deprecation time has passed. */
export function isDeprecatedAt(image: ImageRecord, now: number): boolean {
  return image.deprecateAt !== undefined && image.deprecateAt <= now;
}

/** The value DescribeImages and DescribeImageAttribute report for deregistration protection. */
export function deregistrationProtectionAt(image: ImageRecord, now: number): string {
  if (
    image.deregistrationProtection === 'disabled' &&
    image.protectionCooldownUntil !== undefined &&
    image.protectionCooldownUntil > now
  ) {
    return `disabled-until-${new Date(image.protectionCooldownUntil).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
  }
  return image.deregistrationProtection;
}

/** True while DeregisterImage must be refused. */
export function isDeregistrationProtectedAt(image: ImageRecord, now: number): boolean {
  return (
    image.deregistrationProtection !== 'disabled' ||
    (image.protectionCooldownUntil !== undefined && image.protectionCooldownUntil > now)
  );
}
