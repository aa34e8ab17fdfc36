import { Ec2Error } from '../protocol/ec2Error';
import type { InstanceRecord } from '../state/instanceRecord';
import { settleInstance } from '../state/instanceRecord';
import type { ActionContext } from './actionContext';

const instanceIdPattern = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/**
 * The caller's instances with these ids in the caller's region, settled at `now`; EC2's
 * InvalidInstanceID.Malformed / NotFound otherwise (listing every missing id, as EC2 does).
 */
export function ownedInstances(
  ctx: ActionContext,
  instanceIds: readonly string[],
): InstanceRecord[] {
  for (const id of instanceIds) {
    if (!instanceIdPattern.test(id)) {
      throw new Ec2Error('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
    }
  }
  const found: InstanceRecord[] = [];
  const missing: string[] = [];
  for (const id of instanceIds) {
    const instance = ctx.world.store.instances.get(id);
    if (
      instance &&
      instance.region === ctx.region &&
      instance.ownerId === ctx.caller.account.accountId
    ) {
      found.push(settleInstance(instance, ctx.now));
    } else {
      missing.push(id);
    }
  }
  if (missing.length > 0) {
    throw new Ec2Error(
      'InvalidInstanceID.NotFound',
      missing.length > 1
        ? `The instance IDs '${missing.join(', ')}' do not exist`
        : `The instance ID '${missing[0] ?? ''}' does not exist`,
    );
  }
  return found;
}
