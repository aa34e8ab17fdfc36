import type { ImageRecord } from '../state/imageRecord';
import { imageStateAt, isPublic } from '../state/imageRecord';
import { isoTime } from '../views/isoTime';
import type { FilterDefinition } from './filterSet';

/** The DescribeImages filters from the EC2 API reference that the emulator models. */
export function imageFilterDefinition(
  now: number,
  aliasOf: (accountId: string) => string | undefined,
): FilterDefinition<ImageRecord> {
  const ebs = (image: ImageRecord) => image.blockDevices.flatMap((d) => (d.ebs ? [d.ebs] : []));
  return {
    tagsOf: (image) => image.tags,
    accessors: {
      architecture: (i) => i.architecture,
      'block-device-mapping.delete-on-termination': (i) =>
        ebs(i).map((e) => String(e.deleteOnTermination)),
      'block-device-mapping.device-name': (i) => i.blockDevices.map((d) => d.deviceName),
      'block-device-mapping.snapshot-id': (i) =>
        ebs(i).flatMap((e) => (e.snapshotId ? [e.snapshotId] : [])),
      'block-device-mapping.volume-size': (i) => ebs(i).map((e) => String(e.volumeSize)),
      'block-device-mapping.volume-type': (i) => ebs(i).map((e) => e.volumeType),
      'block-device-mapping.encrypted': (i) => ebs(i).map((e) => String(e.encrypted)),
      'creation-date': (i) => isoTime(i.createdAt),
      'deprecation-time': (i) => (i.deprecateAt === undefined ? undefined : isoTime(i.deprecateAt)),
      description: (i) => i.description,
      'ena-support': (i) => String(i.enaSupport),
      hypervisor: () => 'xen',
      'image-id': (i) => i.imageId,
      'image-type': () => 'machine',
      'imds-support': (i) => i.imdsSupport,
      'is-public': (i) => String(isPublic(i)),
      'kernel-id': (i) => i.kernelId,
      'manifest-location': (i) => i.imageLocation,
      name: (i) => i.name,
      'owner-alias': (i) => aliasOf(i.ownerId),
      'owner-id': (i) => i.ownerId,
      platform: (i) => i.platform,
      'platform-details': (i) => i.platformDetails,
      'product-code': (i) => i.productCodes.map((p) => p.id),
      'product-code.type': (i) => i.productCodes.map((p) => p.type),
      'ramdisk-id': (i) => i.ramdiskId,
      'root-device-name': (i) => i.rootDeviceName,
      'root-device-type': (i) => i.rootDeviceType,
      'source-image-id': (i) => i.sourceImageId,
      'source-image-region': (i) => i.sourceImageRegion,
      'source-instance-id': (i) => i.sourceInstanceId,
      'sriov-net-support': (i) => i.sriovNetSupport,
      state: (i) => imageStateAt(i, now),
      'state-reason-code': (i) =>
        imageStateAt(i, now) === 'failed' ? i.failureReason?.code : undefined,
      'state-reason-message': (i) =>
        imageStateAt(i, now) === 'failed' ? i.failureReason?.message : undefined,
      'usage-operation': (i) => i.usageOperation,
      'virtualization-type': (i) => i.virtualizationType,
    },
  };
}
