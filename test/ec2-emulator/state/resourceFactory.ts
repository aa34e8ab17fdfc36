import type { EmulatorWorld } from './emulatorWorld';
import type {
  DeregistrationProtection,
  ImageBlockDevice,
  ImageOutcome,
  ImageRecord,
  LaunchPermissionEntry,
} from './imageRecord';
import type { InstanceRecord, InstanceStateName, InstanceVolume } from './instanceRecord';
import type { SnapshotRecord } from './snapshotRecord';

/** One EBS volume of an image or instance to create. */
export interface VolumeSpec {
  readonly deviceName: string;
  readonly sizeGiB: number;
  readonly volumeType?: string;
  readonly encrypted?: boolean;
  /** Key ARN; required when encrypted. */
  readonly kmsKeyId?: string;
  readonly deleteOnTermination?: boolean;
  readonly iops?: number;
  readonly throughput?: number;
}

/** Fields shared by EBS and instance-store images. */
export interface ImageSpec {
  readonly imageId?: string;
  readonly region: string;
  readonly ownerId: string;
  readonly name: string;
  readonly description?: string;
  readonly architecture?: string;
  readonly platform?: 'windows';
  readonly rootDeviceName?: string;
  readonly virtualizationType?: 'hvm' | 'paravirtual';
  readonly createdAt: number;
  /** Defaults to `createdAt` (available at once). */
  readonly readyAt?: number;
  readonly outcome?: ImageOutcome;
  readonly failureReason?: { code: string; message: string };
  readonly launchPermissions?: LaunchPermissionEntry[];
  readonly productCodes?: { id: string; type: 'marketplace' | 'devpay' }[];
  readonly tags?: Record<string, string>;
  readonly deprecateAt?: number;
  readonly disabled?: boolean;
  readonly deregistrationProtection?: DeregistrationProtection;
  readonly bootMode?: string;
  readonly imdsSupport?: string;
  readonly tpmSupport?: string;
  readonly enaSupport?: boolean;
  readonly sriovNetSupport?: string;
  readonly kernelId?: string;
  readonly ramdiskId?: string;
  readonly sourceInstanceId?: string;
  readonly sourceImageId?: string;
  readonly sourceImageRegion?: string;
  readonly lastLaunchedAt?: number;
  readonly imageLocation?: string;
}

/** An EBS-backed image: one snapshot is created per volume. */
export interface EbsImageSpec extends ImageSpec {
  readonly volumes: readonly VolumeSpec[];
  /** Snapshot description (EC2 writes "Created by CreateImage(…) for ami-…"). */
  readonly snapshotDescription?: (imageId: string) => string;
  readonly snapshotTags?: Record<string, string>;
  /** Public images of Amazon have public snapshots. */
  readonly publicSnapshots?: boolean;
  /** Snapshot outcome once the pending delay passes. */
  readonly snapshotOutcome?: 'completed' | 'error';
}

/** An instance-store image registered from an S3 manifest. */
export interface InstanceStoreImageSpec extends ImageSpec {
  readonly imageLocation: string;
  /** Number of ephemeral devices mapped (ephemeral0 → /dev/sdb, …). */
  readonly ephemeralCount?: number;
}

function tagMap(tags: Record<string, string> | undefined): Map<string, string> {
  return new Map(Object.entries(tags ?? {}));
}

function baseImage(
  spec: ImageSpec,
  imageId: string,
): Omit<
  ImageRecord,
  'rootDeviceType' | 'blockDevices' | 'imageLocation' | 'rootDeviceName' | 'virtualizationType'
> {
  const windows = spec.platform === 'windows';
  return {
    imageId,
    region: spec.region,
    ownerId: spec.ownerId,
    name: spec.name,
    description: spec.description,
    architecture: spec.architecture ?? 'x86_64',
    platform: spec.platform,
    platformDetails: windows ? 'Windows' : 'Linux/UNIX',
    usageOperation: windows ? 'RunInstances:0002' : 'RunInstances',
    enaSupport: spec.enaSupport ?? true,
    sriovNetSupport: spec.sriovNetSupport,
    bootMode: spec.bootMode,
    tpmSupport: spec.tpmSupport,
    imdsSupport: spec.imdsSupport,
    kernelId: spec.kernelId,
    ramdiskId: spec.ramdiskId,
    createdAt: spec.createdAt,
    readyAt: spec.readyAt ?? spec.createdAt,
    outcome: spec.outcome ?? 'available',
    failureReason: spec.failureReason,
    launchPermissions: [...(spec.launchPermissions ?? [])],
    productCodes: [...(spec.productCodes ?? [])],
    tags: tagMap(spec.tags),
    deprecateAt: spec.deprecateAt,
    disabled: spec.disabled ?? false,
    deregistrationProtection: spec.deregistrationProtection ?? 'disabled',
    lastLaunchedAt: spec.lastLaunchedAt,
    sourceInstanceId: spec.sourceInstanceId,
    sourceImageId: spec.sourceImageId,
    sourceImageRegion: spec.sourceImageRegion,
  };
}

