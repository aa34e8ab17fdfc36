import assert from 'node:assert/strict';
import type { Image } from '@aws-sdk/client-ec2';
import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
} from '@aws-sdk/client-ec2';
import { CredentialsProviderError } from '@smithy/core/config';
import { AwsApiError, CancelledError, CredentialsError } from '../../../../src/core/model/errors';
import { scopeToDescribeImagesParams } from '../../../../src/core/model/scope';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ec2ClientFactory } from '../../../../src/core/aws/clientFactory';
import { Ec2Api } from '../../../../src/core/aws/ec2Api';
import { TEST_CONNECTION, ec2Error, useEnv, useMockedEc2 } from '../../helpers/ec2Mock';

const image = (n: number): Image => ({
  ImageId: `ami-${n.toString(16).padStart(8, '0')}`,
  Name: `image-${n}`,
  State: 'available',
  RootDeviceType: 'ebs',
});

const hexId = (prefix: string, n: number): string => `${prefix}-${n.toString(16).padStart(8, '0')}`;

describe('core/aws/ec2Api', () => {
  const mocked = useMockedEc2('dev');

  describe('describeImages', () => {
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

      const images = await mocked.api.describeImages('eu-west-1', params);

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
      const images = await mocked.api.describeImages('us-east-1', {
        MaxResults: 1000,
        Owners: ['self'],
      });
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
      assert.deepEqual(await mocked.api.describeImages('us-east-1', { MaxResults: 1000 }), []);
    });

    it('does not call EC2 when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(
        mocked.api.describeImages('us-east-1', { MaxResults: 1000 }, controller.signal),
        CancelledError,
      );
      assert.equal(mocked.ec2.calls().length, 0);
    });

    it('stops paging when the signal is aborted between pages', async () => {
      const controller = new AbortController();
      mocked.ec2.on(DescribeImagesCommand).callsFake(() => {
        controller.abort();
        return { Images: [image(1)], NextToken: 'more' };
      });
      await assert.rejects(
        mocked.api.describeImages('us-east-1', { MaxResults: 1000 }, controller.signal),
        CancelledError,
      );
      assert.equal(mocked.ec2.calls().length, 1);
    });

    it('maps an EC2 error to AwsApiError with the call context (region, action, profile)', async () => {
      mocked.ec2.on(DescribeImagesCommand).rejects(
        ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials', {
          requestId: 'req-42',
          httpStatusCode: 401,
        }),
      );
      const error = await mocked.api.describeImages('ap-east-1', { MaxResults: 1000 }).then(
        () => assert.fail('expected a rejection'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof AwsApiError);
      assert.equal(error.code, 'AuthFailure');
      assert.deepEqual(error.context, {
        region: 'ap-east-1',
        action: 'DescribeImages',
        profile: 'dev',
      });
      assert.equal(error.details.requestId, 'req-42');
      assert.equal(error.details.httpStatus, 401);
      assert.match(error.message, /^AWS refused the credentials in ap-east-1\./);
    });

    it('maps a credentials failure inside send to CredentialsError', async () => {
      mocked.ec2
        .on(DescribeImagesCommand)
        .rejects(new CredentialsProviderError('Could not load credentials from any providers'));
      const error = await mocked.api.describeImages('us-east-1', { MaxResults: 1000 }).then(
        () => assert.fail('expected a rejection'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof CredentialsError);
      assert.equal(error.problem, 'missing');
      assert.equal(error.profile, 'dev');
    });

    it('maps the SDK AbortError to CancelledError', async () => {
      mocked.ec2
        .on(DescribeImagesCommand)
        .rejects(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
      await assert.rejects(
        mocked.api.describeImages('us-east-1', { MaxResults: 1000 }),
        CancelledError,
      );
    });
  });

  describe('describeImagesById', () => {
    it('sends ids in chunks of 200 without MaxResults, including deprecated and disabled', async () => {
      const ids = Array.from({ length: 450 }, (_, i) => hexId('ami', i + 1));
      mocked.ec2.on(DescribeImagesCommand).callsFake((input: { ImageIds?: string[] }) => ({
        Images: (input.ImageIds ?? []).slice(0, 1).map((id) => ({ ImageId: id, State: 'pending' })),
      }));

      const images = await mocked.api.describeImagesById('us-west-2', ids);

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
      assert.deepEqual(await mocked.api.describeImagesById('us-west-2', []), []);
      assert.equal(mocked.ec2.calls().length, 0);
    });
  });

  describe('describeLaunchPermissions', () => {
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
      const permissions = await mocked.api.describeLaunchPermissions('us-east-1', 'ami-12345678');
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
      assert.deepEqual(await mocked.api.describeLaunchPermissions('us-east-1', 'ami-12345678'), []);
    });
  });

  describe('describeRegions', () => {
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
      assert.deepEqual(await mocked.api.describeRegions('eu-west-1'), [
        { name: 'us-east-1', optInStatus: 'opt-in-not-required' },
        { name: 'ap-east-1', optInStatus: 'opted-in' },
        { name: 'eu-west-3' },
      ]);
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeRegionsCommand).map((c) => c.args[0].input),
        [{ AllRegions: false }],
      );
    });

    it('reports errors with the home region and action', async () => {
      mocked.ec2
        .on(DescribeRegionsCommand)
        .rejects(
          ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'),
        );
      await assert.rejects(mocked.api.describeRegions('eu-west-1'), {
        name: 'AwsApiError',
        code: 'UnauthorizedOperation',
        message:
          'You are not allowed to call DescribeRegions in eu-west-1. Ask for ec2:DescribeRegions permission in your IAM policy.',
      });
    });
  });

  describe('describeInstances', () => {
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

      const instances = await mocked.api.describeInstances('sa-east-1');

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

    it('asks for given ids only, with no filter or MaxResults, in one call', async () => {
      mocked.ec2.on(DescribeInstancesCommand).resolves({
        Reservations: [
          { Instances: [{ InstanceId: 'i-0123456789abcdef0', State: { Name: 'terminated' } }] },
        ],
        NextToken: 'ignored',
      });
      const instances = await mocked.api.describeInstances('sa-east-1', undefined, [
        'i-0123456789abcdef0',
      ]);
      assert.deepEqual(
        instances.map((i) => i.state),
        ['terminated'],
      );
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input),
        [{ InstanceIds: ['i-0123456789abcdef0'] }],
      );
    });

    // LATENT BUG (src/core/aws/ec2Api.ts:127-128): `instanceIds` is tested for presence, not
    // length, so an empty list sends `InstanceIds: []`, which EC2 treats as "no id filter": it
    // returns EVERY instance, terminated ones included, unpaged (describeImagesById guards the same
    // case with `if (imageIds.length === 0) return []`). No caller passes [] today.
    // Fix: `if (instanceIds?.length === 0) return [];` before calling EC2.
    it('asks EC2 nothing for an empty id list', async () => {
      mocked.ec2.on(DescribeInstancesCommand).resolves({
        Reservations: [
          { Instances: [{ InstanceId: 'i-00000001', State: { Name: 'terminated' } }] },
        ],
      });
      assert.deepEqual(await mocked.api.describeInstances('sa-east-1', undefined, []), []);
      assert.equal(mocked.ec2.calls().length, 0);
    });
  });

  describe('checkCredentials (real credential providers, temp shared files)', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'ami-explorer-creds-'));
      writeFileSync(join(dir, 'config'), '[profile ok]\nregion = eu-west-1\n');
      writeFileSync(
        join(dir, 'credentials'),
        '[ok]\naws_access_key_id = AKIDOK\naws_secret_access_key = secret\n',
      );
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    useEnv({
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    let saved: [string, string | undefined][] = [];
    beforeEach(() => {
      saved = [
        ['AWS_CONFIG_FILE', process.env.AWS_CONFIG_FILE],
        ['AWS_SHARED_CREDENTIALS_FILE', process.env.AWS_SHARED_CREDENTIALS_FILE],
      ];
      process.env.AWS_CONFIG_FILE = join(dir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    });
    afterEach(() => {
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    });

    const apiWith = (profile: string | undefined): { api: Ec2Api; factory: Ec2ClientFactory } => {
      const factory = new Ec2ClientFactory(
        () => ({ ...TEST_CONNECTION, ...(profile ? { profile } : {}) }),
        { apiCall: () => undefined },
      );
      return { api: new Ec2Api(factory, () => profile), factory };
    };

    it('resolves for a profile with static keys', async () => {
      const { api, factory } = apiWith('ok');
      await api.checkCredentials();
      assert.equal(
        (await (await factory.client('us-east-1')).config.credentials()).accessKeyId,
        'AKIDOK',
      );
      factory.reset();
    });

    it('reports an unknown profile as profile-not-found, naming it', async () => {
      const { api } = apiWith('ghost');
      const error = await api.checkCredentials().then(
        () => assert.fail('expected a rejection'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof CredentialsError);
      assert.equal(error.problem, 'profile-not-found');
      assert.equal(error.profile, 'ghost');
      assert.match(error.message, /^The profile "ghost" is not defined/);
    });

    it('reports no credentials anywhere as missing', async () => {
      const { api } = apiWith(undefined);
      const error = await api.checkCredentials().then(
        () => assert.fail('expected a rejection'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof CredentialsError);
      assert.equal(error.problem, 'missing');
      assert.equal(error.profile, undefined);
    });
  });
});
