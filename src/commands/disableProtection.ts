import { describeProtection } from '../core/model/deregistrationProtection';
import { applyToImages } from '../ui/applyToImages';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

const TITLE = l10n.t('Disable Deregistration Protection');

/**
 * `amiExplorer.image.disableProtection`: DisableImageDeregistrationProtection for each AMI; when a
 * cooldown applies, the report says until when EC2 keeps it protected.
 */
export async function disableProtection(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: TITLE,
    capability: 'unprotect',
    many: true,
  });
  await applyToImages(deps, {
    title: TITLE,
    targets,
    capability: 'unprotect',
    apply: async (target, signal) => {
      const { image, protection } = await deps.lifecycle.disableProtection(
        target.ami.region,
        target.ami.imageId,
        signal,
      );
      return {
        image,
        detail:
          protection.kind === 'cooldown'
            ? l10n.t(
                'protection disabled, but the 24-hour cooldown keeps the AMI protected until {0}.',
                protection.until,
              )
            : describeProtection(protection),
      };
    },
  });
}
