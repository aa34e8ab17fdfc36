import type {
  GetAllowedImagesSettingsResult,
  ImageAncestryEntry,
  ImageCriterion as SdkImageCriterion,
  ImageCriterionRequest,
  ImageFinding as SdkImageFinding,
  ImageRecycleBinInfo,
  ImageUsageReport as SdkImageUsageReport,
  ImageUsageReportEntry,
  InstanceImageMetadata,
  SnapshotRecycleBinInfo,
  BlockDeviceMapping,
  CreateImageRequest as SdkCreateImageRequest,
  CreateVolumePermission as SdkCreateVolumePermission,
  CreateVolumePermissionModifications,
  DeleteSnapshotReturnCode,
  Image,
  ImageReference,
  Instance,
  LaunchPermission as SdkLaunchPermission,
  LaunchPermissionModifications,
  Region,
  RegisterImageRequest as SdkRegisterImageRequest,
  Snapshot as SdkSnapshot,
  Tag as SdkTag,
  Volume,
} from '@aws-sdk/client-ec2';
import type { Ami, BackingType, BlockDevice, LaunchPermission, Tag } from '../model/ami';
import type {
  AllowedImagesSettings,
  AncestryEntry,
  ImageCriterion,
  ImageFinding,
  ImageReference as DomainImageReference,
  ImageUsageEntry,
  ImageUsageReport,
  InstanceImage,
  RecycledImage,
  RecycledSnapshot,
} from '../model/imageInsights';
import type { SnapshotDeleteResult } from '../model/deregisterPlan';
import type { CreateImageRequest } from '../model/imageCreation';
import type { RegisterImageRequest, RegisterMapping } from '../model/imageRegistration';
import type { Ec2Instance, InstanceForImage, VolumeDetails } from '../model/instance';
import type { RegionInfo } from '../model/regions';
import type { DescribedRegistration } from '../model/reregistration';
import type { CreateVolumePermission, Snapshot } from '../model/snapshot';
import { PageStrings } from './pageStrings';

// Every translation between the SDK's records and the domain types, both ways, lives here: the
// resource modules only choose requests and hand the answers to these functions.

/**
 * Maps one DescribeImages record to the domain type. The record itself is not kept (the JSON tab
 * describes the image again, see `imageRecord`), and every string is a copy through `strings`, so
 * that a listing holds its AMIs and not the text of the pages they came from (see `PageStrings`).
 */
