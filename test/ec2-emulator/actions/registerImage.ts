import { invalidParameterValue, missingParameter } from '../protocol/ec2Error';
import { el } from '../protocol/xmlWriter';
import type { ImageBlockDevice } from '../state/imageRecord';
import { addImageWithMappings } from '../state/resourceFactory';
import type { ActionHandler } from './actionContext';
import { assertImageNameUsable } from './imageNameRules';
import { newImageTiming } from './newImageTiming';
import { usableSnapshot } from './snapshotAccess';
import { readTagSpecifications } from './tagInput';

/**
 * RegisterImage. With `ImageLocation` (an S3 manifest) it registers an instance-store image; with
 * block-device mappings whose root device has a snapshot it registers an EBS image. Each EBS
 * volume's encryption and KMS key come from its snapshot, as in EC2.
 */
export const registerImage: ActionHandler = (ctx) => {
  const { input, world, now } = ctx;
  const me = ctx.caller.account.accountId;
  const name = input.requiredString('Name');
  const imageLocation = input.string('ImageLocation');
  const rootDeviceName = input.string('RootDeviceName');
  const mappings = input.structList('BlockDeviceMapping');
  const tags = readTagSpecifications(input, ['image']);
  if (imageLocation === undefined && mappings.length === 0) {
    throw missingParameter('ImageLocation');
  }
  assertImageNameUsable(world, name, me, ctx.region);
  const blockDevices: ImageBlockDevice[] = mappings.map((m) => {
    const deviceName = m.requiredString('DeviceName');
    if (m.has('NoDevice')) {
      return { deviceName, noDevice: true };
    }
    const virtualName = m.string('VirtualName');
    if (virtualName !== undefined) {
      return { deviceName, virtualName };
    }
    const ebs = m.scope('Ebs');
    const snapshotId = ebs.string('SnapshotId');
    const snapshot = snapshotId === undefined ? undefined : usableSnapshot(ctx, snapshotId);
    const requestedSize = ebs.integer('VolumeSize');
    const volumeSize = requestedSize ?? snapshot?.volumeSize;
    if (volumeSize === undefined) {
      throw missingParameter(`BlockDeviceMapping.Ebs.VolumeSize for ${deviceName}`);
    }
    if (snapshot && volumeSize < snapshot.volumeSize) {
      throw invalidParameterValue(
        `Volume of size ${volumeSize}GB is smaller than snapshot '${snapshot.snapshotId}', expect size >= ${snapshot.volumeSize}GB`,
      );
    }
    const volumeType = ebs.string('VolumeType') ?? 'gp2';
    return {
      deviceName,
      ebs: {
        snapshotId: snapshot?.snapshotId,
        volumeSize,
        volumeType,
        deleteOnTermination: ebs.boolean('DeleteOnTermination') ?? true,
        // The volume is encrypted exactly when its snapshot is; the key is the snapshot's.
        encrypted: snapshot?.encrypted ?? ebs.boolean('Encrypted') ?? false,
        iops: ebs.integer('Iops') ?? (volumeType === 'gp3' ? 3000 : undefined),
        throughput: ebs.integer('Throughput') ?? (volumeType === 'gp3' ? 125 : undefined),
      },
    };
  });
  const timing = newImageTiming(ctx);
  const common = {
    region: ctx.region,
    ownerId: me,
    name,
    description: input.string('Description'),
    kernelId: input.string('KernelId'),
    ramdiskId: input.string('RamdiskId'),
    bootMode: input.string('BootMode'),
    tpmSupport: input.string('TpmSupport'),
    imdsSupport: input.string('ImdsSupport'),
    enaSupport: input.boolean('EnaSupport') ?? false,
    sriovNetSupport: input.string('SriovNetSupport'),
    createdAt: now,
    readyAt: timing.readyAt,
    outcome: timing.outcome,
    failureReason: timing.failureReason,
    tags: tags.get('image'),
  };
  const virtualizationType = input.string('VirtualizationType') ?? 'paravirtual';
  if (virtualizationType !== 'hvm' && virtualizationType !== 'paravirtual') {
    throw invalidParameterValue(
      `Value (${virtualizationType}) for parameter virtualizationType is invalid.`,
    );
  }
  if (imageLocation !== undefined) {
    if (!/^[^/\s]+\/.+/.test(imageLocation)) {
      throw invalidParameterValue(`Invalid manifest location: ${imageLocation}`);
    }
    const image = addImageWithMappings(world, {
      ...common,
      architecture: input.string('Architecture') ?? 'x86_64',
      rootDeviceType: 'instance-store',
      rootDeviceName: rootDeviceName ?? '/dev/sda1',
      virtualizationType,
      imageLocation,
      blockDevices,
    });
    return [el('imageId', image.imageId)];
  }
  if (rootDeviceName === undefined) {
    throw missingParameter('RootDeviceName');
  }
  const root = blockDevices.find((d) => d.deviceName === rootDeviceName);
  if (!root?.ebs?.snapshotId) {
    throw invalidParameterValue(
      `The root device ${rootDeviceName} must be mapped to an EBS snapshot.`,
    );
  }
  const image = addImageWithMappings(world, {
    ...common,
    // EC2's documented default architecture for EBS registrations is i386.
    architecture: input.string('Architecture') ?? 'i386',
    rootDeviceType: 'ebs',
    rootDeviceName,
    virtualizationType,
    imageLocation: `${me}/${name}`,
    blockDevices,
  });
  return [el('imageId', image.imageId)];
};
