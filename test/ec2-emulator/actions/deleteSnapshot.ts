import { Ec2Error, unauthorizedOperation } from '../protocol/ec2Error';
import type { ActionHandler } from './actionContext';
import { returnTrue } from './booleanReturn';
import { deleteOrRecycleSnapshot } from './recycleBin';
import { usableSnapshot } from './snapshotAccess';
import { imageUsingSnapshot } from './snapshotUsage';

/** DeleteSnapshot: refused with InvalidSnapshot.InUse while a registered image uses the snapshot. */
export const deleteSnapshot: ActionHandler = (ctx) => {
  const snapshot = usableSnapshot(ctx, ctx.input.requiredString('SnapshotId'));
  if (snapshot.ownerId !== ctx.caller.account.accountId) {
    throw unauthorizedOperation();
  }
  const user = imageUsingSnapshot(ctx.world, snapshot.snapshotId);
  if (user) {
    throw new Ec2Error(
      'InvalidSnapshot.InUse',
      `The snapshot ${snapshot.snapshotId} is currently in use by ${user.imageId}`,
    );
  }
  deleteOrRecycleSnapshot(ctx, snapshot);
  return returnTrue();
};
