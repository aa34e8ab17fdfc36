import assert from 'node:assert/strict';
import type { Image } from '@aws-sdk/client-ec2';
import { DescribeImageAttributeCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { AwsApiError, CancelledError, InputError } from '../../../../src/core/model/errors';
import type { ListingScope } from '../../../../src/core/model/scope';
import { ImageService } from '../../../../src/core/services/imageService';
import { ec2Error, useMockedEc2 } from '../../helpers/ec2Mock';

const AMI = 'ami-0abcdef1234567890';

function scope(overrides: Partial<ListingScope> = {}): ListingScope {
  return {
    kind: 'owned',
    accountIds: [],
    nameFilter: '',
    includeDeprecated: false,
    includeDisabled: false,
    ...overrides,
  };
}

describe('core/services/imageService', () => {
  const mocked = useMockedEc2();
  const service = new ImageService(mocked.images);

  describe('listImages', () => {
    it('sends the scope as DescribeImages parameters and returns the mapped images', async () => {
      mocked.ec2
        .on(DescribeImagesCommand)
        .resolves({ Images: [{ ImageId: AMI, Name: 'web', State: 'available' }] });
      const images = await service.listImages(
        'eu-west-1',
        scope({ kind: 'shared', nameFilter: 'web*', includeDisabled: true }),
      );
      assert.deepEqual(
        images.map((i) => [i.imageId, i.name, i.region]),
        [[AMI, 'web', 'eu-west-1']],
      );
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input),
        [
          {
            MaxResults: 1000,
            ExecutableUsers: ['self'],
            Filters: [{ Name: 'name', Values: ['web*'] }],
            IncludeDisabled: true,
          },
        ],
      );
    });

    it('rejects an invalid scope with InputError before any API call', async () => {
      for (const bad of [
        scope({ kind: 'public' }),
        scope({ kind: 'aws-marketplace', nameFilter: ' ' }),
        scope({ kind: 'accounts', accountIds: ['123'] }),
        scope({ nameFilter: 'no{braces}' }),
      ]) {
        await assert.rejects(service.listImages('us-east-1', bad), InputError, bad.kind);
      }
      await assert.rejects(service.listImages('us-east-1', scope({ kind: 'public' })), {
        name: 'InputError',
        message: /^Listing all public images needs a name filter/,
      });
      assert.equal(mocked.ec2.calls().length, 0);
    });
  });

  describe('listImagePages', () => {
    it('hands over each page as it arrives, mapped, with the next one already asked for', async () => {
      mocked.ec2
        .on(DescribeImagesCommand)
        .resolvesOnce({
          Images: [{ ImageId: 'ami-00000001' }, { ImageId: 'ami-00000002' }],
          NextToken: 't1',
        })
        .resolvesOnce({ Images: [{ ImageId: 'ami-00000003' }] });
      const pages: string[][] = [];
      const callsWhenHandedOver: number[] = [];
      for await (const page of service.listImagePages('eu-west-1', scope())) {
        // Let the request sent ahead reach the (mocked) SDK before counting.
        await new Promise((resolve) => setImmediate(resolve));
        callsWhenHandedOver.push(mocked.ec2.commandCalls(DescribeImagesCommand).length);
        pages.push(page.map((i) => `${i.imageId}@${i.region}`));
      }
      assert.deepEqual(pages, [
        ['ami-00000001@eu-west-1', 'ami-00000002@eu-west-1'],
        ['ami-00000003@eu-west-1'],
      ]);
      assert.deepEqual(callsWhenHandedOver, [2, 2]);
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input.NextToken),
        [undefined, 't1'],
      );
    });

    it('refuses a scope that cannot be listed where it is asked for, before any call', () => {
      assert.throws(
        () => service.listImagePages('us-east-1', scope({ kind: 'public' })),
        InputError,
      );
      assert.equal(mocked.ec2.calls().length, 0);
    });

    it('stops asking EC2 when the caller stops reading', async () => {
      mocked.ec2
        .on(DescribeImagesCommand)
        .resolvesOnce({ Images: [{ ImageId: 'ami-00000001' }], NextToken: 't1' })
        .resolvesOnce({ Images: [{ ImageId: 'ami-00000002' }], NextToken: 't2' })
        .resolves({ Images: [] });
      for await (const page of service.listImagePages('us-east-1', scope())) {
        assert.equal(page.length, 1);
        break;
      }
      await new Promise((resolve) => setImmediate(resolve));
      assert.ok(mocked.ec2.commandCalls(DescribeImagesCommand).length <= 2, 'at most one ahead');
    });
  });

  describe('getImage', () => {
    it('rejects a malformed id without calling EC2', async () => {
      await assert.rejects(service.getImage('us-east-1', 'ami-0ABCDEF1234567890'), {
        name: 'InputError',
        message: 'AMI ids are lowercase.',
      });
      await assert.rejects(service.getImage('us-east-1', 'ami-123'), InputError);
      assert.equal(mocked.ec2.calls().length, 0);
    });

    it('describes the one id, whatever its state, and returns it', async () => {
      mocked.ec2
        .on(DescribeImagesCommand)
        .resolves({ Images: [{ ImageId: AMI, State: 'disabled' }] });
      const image = await service.getImage('us-east-1', AMI);
      assert.equal(image.state, 'disabled');
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input),
        [{ ImageIds: [AMI], IncludeDeprecated: true, IncludeDisabled: true }],
      );
    });

    it('turns an empty answer into InvalidAMIID.NotFound naming the id and region', async () => {
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
      await assert.rejects(service.getImage('ap-south-1', AMI), (error: unknown) => {
        assert.ok(error instanceof AwsApiError);
        assert.equal(error.code, 'InvalidAMIID.NotFound');
        assert.equal(
          error.message,
          `The AMI ${AMI} was not found in ap-south-1. It may have been deregistered, or it belongs to another region or account.`,
        );
        assert.deepEqual(error.context, { region: 'ap-south-1', action: 'DescribeImages' });
        return true;
      });
    });
  });

  it('getImages asks for the given ids (for polling) and leaves out missing ones', async () => {
    mocked.ec2
      .on(DescribeImagesCommand)
      .resolves({ Images: [{ ImageId: 'ami-00000001', State: 'pending' }] });
    const images = await service.getImages('us-east-1', ['ami-00000001', 'ami-00000002']);
    assert.deepEqual(
      images.map((i) => i.imageId),
      ['ami-00000001'],
    );
    assert.deepEqual(
      mocked.ec2.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input.ImageIds),
      [['ami-00000001', 'ami-00000002']],
    );
  });

  describe('getImageDocument', () => {
    const record: Image = {
      ImageId: AMI,
      Name: 'web',
      State: 'available',
      OwnerId: '111111111111',
    };

    it('holds the region, the record as EC2 returned it and the launch permissions', async () => {
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [record] });
      mocked.ec2.on(DescribeImageAttributeCommand).resolves({
        ImageId: AMI,
        LaunchPermissions: [
          { UserId: '222222222222' },
          { Group: 'all' },
          { OrganizationArn: 'arn:aws:organizations::111111111111:organization/o-1' },
          { OrganizationalUnitArn: 'arn:aws:organizations::111111111111:ou/o-1/ou-2' },
        ],
      });
      const document = await service.getImageDocument('us-east-1', AMI);
      assert.deepEqual(JSON.parse(JSON.stringify(document)), {
        Region: 'us-east-1',
        Image: record,
        LaunchPermissions: [
          { UserId: '222222222222' },
          { Group: 'all' },
          { OrganizationArn: 'arn:aws:organizations::111111111111:organization/o-1' },
          { OrganizationalUnitArn: 'arn:aws:organizations::111111111111:ou/o-1/ou-2' },
        ],
      });
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeImageAttributeCommand).map((c) => c.args[0].input),
        [{ ImageId: AMI, Attribute: 'launchPermission' }],
      );
    });

    it('describes the image by id for the record (listings keep none), or says it is not found', async () => {
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
      await assert.rejects(service.getImageDocument('eu-west-1', AMI), {
        name: 'AwsApiError',
        code: 'InvalidAMIID.NotFound',
      });
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input),
        [{ ImageIds: [AMI], IncludeDeprecated: true, IncludeDisabled: true }],
      );
      await assert.rejects(service.getImageDocument('eu-west-1', 'ami-1'), InputError);
    });

    it('still returns the record when launch permissions may not be read (AuthFailure)', async () => {
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [record] });
      mocked.ec2
        .on(DescribeImageAttributeCommand)
        .rejects(ec2Error('AuthFailure', 'Not authorized for image:ami-0abcdef1234567890'));
      const document = await service.getImageDocument('us-east-1', AMI);
      assert.deepEqual(document, {
        Region: 'us-east-1',
        Image: record,
        LaunchPermissionsUnavailable:
          'AWS refused the credentials in us-east-1. If this is an opt-in region, it may not be enabled for this account; otherwise check that the access key is valid and active.',
      });
      assert.equal('LaunchPermissions' in document, false);
    });

    it('shows an empty permission list as [] (private image)', async () => {
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [record] });
      mocked.ec2
        .on(DescribeImageAttributeCommand)
        .resolves({ ImageId: AMI, LaunchPermissions: [] });
      assert.deepEqual((await service.getImageDocument('us-east-1', AMI)).LaunchPermissions, []);
    });

    it('lets cancellation through instead of recording it as a permissions problem', async () => {
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [record] });
      mocked.ec2
        .on(DescribeImageAttributeCommand)
        .rejects(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      await assert.rejects(service.getImageDocument('us-east-1', AMI), CancelledError);
    });
  });
});
