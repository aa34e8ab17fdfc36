import type * as vscode from 'vscode';
import type { ActiveProfile } from '../activeProfile';
import type { CopyImageService } from '../core/services/copyImageService';
import type { DeregisterImageService } from '../core/services/deregisterImageService';
import type { ImageService } from '../core/services/imageService';
import type { OperationTracker } from '../core/services/operationTracker';
import type { ProfileService } from '../core/services/profileService';
import type { ResourceDocumentProvider } from '../documents/resourceDocumentProvider';
import type { ImagesTreeProvider } from '../tree/imagesTreeProvider';
import type { InstancesTreeProvider } from '../tree/instancesTreeProvider';
import type { RegionSource } from '../tree/regionSource';

/** What command handlers get from the composition root. */
export interface CommandDeps {
  imagesTree: ImagesTreeProvider;
  instancesTree: InstancesTreeProvider;
  documents: ResourceDocumentProvider;
  regions: RegionSource;
  profiles: ProfileService;
  activeProfile: ActiveProfile;
  log: vscode.LogOutputChannel;
  // Copy and deregister (issue 5).
  images: ImageService;
  copyImages: CopyImageService;
  deregisterImages: DeregisterImageService;
  operations: OperationTracker;
  /**
   * Whether commands may take pre-filled answers instead of asking (integration tests): only when
   * the extension does not run in production mode, so no other extension can skip a confirmation.
   */
  scriptedAnswers: boolean;
}
