import * as vscode from 'vscode';
import { amiDisplayName } from '../core/model/ami';
import { instanceDisplayName } from '../core/model/instance';
import { isInstanceId } from '../core/model/validation';
import { ImageNode } from '../tree/imageNode';
import { InstanceNode } from '../tree/instanceNode';
import type { CommandDeps } from './commandDeps';
import { inputAmiId, pickRegion } from './pickers';
import { withProgress } from './runCommand';
import { selectedNodes } from './selection';
import { CancelledError, InputError } from '../core/model/errors';

const isImageNode = (n: unknown): n is ImageNode => n instanceof ImageNode;
const isInstanceNode = (n: unknown): n is InstanceNode => n instanceof InstanceNode;

/** `amiExplorer.image.openJson`: from the tree (one or several AMIs) or the palette (region + id). */
export async function openImageJson(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const nodes = selectedNodes(clicked, selection, isImageNode);
  const targets =
    nodes.length > 0
      ? nodes.map((n) => ({
          region: n.ami.region,
          resourceId: n.ami.imageId,
          label: amiDisplayName(n.ami),
        }))
      : [await askForImage(deps)];
  await openDocuments(deps, targets);
}

/** `amiExplorer.instance.openJson`: from the tree or the palette. */
export async function openInstanceJson(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const nodes = selectedNodes(clicked, selection, isInstanceNode);
  const targets =
    nodes.length > 0
      ? nodes.map((n) => ({
          region: n.instance.region,
          resourceId: n.instance.instanceId,
          label: instanceDisplayName(n.instance),
        }))
      : [await askForInstance(deps)];
  await openDocuments(deps, targets);
}

async function askForImage(
  deps: CommandDeps,
): Promise<{ region: string; resourceId: string; label?: string }> {
  const region = await pickRegion(deps.regions, 'Open AMI JSON: region');
  const imageId = await inputAmiId(region);
  // The name goes into the tab title; it is looked up when the document loads.
  const shown = deps.imagesTree.regionNode(region)?.imageNode(imageId)?.ami;
  return { region, resourceId: imageId, ...(shown ? { label: amiDisplayName(shown) } : {}) };
}

async function askForInstance(deps: CommandDeps): Promise<{ region: string; resourceId: string }> {
  const region = await pickRegion(deps.regions, 'Open Instance JSON: region');
  const value = await vscode.window.showInputBox({
    title: `Open Instance JSON (${region})`,
    prompt: 'Instance id',
    placeHolder: 'i-0abcdef1234567890',
    validateInput: (v) =>
      isInstanceId(v.trim())
        ? undefined
        : 'An instance id is "i-" followed by 8 or 17 hexadecimal digits.',
  });
  if (value === undefined) throw new CancelledError();
  return { region, resourceId: value.trim() };
}

async function openDocuments(
  deps: CommandDeps,
  targets: { region: string; resourceId: string; label?: string }[],
): Promise<void> {
  if (targets.length === 0) throw new InputError('Select an AMI or instance first.');
  const title =
    targets.length === 1
      ? `Loading ${targets[0]?.resourceId ?? ''}…`
      : `Loading ${targets.length} documents…`;
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
