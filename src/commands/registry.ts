import * as vscode from 'vscode';
import { ImagesRegionNode } from '../tree/imagesRegionNode';
import { InstancesRegionNode } from '../tree/instancesRegionNode';
import type { TreeNode } from '../tree/treeNode';
import type { CommandDeps } from './commandDeps';
import type { CommandId } from './commandIds';
import { copyImageId, copyImageName, copyInstanceId } from './copyValues';
import { editPermissions, showBlockDevices } from './imagePanels';
import { openImageJson, openInstanceJson } from './openJson';
import { runCommand } from './runCommand';
import { clearNameFilter, listingOptions, selectScope, setNameFilter } from './scopeCommands';
import { selectProfile } from './selectProfile';

type Handler = (...args: unknown[]) => Promise<unknown>;

/** The one registration table: every contributed command and its handler. */
export function commandHandlers(deps: CommandDeps): Record<CommandId, Handler> {
  return {
    'amiExplorer.images.refresh': () => {
      deps.imagesTree.refresh();
      deps.documents.refresh();
      return Promise.resolve();
    },
    'amiExplorer.instances.refresh': () => {
      deps.instancesTree.refresh();
      return Promise.resolve();
    },
    'amiExplorer.region.refresh': (node) => {
      refreshRegion(deps, node);
      return Promise.resolve();
    },
    'amiExplorer.image.openJson': (node, selection) => openImageJson(deps, node, selection),
    'amiExplorer.image.copyId': (node, selection) => copyImageId(node, selection),
    'amiExplorer.image.copyName': (node, selection) => copyImageName(node, selection),
    'amiExplorer.instance.openJson': (node, selection) => openInstanceJson(deps, node, selection),
    'amiExplorer.instance.copyId': (node, selection) => copyInstanceId(node, selection),
    'amiExplorer.scope.select': () => selectScope(),
    'amiExplorer.scope.setNameFilter': () => setNameFilter(),
    'amiExplorer.scope.clearNameFilter': () => clearNameFilter(),
    'amiExplorer.scope.options': () => listingOptions(),
    'amiExplorer.profile.select': () => selectProfile(deps),
    'amiExplorer.log.show': () => {
      deps.log.show(true);
      return Promise.resolve();
    },
    // Webview panels (issue 6)
    'amiExplorer.image.showBlockDevices': (node, selection) =>
      showBlockDevices(deps, node, selection),
    'amiExplorer.image.editPermissions': (node, selection) =>
      editPermissions(deps, node, selection),
  };
}

/** Registers every command through the error/progress wrapper. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(commandHandlers(deps)).map(([id, handler]) =>
    vscode.commands.registerCommand(id, runCommand(id, deps.log, handler)),
  );
}

/** Per-region refresh, from a region node or from a message node under one. */
function refreshRegion(deps: CommandDeps, node: unknown): void {
  let current = node as TreeNode | undefined;
  while (
    current &&
    !(current instanceof ImagesRegionNode || current instanceof InstancesRegionNode)
  ) {
    current = current.parent;
  }
  if (current instanceof ImagesRegionNode) {
    deps.imagesTree.refreshRegion(current);
    deps.documents.refresh(current.region);
  } else if (current instanceof InstancesRegionNode) {
    deps.instancesTree.refreshRegion(current);
  }
}
