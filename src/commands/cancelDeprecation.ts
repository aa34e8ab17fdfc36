import type { CommandDeps } from './commandDeps';
import { applyToImages, imageTargets } from './imageActions';

const TITLE = 'Cancel Deprecation';

/** `amiExplorer.image.cancelDeprecation`: DisableImageDeprecation for each AMI. */
export async function cancelDeprecation(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: TITLE,
    capability: 'canCancelDeprecation',
    multi: true,
  });
  await applyToImages(deps, {
    title: TITLE,
    targets,
    capability: 'canCancelDeprecation',
    skipReason: 'it has no deprecation time, or you do not own it',
    apply: async (target, signal) => ({
      image: await deps.lifecycle.cancelDeprecation(target.ami.region, target.ami.imageId, signal),
      detail: 'deprecation cancelled: the AMI is listed for everyone it is shared with again.',
    }),
  });
}
