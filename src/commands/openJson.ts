import * as vscode from 'vscode';
import { amiDisplayName } from '../core/model/ami';
import { InputError } from '../core/model/errors';
import { instanceDisplayName } from '../core/model/instance';
import { withProgress } from '../ui/progress';
import { imageTargets, instanceTarget, selectedInstances } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

/** `amiExplorer.image.openJson`: from the tree (one or several AMIs) or the palette (the AMI picker). */
export async function openImageJson(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: l10n.t('Open AMI JSON'),
    many: true,
  });
  await openDocuments(
    deps,
    targets.map((t) => ({
      region: t.ami.region,
      resourceId: t.ami.imageId,
      label: amiDisplayName(t.ami),
    })),
  );
}

/** `amiExplorer.instance.openJson`: from the tree or the palette (region, then instance). */
export async function openInstanceJson(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const nodes = selectedInstances(clicked, selection);
  const targets =
    nodes.length > 0
      ? nodes.map((n) => ({
          region: n.instance.region,
          resourceId: n.instance.instanceId,
          label: instanceDisplayName(n.instance),
        }))
      : [await instanceTarget(deps, undefined, l10n.t('Open Instance JSON'))].map((t) => ({
          region: t.region,
          resourceId: t.instanceId,
        }));
  await openDocuments(deps, targets);
}

async function openDocuments(
  deps: CommandDeps,
  targets: { region: string; resourceId: string; label?: string }[],
): Promise<void> {
  if (targets.length === 0) throw new InputError(l10n.t('Select an AMI or instance first.'));
  const title =
    targets.length === 1
      ? l10n.t('Loading {0}…', targets[0]?.resourceId ?? '')
      : l10n.t('Loading {0} documents…', targets.length);
  const uris = await withProgress(title, async (signal) => {
    const loaded: vscode.Uri[] = [];
    for (const t of targets) loaded.push(await deps.documents.load(t, signal));
    return loaded;
  });
  for (const [index, uri] of uris.entries()) {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, {
      preview: uris.length === 1,
      preserveFocus: index < uris.length - 1,
    });
  }
}
