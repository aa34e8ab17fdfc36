import * as vscode from 'vscode';
import { instanceDisplayName } from '../core/model/instance';
import { OutcomeUnknownError, isCancellation } from '../core/model/errors';
import { errorSentence } from '../core/model/errorSentence';
import type { CreateImageInput } from '../core/model/imageCreation';
import { INSTANCE_STORE_EXPLANATION } from '../core/model/imageCreation';
import type { CreateImageResult } from '../core/services/imageCreationService';
import { InstanceStoreBackedError } from '../core/services/imageCreationService';
import { logError } from '../log';
import { askCreateImageInput } from '../ui/createImageWizard';
import { withProgress } from '../ui/progress';
import { instanceTarget } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

/**
 * `amiExplorer.instance.createImage`: from an instance node, or from the palette (region, then
 * instance). Instance store-backed instances get the explanation of their path instead.
 */
export async function createImageFromInstance(
  deps: CommandDeps,
  clicked?: unknown,
): Promise<CreateImageResult | undefined> {
  const { region, instanceId } = await instanceTarget(deps, clicked, l10n.t('Create Image'));

  const { instance, review } = await withProgress(
    l10n.t('Reading {0}…', instanceId),
    async (signal) => {
      const found = await deps.imageCreation.getInstance(region, instanceId, signal);
      if (found.rootDeviceType !== 'ebs') return { instance: found, review: undefined };
      return {
        instance: found,
        review: await deps.imageCreation.reviewVolumes(region, found, signal),
      };
    },
  );
  if (!review) {
    explainInstanceStore(deps, region);
    return undefined;
  }
  if (review.fallbackReason) {
    deps.log.info(
      `Create Image: DescribeVolumes was not available (${review.fallbackReason}); volume details come from ${
        review.source === 'sourceImage' ? `the source AMI ${instance.imageId ?? ''}` : 'nowhere'
      }.`,
    );
  }
  const label = instanceDisplayName(instance);
  const input: CreateImageInput = await askCreateImageInput({
    ask: deps.ui,
    region,
    instance,
    review,
    nameProblem: (name) => deps.imageCreation.nameProblem(region, name),
    now: new Date(),
  });

  if (input.consistency === 'stop' && instance.state === 'running') {
    await deps.ui.confirm(
      l10n.t('Stop {0} ({1}) to create "{2}"?', label, instanceId, input.name),
      l10n.t(
        'The instance is stopped and stays stopped until the image has been created; its instance-store data (if any) and public IP address (unless Elastic) are lost. You can start it again afterwards.',
      ),
      l10n.t('Stop and Create Image'),
    );
  }

  let stoppedByUs = false;
  let result: CreateImageResult;
  try {
    result = await withProgress(
      l10n.t('Creating image "{0}" from {1}', input.name, label),
      (signal, progress) =>
        deps.imageCreation.create(input, signal, {
          step: (message) => progress.report({ message }),
          stopped: () => {
            stoppedByUs = true;
          },
        }),
    );
  } catch (error) {
    if (error instanceof InstanceStoreBackedError) {
      explainInstanceStore(deps, region);
      return undefined;
    }
    if (stoppedByUs) {
      // Whatever went wrong, the instance we stopped is not running any more: say so, offer a start.
      refreshInstances(deps, region);
      offerStart(
        deps,
        region,
        instanceId,
        error instanceof OutcomeUnknownError
          ? l10n.t('{0} {1} was stopped for it and stays stopped.', errorSentence(error), label)
          : isCancellation(error)
            ? l10n.t(
                'Cancelled: no image was created. {0} was stopped for it and stays stopped.',
                label,
              )
            : l10n.t(
                'No image was created ({0}). {1} was stopped for it and stays stopped.',
                errorSentence(error),
                label,
              ),
      );
    }
    throw error;
  }

  const { image, alsoCreated } = result;
  // Every image this attempt made is tracked, also one found by re-reading or a duplicate.
  for (const made of [image, ...alsoCreated]) {
    deps.events.publish({
      kind: 'appeared',
      image: made,
      operation: { kind: 'create', label: input.name },
    });
  }
  const how = result.confirmedByRereading
    ? l10n.t(' (confirmed by re-reading: {0})', result.confirmedByRereading)
    : '';
  const extra =
    alsoCreated.length > 0
      ? alsoCreated.length === 1
        ? l10n.t(
            ' EC2 also shows {0} with the same name from {1}, made now: the request was applied more than once; deregister the extra image.',
            alsoCreated.map((i) => i.imageId).join(', '),
            instanceId,
          )
        : l10n.t(
            ' EC2 also shows {0} with the same name from {1}, made now: the request was applied more than once; deregister the extra images.',
            alsoCreated.map((i) => i.imageId).join(', '),
            instanceId,
          )
      : '';
  deps.log.info(
    `CreateImage ${image.imageId} "${input.name}" from ${instanceId} in ${region} (pending)${how}.${extra}`,
  );
  if (result.stoppedInstance) {
    refreshInstances(deps, region);
    offerStart(
      deps,
      region,
      instanceId,
      l10n.t(
        'Image "{0}" ({1}) is being created in {2}{3}; {4} is stopped.{5} Start it again?',
        input.name,
        image.imageId,
        region,
        how,
        label,
        extra,
      ),
    );
  } else {
    void deps.ui.notify(
      alsoCreated.length > 0 ? 'warning' : 'info',
      l10n.t(
        'Image "{0}" ({1}) is being created in {2}{3}.{4} You will be told when it is available.',
        input.name,
        image.imageId,
        region,
        how,
        extra,
      ),
    );
  }
  return result;
}

/** Explains why an instance store-backed instance has no CreateImage and offers Register Image. */
export function explainInstanceStore(deps: CommandDeps, region: string): void {
  deps.log.info(`Create Image: ${INSTANCE_STORE_EXPLANATION}`);
  const register = l10n.t('Register Image…');
  void deps.ui.notify('info', INSTANCE_STORE_EXPLANATION, register).then(async (choice) => {
    if (choice === register)
      await vscode.commands.executeCommand('amiExplorer.image.register', region);
  });
}

function offerStart(deps: CommandDeps, region: string, instanceId: string, message: string): void {
  const start = l10n.t('Start Instance');
  void deps.ui.notify('info', message, start).then(async (choice) => {
    if (choice !== start) return;
    try {
      await startInstance(deps, region, instanceId);
    } catch (error) {
      if (isCancellation(error)) return;
      logError(deps.log, `Starting ${instanceId}`, error);
      void deps.ui.notify(
        'error',
        l10n.t('Could not start {0}: {1}', instanceId, errorSentence(error)),
      );
    }
  });
}

async function startInstance(deps: CommandDeps, region: string, instanceId: string): Promise<void> {
  await withProgress(l10n.t('Starting {0}…', instanceId), (signal) =>
    deps.ec2.instances.start(region, instanceId, signal),
  );
  deps.log.info(`StartInstances ${instanceId} in ${region}.`);
  refreshInstances(deps, region);
}

function refreshInstances(deps: CommandDeps, region: string): void {
  const node = deps.instancesTree.regionNode(region);
  if (node) deps.instancesTree.refreshRegion(node);
}
