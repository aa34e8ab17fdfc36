import { Ec2Error, invalidParameterCombination, invalidParameterValue } from '../protocol/ec2Error';
import { el } from '../protocol/xmlWriter';
import { imageStateAt } from '../state/imageRecord';
import type { ImageRecord } from '../state/imageRecord';
import { defaultEbsKeyArn, resolveKmsKey } from '../state/kmsKeys';
import { addEbsImage, addInstanceStoreImage } from '../state/resourceFactory';
import type { ActionHandler } from './actionContext';
import { assertImageIdWellFormed, canLaunch, imageNotFound } from './imageAccess';
import { assertImageNameUsable } from './imageNameRules';
import { newImageTiming } from './newImageTiming';
import { readTagSpecifications } from './tagInput';

/**
 * CopyImage, called in the destination region. EBS copies get new snapshots in the destination:
 * an encrypted source stays encrypted, `Encrypted` encrypts on copy, and `KmsKeyId` (which must be
 * a key of the destination region) chooses the key; otherwise the destination's default EBS key.
 * Instance-store sources are allowed (not encryptable). `ClientToken` makes retries idempotent.
 */
export const copyImage: ActionHandler = (ctx) => {
  const { input, world, now } = ctx;
  const me = ctx.caller.account.accountId;
  const sourceImageId = input.requiredString('SourceImageId');
  const sourceRegion = input.requiredString('SourceRegion');
  const name = input.requiredString('Name');
  const encrypted = input.boolean('Encrypted') ?? false;
  const kmsKeyInput = input.string('KmsKeyId');
  const copyTags = input.boolean('CopyImageTags') ?? false;
  const clientToken = input.string('ClientToken');
  const description = input.string('Description');
  const tagSpecs = readTagSpecifications(input, ['image', 'snapshot']);

  if (clientToken !== undefined) {
    const fingerprint = JSON.stringify(
      input
        .keys()
        .filter((k) => k !== 'ClientToken' && k !== 'Action' && k !== 'Version')
        .sort()
        .map((k) => [k, input.string(k)]),
    );
    const previous = world.store.copyTokens.get(`${me}|${ctx.region}|${clientToken}`);
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        throw new Ec2Error(
          'IdempotentParameterMismatch',
          'The client token you have provided is associated with a resource that is already deleted or has different parameters.',
        );
      }
      return [el('imageId', previous.imageId)];
    }
    const imageId = doCopy();
    world.store.copyTokens.set(`${me}|${ctx.region}|${clientToken}`, { imageId, fingerprint });
    return [el('imageId', imageId)];
  }
  return [el('imageId', doCopy())];

  function doCopy(): string {
    if (
      !world.regions.get(sourceRegion) ||
      world.regions.get(sourceRegion)?.optInStatus === 'not-opted-in'
    ) {
      throw invalidParameterValue(`Invalid source region: ${sourceRegion}`);
    }
    assertImageIdWellFormed(sourceImageId);
    const source = world.store.images.get(sourceImageId);
    if (!source || source.region !== sourceRegion || !canLaunch(source, ctx.caller.account)) {
      throw imageNotFound([sourceImageId]);
    }
    if (imageStateAt(source, now) !== 'available') {
      throw new Ec2Error(
        'InvalidAMIID.Unavailable',
        `Image ${sourceImageId} is not in the available state.`,
      );
    }
    if (kmsKeyInput !== undefined && !encrypted) {
      throw invalidParameterCombination('KmsKeyId can only be specified when Encrypted is true.');
    }
    if (encrypted && source.rootDeviceType === 'instance-store') {
      throw invalidParameterCombination(
        'Encryption is not supported for instance store-backed AMIs.',
      );
    }
    assertImageNameUsable(world, name, me, ctx.region);
    const requestedKey =
      kmsKeyInput === undefined ? undefined : resolveKmsKey(kmsKeyInput, me, ctx.region);
    const timing = newImageTiming(ctx);
    const imageTags = {
      ...(copyTags && source.ownerId === me ? Object.fromEntries(source.tags) : {}),
      ...tagSpecs.get('image'),
    };
    const common = {
      region: ctx.region,
      ownerId: me,
      name,
      description: description ?? `[Copied ${source.imageId} from ${sourceRegion}] ${source.name}`,
      architecture: source.architecture,
      platform: source.platform,
      rootDeviceName: source.rootDeviceName,
      virtualizationType: source.virtualizationType,
      bootMode: source.bootMode,
      imdsSupport: source.imdsSupport,
      tpmSupport: source.tpmSupport,
      enaSupport: source.enaSupport,
      sriovNetSupport: source.sriovNetSupport,
      kernelId: source.kernelId,
      ramdiskId: source.ramdiskId,
      createdAt: now,
      readyAt: timing.readyAt,
      outcome: timing.outcome,
      failureReason: timing.failureReason,
      sourceImageId: source.imageId,
      sourceImageRegion: sourceRegion,
      tags: imageTags,
    };
    if (source.rootDeviceType === 'instance-store') {
      return addInstanceStoreImage(world, {
        ...common,
        imageLocation: source.imageLocation,
        ephemeralCount: source.blockDevices.filter((d) => d.virtualName).length,
      }).imageId;
    }
    return addEbsImage(world, {
      ...common,
      snapshotOutcome: timing.outcome === 'failed' ? 'error' : 'completed',
      snapshotTags: tagSpecs.get('snapshot'),
      snapshotDescription: (imageId) =>
        `Copied for DestinationAmi ${imageId} from SourceAmi ${source.imageId} for SourceSnapshot ${sourceSnapshotIds(source).join(', ')}. Task created on ${new Date(now).toISOString()}.`,
      volumes: source.blockDevices.flatMap((d) => {
        if (!d.ebs) {
          return [];
        }
        const snapshot = d.ebs.snapshotId ? world.store.snapshots.get(d.ebs.snapshotId) : undefined;
        const encryptCopy = encrypted || d.ebs.encrypted || snapshot?.encrypted === true;
        return [
          {
            deviceName: d.deviceName,
            sizeGiB: d.ebs.volumeSize,
            volumeType: d.ebs.volumeType,
            deleteOnTermination: d.ebs.deleteOnTermination,
            encrypted: encryptCopy,
            // KMS keys are regional: a copy cannot keep the source region's key.
            kmsKeyId: encryptCopy ? (requestedKey ?? defaultEbsKeyArn(me, ctx.region)) : undefined,
          },
        ];
      }),
    }).imageId;
  }
};

function sourceSnapshotIds(image: ImageRecord): string[] {
  return image.blockDevices.flatMap((d) => (d.ebs?.snapshotId ? [d.ebs.snapshotId] : []));
}
