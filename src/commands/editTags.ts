import type { Tag } from '../core/model/ami';
import { InputError } from '../core/model/errors';
import type { TagChanges } from '../core/model/tagChanges';
import { describeTagChanges, isEmptyTagChange } from '../core/model/tagChanges';
import { askTagForImages, editTagsInteractively } from '../ui/tagEditor';
import type { CommandDeps } from './commandDeps';
import { applyToImages, imageTargets } from './imageActions';

/**
 * Input given instead of asking (tests, other commands): the same change for every target AMI.
 */
export interface EditTagsInput {
  set?: Tag[];
  remove?: string[];
  includeSnapshots?: boolean;
}

const TITLE = 'Manage Tags';

/**
 * `amiExplorer.image.editTags`: on one AMI, the tag editor (add, change, remove; optionally on its
 * snapshots); on a multi-selection, "Add tag to N AMIs". One CreateTags and at most one DeleteTags
 * per AMI, then the AMI is read again and its row and open documents updated.
 */
export async function editTags(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
  input?: EditTagsInput,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: TITLE,
    capability: 'canEditTags',
    multi: true,
  });
  let changes: TagChanges;
  let includeSnapshots: boolean;
  if (input) {
    changes = { set: input.set ?? [], remove: input.remove ?? [] };
    includeSnapshots = input.includeSnapshots ?? false;
  } else if (targets.length === 1) {
    ({ changes, includeSnapshots } = await editTagsInteractively(targets[0].ami));
  } else {
    const asked = await askTagForImages(targets.length);
    changes = { set: [asked.tag], remove: [] };
    includeSnapshots = asked.includeSnapshots;
  }
  if (isEmptyTagChange(changes)) throw new InputError('No tag changes to apply.');
  await applyToImages(deps, {
    title: targets.length === 1 ? TITLE : `Tag ${targets.length} AMIs`,
    targets,
    capability: 'canEditTags',
    skipReason: 'only the owner can tag an AMI',
    apply: async (target, signal) => {
      const result = await deps.lifecycle.changeTags(target.ami, changes, includeSnapshots, signal);
      const snapshots = result.resourceIds.length - 1;
      return {
        image: result.image,
        detail: `${describeTagChanges(changes)}${snapshots > 0 ? ` (also on ${snapshots} snapshot${snapshots === 1 ? '' : 's'}: ${result.resourceIds.slice(1).join(', ')})` : ''}.`,
      };
    },
  });
}
