import { Ec2Error, unauthorizedOperation } from '../protocol/ec2Error';
import type { ActionContext } from './actionContext';
import { ownedImage } from './imageAccess';
import { ownedInstances } from './instanceAccess';
import { usableSnapshot } from './snapshotAccess';

/** The tag map of a resource the caller owns, found by id prefix (ami-, snap-, i-). */
export function ownedTags(ctx: ActionContext, resourceId: string): Map<string, string> {
  if (resourceId.startsWith('ami-')) {
    return ownedImage(ctx, resourceId).tags;
  }
  if (resourceId.startsWith('snap-')) {
    const snapshot = usableSnapshot(ctx, resourceId);
    if (snapshot.ownerId !== ctx.caller.account.accountId) {
      throw unauthorizedOperation();
    }
    return snapshot.tags;
  }
  if (resourceId.startsWith('i-')) {
    const [instance] = ownedInstances(ctx, [resourceId]);
    if (instance) {
      return instance.tags;
    }
  }
  throw new Ec2Error('InvalidID', `The ID '${resourceId}' is not valid`);
}
