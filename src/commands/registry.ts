import * as vscode from 'vscode';
import { ImagesRegionNode } from '../tree/imagesRegionNode';
import { InstancesRegionNode } from '../tree/instancesRegionNode';
import type { TreeNode } from '../tree/treeNode';
import type { CommandDeps } from './commandDeps';
import type { CommandId } from './commandIds';
import { cancelDeprecation } from './cancelDeprecation';
import { copyImage } from './copyImage';
import { createImageFromInstance } from './createImage';
import { deregisterImage } from './deregisterImage';
import { deprecateImage } from './deprecateImage';
import { disableImage } from './disableImage';
import { disableProtection } from './disableProtection';
import { editDescription } from './editDescription';
import { editTags } from './editTags';
import { enableImage } from './enableImage';
import { enableProtection } from './enableProtection';
import { editPermissions, showBlockDevices } from './imagePanels';
import { registerImage } from './registerImage';
import { reregisterImage } from './reregisterImage';
import { copyImageId, copyImageName, copyInstanceId } from './copyValues';
import { openImageJson, openInstanceJson } from './openJson';
import type { Handler } from './runCommand';
import { runCommand } from './runCommand';
import { clearNameFilter, listingOptions, selectScope, setNameFilter } from './scopeCommands';
import { selectProfile } from './selectProfile';
import { ssoLogin } from './ssoLogin';

/**
 * The command table: every contributed command and its handler. A handler takes what VS Code passes
 * (the clicked node and the multi-selection from a tree menu, nothing from the Command Palette) and
 * asks the user through `deps.ui` for anything else.
 */
export function commandHandlers(deps: CommandDeps): Record<CommandId, Handler> {
  return {
    'amiExplorer.images.refresh': () => {
      // Fresh credentials too: the user may have just fixed ~/.aws/credentials or signed in.
      deps.connections.reset();
      deps.imagesTree.refresh();
      deps.documents.refresh();
      return Promise.resolve();
    },
    'amiExplorer.instances.refresh': () => {
      deps.connections.reset();
      deps.instancesTree.refresh();
      return Promise.resolve();
    },
    'amiExplorer.credentials.ssoLogin': () => ssoLogin(deps),
    'amiExplorer.region.refresh': (node) => {
      refreshRegion(deps, node);
      return Promise.resolve();
    },
    'amiExplorer.image.openJson': (node, selection) => openImageJson(deps, node, selection),
    'amiExplorer.image.copyId': (node, selection) => copyImageId(node, selection),
    'amiExplorer.image.copyName': (node, selection) => copyImageName(node, selection),
    'amiExplorer.instance.openJson': (node, selection) => openInstanceJson(deps, node, selection),
    'amiExplorer.instance.copyId': (node, selection) => copyInstanceId(node, selection),
    'amiExplorer.scope.select': () => selectScope(deps.ui),
    'amiExplorer.scope.setNameFilter': () => setNameFilter(deps.ui),
    'amiExplorer.scope.clearNameFilter': () => clearNameFilter(),
    'amiExplorer.scope.options': () => listingOptions(deps.ui),
    'amiExplorer.profile.select': () => selectProfile(deps),
    'amiExplorer.log.show': () => {
      deps.log.show(true);
      return Promise.resolve();
    },
    'amiExplorer.image.copy': (node, selection) => copyImage(deps, node, selection),
    'amiExplorer.image.deregister': (node, selection) => deregisterImage(deps, node, selection),
    'amiExplorer.image.editTags': (node, selection) => editTags(deps, node, selection),
    'amiExplorer.image.editDescription': (node, selection) =>
      editDescription(deps, node, selection),
    'amiExplorer.image.deprecate': (node, selection) => deprecateImage(deps, node, selection),
    'amiExplorer.image.cancelDeprecation': (node, selection) =>
      cancelDeprecation(deps, node, selection),
    'amiExplorer.image.enableProtection': (node, selection) =>
      enableProtection(deps, node, selection),
    'amiExplorer.image.disableProtection': (node, selection) =>
      disableProtection(deps, node, selection),
    'amiExplorer.image.disable': (node, selection) => disableImage(deps, node, selection),
    'amiExplorer.image.enable': (node, selection) => enableImage(deps, node, selection),
    'amiExplorer.instance.createImage': (node) => createImageFromInstance(deps, node),
    'amiExplorer.image.register': (node) => registerImage(deps, node),
    'amiExplorer.image.reregister': (node) => reregisterImage(deps, node),
    'amiExplorer.image.showBlockDevices': (node, selection) =>
      showBlockDevices(deps, node, selection),
    'amiExplorer.image.editPermissions': (node, selection) =>
      editPermissions(deps, node, selection),
  };
}

/**
 * Registers every command through the error wrapper. Only the clicked node and the selection reach
 * a handler: whatever else it needs it asks the user, so no other extension can skip a question or
 * a confirmation by passing arguments.
 */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(commandHandlers(deps)).map(([id, handler]) =>
    vscode.commands.registerCommand(
      id,
      runCommand(id, deps, (node: unknown, selection: unknown) => handler(node, selection)),
    ),
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
