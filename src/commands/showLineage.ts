import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import { amiDisplayName } from '../core/model/ami';
import type { LineageStep } from '../core/model/imageInsightsText';
import {
  lineageIdsByRegion,
  lineageRow,
  lineageSteps,
  notVisibleSentence,
} from '../core/model/imageInsightsText';
import { withProgress } from '../ui/progress';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

interface LineageItem extends vscode.QuickPickItem {
  step: LineageStep;
}

/**
 * `amiExplorer.image.showLineage`: the chain from an AMI to its root (GetImageAncestry), one row
 * per generation; choosing a row opens that AMI's JSON, or says why it cannot be seen.
 */
export async function showLineage(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const [target] = await imageTargets(deps, clicked, selection, {
    title: l10n.t('Show Lineage'),
    many: false,
  });
  if (!target) return;
  const { ami } = target;
  // Read under progress first: a failure is reported before an empty pick opens.
  const steps = await withProgress(
    l10n.t('Reading the lineage of {0}…', amiDisplayName(ami)),
    (signal) => readLineage(deps, ami, signal),
  );
  const items: LineageItem[] = steps.map((step) => ({
    ...lineageRow(step, steps.length),
    ...(step.image ? {} : { iconPath: new vscode.ThemeIcon('eye-closed') }),
    step,
  }));
  const chosen = await deps.ui.pick({
    title: l10n.t(
      'Lineage of {0} ({1}): {2}',
      amiDisplayName(ami),
      ami.imageId,
      generations(steps.length),
    ),
    placeholder: l10n.t('Choose an AMI to open its JSON'),
    items,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!chosen.step.image) {
    void deps.ui.notify('info', notVisibleSentence(chosen.step));
    return;
  }
  const uri = await withProgress(l10n.t('Loading {0}…', chosen.step.imageId), (signal) =>
    deps.documents.load(
      {
        region: chosen.step.region,
        resourceId: chosen.step.imageId,
        label: chosen.label,
      },
      signal,
    ),
  );
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), {
    preview: true,
  });
}

/** GetImageAncestry, then one DescribeImages per region of the chain: which AMIs are visible. */
async function readLineage(
  deps: CommandDeps,
  ami: Ami,
  signal: AbortSignal,
): Promise<LineageStep[]> {
  const entries = await deps.ec2.insights.ancestry(ami.region, ami.imageId, signal);
  const steps = lineageSteps(ami.region, entries);
  const visible = new Map<string, Ami>();
  await Promise.all(
    [...lineageIdsByRegion(steps)].map(async ([region, ids]) => {
      for (const image of await deps.ec2.images.findById(region, ids, signal)) {
        visible.set(`${region}/${image.imageId}`, image);
      }
    }),
  );
  return lineageSteps(ami.region, entries, visible);
}

function generations(n: number): string {
  return n === 1 ? l10n.t('no source AMI') : l10n.t('{0} generations', n);
}
