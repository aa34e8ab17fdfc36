import type { ActionHandler } from './actionContext';
import { copyImage } from './copyImage';
import { createImage } from './createImage';
import { createTags } from './createTags';
import { deleteSnapshot } from './deleteSnapshot';
import { deleteTags } from './deleteTags';
import { deregisterImage } from './deregisterImage';
import { describeImageReferences } from './describeImageReferences';
import {
  disableAllowedImagesSettings,
  enableAllowedImagesSettings,
  getAllowedImagesSettings,
  getSnapshotBlockPublicAccessState,
  replaceImageCriteriaInAllowedImagesSettings,
} from './allowedImages';
import {
  cancelImageLaunchPermission,
  createImageUsageReport,
  describeImageUsageReportEntries,
  describeImageUsageReports,
  describeInstanceImageMetadata,
  getImageAncestry,
  getImageFindings,
} from './imageInsights';
import {
  listImagesInRecycleBin,
  listSnapshotsInRecycleBin,
  restoreImageFromRecycleBin,
  restoreSnapshotFromRecycleBin,
} from './recycleBin';
import {
  disableImageBlockPublicAccess,
  enableImageBlockPublicAccess,
  getImageBlockPublicAccessState,
} from './imageBlockPublicAccess';
import { disableImageDeprecation, enableImageDeprecation } from './imageDeprecation';
import {
  disableImageDeregistrationProtection,
  enableImageDeregistrationProtection,
} from './imageDeregistrationProtection';
import { disableImage, enableImage } from './imageEnablement';
import { startInstances, terminateInstances, stopInstances } from './instanceStateChanges';
import { modifyImageAttribute } from './modifyImageAttribute';
import { registerImage } from './registerImage';
import { resetImageAttribute } from './resetImageAttribute';
import { runInstances } from './runInstances';
import { describeImageAttribute } from './describeImageAttribute';
import { describeImages } from './describeImages';
import { describeInstances } from './describeInstances';
import { describeRegions } from './describeRegions';
import { describeSnapshots } from './describeSnapshots';
import { describeSnapshotAttribute, modifySnapshotAttribute } from './snapshotAttributes';
import { describeTags } from './describeTags';

/** How the dispatcher treats an action. */
export interface ActionSpec {
  readonly handler: ActionHandler;
  /** Mutating actions are refused for read-only keys (UnauthorizedOperation). */
  readonly mutating: boolean;
}

/** Every EC2 action the emulator implements; anything else answers InvalidAction. */
export const actionTable: ReadonlyMap<string, ActionSpec> = new Map<string, ActionSpec>([
  ['DescribeRegions', { handler: describeRegions, mutating: false }],
  ['DescribeImages', { handler: describeImages, mutating: false }],
  ['DescribeImageAttribute', { handler: describeImageAttribute, mutating: false }],
  ['DescribeInstances', { handler: describeInstances, mutating: false }],
  ['DescribeSnapshots', { handler: describeSnapshots, mutating: false }],
  ['DescribeTags', { handler: describeTags, mutating: false }],
  ['DescribeImageReferences', { handler: describeImageReferences, mutating: false }],
  ['GetImageBlockPublicAccessState', { handler: getImageBlockPublicAccessState, mutating: false }],
  ['ModifyImageAttribute', { handler: modifyImageAttribute, mutating: true }],
  ['ResetImageAttribute', { handler: resetImageAttribute, mutating: true }],
  ['CreateImage', { handler: createImage, mutating: true }],
  ['CopyImage', { handler: copyImage, mutating: true }],
  ['RegisterImage', { handler: registerImage, mutating: true }],
  ['DeregisterImage', { handler: deregisterImage, mutating: true }],
  ['DeleteSnapshot', { handler: deleteSnapshot, mutating: true }],
  ['CreateTags', { handler: createTags, mutating: true }],
  ['DeleteTags', { handler: deleteTags, mutating: true }],
  ['EnableImageDeprecation', { handler: enableImageDeprecation, mutating: true }],
  ['DisableImageDeprecation', { handler: disableImageDeprecation, mutating: true }],
  [
    'EnableImageDeregistrationProtection',
    { handler: enableImageDeregistrationProtection, mutating: true },
  ],
  [
    'DisableImageDeregistrationProtection',
    { handler: disableImageDeregistrationProtection, mutating: true },
  ],
  ['DisableImage', { handler: disableImage, mutating: true }],
  ['EnableImage', { handler: enableImage, mutating: true }],
  ['EnableImageBlockPublicAccess', { handler: enableImageBlockPublicAccess, mutating: true }],
  ['DisableImageBlockPublicAccess', { handler: disableImageBlockPublicAccess, mutating: true }],
  ['DescribeSnapshotAttribute', { handler: describeSnapshotAttribute, mutating: false }],
  ['ModifySnapshotAttribute', { handler: modifySnapshotAttribute, mutating: true }],
  ['RunInstances', { handler: runInstances, mutating: true }],
  ['StopInstances', { handler: stopInstances, mutating: true }],
  ['StartInstances', { handler: startInstances, mutating: true }],
  ['TerminateInstances', { handler: terminateInstances, mutating: true }],
  ['GetImageAncestry', { handler: getImageAncestry, mutating: false }],
  ['GetImageFindings', { handler: getImageFindings, mutating: false }],
  ['CreateImageUsageReport', { handler: createImageUsageReport, mutating: true }],
  ['DescribeImageUsageReports', { handler: describeImageUsageReports, mutating: false }],
  [
    'DescribeImageUsageReportEntries',
    { handler: describeImageUsageReportEntries, mutating: false },
  ],
  ['ListImagesInRecycleBin', { handler: listImagesInRecycleBin, mutating: false }],
  ['RestoreImageFromRecycleBin', { handler: restoreImageFromRecycleBin, mutating: true }],
  ['ListSnapshotsInRecycleBin', { handler: listSnapshotsInRecycleBin, mutating: false }],
  ['RestoreSnapshotFromRecycleBin', { handler: restoreSnapshotFromRecycleBin, mutating: true }],
  ['GetAllowedImagesSettings', { handler: getAllowedImagesSettings, mutating: false }],
  ['EnableAllowedImagesSettings', { handler: enableAllowedImagesSettings, mutating: true }],
  ['DisableAllowedImagesSettings', { handler: disableAllowedImagesSettings, mutating: true }],
  [
    'ReplaceImageCriteriaInAllowedImagesSettings',
    { handler: replaceImageCriteriaInAllowedImagesSettings, mutating: true },
  ],
  [
    'GetSnapshotBlockPublicAccessState',
    { handler: getSnapshotBlockPublicAccessState, mutating: false },
  ],
  ['CancelImageLaunchPermission', { handler: cancelImageLaunchPermission, mutating: true }],
  ['DescribeInstanceImageMetadata', { handler: describeInstanceImageMetadata, mutating: false }],
]);