/** Creates a snapshot and stores it. */
export function addSnapshot(
  world: EmulatorWorld,
  spec: {
    region: string;
    ownerId: string;
    volumeSize: number;
    encrypted: boolean;
    kmsKeyId?: string;
    description: string;
    startedAt: number;
    readyAt: number;
    outcome?: 'completed' | 'error';
    tags?: Record<string, string>;
    public?: boolean;
    volumeId?: string;
  },
): SnapshotRecord {
  const snapshot: SnapshotRecord = {
    snapshotId: world.ids.next('snap'),
    region: spec.region,
    ownerId: spec.ownerId,
    volumeId: spec.volumeId ?? world.ids.next('vol'),
    volumeSize: spec.volumeSize,
    description: spec.description,
    encrypted: spec.encrypted,
    kmsKeyId: spec.encrypted ? spec.kmsKeyId : undefined,
    startedAt: spec.startedAt,
    readyAt: spec.readyAt,
    outcome: spec.outcome ?? 'completed',
    tags: tagMap(spec.tags),
    public: spec.public ?? false,
  };
  world.store.putSnapshot(snapshot);
  return snapshot;
}

/** Creates an EBS-backed image with one snapshot per volume and stores both. */
export function addEbsImage(world: EmulatorWorld, spec: EbsImageSpec): ImageRecord {
  const imageId = spec.imageId ?? world.ids.next('ami');
  const readyAt = spec.readyAt ?? spec.createdAt;
  const blockDevices: ImageBlockDevice[] = spec.volumes.map((v) => {
    const snapshot = addSnapshot(world, {
      region: spec.region,
      ownerId: spec.ownerId,
      volumeSize: v.sizeGiB,
      encrypted: v.encrypted ?? false,
      kmsKeyId: v.kmsKeyId,
      description: spec.snapshotDescription?.(imageId) ?? `Created by CreateImage for ${imageId}`,
      startedAt: spec.createdAt,
      readyAt,
      outcome: spec.snapshotOutcome,
      tags: spec.snapshotTags,
      public: spec.publicSnapshots,
    });
    return {
      deviceName: v.deviceName,
      ebs: {
        snapshotId: snapshot.snapshotId,
        volumeSize: v.sizeGiB,
        volumeType: v.volumeType ?? 'gp3',
        deleteOnTermination: v.deleteOnTermination ?? true,
        encrypted: v.encrypted ?? false,
        iops: v.iops ?? ((v.volumeType ?? 'gp3') === 'gp3' ? 3000 : undefined),
        throughput: v.throughput ?? ((v.volumeType ?? 'gp3') === 'gp3' ? 125 : undefined),
      },
    };
  });
  const windows = spec.platform === 'windows';
  const image: ImageRecord = {
    ...baseImage(spec, imageId),
    rootDeviceType: 'ebs',
    rootDeviceName:
      spec.rootDeviceName ?? spec.volumes[0]?.deviceName ?? (windows ? '/dev/sda1' : '/dev/xvda'),
    virtualizationType: spec.virtualizationType ?? 'hvm',
    imageLocation: spec.imageLocation ?? `${spec.ownerId}/${spec.name}`,
    blockDevices,
  };
  world.store.putImage(image);
  return image;
}

/** Creates an instance-store-backed image (no snapshots). */
export function addInstanceStoreImage(
  world: EmulatorWorld,
  spec: InstanceStoreImageSpec,
): ImageRecord {
  const imageId = spec.imageId ?? world.ids.next('ami');
  const ephemeral = Array.from({ length: spec.ephemeralCount ?? 1 }, (_, i) => ({
    deviceName: `/dev/sd${String.fromCharCode('b'.charCodeAt(0) + i)}`,
    virtualName: `ephemeral${i}`,
  }));
  const image: ImageRecord = {
    ...baseImage(spec, imageId),
    rootDeviceType: 'instance-store',
    rootDeviceName: spec.rootDeviceName ?? '/dev/sda1',
    virtualizationType: spec.virtualizationType ?? 'paravirtual',
    imageLocation: spec.imageLocation,
    blockDevices: ephemeral,
  };
  world.store.putImage(image);
  return image;
}

