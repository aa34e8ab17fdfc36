import assert from 'node:assert/strict';
import { EC2Client } from '@aws-sdk/client-ec2';
import { loadSdk } from '../../../../src/core/aws/loadSdk';

describe('core/aws/loadSdk', () => {
  it('loads the SDK module once and exposes what core/aws uses', async () => {
    const first = loadSdk();
    const second = loadSdk();
    assert.equal(first, second);
    const sdk = await first;
    assert.equal(sdk.EC2Client, EC2Client);
    assert.deepEqual(
      [
        typeof sdk.DescribeImagesCommand,
        typeof sdk.DescribeImageAttributeCommand,
        typeof sdk.DescribeInstancesCommand,
        typeof sdk.DescribeRegionsCommand,
        typeof sdk.fromIni,
        typeof sdk.fromNodeProviderChain,
      ],
      ['function', 'function', 'function', 'function', 'function', 'function'],
    );
  });
});
