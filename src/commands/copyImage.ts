import { randomUUID } from 'node:crypto';
import type { CopyResult } from '../core/model/copyPlan';
import { copyReport, copySourceOf, planCopy } from '../core/model/copyPlan';
import type { OperationReport } from '../core/model/operationReport';
import { pendingCopyImage } from '../core/services/copyImageService';
import { unknownCopyOf } from '../core/services/unknownCopies';
import type { CopyWizardPrefill } from '../ui/copyImageWizard';
import { runCopyWizard } from '../ui/copyImageWizard';
import type { ImageTarget } from '../ui/pickers';
import { requireAllowed } from '../ui/pickers';
import { withProgress } from '../ui/progress';
import { reportResults } from '../ui/reportResults';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

/** What the command resolves to (what `executeCommand` returns). */
export interface CopyImageOutcome {
  report: OperationReport;
  copies: { region: string; imageId: string; sourceImageId: string; sourceRegion: string }[];
}

/**
 * `amiExplorer.image.copy`: from the tree (one or several available AMIs) or the palette (region,
 * then AMI). Each copy appears at once as pending in its destination and is tracked until it
 * settles, across window reloads — also a copy found by re-reading after a cancel or a lost answer,
 * and one whose outcome stays unknown (looked for in the background until EC2 answers).
 */
export async function copyImage(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<CopyImageOutcome> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: l10n.t('Copy Image'),
    capability: 'copy',
    many: true,
  });
  return copyTargets(deps, targets);
}

/**
 * Copies AMIs already chosen: the wizard (ticking `prefill`'s destinations), then the copies. The
 * tree and palette come here through {@link copyImage}, an AMI id in code through its quick fix and
 * its hover's link.
 */
export async function copyTargets(
  deps: CommandDeps,
  targets: readonly ImageTarget[],
  prefill?: CopyWizardPrefill,
): Promise<CopyImageOutcome> {
  requireAllowed(targets, 'copy', l10n.t('Copy Image'));
  const sources = targets.map((t) => copySourceOf(t.ami));
  const regions = await deps.regions.get().then(
    (resolved) => resolved.regions,
    () => [],
  );
  const state = await runCopyWizard(deps.ui, sources, regions, prefill);
  // Throws InputError before any call when something is not valid.
  const calls = planCopy({ sources, ...state, actionId: randomUUID() });
  const copies: CopyImageOutcome['copies'] = [];
  const startedAt = new Date();
  const results = await withProgress(
    calls.length === 1
      ? l10n.t('Copying to {0}…', calls[0]?.region ?? '')
      : l10n.t('Starting {0} copies…', calls.length),
    (signal, progress) =>
      deps.copyImages.run(calls, signal, (result) => {
        progress.report({ increment: 100 / calls.length });
        if ('imageId' in result) showCopy(deps, result, copies);
      }),
  );
  const report = copyReport(results);
  // A copy whose outcome is unknown is looked for until EC2 answers, then tracked like the others.
  const unknown = results
    .filter((r) => 'unknown' in r)
    .map((r) => unknownCopyOf(r.call, startedAt));
  if (unknown.length > 0) {
    deps.log.info(
      `Looking for ${unknown.length} copy(ies) whose outcome is unknown until EC2 answers.`,
    );
    await deps.unknownCopies.add(unknown);
  }
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
