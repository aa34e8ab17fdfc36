import assert from 'node:assert/strict';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { ec2Error, useMockedEc2 } from '../../helpers/ec2Mock';

describe('core/aws/regions', () => {
  const mocked = useMockedEc2('dev');

  it('asks for enabled regions only and maps name and opt-in status', async () => {
    mocked.ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        {
          RegionName: 'us-east-1',
          OptInStatus: 'opt-in-not-required',
          Endpoint: 'ec2.us-east-1.amazonaws.com',
        },
        { RegionName: 'ap-east-1', OptInStatus: 'opted-in' },
        { RegionName: 'eu-west-3' },
        { OptInStatus: 'opted-in' },
      ],
    });
    assert.deepEqual(await mocked.regions.describe('eu-west-1'), [
      { name: 'us-east-1', optInStatus: 'opt-in-not-required' },
      { name: 'ap-east-1', optInStatus: 'opted-in' },
      { name: 'eu-west-3' },
    ]);
    await mocked.regions.describe('eu-west-1', undefined, true);
    assert.deepEqual(
      mocked.ec2.commandCalls(DescribeRegionsCommand).map((c) => c.args[0].input),
      [{ AllRegions: false }, { AllRegions: true }],
    );
  });

  it('reports errors with the home region and action', async () => {
    mocked.ec2
      .on(DescribeRegionsCommand)
      .rejects(
        ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'),
      );
    await assert.rejects(mocked.regions.describe('eu-west-1'), {
      name: 'AwsApiError',
      code: 'UnauthorizedOperation',
      message:
        'You are not allowed to call DescribeRegions in eu-west-1. Ask for ec2:DescribeRegions permission in your IAM policy.',
    });
  });
});