export function toAmi(image: Image, region: string, strings = new PageStrings()): Ami {
  // Named stores (`ami.name = …`), not `ami[key] = …`: V8 turns an object that gets more than a
  // dozen properties through keyed stores into a dictionary (about 1.4 KB per AMI instead of a few
  // hundred bytes), which a listing of 50,000 AMIs with today's fields would reach.
  const { own, shared } = strings;
  const ami: Ami = {
    imageId: own(image.ImageId ?? ''),
    region,
    state: shared(image.State ?? 'unknown'),
    rootDeviceType: toBackingType(image.RootDeviceType),
    isPublic: image.Public === true,
    blockDevices: (image.BlockDeviceMappings ?? []).map((m) => toBlockDevice(m, strings)),
    tags: toTags(image.Tags, strings),
  };
  const name = own(image.Name);
  if (name !== undefined) ami.name = name;
  const description = own(image.Description);
  if (description !== undefined) ami.description = description;
  const stateReason = own(image.StateReason?.Message ?? image.StateReason?.Code);
  if (stateReason !== undefined) ami.stateReason = stateReason;
  const ownerId = shared(image.OwnerId);
  if (ownerId !== undefined) ami.ownerId = ownerId;
  const ownerAlias = shared(image.ImageOwnerAlias);
  if (ownerAlias !== undefined) ami.ownerAlias = ownerAlias;
  const creationDate = own(image.CreationDate);
  if (creationDate !== undefined) ami.creationDate = creationDate;
  const architecture = shared(image.Architecture);
  if (architecture !== undefined) ami.architecture = architecture;
  const platform = shared(image.Platform);
  if (platform !== undefined) ami.platform = platform;
  const platformDetails = shared(image.PlatformDetails);
  if (platformDetails !== undefined) ami.platformDetails = platformDetails;
  const virtualizationType = shared(image.VirtualizationType);
  if (virtualizationType !== undefined) ami.virtualizationType = virtualizationType;
  const rootDeviceName = shared(image.RootDeviceName);
  if (rootDeviceName !== undefined) ami.rootDeviceName = rootDeviceName;
  const imageLocation = own(image.ImageLocation);
  if (imageLocation !== undefined) ami.imageLocation = imageLocation;
  const deprecationTime = own(image.DeprecationTime);
  if (deprecationTime !== undefined) ami.deprecationTime = deprecationTime;
  const deregistrationProtection = shared(image.DeregistrationProtection);
  if (deregistrationProtection !== undefined)
    ami.deregistrationProtection = deregistrationProtection;
  const bootMode = shared(image.BootMode);
  if (bootMode !== undefined) ami.bootMode = bootMode;
  const enaSupport = image.EnaSupport;
  if (enaSupport !== undefined) ami.enaSupport = enaSupport;
  const imdsSupport = shared(image.ImdsSupport);
  if (imdsSupport !== undefined) ami.imdsSupport = imdsSupport;
  const imageAllowed = image.ImageAllowed;
  if (imageAllowed !== undefined) ami.imageAllowed = imageAllowed;
  const lastLaunchedTime = own(image.LastLaunchedTime);
  if (lastLaunchedTime !== undefined) ami.lastLaunchedTime = lastLaunchedTime;
  const sourceInstanceId = own(image.SourceInstanceId);
  if (sourceInstanceId !== undefined) ami.sourceInstanceId = sourceInstanceId;
  const sourceImageId = own(image.SourceImageId);
  if (sourceImageId !== undefined) ami.sourceImageId = sourceImageId;
  const sourceImageRegion = shared(image.SourceImageRegion);
  if (sourceImageRegion !== undefined) ami.sourceImageRegion = sourceImageRegion;
  const freeTierEligible = image.FreeTierEligible;
  if (freeTierEligible !== undefined) ami.freeTierEligible = freeTierEligible;
  const publicSsmParameterName = shared(image.PublicSsmParameterName);
  if (publicSsmParameterName !== undefined) ami.publicSsmParameterName = publicSsmParameterName;
  const findingScanDate = image.ScanResults?.FindingScanDate?.toISOString();
  if (findingScanDate !== undefined) ami.findingScanDate = findingScanDate;
  const highestFindingSeverity = shared(image.ScanResults?.HighestFindingSeverityLabel);
  if (highestFindingSeverity !== undefined) ami.highestFindingSeverity = highestFindingSeverity;
  return ami;
}

/**
 * One DescribeImages record exactly as EC2 returned it, for the AMI JSON tab. JSON.stringify drops
 * its `undefined` members and writes Dates as ISO text.
 */
export function toImageRecord(image: Image): Record<string, unknown> {
  return asRecord(image);
}

/**
 * What re-registering an image must restore, from its DescribeImages record (manifest, name,
 * description, architecture, virtualization, kernel, RAM disk, ephemeral mappings, tags) plus its
 * backing. Launch permissions come separately (DescribeImageAttribute).
 */
export function toRegistration(image: Image, region: string): DescribedRegistration {
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
    tags: toTags(image.Tags),
    rootDeviceType: image.RootDeviceType ?? 'ebs',
  };
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

