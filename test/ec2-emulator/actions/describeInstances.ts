import { compileFilters, readFilters } from '../filters/filterSet';
import { instanceFilterDefinition } from '../filters/instanceFilters';
import { optionalEl } from '../protocol/xmlWriter';
import type { InstanceRecord } from '../state/instanceRecord';
import { settleInstance } from '../state/instanceRecord';
import { reservationSetXml } from '../views/reservationXml';
import type { ActionHandler } from './actionContext';
import { ownedInstances } from './instanceAccess';
import { readPageRequest, takePage } from './pagination';

/** DescribeInstances: the caller's instances in the region, filtered and paged by instance. */
export const describeInstances: ActionHandler = (ctx) => {
  const { input, world, now } = ctx;
  const instanceIds = input.stringList('InstanceId');
  const page = readPageRequest(input, 'DescribeInstances', 'InstanceId');
  const matches = compileFilters(readFilters(input), instanceFilterDefinition);
  const me = ctx.caller.account.accountId;
  const source: readonly InstanceRecord[] =
    instanceIds.length > 0
      ? ownedInstances(ctx, instanceIds).sort((a, b) => (a.instanceId < b.instanceId ? -1 : 1))
      : world.store.instancesIn(ctx.region);
  const { items, nextToken } = takePage(
    source,
    (i) => i.instanceId,
    (i) => i.ownerId === me && matches(settleInstance(i, now)),
    page,
    'DescribeInstances',
  );
  return [reservationSetXml(items), optionalEl('nextToken', nextToken)];
};
