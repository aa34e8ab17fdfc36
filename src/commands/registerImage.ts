import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import type { RegistrationInput } from '../core/model/imageRegistration';
import { isRegionName } from '../core/model/validation';
import { ImagesRegionNode } from '../tree/imagesRegionNode';
import { askRegistrationInput } from '../ui/registerImageWizard';
import type { CommandDeps } from './commandDeps';
import { pickRegion } from './pickers';
import { withProgress } from './runCommand';

/**
 * `amiExplorer.image.register`: from a region node of the Images view, with a region name (from
 * the instance-store explanation), or from the palette / view title (asks for the region). `input`
 * replaces the wizard (tests, scripts).
 */
export async function registerImage(
  deps: CommandDeps,
  clicked?: unknown,
  _selection?: unknown,
  input?: RegistrationInput,
): Promise<Ami> {
  const region =
    clicked instanceof ImagesRegionNode
      ? clicked.region
      : typeof clicked === 'string' && isRegionName(clicked)
        ? clicked
        : await pickRegion(deps.regions, 'Register Image: region');
  const answers =
    input ??
    (await askRegistrationInput({
      region,
      listSnapshots: async () =>
        await withProgress(`Listing your snapshots in ${region}…`, (signal) =>
          deps.imageRegistration.listSnapshots(region, signal),
        ),
      nameProblem: (name) => deps.imageRegistration.nameProblem(region, name),
    }));
  const image = await withProgress(`Registering "${answers.name}" in ${region}…`, (signal) =>
    deps.imageRegistration.register(region, answers, signal),
  );
  deps.imagesTree.showImage(image);
  await deps.operations.start({
    kind: 'register',
    region,
    imageId: image.imageId,
    label: answers.name,
    startedAt: new Date().toISOString(),
  });
  deps.log.info(
    `RegisterImage ${image.imageId} "${answers.name}" in ${region} (${
      answers.kind === 'instance-store'
        ? `manifest ${answers.manifestPath}`
        : `root snapshot ${answers.rootSnapshot.snapshotId}`
    }).`,
  );
  void vscode.window.showInformationMessage(
    `Registered "${answers.name}" (${image.imageId}) in ${region}; it is ${image.state}. You will be told when it is available.`,
  );
  return image;
}
