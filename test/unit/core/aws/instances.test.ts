import assert from 'node:assert/strict';
import { DescribeInstancesCommand, DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { useMockedEc2 } from '../../helpers/ec2Mock';

describe('core/aws/instances', () => {
  const mocked = useMockedEc2('dev');
  const api = mocked.instances;

  describe('list', () => {
    const STATE_FILTER = {
      Name: 'instance-state-name',
      Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'],
    };

    it('pages with MaxResults 1000 and a filter that leaves out terminated instances', async () => {
      mocked.ec2
        .on(DescribeInstancesCommand)
        .resolvesOnce({
          Reservations: [
            { Instances: [{ InstanceId: 'i-00000001', State: { Name: 'running' } }] },
            {
              Instances: [
                { InstanceId: 'i-00000002', State: { Name: 'stopped' } },
                { InstanceId: 'i-00000003', State: { Name: 'pending' } },
              ],
            },
          ],
          NextToken: 'page-2',
        })
        .resolvesOnce({
          Reservations: [
            { Instances: [{ InstanceId: 'i-00000004', State: { Name: 'stopping' } }] },
          ],
        });

      const instances = await api.list('sa-east-1');

      assert.deepEqual(
        instances.map((i) => [i.instanceId, i.state, i.region]),
        [
          ['i-00000001', 'running', 'sa-east-1'],
          ['i-00000002', 'stopped', 'sa-east-1'],
          ['i-00000003', 'pending', 'sa-east-1'],
          ['i-00000004', 'stopping', 'sa-east-1'],
        ],
      );
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input),
        [
          { MaxResults: 1000, Filters: [STATE_FILTER] },
          { MaxResults: 1000, Filters: [STATE_FILTER], NextToken: 'page-2' },
        ],
      );
    });
  });

  describe('byId', () => {
    it('asks for given ids only, with no filter or MaxResults, in one call', async () => {
      mocked.ec2.on(DescribeInstancesCommand).resolves({
        Reservations: [
          { Instances: [{ InstanceId: 'i-0123456789abcdef0', State: { Name: 'terminated' } }] },
        ],
        NextToken: 'ignored',
      });
      const instances = await api.byId('sa-east-1', ['i-0123456789abcdef0']);
      assert.deepEqual(
        instances.map((i) => i.state),
        ['terminated'],
      );
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input),
        [{ InstanceIds: ['i-0123456789abcdef0'] }],
      );
    });

    // EC2 reads an empty id list as "no id filter" and would return every instance.
    it('asks EC2 nothing for an empty id list', async () => {
      mocked.ec2.on(DescribeInstancesCommand).resolves({
        Reservations: [
          { Instances: [{ InstanceId: 'i-00000001', State: { Name: 'terminated' } }] },
        ],
      });
      assert.deepEqual(await api.byId('sa-east-1', []), []);
      assert.equal(mocked.ec2.calls().length, 0);
    });
  });

  it('forImage reads one instance with its mappings, or undefined', async () => {
    mocked.ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({
        Reservations: [
          {
            Instances: [
              {
                InstanceId: 'i-1',
                State: { Name: 'running' },
                RootDeviceType: 'ebs',
                RootDeviceName: '/dev/xvda',
                Tags: [{ Key: 'Name', Value: 'web' }],
                BlockDeviceMappings: [
                  {
                    DeviceName: '/dev/xvda',
                    Ebs: { VolumeId: 'vol-1', DeleteOnTermination: true },
                  },
                ],
              },
            ],
          },
        ],
      })
      .resolvesOnce({ Reservations: [] });
    assert.deepEqual(await api.forImage('us-east-1', 'i-1'), {
      instanceId: 'i-1',
      name: 'web',
      state: 'running',
      rootDeviceType: 'ebs',
      rootDeviceName: '/dev/xvda',
      tags: [{ key: 'Name', value: 'web' }],
      mappings: [{ deviceName: '/dev/xvda', volumeId: 'vol-1', deleteOnTermination: true }],
    });
    assert.equal(await api.forImage('us-east-1', 'i-2'), undefined);
    assert.deepEqual(
      mocked.ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input),
      [{ InstanceIds: ['i-1'] }, { InstanceIds: ['i-2'] }],
    );
  });

  it('launchedFrom filters DescribeInstances by image-id and live states', async () => {
    mocked.ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [{ InstanceId: 'i-9', ImageId: 'ami-2' }] }],
    });
    const used = await api.launchedFrom('eu-west-1', ['ami-1', 'ami-2']);
    assert.deepEqual(
      [...used],
      [
        ['ami-1', []],
        ['ami-2', ['i-9']],
      ],
    );
    assert.deepEqual(mocked.ec2.commandCalls(DescribeInstancesCommand)[0]?.args[0].input, {
      Filters: [
        { Name: 'image-id', Values: ['ami-1', 'ami-2'] },
        {
          Name: 'instance-state-name',
          Values: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'],
        },
      ],
      MaxResults: 1000,
    });
  });

  it('volumes asks for the ids and makes no call for none', async () => {
    mocked.ec2.on(DescribeVolumesCommand).resolves({
      Volumes: [{ VolumeId: 'vol-1', Size: 8, VolumeType: 'gp3', Encrypted: false }],
    });
    assert.deepEqual(await api.volumes('us-east-1', []), []);
    assert.deepEqual(await api.volumes('us-east-1', ['vol-1']), [
      { volumeId: 'vol-1', sizeGiB: 8, volumeType: 'gp3', encrypted: false },
    ]);
    assert.deepEqual(
      mocked.ec2.commandCalls(DescribeVolumesCommand).map((c) => c.args[0].input),
      [{ VolumeIds: ['vol-1'] }],
    );
  });
});
