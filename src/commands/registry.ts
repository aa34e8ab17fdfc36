import * as vscode from 'vscode';
import { ImagesRegionNode } from '../tree/imagesRegionNode';
import { InstancesRegionNode } from '../tree/instancesRegionNode';
import type { TreeNode } from '../tree/treeNode';
import type { BaseCommandDeps } from './commandDeps';
import type { BasicCommandId, CommandId, FeatureCommandId } from './commandIds';
import { FEATURE_COMMAND_IDS } from './commandIds';
import { copyImageId, copyImageName, copyInstanceId } from './copyValues';
import { openImageJson, openInstanceJson } from './openJson';
import type { Handler } from './runCommand';
import { runCommand } from './runCommand';
import { clearNameFilter, listingOptions, selectScope, setNameFilter } from './scopeCommands';
import { selectProfile } from './selectProfile';
import { ssoLogin } from './ssoLogin';

/** The handlers of the feature commands, from the lazily loaded features bundle. */
export type FeatureHandlers = () => Promise<Record<FeatureCommandId, Handler>>;

/**
 * The one registration table: every contributed command and its handler. The feature commands
 * forward to the features bundle, loaded on their first use; their modules stay out of activation.
 */
export function commandHandlers(
  deps: BaseCommandDeps,
  features: FeatureHandlers,
): Record<CommandId, Handler> {
  const lazy = Object.fromEntries(
    FEATURE_COMMAND_IDS.map((id) => [
      id,
      async (...args: unknown[]) => (await features())[id](...args),
    ]),
  ) as Record<FeatureCommandId, Handler>;
  return { ...basicHandlers(deps), ...lazy };
}

function basicHandlers(deps: BaseCommandDeps): Record<BasicCommandId, Handler> {
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
  };
}

/**
 * Registers every command through the error/progress wrapper. A third argument (pre-filled answers
 * that skip prompts and confirmations) reaches the handlers only outside production mode, i.e. in
 * tests: no other extension can run a destructive action without the user's confirmation.
 */
export function registerCommands(
  deps: BaseCommandDeps,
  features: FeatureHandlers,
): vscode.Disposable[] {
  return Object.entries(commandHandlers(deps, features)).map(([id, handler]) => {
    const guarded: Handler = deps.scriptedAnswers
      ? handler
      : (node, selection) => handler(node, selection);
    return vscode.commands.registerCommand(id, runCommand(id, deps.log, guarded));
  });
}

/** Per-region refresh, from a region node or from a message node under one. */
function refreshRegion(deps: BaseCommandDeps, node: unknown): void {
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
