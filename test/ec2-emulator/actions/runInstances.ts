import { Ec2Error, invalidParameterValue, missingParameter } from '../protocol/ec2Error';
import { imageStateAt } from '../state/imageRecord';
import { defaultEbsKeyArn } from '../state/kmsKeys';
import { addInstance } from '../state/resourceFactory';
import { reservationXml } from '../views/reservationXml';
import type { ActionHandler } from './actionContext';
import { visibleImage } from './imageAccess';
import { readTagSpecifications } from './tagInput';

/** The emulator's per-call cap; EC2's real limit depends on account quotas. */
const maxInstancesPerCall = 20;

/**
 * RunInstances from an available image the caller may launch: MaxCount instances start `pending`
 * and become `running` after the transition delay; the image's lastLaunchedTime is updated.
 */
export const runInstances: ActionHandler = (ctx) => {
  const { input, world, now } = ctx;
  const imageId = input.requiredString('ImageId');
  const minCount = input.integer('MinCount');
  const maxCount = input.integer('MaxCount');
  if (minCount === undefined) {
    throw missingParameter('MinCount');
  }
  if (maxCount === undefined) {
    throw missingParameter('MaxCount');
  }
  if (minCount < 1 || maxCount < minCount) {
    throw invalidParameterValue('MinCount must be at least 1 and not greater than MaxCount.');
  }
  const image = visibleImage(ctx, imageId);
  if (imageStateAt(image, now) !== 'available') {
    throw new Ec2Error(
      'InvalidAMIID.Unavailable',
      `Image ${imageId} is not in the available state.`,
    );
  }
  const tags = readTagSpecifications(input, ['instance', 'volume']);
  const me = ctx.caller.account.accountId;
  const reservationId = world.ids.next('r');
  const count = Math.min(maxCount, maxInstancesPerCall);
  const instances = Array.from({ length: count }, (_, n) =>
    addInstance(world, {
      region: ctx.region,
      ownerId: me,
      image,
      instanceType: input.string('InstanceType') ?? 'm1.small',
      state: 'pending',
      transition: { to: 'running', at: now + world.settings.instanceTransitionMs },
      launchedAt: now,
      reservationId,
      amiLaunchIndex: n,
      keyName: input.string('KeyName'),
      clientToken: input.string('ClientToken'),
      tags: tags.get('instance'),
      // Volumes restored from an encrypted snapshot keep its key; unencrypted ones stay unencrypted
      // unless the mapping asks for encryption (then the default EBS key).
      kmsKeyFor: () =>
        input.string('BlockDeviceMapping.1.Ebs.Encrypted') === 'true'
          ? defaultEbsKeyArn(me, ctx.region)
          : undefined,
    }),
  );
  image.lastLaunchedAt = now;
  return reservationXml(instances);
};
