import * as vscode from 'vscode';
import { cancelDeprecation } from './cancelDeprecation';
import { openCleanupAssistant } from './cleanupAssistant';
import type { CommandDeps } from './commandDeps';
import { copyImage } from './copyImage';
import { copyImageId, copyImageName, copyInstanceId } from './copyValues';
import { createImageFromInstance } from './createImage';
import { deprecateImage } from './deprecateImage';
import { deregisterImage } from './deregisterImage';
import { disableImage } from './disableImage';
import { disableProtection } from './disableProtection';
import { editDescription } from './editDescription';
import { editTags } from './editTags';
import { enableImage } from './enableImage';
import { leaveSharedImage } from './leaveSharedImage';
import { enableProtection } from './enableProtection';
import { compareImages, compareWithPrevious, copyNewestToMissingRegions } from './familyCommands';
import { editPermissions, showBlockDevices } from './imagePanels';
import { openImageJson, openInstanceJson } from './openJson';
import { refreshImages, refreshInstances, refreshRegion } from './refresh';
import {
  copyReference,
  openReferenceJson,
  replaceReference,
  revealReference,
  showReferenceBlockDevices,
} from './referenceCommands';
import { registerImage } from './registerImage';
import { restoreFromRecycleBin, setRecycleBinAlways } from './recycleBinCommands';
import { showAccountSettings } from './accountSettings';
import { findReferencesInWorkspace } from '../references/findInWorkspace';
import { reregisterImage } from './reregisterImage';
import { runCommand } from './runCommand';
import { clearNameFilter, listingOptions, selectScope, setNameFilter } from './scopeCommands';
import { selectProfile } from './selectProfile';
import { showFindings } from './showFindings';
import { showLineage } from './showLineage';
import { showMoreImages } from './showMore';
import { showUsage } from './showUsage';
import { ssoLogin } from './ssoLogin';
import { keyboardTarget } from '../ui/targets';

/**
 * A command handler: the composition root's dependencies, then what VS Code passes — the clicked
 * node and the multi-selection from a tree menu, nothing from the Command Palette. Anything else it
 * needs, it asks through `deps.ui`.
 */
export type CommandHandler = (
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
) => Promise<unknown>;

/**
 * The command table: every command AMI Explorer contributes, once, with its handler. package.json
 * must contribute exactly these (the integration tests compare them with what is registered).
 */
export const COMMANDS = {
  'amiExplorer.images.refresh': refreshImages,
  'amiExplorer.instances.refresh': refreshInstances,
  'amiExplorer.region.refresh': refreshRegion,
  'amiExplorer.images.showMore': showMoreImages,
  'amiExplorer.image.openJson': openImageJson,
  'amiExplorer.image.copyId': (_deps, clicked, selection) => copyImageId(clicked, selection),
  'amiExplorer.image.copyName': (_deps, clicked, selection) => copyImageName(clicked, selection),
  'amiExplorer.instance.openJson': openInstanceJson,
  'amiExplorer.instance.copyId': (_deps, clicked, selection) => copyInstanceId(clicked, selection),
  'amiExplorer.image.copy': copyImage,
  'amiExplorer.image.compare': compareImages,
  'amiExplorer.image.compareWithPrevious': (deps, clicked) => compareWithPrevious(deps, clicked),
  'amiExplorer.family.copyNewestToMissing': (deps, clicked) =>
    copyNewestToMissingRegions(deps, clicked),
  'amiExplorer.image.deregister': deregisterImage,
  'amiExplorer.cleanup.open': openCleanupAssistant,
  'amiExplorer.scope.select': (deps) => selectScope(deps.ui),
  'amiExplorer.scope.setNameFilter': (deps) => setNameFilter(deps.ui),
  'amiExplorer.scope.clearNameFilter': () => clearNameFilter(),
  'amiExplorer.scope.options': (deps) => listingOptions(deps.ui),
  'amiExplorer.profile.select': selectProfile,
  'amiExplorer.credentials.ssoLogin': ssoLogin,
  'amiExplorer.log.show': (deps) => {
    deps.log.show(true);
    return Promise.resolve();
  },
  'amiExplorer.image.editTags': editTags,
  'amiExplorer.image.editDescription': editDescription,
  'amiExplorer.image.deprecate': deprecateImage,
  'amiExplorer.image.cancelDeprecation': cancelDeprecation,
  'amiExplorer.image.enableProtection': enableProtection,
  'amiExplorer.image.disableProtection': disableProtection,
  'amiExplorer.image.disable': disableImage,
  'amiExplorer.image.enable': enableImage,
  'amiExplorer.image.leaveShared': leaveSharedImage,
  'amiExplorer.instance.createImage': createImageFromInstance,
  'amiExplorer.image.register': registerImage,
  'amiExplorer.image.reregister': reregisterImage,
  'amiExplorer.image.showBlockDevices': showBlockDevices,
  'amiExplorer.image.editPermissions': editPermissions,
  // Run by the hover of an AMI id in code and its quick fixes, with the AMI as argument.
  'amiExplorer.references.findInWorkspace': findReferencesInWorkspace,
  'amiExplorer.reference.openJson': openReferenceJson,
  'amiExplorer.reference.showBlockDevices': showReferenceBlockDevices,
  'amiExplorer.reference.reveal': revealReference,
  'amiExplorer.reference.replace': replaceReference,
  'amiExplorer.reference.copy': copyReference,
  'amiExplorer.image.showLineage': showLineage,
  'amiExplorer.image.showUsage': showUsage,
  'amiExplorer.image.showFindings': showFindings,
  'amiExplorer.image.restoreFromRecycleBin': restoreFromRecycleBin,
  'amiExplorer.images.showRecycleBinAlways': () => setRecycleBinAlways(true),
  'amiExplorer.images.showRecycleBinWhenNotEmpty': () => setRecycleBinAlways(false),
  'amiExplorer.account.showSettings': showAccountSettings,
} satisfies Record<`amiExplorer.${string}`, CommandHandler>;

/** One command id. */
export type CommandId = keyof typeof COMMANDS;

/**
 * Registers every command of the table through the error wrapper. Only the clicked node and the
 * selection reach a handler (from the Images view's keys: its selected AMI rows, `keyboardTarget`):
 * whatever else it needs it asks the user, so no other extension can skip a question or a
 * confirmation by passing arguments.
 */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]: [string, CommandHandler]) =>
    vscode.commands.registerCommand(
      id,
      runCommand(id, deps, (clicked: unknown, selection: unknown) => {
        // The Images view's keys pass a marker, not a row: they act on the view's selection.
        const keyboard = keyboardTarget(clicked, deps.imagesView);
        if (!keyboard) return handler(deps, clicked, selection);
        // A key on a row that is not an AMI does nothing (never a picker).
        if (!keyboard.clicked) return Promise.resolve(undefined);
        return handler(deps, keyboard.clicked, keyboard.selection);
      }),
    ),
  );
}
