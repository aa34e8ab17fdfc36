import * as vscode from 'vscode';
import { ImagesRegionNode } from '../tree/imagesRegionNode';
import { InstancesRegionNode } from '../tree/instancesRegionNode';
import type { TreeNode } from '../tree/treeNode';
import type { CommandDeps } from './commandDeps';
import type { CommandId } from './commandIds';
import { cancelDeprecation } from './cancelDeprecation';
import { copyImage } from './copyImage';
import type { CreateImageAnswers } from './createImage';
import { createImageFromInstance } from './createImage';
import { deregisterImage } from './deregisterImage';
import type { DeprecateInput } from './deprecateImage';
import { deprecateImage } from './deprecateImage';
import type { DisableImageInput } from './disableImage';
import { disableImage } from './disableImage';
import { disableProtection } from './disableProtection';
import type { EditDescriptionInput } from './editDescription';
import { editDescription } from './editDescription';
import type { EditTagsInput } from './editTags';
import { editTags } from './editTags';
import { enableImage } from './enableImage';
import type { EnableProtectionInput } from './enableProtection';
import { enableProtection } from './enableProtection';
import { editPermissions, showBlockDevices } from './imagePanels';
import type { RegistrationInput } from '../core/model/imageRegistration';
import { registerImage } from './registerImage';
import type { ReregisterAnswers } from './reregisterImage';
import { reregisterImage } from './reregisterImage';
import { copyImageId, copyImageName, copyInstanceId } from './copyValues';
import { openImageJson, openInstanceJson } from './openJson';
import type { Handler } from './runCommand';
import { runCommand } from './runCommand';
import { clearNameFilter, listingOptions, selectScope, setNameFilter } from './scopeCommands';
import { selectProfile } from './selectProfile';
import { ssoLogin } from './ssoLogin';

/**
 * The command table: every contributed command and its handler. A handler takes (clicked node,
 * selection, optional pre-filled answers — honoured only outside production mode).
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
    'amiExplorer.scope.select': () => selectScope(),
    'amiExplorer.scope.setNameFilter': () => setNameFilter(),
    'amiExplorer.scope.clearNameFilter': () => clearNameFilter(),
    'amiExplorer.scope.options': () => listingOptions(),
    'amiExplorer.profile.select': () => selectProfile(deps),
    'amiExplorer.log.show': () => {
      deps.log.show(true);
      return Promise.resolve();
    },
    'amiExplorer.image.copy': (node, selection, answers) =>
      copyImage(deps, node, selection, answers),
    'amiExplorer.image.deregister': (node, selection, answers) =>
      deregisterImage(deps, node, selection, answers),
    'amiExplorer.image.editTags': (node, selection, input) =>
      editTags(deps, node, selection, input as EditTagsInput | undefined),
    'amiExplorer.image.editDescription': (node, selection, input) =>
      editDescription(deps, node, selection, input as EditDescriptionInput | undefined),
    'amiExplorer.image.deprecate': (node, selection, input) =>
      deprecateImage(deps, node, selection, input as DeprecateInput | undefined),
    'amiExplorer.image.cancelDeprecation': (node, selection) =>
      cancelDeprecation(deps, node, selection),
    'amiExplorer.image.enableProtection': (node, selection, input) =>
      enableProtection(deps, node, selection, input as EnableProtectionInput | undefined),
    'amiExplorer.image.disableProtection': (node, selection) =>
      disableProtection(deps, node, selection),
    'amiExplorer.image.disable': (node, selection, input) =>
      disableImage(deps, node, selection, input as DisableImageInput | undefined),
    'amiExplorer.image.enable': (node, selection) => enableImage(deps, node, selection),
    'amiExplorer.instance.createImage': (node, selection, answers) =>
      createImageFromInstance(deps, node, selection, answers as CreateImageAnswers | undefined),
    'amiExplorer.image.register': (node, selection, input) =>
      registerImage(deps, node, selection, input as RegistrationInput | undefined),
    'amiExplorer.image.reregister': (node, selection, answers) =>
      reregisterImage(deps, node, selection, answers as ReregisterAnswers | undefined),
    'amiExplorer.image.showBlockDevices': (node, selection) =>
      showBlockDevices(deps, node, selection),
    'amiExplorer.image.editPermissions': (node, selection) =>
      editPermissions(deps, node, selection),
  };
}

/**
 * Registers every command through the error/progress wrapper. A third argument (pre-filled answers
 * that skip prompts and confirmations) reaches the handlers only outside production mode, i.e. in
 * tests: no other extension can run a destructive action without the user's confirmation.
 */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(commandHandlers(deps)).map(([id, handler]) => {
    const guarded: Handler = deps.scriptedAnswers
      ? handler
      : (node, selection) => handler(node, selection);
    return vscode.commands.registerCommand(id, runCommand(id, deps.log, guarded));
  });
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
