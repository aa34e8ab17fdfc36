import type { Ami } from '../core/model/ami';
import { askRegistrationInput } from '../ui/registerImageWizard';
import { withProgress } from '../ui/progress';
import { regionTarget } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

/**
 * `amiExplorer.image.register`: from a region node of the Images view, with a region name (from
 * the instance-store explanation), or from the palette / view title (asks for the region).
 */
export async function registerImage(deps: CommandDeps, clicked?: unknown): Promise<Ami> {
  const region = await regionTarget(deps, clicked, l10n.t('Register Image'));
  const answers = await askRegistrationInput({
    ask: deps.ui,
    region,
    listSnapshots: async () =>
      await withProgress(l10n.t('Listing your snapshots in {0}…', region), (signal) =>
        deps.imageRegistration.listSnapshots(region, signal),
      ),
    nameProblem: (name) => deps.imageRegistration.nameProblem(region, name),
  });
  const { image, confirmedByRereading, alsoRegistered } = await withProgress(
    l10n.t('Registering "{0}" in {1}…', answers.name, region),
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
  const how = confirmedByRereading
    ? l10n.t(' (confirmed by re-reading: {0})', confirmedByRereading)
    : '';
  const extra =
    alsoRegistered.length > 0
      ? alsoRegistered.length === 1
        ? l10n.t(
            ' EC2 also shows {0} registered now with the same name: the request was applied more than once; deregister the extra image.',
            alsoRegistered.map((i) => i.imageId).join(', '),
          )
        : l10n.t(
            ' EC2 also shows {0} registered now with the same name: the request was applied more than once; deregister the extra images.',
            alsoRegistered.map((i) => i.imageId).join(', '),
          )
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
    l10n.t(
      'Registered "{0}" ({1}) in {2}{3}; it is {4}.{5} You will be told when it is available.',
      answers.name,
      image.imageId,
      region,
      how,
      String(image.state),
      extra,
    ),
  );
  return image;
}
