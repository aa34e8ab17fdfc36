import type { CommandDeps } from './commandDeps';
import type { FeatureCommandId } from './commandIds';
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
import type { Handler } from './runCommand';

/**
 * The handlers of the feature commands (operations and panels). They live in the features bundle,
 * which the activation bundle loads the first time one of them runs. Each takes (clicked node,
 * selection, optional pre-filled input that skips the UI — honoured only outside production mode).
 */
export function featureHandlers(deps: CommandDeps): Record<FeatureCommandId, Handler> {
  return {
    'amiExplorer.image.copy': (node, selection, answers) =>
      copyImage(deps, node, selection, answers),
    'amiExplorer.image.deregister': (node, selection, answers) =>
      deregisterImage(deps, node, selection, answers),
    // Tags and lifecycle: (clicked node, selection, optional pre-filled input that skips the UI).
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
    // Create / register / re-register images (issue 5). A third argument replaces the dialogs.
    'amiExplorer.instance.createImage': (node, selection, answers) =>
      createImageFromInstance(deps, node, selection, answers as CreateImageAnswers | undefined),
    'amiExplorer.image.register': (node, selection, input) =>
      registerImage(deps, node, selection, input as RegistrationInput | undefined),
    'amiExplorer.image.reregister': (node, selection, answers) =>
      reregisterImage(deps, node, selection, answers as ReregisterAnswers | undefined),
    // Webview panels (issue 6)
    'amiExplorer.image.showBlockDevices': (node, selection) =>
      showBlockDevices(deps, node, selection),
    'amiExplorer.image.editPermissions': (node, selection) =>
      editPermissions(deps, node, selection),
  };
}