/** One DescribeInstances record as CreateImage needs it: backing, root device, attached volumes. */
export function toInstanceForImage(i: Instance): InstanceForImage {
  const tags = toTags(i.Tags);
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

/** Maps one DescribeVolumes record. */
export function toVolumeDetails(v: Volume): VolumeDetails {
  return {
    volumeId: v.VolumeId ?? '',
    ...(v.Size !== undefined ? { sizeGiB: v.Size } : {}),
    ...(v.VolumeType ? { volumeType: v.VolumeType } : {}),
    ...(v.Encrypted !== undefined ? { encrypted: v.Encrypted } : {}),
    ...(v.KmsKeyId ? { kmsKeyId: v.KmsKeyId } : {}),
  };
}

/** Maps one DescribeSnapshots record, keeping the record itself as `raw`. */
export function toSnapshot(s: SdkSnapshot, region: string): Snapshot {
  const name = s.Tags?.find((t) => t.Key === 'Name')?.Value;
  return {
    snapshotId: s.SnapshotId ?? '',
    region,
    state: s.State ?? 'unknown',
    encrypted: s.Encrypted === true,
    ...(s.OwnerId ? { ownerId: s.OwnerId } : {}),
    ...(s.VolumeSize !== undefined ? { volumeSizeGiB: s.VolumeSize } : {}),
    ...(s.KmsKeyId ? { kmsKeyId: s.KmsKeyId } : {}),
    ...(s.Description ? { description: s.Description } : {}),
    ...(name ? { name } : {}),
    ...(s.StartTime ? { startTime: s.StartTime.toISOString() } : {}),
    raw: asRecord(s),
  };
}

/** Maps DescribeSnapshotAttribute's createVolumePermission list. */
export function toCreateVolumePermissions(
  list: SdkCreateVolumePermission[] | undefined,
): CreateVolumePermission[] {
  return (list ?? []).map((p) => ({
    ...(p.UserId ? { userId: p.UserId } : {}),
    ...(p.Group === 'all' ? { group: 'all' as const } : {}),
  }));
}

/** ModifySnapshotAttribute's createVolumePermission change for accounts. */
export function toCreateVolumePermissionModifications(change: {
  add: readonly string[];
  remove: readonly string[];
}): CreateVolumePermissionModifications {
  return {
    ...(change.add.length > 0 ? { Add: change.add.map((UserId) => ({ UserId })) } : {}),
    ...(change.remove.length > 0 ? { Remove: change.remove.map((UserId) => ({ UserId })) } : {}),
  };
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

/** ModifyImageAttribute's LaunchPermission change; an empty list is left out. */
export function toLaunchPermissionModifications(change: {
  add?: readonly LaunchPermission[];
  remove?: readonly LaunchPermission[];
}): LaunchPermissionModifications {
  const add = change.add ?? [];
  const remove = change.remove ?? [];
  return {
    ...(add.length > 0 ? { Add: add.map(toSdkLaunchPermission) } : {}),
    ...(remove.length > 0 ? { Remove: remove.map(toSdkLaunchPermission) } : {}),
  };
}

/** The instance each DescribeImageReferences entry names (its ARN ends in the instance id). */
export function toInstanceReference(
  ref: ImageReference,
): { imageId: string; instanceId: string } | undefined {
  const instanceId = ref.Arn?.split('/').pop();
  return ref.ImageId && instanceId ? { imageId: ref.ImageId, instanceId } : undefined;
}

/** One DescribeImageReferences entry, whatever its resource type. */
export function toImageReference(ref: ImageReference): DomainImageReference {
  return { imageId: ref.ImageId ?? '', resourceType: ref.ResourceType ?? '', arn: ref.Arn ?? '' };
}

/** One GetImageAncestry entry. */
export function toAncestryEntry(entry: ImageAncestryEntry): AncestryEntry {
  const out: AncestryEntry = { imageId: entry.ImageId ?? '' };
  assign(out, 'creationDate', entry.CreationDate?.toISOString());
  assign(out, 'ownerAlias', entry.ImageOwnerAlias);
  assign(out, 'sourceImageId', entry.SourceImageId);
  assign(out, 'sourceImageRegion', entry.SourceImageRegion);
  return out;
}

/** One GetImageFindings entry. */
export function toImageFinding(finding: SdkImageFinding): ImageFinding {
  const out: ImageFinding = { title: finding.Title ?? '', paths: [...(finding.Paths ?? [])] };
  assign(out, 'severity', finding.SeverityLabel);
  assign(out, 'score', finding.Score);
  assign(out, 'fixAvailable', finding.FixAvailable);
  assign(out, 'firstObservedAt', finding.FirstObservedAt?.toISOString());
  assign(out, 'updatedAt', finding.UpdatedAt?.toISOString());
  assign(out, 'snapshotId', finding.SnapshotId);
  return out;
}

/** One DescribeImageUsageReports entry. */
export function toImageUsageReport(report: SdkImageUsageReport): ImageUsageReport {
  const out: ImageUsageReport = {
    reportId: report.ReportId ?? '',
    imageId: report.ImageId ?? '',
    state: report.State ?? 'unknown',
    resourceTypes: (report.ResourceTypes ?? []).flatMap((t) =>
      t.ResourceType ? [t.ResourceType] : [],
    ),
    accountIds: [...(report.AccountIds ?? [])],
  };
  assign(out, 'stateReason', report.StateReason);
  assign(out, 'creationTime', report.CreationTime?.toISOString());
  assign(out, 'expirationTime', report.ExpirationTime?.toISOString());
  return out;
}

/** One DescribeImageUsageReportEntries entry. */
export function toImageUsageEntry(entry: ImageUsageReportEntry): ImageUsageEntry {
  const out: ImageUsageEntry = {
    reportId: entry.ReportId ?? '',
    imageId: entry.ImageId ?? '',
    accountId: entry.AccountId ?? '',
    resourceType: entry.ResourceType ?? '',
    usageCount: entry.UsageCount ?? 0,
  };
  assign(out, 'reportCreationTime', entry.ReportCreationTime?.toISOString());
  return out;
}

/** One ListImagesInRecycleBin entry. */
export function toRecycledImage(info: ImageRecycleBinInfo, region: string): RecycledImage {
  const out: RecycledImage = { region, imageId: info.ImageId ?? '' };
  assign(out, 'name', info.Name);
  assign(out, 'description', info.Description);
  assign(out, 'enteredAt', info.RecycleBinEnterTime?.toISOString());
  assign(out, 'exitsAt', info.RecycleBinExitTime?.toISOString());
  return out;
}

/** One ListSnapshotsInRecycleBin entry. */
export function toRecycledSnapshot(info: SnapshotRecycleBinInfo, region: string): RecycledSnapshot {
  const out: RecycledSnapshot = { region, snapshotId: info.SnapshotId ?? '' };
  assign(out, 'description', info.Description);
  assign(out, 'volumeId', info.VolumeId);
  assign(out, 'enteredAt', info.RecycleBinEnterTime?.toISOString());
  assign(out, 'exitsAt', info.RecycleBinExitTime?.toISOString());
  return out;
}

function toImageCriterion(c: SdkImageCriterion): ImageCriterion {
  const out: ImageCriterion = {};
  if (c.ImageProviders?.length) out.imageProviders = [...c.ImageProviders];
  if (c.MarketplaceProductCodes?.length)
    out.marketplaceProductCodes = [...c.MarketplaceProductCodes];
  if (c.ImageNames?.length) out.imageNames = [...c.ImageNames];
  assign(out, 'maximumDaysSinceCreated', c.CreationDateCondition?.MaximumDaysSinceCreated);
  assign(out, 'maximumDaysSinceDeprecated', c.DeprecationTimeCondition?.MaximumDaysSinceDeprecated);
  return out;
}

/** GetAllowedImagesSettings. */
export function toAllowedImagesSettings(
  result: GetAllowedImagesSettingsResult,
): AllowedImagesSettings {
  const out: AllowedImagesSettings = {
    state: result.State ?? 'disabled',
    criteria: (result.ImageCriteria ?? []).map(toImageCriterion),
  };
  assign(out, 'managedBy', result.ManagedBy);
  return out;
}

/** The request form of Allowed AMIs criteria (ReplaceImageCriteriaInAllowedImagesSettings). */
export function toImageCriterionRequests(
  criteria: readonly ImageCriterion[],
): ImageCriterionRequest[] {
  return criteria.map((c) => ({
    ...(c.imageProviders?.length ? { ImageProviders: [...c.imageProviders] } : {}),
    ...(c.marketplaceProductCodes?.length
      ? { MarketplaceProductCodes: [...c.marketplaceProductCodes] }
      : {}),
    ...(c.imageNames?.length ? { ImageNames: [...c.imageNames] } : {}),
    ...(c.maximumDaysSinceCreated !== undefined
      ? { CreationDateCondition: { MaximumDaysSinceCreated: c.maximumDaysSinceCreated } }
      : {}),
    ...(c.maximumDaysSinceDeprecated !== undefined
      ? { DeprecationTimeCondition: { MaximumDaysSinceDeprecated: c.maximumDaysSinceDeprecated } }
      : {}),
  }));
}

/** One DescribeInstanceImageMetadata entry. */
export function toInstanceImage(meta: InstanceImageMetadata): InstanceImage {
  const image = meta.ImageMetadata;
  const out: InstanceImage = { instanceId: meta.InstanceId ?? '', imageId: image?.ImageId ?? '' };
  assign(out, 'instanceState', meta.State?.Name);
  assign(out, 'name', image?.Name);
  assign(out, 'ownerId', image?.OwnerId);
  assign(out, 'ownerAlias', image?.ImageOwnerAlias);
  assign(out, 'state', image?.State);
  assign(out, 'creationDate', image?.CreationDate);
  assign(out, 'deprecationTime', image?.DeprecationTime);
  assign(out, 'imageAllowed', image?.ImageAllowed);
  assign(out, 'isPublic', image?.IsPublic);
  return out;
}

/** DeregisterImage's DeleteSnapshotResults (empty without DeleteAssociatedSnapshots). */
export function toSnapshotDeleteResults(
  results: DeleteSnapshotReturnCode[] | undefined,
): SnapshotDeleteResult[] {
  return (results ?? []).map((r) => ({
    snapshotId: r.SnapshotId ?? '',
    returnCode: r.ReturnCode ?? 'unknown',
  }));
}

/** Maps DescribeRegions' list; entries without a name are dropped. */
export function toRegionInfos(regions: Region[] | undefined): RegionInfo[] {
  return (regions ?? []).flatMap((r) =>
    r.RegionName
      ? [{ name: r.RegionName, ...(r.OptInStatus ? { optInStatus: r.OptInStatus } : {}) }]
      : [],
  );
}

/** Tags as CreateTags and TagSpecifications take them. */
export function toSdkTags(tags: readonly Tag[]): SdkTag[] {
  return tags.map((t) => ({ Key: t.key, Value: t.value }));
}

/** CreateImage input: NoReboot always explicit; tags on the image and on its snapshots. */
export function toCreateImageInput(request: CreateImageRequest): SdkCreateImageRequest {
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
export function toRegisterImageInput(request: RegisterImageRequest): SdkRegisterImageRequest {
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

function toSdkLaunchPermission(p: LaunchPermission): SdkLaunchPermission {
  return {
    ...(p.userId ? { UserId: p.userId } : {}),
    ...(p.group ? { Group: p.group } : {}),
    ...(p.organizationArn ? { OrganizationArn: p.organizationArn } : {}),
    ...(p.organizationalUnitArn ? { OrganizationalUnitArn: p.organizationalUnitArn } : {}),
  };
}

function toBackingType(value: string | undefined): BackingType {
  return value === 'instance-store' ? 'instance-store' : 'ebs';
}

function toTags(tags: SdkTag[] | undefined, strings?: PageStrings): Tag[] {
  if (!strings) return (tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
  return (tags ?? []).map((t) => ({
    key: strings.shared(t.Key ?? ''),
    value: strings.own(t.Value ?? ''),
  }));
}

function toBlockDevice(m: BlockDeviceMapping, { own, shared }: PageStrings): BlockDevice {
  const device: BlockDevice = { deviceName: shared(m.DeviceName ?? '') };
  assign(device, 'virtualName', shared(m.VirtualName));
  if (m.NoDevice !== undefined) device.noDevice = true;
  if (m.Ebs) {
    const ebs: NonNullable<BlockDevice['ebs']> = {};
    assign(ebs, 'snapshotId', own(m.Ebs.SnapshotId));
    assign(ebs, 'volumeSize', m.Ebs.VolumeSize);
    assign(ebs, 'volumeType', shared(m.Ebs.VolumeType));
    assign(ebs, 'iops', m.Ebs.Iops);
    assign(ebs, 'throughput', m.Ebs.Throughput);
    assign(ebs, 'encrypted', m.Ebs.Encrypted);
    assign(ebs, 'kmsKeyId', shared(m.Ebs.KmsKeyId));
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
