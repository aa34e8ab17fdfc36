import { describeProtection } from '../core/model/deregistrationProtection';
import type { CommandDeps } from './commandDeps';
import { applyToImages, imageTargets } from './imageActions';

const TITLE = 'Disable Deregistration Protection';

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
    capability: 'canUnprotect',
    multi: true,
  });
  await applyToImages(deps, {
    title: TITLE,
    targets,
    capability: 'canUnprotect',
    skipReason: 'it is not protected, or you do not own it',
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
            ? `protection disabled, but the 24-hour cooldown keeps the AMI protected until ${protection.until}.`
            : describeProtection(protection),
      };
    },
  });
}
