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

/**
 * `amiExplorer.instance.createImage`: from an instance node, or from the palette (region, then
 * instance). Instance store-backed instances get the explanation of their path instead.
 */
export async function createImageFromInstance(
  deps: CommandDeps,
  clicked?: unknown,
): Promise<CreateImageResult | undefined> {
  const { region, instanceId } = await instanceTarget(deps, clicked, 'Create Image');

  const { instance, review } = await withProgress(`Reading ${instanceId}…`, async (signal) => {
    const found = await deps.imageCreation.getInstance(region, instanceId, signal);
    if (found.rootDeviceType !== 'ebs') return { instance: found, review: undefined };
    return {
      instance: found,
      review: await deps.imageCreation.reviewVolumes(region, found, signal),
    };
  });
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
      `Stop ${label} (${instanceId}) to create "${input.name}"?`,
      'The instance is stopped and stays stopped until the image has been created; its instance-store data (if any) and public IP address (unless Elastic) are lost. You can start it again afterwards.',
      'Stop and Create Image',
    );
  }

  let stoppedByUs = false;
  let result: CreateImageResult;
  try {
    result = await withProgress(
      `Creating image "${input.name}" from ${label}`,
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
          ? `${errorSentence(error)} ${label} was stopped for it and stays stopped.`
          : isCancellation(error)
            ? `Cancelled: no image was created. ${label} was stopped for it and stays stopped.`
            : `No image was created (${errorSentence(error)}). ${label} was stopped for it and stays stopped.`,
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
    ? ` (confirmed by re-reading: ${result.confirmedByRereading})`
    : '';
  const extra =
    alsoCreated.length > 0
      ? ` EC2 also shows ${alsoCreated.map((i) => i.imageId).join(', ')} with the same name from ${instanceId}, made now: the request was applied more than once; deregister the extra image${alsoCreated.length === 1 ? '' : 's'}.`
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
      `Image "${input.name}" (${image.imageId}) is being created in ${region}${how}; ${label} is stopped.${extra} Start it again?`,
    );
  } else {
    void deps.ui.notify(
      alsoCreated.length > 0 ? 'warning' : 'info',
      `Image "${input.name}" (${image.imageId}) is being created in ${region}${how}.${extra} You will be told when it is available.`,
    );
  }
  return result;
}

/** Explains why an instance store-backed instance has no CreateImage and offers Register Image. */
export function explainInstanceStore(deps: CommandDeps, region: string): void {
  deps.log.info(`Create Image: ${INSTANCE_STORE_EXPLANATION}`);
  const register = 'Register Image…';
  void deps.ui.notify('info', INSTANCE_STORE_EXPLANATION, register).then(async (choice) => {
    if (choice === register)
      await vscode.commands.executeCommand('amiExplorer.image.register', region);
  });
}

function offerStart(deps: CommandDeps, region: string, instanceId: string, message: string): void {
  const start = 'Start Instance';
  void deps.ui.notify('info', message, start).then(async (choice) => {
    if (choice !== start) return;
    try {
      await startInstance(deps, region, instanceId);
    } catch (error) {
      if (isCancellation(error)) return;
      logError(deps.log, `Starting ${instanceId}`, error);
      void deps.ui.notify('error', `Could not start ${instanceId}: ${errorSentence(error)}`);
    }
  });
}

async function startInstance(deps: CommandDeps, region: string, instanceId: string): Promise<void> {
  await withProgress(`Starting ${instanceId}…`, (signal) =>
    deps.ec2.instances.start(region, instanceId, signal),
  );
  deps.log.info(`StartInstances ${instanceId} in ${region}.`);
  refreshInstances(deps, region);
}

function refreshInstances(deps: CommandDeps, region: string): void {
  const node = deps.instancesTree.regionNode(region);
  if (node) deps.instancesTree.refreshRegion(node);
}
