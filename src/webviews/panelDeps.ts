import type * as vscode from 'vscode';
import type { ImageSharingService } from '../core/services/imageSharingService';
import type { ResourceDocumentProvider } from '../documents/resourceDocumentProvider';

/** What the panel controllers get from the composition root. */
export interface PanelDeps {
  extensionUri: vscode.Uri;
  sharing: ImageSharingService;
  documents: ResourceDocumentProvider;
  log: vscode.LogOutputChannel;
  /**
   * Asks the user to confirm making an image public (a modal dialog). Replaceable so integration
   * tests can answer it; the default shows the dialog.
   */
  confirmPublic: (image: { name: string; imageId: string; region: string }) => Promise<boolean>;
  /** Called after launch permissions changed, so open AMI documents can re-read them. */
  onPermissionsChanged: (region: string, imageId: string) => void;
}
