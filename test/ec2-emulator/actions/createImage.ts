import { Ec2Error, invalidParameterValue } from '../protocol/ec2Error';
import { el } from '../protocol/xmlWriter';
import { addEbsImage } from '../state/resourceFactory';
import type { ActionHandler } from './actionContext';
import { assertImageNameUsable } from './imageNameRules';
import { ownedInstances } from './instanceAccess';
import { newImageTiming } from './newImageTiming';
import { readTagSpecifications } from './tagInput';

/**
 * CreateImage: an EBS-backed AMI from an EBS-backed instance (running or stopped). Every attached
 * EBS volume is snapshotted with its own encryption and key, except devices mapped to NoDevice.
 */
export const createImage: ActionHandler = (ctx) => {
  const { input, world, now } = ctx;
  const instanceId = input.requiredString('InstanceId');
  const name = input.requiredString('Name');
  const [instance] = ownedInstances(ctx, [instanceId]);
  if (!instance) {
    throw new Ec2Error(
      'InvalidInstanceID.NotFound',
      `The instance ID '${instanceId}' does not exist`,
    );
  }
  if (instance.rootDeviceType !== 'ebs') {
    throw invalidParameterValue(
      `The instance '${instanceId}' is not an EBS-backed instance; CreateImage requires one.`,
    );
  }
  if (instance.state !== 'running' && instance.state !== 'stopped') {
    throw new Ec2Error(
      'IncorrectInstanceState',
      `The instance '${instanceId}' is not in a state from which it can be imaged.`,
    );
  }
  const me = ctx.caller.account.accountId;
  assertImageNameUsable(world, name, me, ctx.region);
  const tags = readTagSpecifications(input, ['image', 'snapshot']);
  const excluded = new Set(
    input
      .structList('BlockDeviceMapping')
      .filter((m) => m.has('NoDevice'))
      .map((m) => m.requiredString('DeviceName')),
  );
  const source = world.store.images.get(instance.imageId);
  const timing = newImageTiming(ctx);
  const image = addEbsImage(world, {
    region: ctx.region,
    ownerId: me,
    name,
    description: input.string('Description'),
    architecture: instance.architecture,
    platform: instance.platform,
    rootDeviceName: instance.rootDeviceName,
    virtualizationType: instance.virtualizationType,
    bootMode: source?.bootMode,
    imdsSupport: source?.imdsSupport,
    tpmSupport: source?.tpmSupport,
    createdAt: now,
    readyAt: timing.readyAt,
    outcome: timing.outcome,
    failureReason: timing.failureReason,
    snapshotOutcome: timing.outcome === 'failed' ? 'error' : 'completed',
    sourceInstanceId: instance.instanceId,
    tags: tags.get('image'),
    snapshotTags: tags.get('snapshot'),
    snapshotDescription: (imageId) =>
      `Created by CreateImage(${instance.instanceId}) for ${imageId}`,
    volumes: instance.volumes
      .filter((v) => !excluded.has(v.deviceName))
      .map((v) => ({
        deviceName: v.deviceName,
        sizeGiB: v.sizeGiB,
        volumeType: v.volumeType,
        encrypted: v.encrypted,
        kmsKeyId: v.kmsKeyId,
        deleteOnTermination: v.deleteOnTermination,
      })),
  });
  return [el('imageId', image.imageId)];
};
