import assert from 'node:assert/strict';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { DEFAULT_ENABLED_REGIONS } from '../../../../src/core/model/regions';
import { RegionService } from '../../../../src/core/services/regionService';
import { ec2Error, useMockedEc2 } from '../../helpers/ec2Mock';

describe('core/services/regionService', () => {
  const mocked = useMockedEc2();
  const service = new RegionService(mocked.regions);

  it('uses the setting when it lists regions: trimmed, deduplicated, sorted', async () => {
    mocked.ec2.on(DescribeRegionsCommand).resolves({
      Regions: [{ RegionName: 'us-west-2', OptInStatus: 'opt-in-not-required' }],
    });
    const resolved = await service.resolveRegions(
      [' us-west-2', 'eu-west-1 ', '', 'us-west-2', 'ap-southeast-2'],
      'us-east-1',
    );
    assert.deepEqual(resolved, {
      regions: ['ap-southeast-2', 'eu-west-1', 'us-west-2'],
      source: 'setting',
    });
  });

  it('marks configured opt-in regions that are not enabled, asking DescribeRegions with AllRegions', async () => {
    mocked.ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
        { RegionName: 'me-south-1', OptInStatus: 'not-opted-in' },
        { RegionName: 'ap-east-1', OptInStatus: 'opted-in' },
      ],
    });
    const resolved = await service.resolveRegions(
      ['us-east-1', 'af-south-1', 'ap-east-1'],
      'eu-west-1',
    );
    assert.deepEqual(resolved, {
      regions: ['af-south-1', 'ap-east-1', 'us-east-1'],
      source: 'setting',
      notEnabled: ['af-south-1'],
    });
    const calls = mocked.ec2.commandCalls(DescribeRegionsCommand);
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]?.args[0].input, { AllRegions: true });
  });

  it('still lists the configured regions when DescribeRegions is not allowed', async () => {
    mocked.ec2
      .on(DescribeRegionsCommand)
      .rejects(
        ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'),
      );
    const resolved = await service.resolveRegions(['af-south-1', 'us-east-1'], 'us-east-1');
    assert.deepEqual(resolved, { regions: ['af-south-1', 'us-east-1'], source: 'setting' });
  });

  it('rejects invalid region names in the setting with InputError naming them', async () => {
    await assert.rejects(service.resolveRegions(['us-east-1', 'us-east-1a', 'Mars'], 'us-east-1'), {
      name: 'InputError',
      message:
        'amiExplorer.regions: "us-east-1a" is not a region name such as us-east-1. "Mars" is not a region name such as us-east-1.',
    });
    assert.equal(mocked.ec2.calls().length, 0);
  });

  it('without a setting, lists the enabled regions from DescribeRegions in the home region', async () => {
    mocked.ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'ap-east-1', OptInStatus: 'opted-in' },
        { RegionName: 'me-south-1', OptInStatus: 'not-opted-in' },
        { RegionName: 'eu-west-1' },
      ],
    });
    const resolved = await service.resolveRegions(['  '], 'eu-central-1');
    assert.deepEqual(resolved, {
      regions: ['ap-east-1', 'eu-west-1', 'us-east-1'],
      source: 'account',
    });
    const client = mocked.ec2.call(0).thisValue as { config: { region: () => Promise<string> } };
    assert.equal(await client.config.region(), 'eu-central-1');
  });

  it('falls back to the default-enabled regions when DescribeRegions is not allowed', async () => {
    mocked.ec2
      .on(DescribeRegionsCommand)
      .rejects(
        ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'),
      );
    const resolved = await service.resolveRegions([], 'us-east-1');
    assert.deepEqual(resolved, {
      regions: [...DEFAULT_ENABLED_REGIONS].sort(),
      source: 'fallback',
      fallbackReason:
        'You are not allowed to call DescribeRegions in us-east-1. Ask for ec2:DescribeRegions permission in your IAM policy.',
    });
  });

  it('rethrows AuthFailure: bad credentials are not a reason to guess regions', async () => {
    mocked.ec2
      .on(DescribeRegionsCommand)
      .rejects(
        ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials'),
      );
    await assert.rejects(service.resolveRegions([], 'us-east-1'), {
      name: 'AwsApiError',
      code: 'AuthFailure',
    });
  });
});
