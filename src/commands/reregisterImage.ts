import * as vscode from 'vscode';
import { CancelledError, InputError } from '../core/model/errors';
import { validateManifestPath } from '../core/model/imageInputs';
import { formatReport } from '../core/model/operationReport';
import type { ReregisterProgress } from '../core/model/reregistration';
import {
  describeFailureState,
  describeStep,
  formatCapturedRegistration,
  planReregister,
  reregisterReportItems,
} from '../core/model/reregistration';
import { validateAmiId } from '../core/model/validation';
import { ImageNode } from '../tree/imageNode';
import { reportResults } from '../ui/reportResults';
import type { CommandDeps } from './commandDeps';
import { pickRegion } from './pickers';
import { withProgress } from './runCommand';

/** Answers given instead of the dialogs (tests, scripts). */
export interface ReregisterAnswers {
  /** A new manifest path; the old one when absent. */
  manifestPath?: string;
  /** Must be true: stands for the modal confirmation. */
  confirmed: boolean;
}

/**
 * `amiExplorer.image.reregister`: replaces an instance store-backed AMI's registration (after its
 * bundle in S3 was updated) while keeping name, attributes, launch permissions and tags. Captures
 * the registration, confirms, deregisters, registers, restores permissions and tags; says exactly
 * where things stand if a step fails.
 */
export async function reregisterImage(
  deps: CommandDeps,
  clicked?: unknown,
  _selection?: unknown,
  answers?: ReregisterAnswers,
): Promise<ReregisterProgress> {
  const { region, imageId } =
    clicked instanceof ImageNode
      ? { region: clicked.ami.region, imageId: clicked.ami.imageId }
      : await askForImage(deps);

  const captured = await withProgress(`Reading the registration of ${imageId}…`, (signal) =>
    deps.imageRegistration.capture(region, imageId, signal),
  );
  // Before anything changes: whatever happens next, the old registration can be rebuilt from the log.
  deps.log.info(
    `Re-register: captured registration of ${imageId} in ${region}:\n${formatCapturedRegistration(captured)}`,
  );

  let manifestPath = answers?.manifestPath;
  if (!answers) {
    const typed = await vscode.window.showInputBox({
      title: `Re-register ${captured.name} (${imageId})`,
      prompt:
        'Manifest to register: keep it to register the updated bundle at the same place, or enter the new one',
      value: captured.manifestPath,
      ignoreFocusOut: true,
      validateInput: validateManifestPath,
    });
    if (typed === undefined) throw new CancelledError();
    manifestPath = typed;
  }
  const steps = planReregister(captured, manifestPath !== undefined ? { manifestPath } : {});
  if ('error' in steps) throw new InputError(steps.error);

  if (!answers) {
    const go = 'Re-register';
    const choice = await vscode.window.showWarningMessage(
      `Re-register ${captured.name} (${imageId}) in ${region}?`,
      {
        modal: true,
        detail: [
          ...steps.map((step, i) => `${i + 1}. ${describeStep(step, captured)}`),
          '',
          `The new image gets a new id; ${imageId} stops existing. Instances already running from it are not affected. The old registration is written to the log first.`,
        ].join('\n'),
      },
      go,
    );
    if (choice !== go) throw new CancelledError();
  } else if (!answers.confirmed) {
    throw new CancelledError();
  }

  const progress = await withProgress(`Re-registering ${captured.name}`, (signal, report) =>
    deps.imageRegistration.reregister(captured, steps, signal, (step) =>
      report.report({ message: describeStep(step, captured) }),
    ),
  );

  if (progress.done.some((s) => s.kind === 'deregister'))
    deps.imagesTree.removeImages(region, [imageId]);
  if (progress.image) {
    deps.imagesTree.showImage(progress.image);
    await deps.operations.start({
      kind: 'reregister',
      region,
      imageId: progress.image.imageId,
      label: captured.name,
      startedAt: new Date().toISOString(),
      sourceImageId: imageId,
    });
  }
  const report = {
    title: `Re-register ${captured.name} (${imageId})`,
    items: reregisterReportItems(captured, steps, progress),
  };
  const failure = describeFailureState(captured, steps, progress);
  if (failure) {
    // One message saying where things stand; the step-by-step report and the old registration go to the log.
    for (const line of formatReport(report)) deps.log.error(line);
    deps.log.error(`Re-register ${imageId}: ${failure}`);
    deps.log.error(
      `The old registration of ${imageId} was:\n${formatCapturedRegistration(captured)}`,
    );
    void reportFailure(deps, failure);
  } else {
    void reportResults(report, deps.log);
  }
  return progress;
}

async function reportFailure(deps: CommandDeps, failure: string): Promise<void> {
  if ((await vscode.window.showErrorMessage(failure, 'Show Log')) === 'Show Log')
    deps.log.show(true);
}

async function askForImage(deps: CommandDeps): Promise<{ region: string; imageId: string }> {
  const region = await pickRegion(deps.regions, 'Re-register Image: region');
  const value = await vscode.window.showInputBox({
    title: `Re-register Image (${region})`,
    prompt: 'Id of the instance store-backed AMI to re-register',
    placeHolder: 'ami-0abcdef1234567890',
    ignoreFocusOut: true,
    validateInput: validateAmiId,
  });
  if (value === undefined) throw new CancelledError();
  return { region, imageId: value.trim() };
}
