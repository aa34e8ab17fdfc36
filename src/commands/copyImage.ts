import { randomUUID } from 'node:crypto';
import type { CopyResult } from '../core/model/copyPlan';
import { copyReport, copySourceOf, planCopy } from '../core/model/copyPlan';
import type { OperationReport } from '../core/model/operationReport';
import { pendingCopyImage } from '../core/services/copyImageService';
import { runCopyWizard } from '../ui/copyImageWizard';
import { requireAllowed } from '../ui/pickers';
import { withProgress } from '../ui/progress';
import { reportResults } from '../ui/reportResults';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';

/** What the command resolves to (what `executeCommand` returns). */
export interface CopyImageOutcome {
  report: OperationReport;
  copies: { region: string; imageId: string; sourceImageId: string; sourceRegion: string }[];
}

/**
 * `amiExplorer.image.copy`: from the tree (one or several available AMIs) or the palette (region,
 * then AMI). Each copy appears at once as pending in its destination and is tracked until it
 * settles, across window reloads — also a copy found by re-reading after a cancel or a lost answer.
 */
export async function copyImage(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<CopyImageOutcome> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: 'Copy Image',
    capability: 'copy',
    many: true,
  });
  requireAllowed(targets, 'copy', 'Copy Image');
  const sources = targets.map((t) => copySourceOf(t.ami));
  const regions = await deps.regions.get().then(
    (resolved) => resolved.regions,
    () => [],
  );
  const state = await runCopyWizard(deps.ui, sources, regions);
  // Throws InputError before any call when something is not valid.
  const calls = planCopy({ sources, ...state, actionId: randomUUID() });
  const copies: CopyImageOutcome['copies'] = [];
  const results = await withProgress(
    calls.length === 1
      ? `Copying to ${calls[0]?.region ?? ''}…`
      : `Starting ${calls.length} copies…`,
    (signal, progress) =>
      deps.copyImages.run(calls, signal, (result) => {
        progress.report({ increment: 100 / calls.length });
        if ('imageId' in result) showCopy(deps, result, copies);
      }),
  );
  const report = copyReport(results);
  // Always, also after Cancel: every planned copy with what EC2 (or a re-read) showed of it. Not
  // awaited: the message stays until dismissed, and the copies are already under way.
  void reportResults(deps.ui, deps.log, report);
  return { report, copies };
}

function showCopy(
  deps: CommandDeps,
  result: Extract<CopyResult, { imageId: string }>,
  copies: CopyImageOutcome['copies'],
): void {
  const { call, imageId } = result;
  copies.push({
    region: call.region,
    imageId,
    sourceImageId: call.source.imageId,
    sourceRegion: call.source.region,
  });
  deps.events.publish({
    kind: 'appeared',
    image: pendingCopyImage(call, imageId, deps.imagesTree.accountId),
    operation: {
      kind: 'copy',
      label: call.params.Name,
      sourceImageId: call.source.imageId,
      sourceRegion: call.source.region,
    },
  });
}
