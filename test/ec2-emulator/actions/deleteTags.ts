import { requireNonEmpty } from '../protocol/queryInput';
import type { ActionHandler } from './actionContext';
import { returnTrue } from './booleanReturn';
import { ownedTags } from './taggableResource';

/**
 * DeleteTags: removes the named tags (only when the value matches, if a value is given); with no
 * Tag parameter at all, removes every tag of the resources, as EC2 does.
 */
export const deleteTags: ActionHandler = (ctx) => {
  const resourceIds = requireNonEmpty(ctx.input.stringList('ResourceId'), 'ResourceId');
  const tags = ctx.input
    .structList('Tag')
    .map((t) => ({ key: t.string('Key') ?? '', value: t.string('Value') }));
  const targets = resourceIds.map((id) => ownedTags(ctx, id));
  for (const target of targets) {
    if (tags.length === 0) {
      target.clear();
      continue;
    }
    for (const { key, value } of tags) {
      if (value === undefined || target.get(key) === value) {
        target.delete(key);
      }
    }
  }
  return returnTrue();
};
