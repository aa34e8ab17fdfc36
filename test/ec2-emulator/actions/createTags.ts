import { requireNonEmpty } from '../protocol/queryInput';
import type { ActionHandler } from './actionContext';
import { returnTrue } from './booleanReturn';
import { applyTags, readTags } from './tagInput';
import { ownedTags } from './taggableResource';

/** CreateTags: adds or overwrites tags on the caller's images, snapshots and instances. */
export const createTags: ActionHandler = (ctx) => {
  const resourceIds = requireNonEmpty(ctx.input.stringList('ResourceId'), 'ResourceId');
  const tags = requireNonEmpty(readTags(ctx.input), 'Tag');
  // Validate every resource before changing any, so a bad id leaves nothing half-tagged.
  const targets = resourceIds.map((id) => ownedTags(ctx, id));
  targets.forEach((target) => applyTags(target, tags));
  return returnTrue();
};
