import * as vscode from 'vscode';
import { instanceDisplayName } from '../core/model/instance';
import { CancelledError, isCancellation } from '../core/model/errors';
import type { CreateImageInput } from '../core/model/imageCreation';
import { INSTANCE_STORE_EXPLANATION } from '../core/model/imageCreation';
import type { CreateImageResult } from '../core/services/imageCreationService';
import { InstanceStoreBackedError } from '../core/services/imageCreationService';
import { InstanceNode } from '../tree/instanceNode';
import { askCreateImageInput } from '../ui/createImageWizard';
import type { CommandDeps } from './commandDeps';
import { pickRegion } from './pickers';
import { withProgress } from './runCommand';

/**
 * Answers given instead of the wizard (tests, scripts): everything CreateImageInput has except the
 * target, plus the answers to the questions asked around it.
 */
export type CreateImageAnswers = Omit<CreateImageInput, 'region' | 'instanceId'> & {
  /** Start the instance again after a stop-first image (the offer's answer). */
  startAgain?: boolean;
};

/**
 * `amiExplorer.instance.createImage`: from an instance node, or from the palette (region, then
 * instance). Instance store-backed instances get the explanation of their path instead.
 */
export async function createImageFromInstance(
  deps: CommandDeps,
  clicked?: unknown,
  _selection?: unknown,
  answers?: CreateImageAnswers,
): Promise<CreateImageResult | undefined> {
  const target =
    clicked instanceof InstanceNode
      ? { region: clicked.instance.region, instanceId: clicked.instance.instanceId }
      : await pickInstance(deps);
  const { region, instanceId } = target;

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
  const input: CreateImageInput = answers
    ? { ...answers, region, instanceId }
    : await askCreateImageInput({
        region,
        instance,
        review,
        nameProblem: (name) => deps.imageCreation.nameProblem(region, name),
        now: new Date(),
      });

  if (!answers && input.consistency === 'stop' && instance.state === 'running') {
    const stop = 'Stop and Create Image';
    const choice = await vscode.window.showWarningMessage(
      `Stop ${label} (${instanceId}) to create "${input.name}"?`,
      {
        modal: true,
        detail:
          'The instance is stopped and stays stopped until the image has been created; its instance-store data (if any) and public IP address (unless Elastic) are lost. You can start it again afterwards.',
      },
      stop,
    );
    if (choice !== stop) throw new CancelledError();
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
        isCancellation(error)
          ? `Cancelled: no image was created. ${label} was stopped for it and stays stopped.`
          : `No image was created (${error instanceof Error ? error.message : String(error)}). ${label} was stopped for it and stays stopped.`,
      );
    }
    throw error;
  }

  const { image } = result;
  deps.imagesTree.showImage(image);
  await deps.operations.start({
    kind: 'create',
    region,
    imageId: image.imageId,
    label: input.name,
    startedAt: new Date().toISOString(),
  });
  deps.log.info(
    `CreateImage ${image.imageId} "${input.name}" from ${instanceId} in ${region} (pending).`,
  );
  if (result.stoppedInstance) {
    refreshInstances(deps, region);
    if (answers?.startAgain) await startInstance(deps, region, instanceId);
    else if (answers?.startAgain === undefined) {
      offerStart(
        deps,
        region,
        instanceId,
        `Image "${input.name}" (${image.imageId}) is being created in ${region}; ${label} is stopped. Start it again?`,
      );
    }
  } else {
    void vscode.window.showInformationMessage(
      `Image "${input.name}" (${image.imageId}) is being created in ${region}. You will be told when it is available.`,
    );
  }
  return result;
}

/** Explains why an instance store-backed instance has no CreateImage and offers Register Image. */
export function explainInstanceStore(deps: CommandDeps, region: string): void {
  deps.log.info(`Create Image: ${INSTANCE_STORE_EXPLANATION}`);
  const register = 'Register Image…';
  void vscode.window
    .showInformationMessage(INSTANCE_STORE_EXPLANATION, register)
    .then(async (choice) => {
      if (choice === register)
        await vscode.commands.executeCommand('amiExplorer.image.register', region);
    });
}

function offerStart(deps: CommandDeps, region: string, instanceId: string, message: string): void {
  const start = 'Start Instance';
  void vscode.window.showInformationMessage(message, start).then(async (choice) => {
    if (choice !== start) return;
    try {
      await startInstance(deps, region, instanceId);
    } catch (error) {
      if (isCancellation(error)) return;
      deps.log.error(
        `Starting ${instanceId}: ${error instanceof Error ? error.message : String(error)}`,
      );
      void vscode.window.showErrorMessage(
        `Could not start ${instanceId}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
}

async function startInstance(deps: CommandDeps, region: string, instanceId: string): Promise<void> {
  await withProgress(`Starting ${instanceId}…`, (signal) =>
    deps.imageCreation.startInstance(region, instanceId, signal),
  );
  deps.log.info(`StartInstances ${instanceId} in ${region}.`);
  refreshInstances(deps, region);
}

function refreshInstances(deps: CommandDeps, region: string): void {
  const node = deps.instancesTree.regionNode(region);
  if (node) deps.instancesTree.refreshRegion(node);
}

interface InstanceItem extends vscode.QuickPickItem {
  instanceId: string;
}

/** Palette fallback: a region, then one of its instances. */
async function pickInstance(deps: CommandDeps): Promise<{ region: string; instanceId: string }> {
  const region = await pickRegion(deps.regions, 'Create Image: region');
  const instances = await withProgress(`Listing instances in ${region}…`, (signal) =>
    deps.instancesTree.listInstances(region, signal),
  );
  const items: InstanceItem[] = instances.map((i) => ({
    label: instanceDisplayName(i),
    description: [i.name ? i.instanceId : undefined, i.state, i.rootDeviceType]
      .filter(Boolean)
      .join(' · '),
    instanceId: i.instanceId,
  }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`There are no instances in ${region}.`);
    throw new CancelledError();
  }
  const chosen = await vscode.window.showQuickPick(items, {
    title: `Create Image (${region})`,
    placeHolder: 'Instance to create the image from',
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!chosen) throw new CancelledError();
  return { region, instanceId: chosen.instanceId };
}
