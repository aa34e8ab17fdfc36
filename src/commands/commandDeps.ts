import type * as vscode from 'vscode';
import type { ActiveProfile } from '../activeProfile';
import type { Images } from '../core/aws/images';
import type { AccountSettings } from '../core/aws/accountSettings';
import type { ImageInsights } from '../core/aws/imageInsights';
import type { RecycleBin } from '../core/aws/recycleBin';
import type { Instances } from '../core/aws/instances';
import type { Snapshots } from '../core/aws/snapshots';
import type { Tags } from '../core/aws/tags';
import type { CleanupService } from '../core/services/cleanupService';
import type { CopyImageService } from '../core/services/copyImageService';
import type { DeregisterImageService } from '../core/services/deregisterImageService';
import type { RecycleBinService } from '../core/services/recycleBinService';
import type { ImageCreationService } from '../core/services/imageCreationService';
import type { ImageLifecycleService } from '../core/services/imageLifecycleService';
import type { ImageRegistrationService } from '../core/services/imageRegistrationService';
import type { ImageEvents } from '../core/services/imageEvents';
import type { ImageService } from '../core/services/imageService';
import type { OperationTracker } from '../core/services/operationTracker';
import type { UnknownCopySearch } from '../core/services/unknownCopies';
import type { ProfileService } from '../core/services/profileService';
import type { ResourceDocumentProvider } from '../documents/resourceDocumentProvider';
import type { InsightDocumentProvider } from '../documents/insightDocuments';
import type { UsageReportWatch } from '../core/services/usageReportWatch';
import type { AmiReferencesInCode } from '../references/amiReferencesInCode';
import type { FamiliesTreeProvider } from '../tree/familiesTreeProvider';
import type { ImagesTreeProvider } from '../tree/imagesTreeProvider';
import type { TreeNode } from '../tree/treeNode';
import type { InstancesTreeProvider } from '../tree/instancesTreeProvider';
import type { RegionSource } from '../core/services/regionSource';
import type { Ask } from '../ui/userInput';
import type { WebviewPanels } from '../webviews/webviewPanels';

/** What every command handler gets from the composition root (`extension.ts`). */
export interface CommandDeps {
  imagesTree: ImagesTreeProvider;
  imagesView: vscode.TreeView<TreeNode>;
  /** The AMI Families view: families of what the Images view lists. */
  families: FamiliesTreeProvider;
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
  images: ImageService;
  operations: OperationTracker;
  /** Copies whose outcome is unknown, looked for until EC2 answers (then tracked). */
  unknownCopies: UnknownCopySearch;
  /** Every question to the user (quick picks, inputs, confirmations, notifications). */
  ui: Ask;
  /** Where commands say what they changed; the tree, documents, panels and tracker follow. */
  events: ImageEvents;
  /**
   * The EC2 resource modules, for what is one EC2 call with no rules of its own (start an
   * instance). Anything with rules, checks or several steps is a service above.
   */
  ec2: {
    images: Images;
    instances: Instances;
    snapshots: Snapshots;
    tags: Tags;
    /** Lineage, findings, references and usage reports of an AMI. */
    insights: ImageInsights;
    recycleBin: RecycleBin;
    /** Allowed AMIs, image and snapshot block public access. */
    accountSettings: AccountSettings;
  };
  /** Tags, description, deprecation, protection, disable/enable. */
  lifecycle: ImageLifecycleService;
  copyImages: CopyImageService;
  deregisterImages: DeregisterImageService;
  /** The cleanup assistant's plans and paced execution. */
  cleanup: CleanupService;
  /** Retention rules (for confirmations) and restoring an AMI with its snapshots. */
  recycleBin: RecycleBinService;
  imageCreation: ImageCreationService;
  imageRegistration: ImageRegistrationService;
  panels: WebviewPanels;
  /** AMI ids in code: their problems and hovers. */
  references: AmiReferencesInCode;
  /** The Show Findings and Show Usage markdown documents. */
  insightDocuments: InsightDocumentProvider;
  /** Image usage reports in progress (remembered across reloads). */
  usageReports: UsageReportWatch;
}
