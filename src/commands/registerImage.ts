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
  const { image, confirmedByRereading, alsoRegistered } = await withProgress(
    `Registering "${answers.name}" in ${region}…`,
    (signal) => deps.imageRegistration.register(region, answers, signal),
  );
  // Every image this attempt made is tracked, also one found by re-reading or a duplicate.
  for (const made of [image, ...alsoRegistered]) {
    deps.events.publish({
      kind: 'appeared',
      image: made,
      operation: { kind: 'register', label: answers.name },
    });
  }
  const how = confirmedByRereading ? ` (confirmed by re-reading: ${confirmedByRereading})` : '';
  const extra =
    alsoRegistered.length > 0
      ? ` EC2 also shows ${alsoRegistered.map((i) => i.imageId).join(', ')} registered now with the same name: the request was applied more than once; deregister the extra image${alsoRegistered.length === 1 ? '' : 's'}.`
      : '';
  deps.log.info(
    `RegisterImage ${image.imageId} "${answers.name}" in ${region} (${
      answers.kind === 'instance-store'
        ? `manifest ${answers.manifestPath}`
        : `root snapshot ${answers.rootSnapshot.snapshotId}`
    })${how}.${extra}`,
  );
  void deps.ui.notify(
    alsoRegistered.length > 0 ? 'warning' : 'info',
    `Registered "${answers.name}" (${image.imageId}) in ${region}${how}; it is ${image.state}.${extra} You will be told when it is available.`,
  );
  return image;
}
