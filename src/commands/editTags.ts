import { InputError } from '../core/model/errors';
import type { TagChanges } from '../core/model/tagChanges';
import { describeTagChanges, isEmptyTagChange } from '../core/model/tagChanges';
import { askTagForImages, editTagsInteractively } from '../ui/tagEditor';
import { applyToImages } from '../ui/applyToImages';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

const TITLE = l10n.t('Manage Tags');

/**
 * `amiExplorer.image.editTags`: on one AMI, the tag editor (add, change, remove; optionally on its
 * snapshots); on a multi-selection, "Add tag to N AMIs". One CreateTags and at most one DeleteTags
 * per AMI, then the AMI is read again and its row and open documents updated.
 */
export async function editTags(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: TITLE,
    capability: 'editTags',
    many: true,
  });
  let changes: TagChanges;
  let includeSnapshots: boolean;
  const [only] = targets;
  if (targets.length === 1 && only) {
    ({ changes, includeSnapshots } = await editTagsInteractively(deps.ui, only.ami));
  } else {
    const asked = await askTagForImages(deps.ui, targets.length);
    changes = { set: [asked.tag], remove: [] };
    includeSnapshots = asked.includeSnapshots;
  }
  if (isEmptyTagChange(changes)) throw new InputError(l10n.t('No tag changes to apply.'));
  await applyToImages(deps, {
    title: targets.length === 1 ? TITLE : l10n.t('Tag {0} AMIs', targets.length),
    targets,
    capability: 'editTags',
    apply: async (target, signal) => {
      const result = await deps.lifecycle.changeTags(target.ami, changes, includeSnapshots, signal);
      const snapshots = result.resourceIds.length - 1;
      return {
        image: result.image,
        detail: `${describeTagChanges(changes)}${snapshots > 0 ? (snapshots === 1 ? l10n.t(' (also on {0} snapshot: {1})', snapshots, result.resourceIds.slice(1).join(', ')) : l10n.t(' (also on {0} snapshots: {1})', snapshots, result.resourceIds.slice(1).join(', '))) : ''}.`,
      };
    },
  });
}
