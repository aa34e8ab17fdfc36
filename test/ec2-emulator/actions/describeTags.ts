import { compileFilters, readFilters } from '../filters/filterSet';
import { el, listEl, optionalEl } from '../protocol/xmlWriter';
import type { ActionHandler } from './actionContext';
import { readPageRequest, takePage } from './pagination';

/** One row of DescribeTags. */
interface TagRow {
  readonly sortKey: string;
  readonly resourceId: string;
  readonly resourceType: 'image' | 'snapshot' | 'instance';
  readonly key: string;
  readonly value: string;
}

/** DescribeTags: tags on the caller's images, snapshots and instances in the region. */
export const describeTags: ActionHandler = (ctx) => {
  const { input, world } = ctx;
  const me = ctx.caller.account.accountId;
  const page = readPageRequest(input, 'DescribeTags', undefined);
  const matches = compileFilters<TagRow>(readFilters(input), {
    accessors: {
      key: (r) => r.key,
      'resource-id': (r) => r.resourceId,
      'resource-type': (r) => r.resourceType,
      value: (r) => r.value,
    },
  });
  const rows: TagRow[] = [];
  const add = (
    resourceId: string,
    resourceType: TagRow['resourceType'],
    tags: ReadonlyMap<string, string>,
  ) => {
    for (const [key, value] of tags) {
      rows.push({ sortKey: `${resourceId}\u0000${key}`, resourceId, resourceType, key, value });
    }
  };
  world.store
    .imagesIn(ctx.region)
    .forEach((i) => i.ownerId === me && add(i.imageId, 'image', i.tags));
  world.store
    .snapshotsIn(ctx.region)
    .forEach((s) => s.ownerId === me && add(s.snapshotId, 'snapshot', s.tags));
  world.store
    .instancesIn(ctx.region)
    .forEach((i) => i.ownerId === me && add(i.instanceId, 'instance', i.tags));
  rows.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  const { items, nextToken } = takePage(rows, (r) => r.sortKey, matches, page, 'DescribeTags');
  return [
    listEl('tagSet', items, (r) => [
      el('resourceId', r.resourceId),
      el('resourceType', r.resourceType),
      el('key', r.key),
      el('value', r.value),
    ]),
    optionalEl('nextToken', nextToken),
  ];
};
