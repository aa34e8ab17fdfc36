/**
 * Everything AMI Explorer uses from the AWS SDK, in one module. It is bundled into its own chunk
 * (`dist/sdk.js`) and loaded only through `loadSdk()`, so activating the extension loads no SDK code.
 */
export {
  EC2Client,
  DescribeImagesCommand,
  DescribeImageAttributeCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
} from '@aws-sdk/client-ec2';
export { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
