import { amiDisplayName } from '../core/model/ami';
import { validateDescription } from '../core/model/imageInputs';
import { applyToImages } from '../ui/applyToImages';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

const TITLE = l10n.t('Edit Description');

/**
 * `amiExplorer.image.editDescription`: an input prefilled with the current description, validated
 * as you type (at most 255 characters), then ModifyImageAttribute Description.Value. Acts on the
 * clicked AMI only: one description rarely fits several AMIs.
 */
export async function editDescription(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: TITLE,
    capability: 'editDescription',
    many: false,
  });
  const ami = targets[0].ami;
  const description = await deps.ui.text({
    title: `${TITLE}: ${amiDisplayName(ami)} (${ami.imageId})`,
    prompt: l10n.t('Description (up to 255 characters; empty clears it)'),
    value: ami.description ?? '',
    validate: validateDescription,
  });
  if (description === (ami.description ?? '')) return;
  await applyToImages(deps, {
    title: TITLE,
    targets,
    capability: 'editDescription',
    apply: async (target, signal) => ({
      image: await deps.lifecycle.setDescription(
        target.ami.region,
        target.ami.imageId,
        description,
        signal,
      ),
      detail:
        description.length > 0
          ? l10n.t('description set to "{0}".', description)
          : l10n.t('description cleared.'),
    }),
  });
}
