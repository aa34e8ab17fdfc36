import { randomUUID } from 'node:crypto';
import type { Ami } from '../core/model/ami';
import type { CopyDestination, CopyInput, CopyResult } from '../core/model/copyPlan';
import { copyReport, copySourceOf, planCopy } from '../core/model/copyPlan';
import { InputError } from '../core/model/errors';
import type { OperationReport } from '../core/model/operationReport';
import { countOutcomes } from '../core/model/operationReport';
import { pendingCopyImage } from '../core/services/copyImageService';
import { ImageNode } from '../tree/imageNode';
import { runCopyWizard } from '../ui/copyImageWizard';
import { reportResults } from '../ui/reportResults';
import type { CommandDeps } from './commandDeps';
import { pickImages } from './imagePicker';
import { withProgress } from './runCommand';
import { selectedNodes } from './selection';

/**
 * Pre-filled answers instead of the wizard (integration tests; only honoured outside production
 * mode). Validated exactly like typed answers.
 */
export interface CopyImageAnswers {
  /** The source when no tree node is given. */
  source?: { region: string; imageId: string };
  destinations: CopyDestination[];
  name?: string;
  description?: string;
  copyTags?: boolean;
  encrypt?: boolean;
  /** Reuse an action id (a retry of the same action); new per run otherwise. */
  actionId?: string;
}

/** What the command resolves to (for scripted callers). */
export interface CopyImageOutcome {
  report: OperationReport;
  copies: { region: string; imageId: string; sourceImageId: string; sourceRegion: string }[];
}

const isImageNode = (n: unknown): n is ImageNode => n instanceof ImageNode;

/**
 * `amiExplorer.image.copy`: from the tree (one or several available AMIs) or the palette (region,
 * then AMI). Each copy appears at once as pending in its destination and is tracked until it
 * settles, across window reloads.
 */
export async function copyImage(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
  scripted?: unknown,
): Promise<CopyImageOutcome | undefined> {
  const answers = scripted as CopyImageAnswers | undefined;
  const amis = await sourcesOf(deps, clicked, selection, answers);
  const notAvailable = amis.filter((a) => a.state !== 'available');
  if (notAvailable.length > 0) {
    throw new InputError(
      `Only available AMIs can be copied: ${notAvailable.map((a) => `${a.imageId} is ${a.state}`).join(', ')}.`,
    );
  }
  const sources = amis.map(copySourceOf);
  const actionId = answers?.actionId ?? randomUUID();
  let input: CopyInput;
  if (answers) {
    input = {
      sources,
      destinations: answers.destinations,
      ...(answers.name !== undefined ? { name: answers.name } : {}),
      ...(answers.description !== undefined ? { description: answers.description } : {}),
      copyTags: answers.copyTags ?? true,
      encrypt: answers.encrypt ?? false,
      actionId,
    };
  } else {
    const regions = (await deps.regions.get()).regions;
    const state = await runCopyWizard(sources, regions);
    input = { sources, ...state, actionId };
  }
  // Throws InputError before any call when something is not valid.
  const calls = planCopy(input);
  const copies: CopyImageOutcome['copies'] = [];
  const shown: Promise<void>[] = [];
  const results = await withProgress(
    calls.length === 1
      ? `Copying to ${calls[0]?.region ?? ''}…`
      : `Starting ${calls.length} copies…`,
    (signal, progress) =>
      deps.copyImages.run(calls, signal, (result) => {
        progress.report({ increment: 100 / calls.length });
        if ('imageId' in result) shown.push(showCopy(deps, result, copies));
      }),
  );
  await Promise.all(shown);
  const report = copyReport(results);
  const counts = countOutcomes(report);
  const cancelledAll = counts.succeeded === 0 && counts.failed === 0;
  // Not awaited: the message stays until dismissed, and the copies are already under way.
  if (!cancelledAll) void reportResults(report, deps.log);
  return { report, copies };
}

async function showCopy(
  deps: CommandDeps,
  result: Extract<CopyResult, { imageId: string }>,
  copies: CopyImageOutcome['copies'],
): Promise<void> {
  const { call, imageId } = result;
  copies.push({
    region: call.region,
    imageId,
    sourceImageId: call.source.imageId,
    sourceRegion: call.source.region,
  });
  deps.imagesTree.showImage(pendingCopyImage(call, imageId, deps.imagesTree.accountId));
  await deps.operations.start({
    kind: 'copy',
    region: call.region,
    imageId,
    label: call.params.Name,
    startedAt: new Date().toISOString(),
    sourceImageId: call.source.imageId,
    sourceRegion: call.source.region,
  });
}

async function sourcesOf(
  deps: CommandDeps,
  clicked: unknown,
  selection: unknown,
  answers: CopyImageAnswers | undefined,
): Promise<Ami[]> {
  const nodes = selectedNodes(clicked, selection, isImageNode);
  if (nodes.length > 0) return nodes.map((n) => n.ami);
  if (answers?.source) {
    return [await deps.images.getImage(answers.source.region, answers.source.imageId)];
  }
  return pickImages(deps, 'Copy Image', {
    canPickMany: false,
    usable: (a) => a.state === 'available',
    noneMessage: 'There is no available AMI to copy',
  });
}
