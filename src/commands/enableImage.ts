import type { CommandDeps } from './commandDeps';
import { applyToImages, imageTargets } from './imageActions';

const TITLE = 'Enable AMI';

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
    capability: 'canEnable',
    multi: true,
  });
  await applyToImages(deps, {
    title: TITLE,
    targets,
    capability: 'canEnable',
    skipReason: 'it is not disabled, or you do not own it',
    apply: async (target, signal) => ({
      image: await deps.lifecycle.enableImage(target.ami.region, target.ami.imageId, signal),
      detail:
        'enabled. It is private: the launch permissions removed when it was disabled are not restored, so share it again where needed (the log has the list from when it was disabled here).',
    }),
  });
}
