import type * as vscode from 'vscode';
import type { ImageEvents } from '../core/services/imageEvents';
import type { ImageSharingService } from '../core/services/imageSharingService';
import type { ResourceDocumentProvider } from '../documents/resourceDocumentProvider';
import type { Ask } from '../ui/userInput';

/** What the panel controllers get from the composition root. */
export interface PanelDeps {
  extensionUri: vscode.Uri;
  sharing: ImageSharingService;
  documents: ResourceDocumentProvider;
  log: vscode.LogOutputChannel;
  /** Questions to the user (the make-public confirmation). */
  ui: Ask;
  /** Panels say what they changed here, and follow what others change. */
  events: ImageEvents;
}
