import assert from 'node:assert/strict';
import type { Image } from '@aws-sdk/client-ec2';
import {
  CopyImageCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImageReferencesCommand,
  DescribeImagesCommand,
  DisableImageDeregistrationProtectionCommand,
  ModifyImageAttributeCommand,
} from '@aws-sdk/client-ec2';
import { AwsApiError } from '../../../../src/core/model/errors';
import { scopeToDescribeImagesParams } from '../../../../src/core/model/scope';
import { ec2Error, useMockedEc2 } from '../../helpers/ec2Mock';

const image = (n: number): Image => ({
  ImageId: `ami-${n.toString(16).padStart(8, '0')}`,
  Name: `image-${n}`,
  State: 'available',
  RootDeviceType: 'ebs',
});

const hexId = (prefix: string, n: number): string => `${prefix}-${n.toString(16).padStart(8, '0')}`;

describe('core/aws/images', () => {
  const mocked = useMockedEc2('dev');
  const api = mocked.images;

  describe('list', () => {
    const params = scopeToDescribeImagesParams({
      kind: 'accounts',
      accountIds: ['111111111111'],
      nameFilter: 'web-*',
      includeDeprecated: true,
      includeDisabled: false,
    });

    it('follows NextToken through every page, sending the scope unchanged each time', async () => {
      mocked.ec2
        .on(DescribeImagesCommand)
        .resolvesOnce({ Images: [image(1), image(2)], NextToken: 'token-1' })
        .resolvesOnce({ Images: [], NextToken: 'token-2' })
        .resolvesOnce({ Images: [image(3)] });

      const images = await api.list('eu-west-1', params);

      assert.deepEqual(
        images.map((i) => [i.imageId, i.region, i.name]),
        [
          ['ami-00000001', 'eu-west-1', 'image-1'],
          ['ami-00000002', 'eu-west-1', 'image-2'],
          ['ami-00000003', 'eu-west-1', 'image-3'],
        ],
      );
      const base = {
        MaxResults: 1000,
        Owners: ['111111111111'],
        Filters: [{ Name: 'name', Values: ['web-*'] }],
        IncludeDeprecated: true,
      };
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input),
        [base, { ...base, NextToken: 'token-1' }, { ...base, NextToken: 'token-2' }],
      );
      assert.equal(mocked.ec2.calls().length, 3);
    });

    it('makes exactly one call when the first page has no NextToken', async () => {
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [image(7)] });
      const images = await api.list('us-east-1', { MaxResults: 1000, Owners: ['self'] });
      assert.deepEqual(
        images.map((i) => i.imageId),
        ['ami-00000007'],
      );
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input),
        [{ MaxResults: 1000, Owners: ['self'] }],
      );
    });

    it('returns an empty list for a response without Images', async () => {
      mocked.ec2.on(DescribeImagesCommand).resolves({});
      assert.deepEqual(await api.list('us-east-1', { MaxResults: 1000 }), []);
    });
  });

  describe('byId', () => {
    it('sends ids in chunks of 200 without MaxResults, including deprecated and disabled', async () => {
      const ids = Array.from({ length: 450 }, (_, i) => hexId('ami', i + 1));
      mocked.ec2.on(DescribeImagesCommand).callsFake((input: { ImageIds?: string[] }) => ({
        Images: (input.ImageIds ?? []).slice(0, 1).map((id) => ({ ImageId: id, State: 'pending' })),
      }));

      const images = await api.byId('us-west-2', ids);

      const inputs = mocked.ec2.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input);
      assert.deepEqual(inputs, [
        { ImageIds: ids.slice(0, 200), IncludeDeprecated: true, IncludeDisabled: true },
        { ImageIds: ids.slice(200, 400), IncludeDeprecated: true, IncludeDisabled: true },
        { ImageIds: ids.slice(400), IncludeDeprecated: true, IncludeDisabled: true },
      ]);
      for (const input of inputs) assert.equal('MaxResults' in input, false);
      assert.deepEqual(
        images.map((i) => [i.imageId, i.state, i.region]),
        [
          [ids[0], 'pending', 'us-west-2'],
          [ids[200], 'pending', 'us-west-2'],
          [ids[400], 'pending', 'us-west-2'],
        ],
      );
    });

    it('makes no call for no ids', async () => {
      assert.deepEqual(await api.byId('us-west-2', []), []);
      assert.equal(mocked.ec2.calls().length, 0);
    });
  });

  it('ownNamed asks for my images of exactly that name, deprecated and disabled included', async () => {
    mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [image(1)] });
    assert.deepEqual(
      (await api.ownNamed('us-east-1', 'image-1')).map((i) => i.imageId),
      ['ami-00000001'],
    );
    assert.deepEqual(mocked.ec2.commandCalls(DescribeImagesCommand)[0]?.args[0].input, {
      Owners: ['self'],
      Filters: [{ Name: 'name', Values: ['image-1'] }],
      IncludeDeprecated: true,
      IncludeDisabled: true,
      MaxResults: 1000,
    });
  });

  it('ownUsingSnapshots finds my images by block-device-mapping.snapshot-id', async () => {
    mocked.ec2.on(DescribeImagesCommand).resolves({
      Images: [
        {
          ImageId: 'ami-9',
          State: 'available',
          RootDeviceType: 'ebs',
          BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-1' } }],
        },
      ],
    });
    const images = await api.ownUsingSnapshots('us-east-1', ['snap-1']);
    assert.deepEqual(
      images.map((i) => [i.imageId, i.blockDevices[0]?.ebs?.snapshotId]),
      [['ami-9', 'snap-1']],
    );
    assert.deepEqual(mocked.ec2.commandCalls(DescribeImagesCommand)[0]?.args[0].input, {
      Owners: ['self'],
      Filters: [{ Name: 'block-device-mapping.snapshot-id', Values: ['snap-1'] }],
      IncludeDeprecated: true,
      IncludeDisabled: true,
      MaxResults: 1000,
    });
    assert.deepEqual(await api.ownUsingSnapshots('us-east-1', []), []);
    assert.equal(mocked.ec2.calls().length, 1, 'no call for no snapshots');
  });

  describe('launchPermissions', () => {
    it('asks for the launchPermission attribute and maps every principal kind', async () => {
      mocked.ec2.on(DescribeImageAttributeCommand).resolves({
        ImageId: 'ami-12345678',
        LaunchPermissions: [
          { UserId: '111111111111' },
          { Group: 'all' },
          { OrganizationArn: 'arn:aws:organizations::111111111111:organization/o-abc' },
          { OrganizationalUnitArn: 'arn:aws:organizations::111111111111:ou/o-abc/ou-xyz' },
        ],
      });
      const permissions = await api.launchPermissions('us-east-1', 'ami-12345678');
      assert.deepEqual(permissions, [
        { userId: '111111111111' },
        { group: 'all' },
        { organizationArn: 'arn:aws:organizations::111111111111:organization/o-abc' },
        { organizationalUnitArn: 'arn:aws:organizations::111111111111:ou/o-abc/ou-xyz' },
      ]);
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeImageAttributeCommand).map((c) => c.args[0].input),
        [{ ImageId: 'ami-12345678', Attribute: 'launchPermission' }],
      );
    });

    it('returns [] when the image has no launch permissions', async () => {
      mocked.ec2.on(DescribeImageAttributeCommand).resolves({ ImageId: 'ami-12345678' });
      assert.deepEqual(await api.launchPermissions('us-east-1', 'ami-12345678'), []);
    });
  });

  it('modifyAttribute sends a description, or launch permissions with only the lists that have entries', async () => {
    mocked.ec2.on(ModifyImageAttributeCommand).resolves({});
    await api.modifyAttribute('us-east-1', 'ami-1', { description: 'new text' });
    await api.modifyAttribute('us-east-1', 'ami-1', {
      launchPermission: {
        add: [{ userId: '111111111111' }, { group: 'all' }],
        remove: [{ organizationArn: 'arn:aws:organizations::1:organization/o-a' }],
      },
    });
    await api.modifyAttribute('us-east-1', 'ami-1', {
      launchPermission: { add: [{ organizationalUnitArn: 'arn:ou' }] },
    });
    assert.deepEqual(
      mocked.ec2.commandCalls(ModifyImageAttributeCommand).map((c) => c.args[0].input),
      [
        { ImageId: 'ami-1', Description: { Value: 'new text' } },
        {
          ImageId: 'ami-1',
          LaunchPermission: {
            Add: [{ UserId: '111111111111' }, { Group: 'all' }],
            Remove: [{ OrganizationArn: 'arn:aws:organizations::1:organization/o-a' }],
          },
        },
        { ImageId: 'ami-1', LaunchPermission: { Add: [{ OrganizationalUnitArn: 'arn:ou' }] } },
      ],
    );
  });

  it('copy sends the planned params in the destination region and returns the id', async () => {
    mocked.ec2.on(CopyImageCommand).resolves({ ImageId: 'ami-0new' });
    const params = {
      SourceImageId: 'ami-0src',
      SourceRegion: 'us-east-1',
      Name: 'copy',
      CopyImageTags: true,
      Encrypted: true,
      KmsKeyId: 'alias/k',
      ClientToken: 'ami-explorer-copy-abc',
    };
    assert.equal(await api.copy('eu-west-1', params), 'ami-0new');
    const [call] = mocked.ec2.commandCalls(CopyImageCommand);
    assert.deepEqual(call?.args[0].input, params);
    assert.equal(await (await mocked.factory.client('eu-west-1')).config.region(), 'eu-west-1');
  });

  it('copy turns EC2 errors into typed errors naming the region', async () => {
    mocked.ec2
      .on(CopyImageCommand)
      .rejects(ec2Error('RequestLimitExceeded', 'Request limit exceeded.'));
    await assert.rejects(
      api.copy('ap-southeast-2', {
        SourceImageId: 'ami-1',
        SourceRegion: 'us-east-1',
        Name: 'n',
        CopyImageTags: false,
        ClientToken: 't',
      }),
      (e: unknown) =>
        e instanceof AwsApiError &&
        e.code === 'RequestLimitExceeded' &&
        e.context.region === 'ap-southeast-2' &&
        e.context.action === 'CopyImage',
    );
  });

  it('copy reports an answer without an image id as a typed error', async () => {
    mocked.ec2.on(CopyImageCommand).resolves({});
    await assert.rejects(
      api.copy('eu-west-1', {
        SourceImageId: 'ami-1',
        SourceRegion: 'us-east-1',
        Name: 'n',
        CopyImageTags: false,
        ClientToken: 't',
      }),
      {
        name: 'AwsApiError',
        message: 'EC2 returned UnknownError in eu-west-1: CopyImage returned no ImageId',
      },
    );
  });

  it('deregister asks for DeleteAssociatedSnapshots only when wanted and maps the results', async () => {
    mocked.ec2.on(DeregisterImageCommand).resolves({
      Return: true,
      DeleteSnapshotResults: [
        { SnapshotId: 'snap-1', ReturnCode: 'success' },
        { SnapshotId: 'snap-2', ReturnCode: 'skipped' },
      ],
    });
    const results = await api.deregister('us-east-1', 'ami-1', { deleteSnapshots: true });
    assert.deepEqual(results, [
      { snapshotId: 'snap-1', returnCode: 'success' },
      { snapshotId: 'snap-2', returnCode: 'skipped' },
    ]);
    await api.deregister('us-east-1', 'ami-2', { deleteSnapshots: false });
    await api.deregister('us-east-1', 'ami-3');
    assert.deepEqual(
      mocked.ec2.commandCalls(DeregisterImageCommand).map((c) => c.args[0].input),
      [
        { ImageId: 'ami-1', DeleteAssociatedSnapshots: true },
        { ImageId: 'ami-2' },
        { ImageId: 'ami-3' },
      ],
    );
  });

  it('disableDeregistrationProtection sends the image id and returns EC2 text', async () => {
    mocked.ec2.on(DisableImageDeregistrationProtectionCommand).resolves({ Return: 'disabled' });
    assert.equal(await api.disableDeregistrationProtection('us-east-1', 'ami-1'), 'disabled');
    assert.deepEqual(
      mocked.ec2.commandCalls(DisableImageDeregistrationProtectionCommand)[0]?.args[0].input,
      { ImageId: 'ami-1' },
    );
  });

  it('instanceReferences asks DescribeImageReferences for live instances, following NextToken', async () => {
    mocked.ec2
      .on(DescribeImageReferencesCommand)
      .resolvesOnce({
        ImageReferences: [
          {
            ImageId: 'ami-1',
            ResourceType: 'ec2:Instance',
            Arn: 'arn:aws:ec2:us-east-1:111111111111:instance/i-1',
          },
        ],
        NextToken: 'n1',
      })
      .resolvesOnce({
        ImageReferences: [
          {
            ImageId: 'ami-1',
            ResourceType: 'ec2:Instance',
            Arn: 'arn:aws:ec2:us-east-1:111111111111:instance/i-2',
          },
        ],
      });
    const used = await api.instanceReferences('us-east-1', ['ami-1', 'ami-2']);
    assert.deepEqual(
      [...used],
      [
        ['ami-1', ['i-1', 'i-2']],
        ['ami-2', []],
      ],
    );
    const inputs = mocked.ec2
      .commandCalls(DescribeImageReferencesCommand)
      .map((c) => c.args[0].input);
    assert.deepEqual(inputs[0], {
      ImageIds: ['ami-1', 'ami-2'],
      ResourceTypes: [
        {
          ResourceType: 'ec2:Instance',
          ResourceTypeOptions: [
            {
              OptionName: 'state-name',
              OptionValues: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'],
            },
          ],
        },
      ],
      MaxResults: 1000,
    });
    assert.equal(inputs[1]?.NextToken, 'n1');
  });
  it('references asks for every resource type, 10 image ids per request (the API maximum)', async () => {
    const ids = Array.from({ length: 23 }, (_, i) => hexId('ami', i));
    mocked.ec2.on(DescribeImageReferencesCommand).callsFake((input: { ImageIds: string[] }) => ({
      ImageReferences: input.ImageIds.includes(ids[12] ?? '')
        ? [
            {
              ImageId: ids[12],
              ResourceType: 'ec2:LaunchTemplate',
              Arn: 'arn:aws:ec2:us-east-1:111111111111:launch-template/lt-1',
            },
          ]
        : [],
    }));
    const refs = await api.references('us-east-1', ids);
    const inputs = mocked.ec2
      .commandCalls(DescribeImageReferencesCommand)
      .map((c) => c.args[0].input);
    assert.deepEqual(
      inputs.map((i) => i.ImageIds?.length),
      [10, 10, 3],
    );
    assert.equal(inputs[0]?.IncludeAllResourceTypes, true);
    assert.equal(inputs[0]?.ResourceTypes?.[0]?.ResourceType, 'ec2:Instance');
    assert.deepEqual(refs.get(ids[12] ?? ''), [
      {
        resourceType: 'ec2:LaunchTemplate',
        arn: 'arn:aws:ec2:us-east-1:111111111111:launch-template/lt-1',
      },
    ]);
    assert.deepEqual(refs.get(ids[0] ?? ''), []);
    assert.equal(refs.size, 23);
  });
});
