import type * as vscode from 'vscode';
import type { ActiveProfile } from '../activeProfile';
import type { ProfileService } from '../core/services/profileService';
import type { ResourceDocumentProvider } from '../documents/resourceDocumentProvider';
import type { ImagesTreeProvider } from '../tree/imagesTreeProvider';
import type { InstancesTreeProvider } from '../tree/instancesTreeProvider';
import type { RegionSource } from '../tree/regionSource';
import type { WebviewPanels } from '../webviews/webviewPanels';

/** What command handlers get from the composition root. */
export interface CommandDeps {
  imagesTree: ImagesTreeProvider;
  instancesTree: InstancesTreeProvider;
  documents: ResourceDocumentProvider;
  regions: RegionSource;
  profiles: ProfileService;
  activeProfile: ActiveProfile;
  log: vscode.LogOutputChannel;
  panels: WebviewPanels;
}
