import { InputError } from '../core/model/errors';
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
import { requireAllowed } from '../ui/pickers';
import { withProgress } from '../ui/progress';
import { reportResults } from '../ui/reportResults';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

/**
 * `amiExplorer.image.reregister`: replaces an instance store-backed AMI's registration (after its
 * bundle in S3 was updated) while keeping name, attributes, launch permissions and tags. Captures
 * the registration, confirms, deregisters, registers, restores permissions and tags; says exactly
 * where things stand if a step fails.
 */
export async function reregisterImage(
  deps: CommandDeps,
  clicked?: unknown,
): Promise<ReregisterProgress> {
  const [target] = await imageTargets(deps, clicked, undefined, {
    title: l10n.t('Re-register Image'),
    capability: 'reregister',
    many: false,
  });
  if (!target) throw new InputError(l10n.t('Re-register Image: choose an AMI.'));
  requireAllowed([target], 'reregister', l10n.t('Re-register Image'));
  const { region, imageId } = target.ami;

  const captured = await withProgress(
    l10n.t('Reading the registration of {0}…', imageId),
    (signal) => deps.imageRegistration.capture(region, imageId, signal),
  );
  // Before anything changes: whatever happens next, the old registration can be rebuilt from the log.
  deps.log.info(
    `Re-register: captured registration of ${imageId} in ${region}:\n${formatCapturedRegistration(captured)}`,
  );

  const manifestPath = await deps.ui.text({
    title: l10n.t('Re-register {0} ({1})', captured.name, imageId),
    prompt: l10n.t(
      'Manifest to register: keep it to register the updated bundle at the same place, or enter the new one',
    ),
    value: captured.manifestPath,
    validate: validateManifestPath,
  });
  const steps = planReregister(captured, { manifestPath });
  if ('error' in steps) throw new InputError(steps.error);

  await deps.ui.confirm(
    l10n.t('Re-register {0} ({1}) in {2}?', captured.name, imageId, region),
    [
      ...steps.map((step, i) => `${i + 1}. ${describeStep(step, captured)}`),
      '',
      l10n.t(
        'The new image gets a new id; {0} stops existing. Instances already running from it are not affected. The old registration is written to the log first.',
        imageId,
      ),
    ].join('\n'),
    l10n.t('Re-register'),
  );

  const progress = await withProgress(
    l10n.t('Re-registering {0}', captured.name),
    (signal, report) =>
      deps.imageRegistration.reregister(captured, steps, signal, (step) =>
        report.report({ message: describeStep(step, captured) }),
      ),
  );

  if (progress.done.some((s) => s.kind === 'deregister'))
    deps.events.publish({ kind: 'gone', region, imageId });
  for (const image of progress.image ? [progress.image, ...(progress.alsoRegistered ?? [])] : []) {
    deps.events.publish({
      kind: 'appeared',
      image,
      operation: { kind: 'reregister', label: captured.name, sourceImageId: imageId },
    });
  }
  const report = {
    title: l10n.t('Re-register {0} ({1})', captured.name, imageId),
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
    void reportResults(deps.ui, deps.log, report);
  }
  return progress;
}

async function reportFailure(deps: CommandDeps, failure: string): Promise<void> {
  if ((await deps.ui.notify('error', failure, l10n.t('Show Log'))) === l10n.t('Show Log'))
    deps.log.show(true);
}
