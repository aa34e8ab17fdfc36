import { applyToImages } from '../ui/applyToImages';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

const TITLE = l10n.t('Enable AMI');

/**
 * `amiExplorer.image.enable`: EnableImage for each AMI, reminding that the launch permissions
 * DisableImage removed are not restored.
 */
export async function enableImage(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: TITLE,
    capability: 'enable',
    many: true,
  });
  await applyToImages(deps, {
    title: TITLE,
    targets,
    capability: 'enable',
    apply: async (target, signal) => ({
      image: await deps.lifecycle.enableImage(target.ami.region, target.ami.imageId, signal),
      detail: l10n.t(
        'enabled. It is private: the launch permissions removed when it was disabled are not restored, so share it again where needed (the log has the list from when it was disabled here).',
      ),
    }),
  });
}
