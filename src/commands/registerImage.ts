import type { Ami } from '../core/model/ami';
import { askRegistrationInput } from '../ui/registerImageWizard';
import { withProgress } from '../ui/progress';
import { regionTarget } from '../ui/targets';
import type { CommandDeps } from './commandDeps';

/**
 * `amiExplorer.image.register`: from a region node of the Images view, with a region name (from
 * the instance-store explanation), or from the palette / view title (asks for the region).
 */
export async function registerImage(deps: CommandDeps, clicked?: unknown): Promise<Ami> {
  const region = await regionTarget(deps, clicked, 'Register Image');
  const answers = await askRegistrationInput({
    ask: deps.ui,
    region,
    listSnapshots: async () =>
      await withProgress(`Listing your snapshots in ${region}…`, (signal) =>
        deps.imageRegistration.listSnapshots(region, signal),
      ),
    nameProblem: (name) => deps.imageRegistration.nameProblem(region, name),
  });
  const image = await withProgress(`Registering "${answers.name}" in ${region}…`, (signal) =>
    deps.imageRegistration.register(region, answers, signal),
  );
  deps.events.publish({
    kind: 'appeared',
    image,
    operation: { kind: 'register', label: answers.name },
  });
  deps.log.info(
    `RegisterImage ${image.imageId} "${answers.name}" in ${region} (${
      answers.kind === 'instance-store'
        ? `manifest ${answers.manifestPath}`
        : `root snapshot ${answers.rootSnapshot.snapshotId}`
    }).`,
  );
  void deps.ui.notify(
    'info',
    `Registered "${answers.name}" (${image.imageId}) in ${region}; it is ${image.state}. You will be told when it is available.`,
  );
  return image;
}
