import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import { amiDisplayName } from '../core/model/ami';
import { CancelledError } from '../core/model/errors';
import { validateAmiId } from '../core/model/validation';
import { ImageNode } from '../tree/imageNode';
import type { CommandDeps } from './commandDeps';
import { pickRegion } from './pickers';
import { selectedNodes } from './selection';

const isImageNode = (n: unknown): n is ImageNode => n instanceof ImageNode;

/** `amiExplorer.image.showBlockDevices`: one panel per selected AMI, or region + AMI picks. */
export async function showBlockDevices(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  for (const target of await targets(deps, clicked, selection, 'Show Block Devices')) {
    deps.panels.showBlockDevices(target);
  }
}

/** `amiExplorer.image.editPermissions`: one panel per selected AMI, or region + AMI picks. */
export async function editPermissions(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  for (const target of await targets(deps, clicked, selection, 'Edit Launch Permissions')) {
    deps.panels.showLaunchPermissions(target);
  }
}

async function targets(
  deps: CommandDeps,
  clicked: unknown,
  selection: unknown,
  title: string,
): Promise<{ region: string; imageId: string }[]> {
  const nodes = selectedNodes(clicked, selection, isImageNode);
  if (nodes.length > 0) {
    return nodes.map((n) => ({ region: n.ami.region, imageId: n.ami.imageId }));
  }
  const region = await pickRegion(deps.regions, `${title}: region`);
  return [{ region, imageId: await pickImage(deps, region, `${title} (${region})`) }];
}

/**
 * Asks for an AMI of a region: the AMIs the Images view lists there (current scope), filterable by
 * name or id; typing a valid AMI id that is not listed offers it too. Throws CancelledError on Escape.
 */
export async function pickImage(deps: CommandDeps, region: string, title: string): Promise<string> {
  type Item = vscode.QuickPickItem & { imageId: string };
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = title;
  pick.placeholder = 'Pick an AMI or type an AMI id (ami-…)';
  pick.matchOnDescription = true;
  // The region pick closes just before this one opens; a click that closed it must not close this.
  pick.ignoreFocusOut = true;
  pick.busy = true;
  let listed: Item[] = [];
  const controller = new AbortController();
  const toItem = (ami: Ami): Item => ({
    label: amiDisplayName(ami),
    description: ami.name ? ami.imageId : undefined,
    detail: `${ami.rootDeviceType === 'ebs' ? 'EBS-backed' : 'instance store-backed'} · ${ami.state}`,
    imageId: ami.imageId,
  });
  const refreshItems = (): void => {
    const typed = pick.value.trim();
    const extra =
      typed.length > 0 &&
      validateAmiId(typed) === undefined &&
      !listed.some((i) => i.imageId === typed)
        ? [{ label: typed, description: 'not listed in the Images view', imageId: typed }]
        : [];
    pick.items = [...extra, ...listed];
  };
  deps.imagesTree.listImages(region, controller.signal).then(
    (images) => {
      listed = images.map(toItem);
      pick.busy = false;
      refreshItems();
    },
    () => {
      // Without a list the user can still type an id.
      pick.busy = false;
    },
  );
  return new Promise<string>((resolve, reject) => {
    const disposables: vscode.Disposable[] = [pick];
    // Disposing the pick hides it, and onDidHide would reject before the accepted value resolves:
    // the first outcome wins.
    let settled = false;
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      controller.abort();
      settle();
      for (const d of disposables) d.dispose();
    };
    disposables.push(
      pick.onDidChangeValue(refreshItems),
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0]?.imageId ?? pick.value.trim();
        const problem = validateAmiId(chosen);
        if (problem) {
          pick.title = `${title}: ${problem}`;
          return;
        }
        finish(() => resolve(chosen));
      }),
      pick.onDidHide(() => finish(() => reject(new CancelledError()))),
    );
    pick.show();
  });
}
