/**
 * Everything AMI Explorer uses from the AWS SDK, in one module. It is bundled into its own chunk
 * (`dist/sdk.js`) and loaded only through `loadSdk()`, so activating the extension loads no SDK code.
 */
import {
  CopyImageCommand,
  CreateImageCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImageReferencesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  DisableImageCommand,
  DisableImageDeprecationCommand,
  DisableImageDeregistrationProtectionCommand,
  EnableImageCommand,
  EnableImageDeprecationCommand,
  EnableImageDeregistrationProtectionCommand,
  GetImageBlockPublicAccessStateCommand,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
  RegisterImageCommand,
  StartInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';

/**
 * The EC2 actions AMI Explorer sends, by their API name. `Ec2.send` takes these names and infers
 * each action's input and output from its command class, so adding an action is one line here.
 */
export const ec2Commands = {
  CopyImage: CopyImageCommand,
  CreateImage: CreateImageCommand,
  CreateTags: CreateTagsCommand,
  DeleteTags: DeleteTagsCommand,
  DeregisterImage: DeregisterImageCommand,
  DescribeImageAttribute: DescribeImageAttributeCommand,
  DescribeImageReferences: DescribeImageReferencesCommand,
  DescribeImages: DescribeImagesCommand,
  DescribeInstances: DescribeInstancesCommand,
  DescribeRegions: DescribeRegionsCommand,
  DescribeSnapshotAttribute: DescribeSnapshotAttributeCommand,
  DescribeSnapshots: DescribeSnapshotsCommand,
  DescribeVolumes: DescribeVolumesCommand,
  DisableImage: DisableImageCommand,
  DisableImageDeprecation: DisableImageDeprecationCommand,
  DisableImageDeregistrationProtection: DisableImageDeregistrationProtectionCommand,
  EnableImage: EnableImageCommand,
  EnableImageDeprecation: EnableImageDeprecationCommand,
  EnableImageDeregistrationProtection: EnableImageDeregistrationProtectionCommand,
  GetImageBlockPublicAccessState: GetImageBlockPublicAccessStateCommand,
  ModifyImageAttribute: ModifyImageAttributeCommand,
  ModifySnapshotAttribute: ModifySnapshotAttributeCommand,
  RegisterImage: RegisterImageCommand,
  StartInstances: StartInstancesCommand,
  StopInstances: StopInstancesCommand,
};

export { EC2Client } from '@aws-sdk/client-ec2';
export { AdaptiveRetryStrategy } from '@smithy/core/retry';
export { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
export { Ec2QueryProtocol } from './ec2Protocol';
