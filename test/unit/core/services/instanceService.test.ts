import assert from 'node:assert/strict';
import {
  DescribeInstanceImageMetadataCommand,
  DescribeInstancesCommand,
} from '@aws-sdk/client-ec2';
import { AwsApiError } from '../../../../src/core/model/errors';
import { InstanceService } from '../../../../src/core/services/instanceService';
import { useMockedEc2 } from '../../helpers/ec2Mock';

const named = (id: string, name?: string) => ({
  InstanceId: id,
  State: { Name: 'running' as const },
  ...(name ? { Tags: [{ Key: 'Name', Value: name }] } : {}),
});

describe('core/services/instanceService', () => {
  const mocked = useMockedEc2();
  const service = new InstanceService(mocked.instances);

  it('lists instances by name in natural order, unnamed ones last by id', async () => {
    mocked.ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [
            named('i-0000000c'),
            named('i-00000001', 'web-10'),
            named('i-00000002', 'web-9'),
          ],
        },
        {
          Instances: [
            named('i-0000000b'),
            named('i-00000003', 'api'),
            named('i-00000004', 'Web-2'),
          ],
        },
      ],
    });
    const instances = await service.listInstances('us-east-1');
    assert.deepEqual(
      instances.map((i) => [i.instanceId, i.name ?? null]),
      [
        ['i-00000003', 'api'],
        ['i-00000004', 'Web-2'],
        ['i-00000002', 'web-9'],
        ['i-00000001', 'web-10'],
        ['i-0000000b', null],
        ['i-0000000c', null],
      ],
    );
  });

  it('getInstance rejects a malformed id with InputError and no API call', async () => {
    await assert.rejects(service.getInstance('us-east-1', 'i-xyz'), {
      name: 'InputError',
      message: '"i-xyz" is not an instance id (i- followed by 8 or 17 hex digits).',
    });
    assert.equal(mocked.ec2.calls().length, 0);
  });

  it('getInstance describes exactly that id and returns it', async () => {
    mocked.ec2
      .on(DescribeInstancesCommand)
      .resolves({ Reservations: [{ Instances: [named('i-0123456789abcdef0', 'db')] }] });
    const instance = await service.getInstance('eu-west-1', 'i-0123456789abcdef0');
    assert.equal(instance.name, 'db');
    assert.equal(instance.region, 'eu-west-1');
    assert.deepEqual(
      mocked.ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input),
      [{ InstanceIds: ['i-0123456789abcdef0'] }],
    );
  });

  it('getInstance turns an empty answer into InvalidInstanceID.NotFound', async () => {
    mocked.ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    await assert.rejects(service.getInstance('eu-west-1', 'i-12345678'), (error: unknown) => {
      assert.ok(error instanceof AwsApiError);
      assert.equal(error.code, 'InvalidInstanceID.NotFound');
      assert.equal(error.message, 'The instance i-12345678 was not found in eu-west-1.');
      return true;
    });
  });

  it('lists instances with the AMI each came from, in one metadata listing per region', async () => {
    mocked.ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [named('i-00000001', 'web'), named('i-00000002', 'db')] }],
    });
    mocked.ec2.on(DescribeInstanceImageMetadataCommand).resolves({
      InstanceImageMetadata: [
        {
          InstanceId: 'i-00000001',
          ImageMetadata: { ImageId: 'ami-00000001', Name: 'web-ami', State: 'deregistered' },
        },
      ],
    });
    const listed = await service.listInstancesWithImages('us-east-1');
    assert.deepEqual(
      listed.instances.map((i) => i.instanceId),
      ['i-00000002', 'i-00000001'],
    );
    assert.deepEqual(listed.images.get('i-00000001'), {
      instanceId: 'i-00000001',
      imageId: 'ami-00000001',
      name: 'web-ami',
      state: 'deregistered',
    });
    assert.equal(listed.images.get('i-00000002'), undefined);
    assert.equal(listed.imagesError, undefined);
    assert.equal(mocked.ec2.commandCalls(DescribeInstanceImageMetadataCommand).length, 1);
  });

  it('still lists the instances when the AMI metadata is not allowed, with the reason', async () => {
    mocked.ec2
      .on(DescribeInstancesCommand)
      .resolves({ Reservations: [{ Instances: [named('i-00000001', 'web')] }] });
    mocked.ec2.on(DescribeInstanceImageMetadataCommand).rejects(
      Object.assign(new Error('You are not authorized to perform this operation.'), {
        name: 'UnauthorizedOperation',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const listed = await service.listInstancesWithImages('us-east-1');
    assert.deepEqual(
      listed.instances.map((i) => i.instanceId),
      ['i-00000001'],
    );
    assert.equal(listed.images.size, 0);
    assert.ok(listed.imagesError instanceof Error);
  });
});
