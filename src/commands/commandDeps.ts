import type * as vscode from 'vscode';
import type { ActiveProfile } from '../activeProfile';
import type { ImageLifecycleService } from '../core/services/imageLifecycleService';
import type { ImageService } from '../core/services/imageService';
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
  /** Cached clients and credentials; reset so a refresh picks up fixed credentials. */
  connections: { reset(): void };
  /** Drops clients and identity and reloads both views and open documents. */
  refreshAll: () => void;
  /** Reads images (the palette's AMI picker lists the caller's own). */
  images: ImageService;
  /** Tags, description, deprecation, protection, disable/enable. */
  lifecycle: ImageLifecycleService;
}