/** An instance to create from an image. */
export interface InstanceSpec {
  readonly region: string;
  readonly ownerId: string;
  readonly image: ImageRecord;
  readonly instanceType?: string;
  readonly state: InstanceStateName;
  readonly transition?: { to: InstanceStateName; at: number };
  readonly launchedAt: number;
  readonly tags?: Record<string, string>;
  readonly reservationId?: string;
  readonly amiLaunchIndex?: number;
  readonly keyName?: string;
  readonly clientToken?: string;
  readonly stateTransitionReason?: string;
  /** Encryption for volumes created from unencrypted snapshots (EBS encryption by default). */
  readonly kmsKeyFor?: (snapshot: SnapshotRecord | undefined) => string | undefined;
}

/** Creates an instance whose EBS volumes come from the image's snapshots, and stores it. */
export function addInstance(world: EmulatorWorld, spec: InstanceSpec): InstanceRecord {
  const image = spec.image;
  const volumes: InstanceVolume[] = image.blockDevices.flatMap((d) => {
    if (!d.ebs) {
      return [];
    }
    const snapshot = d.ebs.snapshotId ? world.store.snapshots.get(d.ebs.snapshotId) : undefined;
    const kmsKeyId = snapshot?.encrypted ? snapshot.kmsKeyId : spec.kmsKeyFor?.(snapshot);
    return [
      {
        deviceName: d.deviceName,
        volumeId: world.ids.next('vol'),
        sizeGiB: d.ebs.volumeSize,
        volumeType: d.ebs.volumeType,
        encrypted: kmsKeyId !== undefined,
        kmsKeyId,
        deleteOnTermination: d.ebs.deleteOnTermination,
        attachedAt: spec.launchedAt,
      },
    ];
  });
  const subnetSuffix = world.ids.next('subnet').slice(-8);
  const instance: InstanceRecord = {
    instanceId: world.ids.next('i'),
    reservationId: spec.reservationId ?? world.ids.next('r'),
    region: spec.region,
    ownerId: spec.ownerId,
    imageId: image.imageId,
    instanceType: spec.instanceType ?? (image.architecture === 'arm64' ? 't4g.micro' : 't3.micro'),
    architecture: image.architecture,
    platform: image.platform,
    rootDeviceType: image.rootDeviceType,
    rootDeviceName: image.rootDeviceName,
    virtualizationType: image.virtualizationType,
    launchedAt: spec.launchedAt,
    availabilityZone: `${spec.region}a`,
    privateIpAddress: `10.0.${parseInt(subnetSuffix.slice(0, 2), 16) % 250}.${(parseInt(subnetSuffix.slice(2, 4), 16) % 250) + 4}`,
    subnetId: `subnet-0${subnetSuffix}${subnetSuffix}`,
    vpcId: `vpc-0${subnetSuffix.split('').reverse().join('')}${subnetSuffix}`,
    keyName: spec.keyName,
    clientToken: spec.clientToken,
    amiLaunchIndex: spec.amiLaunchIndex ?? 0,
    state: spec.state,
    transition: spec.transition,
    stateTransitionReason: spec.stateTransitionReason ?? '',
    volumes,
    tags: tagMap(spec.tags),
  };
  world.store.putInstance(instance);
  return instance;
}

/** An image whose block-device mappings already exist (RegisterImage from snapshots). */
export function addImageWithMappings(
  world: EmulatorWorld,
  spec: ImageSpec & {
    readonly rootDeviceType: 'ebs' | 'instance-store';
    readonly rootDeviceName: string;
    readonly virtualizationType: 'hvm' | 'paravirtual';
    readonly imageLocation: string;
    readonly blockDevices: ImageBlockDevice[];
  },
): ImageRecord {
  const image: ImageRecord = {
    ...baseImage(spec, spec.imageId ?? world.ids.next('ami')),
    rootDeviceType: spec.rootDeviceType,
    rootDeviceName: spec.rootDeviceName,
    virtualizationType: spec.virtualizationType,
    imageLocation: spec.imageLocation,
    blockDevices: spec.blockDevices,
  };
  world.store.putImage(image);
  return image;
}
