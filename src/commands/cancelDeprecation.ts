import { applyToImages } from '../ui/applyToImages';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

const TITLE = l10n.t('Cancel Deprecation');

/** `amiExplorer.image.cancelDeprecation`: DisableImageDeprecation for each AMI. */
export async function cancelDeprecation(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: TITLE,
    capability: 'cancelDeprecation',
    many: true,
  });
  await applyToImages(deps, {
    title: TITLE,
    targets,
    capability: 'cancelDeprecation',
    apply: async (target, signal) => ({
      image: await deps.lifecycle.cancelDeprecation(target.ami.region, target.ami.imageId, signal),
      detail: l10n.t(
        'deprecation cancelled: the AMI is listed for everyone it is shared with again.',
      ),
    }),
  });
}
