import { Ec2Error } from '../protocol/ec2Error';
import { el, listEl } from '../protocol/xmlWriter';
import { isDeregistrationProtectedAt } from '../state/imageRecord';
import type { ActionHandler } from './actionContext';
import { ownedImage } from './imageAccess';
import { deleteOrRecycleSnapshot, deregisterOrRecycle } from './recycleBin';
import { imageUsingSnapshot } from './snapshotUsage';

/**
 * DeregisterImage: refused while deregistration protection (or its cooldown) is on. With
 * DeleteAssociatedSnapshots the image's snapshots are deleted too, each reported separately;
 * a snapshot another registered image still uses is skipped. Instances are never affected.
 * Under a Recycle Bin retention rule the image (and deleted snapshots) go to the Recycle Bin.
 */
export const deregisterImage: ActionHandler = (ctx) => {
  const { input, world, now } = ctx;
  const image = ownedImage(ctx, input.requiredString('ImageId'));
  if (isDeregistrationProtectedAt(image, now)) {
    throw new Ec2Error(
      'OperationNotPermitted',
      `Image ${image.imageId} has deregistration protection enabled. Disable it before deregistering the image.`,
    );
  }
  const deleteSnapshots = input.boolean('DeleteAssociatedSnapshots') ?? false;
  deregisterOrRecycle(ctx, image);
  if (!deleteSnapshots) {
    return [el('return', true)];
  }
  const results = image.blockDevices.flatMap((d) => {
    const snapshotId = d.ebs?.snapshotId;
    if (snapshotId === undefined) {
      return [];
    }
    const snapshot = world.store.snapshots.get(snapshotId);
    if (!snapshot) {
      return [{ snapshotId, returnCode: 'client-error' }];
    }
    if (snapshot.ownerId !== ctx.caller.account.accountId) {
      return [{ snapshotId, returnCode: 'missing-permissions' }];
    }
    if (imageUsingSnapshot(world, snapshotId)) {
      return [{ snapshotId, returnCode: 'skipped' }];
    }
    deleteOrRecycleSnapshot(ctx, snapshot);
    return [{ snapshotId, returnCode: 'success' }];
  });
  return [
    el('return', true),
    listEl('deleteSnapshotResultSet', results, (r) => [
      el('snapshotId', r.snapshotId),
      el('returnCode', r.returnCode),
    ]),
  ];
};
