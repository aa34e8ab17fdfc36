import { compileFilters, readFilters } from '../filters/filterSet';
import { snapshotFilterDefinition } from '../filters/snapshotFilters';
import { listEl, optionalEl } from '../protocol/xmlWriter';
import type { SnapshotRecord } from '../state/snapshotRecord';
import { snapshotXml } from '../views/snapshotXml';
import type { ActionHandler } from './actionContext';
import { isAccountId, malformedUserId } from './ownerAndUserIds';
import { readPageRequest, takePage } from './pagination';
import { usableSnapshot } from './snapshotAccess';

/**
 * DescribeSnapshots: snapshots the caller can restore (own and public), scoped by OwnerIds,
 * RestorableByUserIds, SnapshotIds and Filters, paged like DescribeImages.
 */
export const describeSnapshots: ActionHandler = (ctx) => {
  const { input, world, now } = ctx;
  const me = ctx.caller.account.accountId;
  const snapshotIds = input.stringList('SnapshotId');
  const owners = input.stringList('Owner');
  const restorableBy = input.stringList('RestorableBy');
  const page = readPageRequest(input, 'DescribeSnapshots', 'SnapshotId');
  const matches = compileFilters(
    readFilters(input),
    snapshotFilterDefinition(now, (id) => world.accounts.aliasOf(id)),
  );
  const ownerIds = new Set<string>();
  for (const owner of owners) {
    if (owner === 'self') {
      ownerIds.add(me);
    } else if (owner === 'amazon') {
      world.accounts.accountIdsForAlias('amazon').forEach((id) => ownerIds.add(id));
    } else if (isAccountId(owner)) {
      ownerIds.add(owner);
    } else {
      throw malformedUserId(owner);
    }
  }
  for (const user of restorableBy) {
    if (user !== 'self' && user !== 'all' && !isAccountId(user)) {
      throw malformedUserId(user);
    }
  }
  const source: readonly SnapshotRecord[] =
    snapshotIds.length > 0
      ? snapshotIds
          .map((id) => usableSnapshot(ctx, id))
          .sort((a, b) => (a.snapshotId < b.snapshotId ? -1 : 1))
      : world.store.snapshotsIn(ctx.region);
  const accept = (s: SnapshotRecord): boolean =>
    (s.ownerId === me || s.public) &&
    (ownerIds.size === 0 || ownerIds.has(s.ownerId)) &&
    (restorableBy.length === 0 ||
      restorableBy.some((u) =>
        u === 'all' ? s.public : u === 'self' || u === me ? s.ownerId === me || s.public : s.public,
      )) &&
    matches(s);
  const { items, nextToken } = takePage(
    source,
    (s) => s.snapshotId,
    accept,
    page,
    'DescribeSnapshots',
  );
  return [
    listEl('snapshotSet', items, (s) => snapshotXml(s, now, world.accounts.aliasOf(s.ownerId))),
    optionalEl('nextToken', nextToken),
  ];
};
