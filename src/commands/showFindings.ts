import * as vscode from 'vscode';
import { amiDisplayName } from '../core/model/ami';
import { withProgress } from '../ui/progress';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

/**
 * `amiExplorer.image.showFindings`: Amazon Inspector's findings for an AMI (GetImageFindings) in a
 * read-only markdown document: severity, vulnerability, package, fix available; or why there are
 * none (not scanned, or scanned clean).
 */
export async function showFindings(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const [target] = await imageTargets(deps, clicked, selection, {
    title: l10n.t('Show Findings'),
    many: false,
  });
  if (!target) return;
  const { ami } = target;
  const uri = await withProgress(
    l10n.t('Reading the findings of {0}…', amiDisplayName(ami)),
    (signal) =>
      deps.insightDocuments.load(
        { kind: 'findings', region: ami.region, imageId: ami.imageId },
        signal,
      ),
  );
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), {
    preview: true,
  });
}
