import { strict as assert } from 'node:assert';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { DescribeImagesCommand, paginateDescribeImages } from '@aws-sdk/client-ec2';
import { outsiderAccessKeyId, partnerAccessKeyId } from '../ec2-emulator/seeds/demoAccounts';
import type { RunningEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { imageNamed } from './support/demoLookups';
import { emulatorClient, errorOf } from './support/emulatorClient';
import { demoFamilyCounts } from '../ec2-emulator/seeds/demoSeed';

const familiesIn = (region: string) => demoFamilyCounts[region] ?? { images: 0, instances: 0 };

const names = (images: { Name?: string }[] | undefined): string[] =>
  (images ?? []).map((i) => i.Name ?? '').sort();

describe('DescribeImages', () => {
  let emulator: RunningEc2Emulator;
  let me: EC2Client;
  before(async () => {
    emulator = await startEc2Emulator({ seed: 'demo', pendingMs: 50 });
    me = emulatorClient(emulator);
  });
  after(async () => {
    await emulator.close();
  });

  it('Owners=self lists my images, hiding the disabled one but not my own deprecated one', async () => {
    const out = await me.send(new DescribeImagesCommand({ Owners: ['self'] }));
    const listed = names(out.Images);
    assert.equal(listed.length, 13 + familiesIn('us-east-1').images);
    assert.ok(listed.includes('legacy-app-2019.12'), 'owners see their deprecated images');
    assert.ok(!listed.includes('retired-batch-2023.03'), 'disabled images need IncludeDisabled');
    assert.ok((out.Images ?? []).every((i) => i.OwnerId === '111111111111'));
    assert.equal(out.NextToken, undefined);
  });

  it('IncludeDisabled returns the disabled image in state disabled', async () => {
    const out = await me.send(
      new DescribeImagesCommand({ Owners: ['self'], IncludeDisabled: true }),
    );
    const disabled = (out.Images ?? []).find((i) => i.Name === 'retired-batch-2023.03');
    assert.equal(disabled?.State, 'disabled');
    assert.equal(disabled?.Public, false);
  });

  it('reports the demo states: pending, failed with a StateReason, available', async () => {
    assert.equal((await imageNamed(me, 'nightly-build-in-progress')).State, 'pending');
    const failed = await imageNamed(me, 'nightly-build-2024.12.03-failed');
    assert.equal(failed.State, 'failed');
    assert.deepEqual(failed.StateReason, {
      Code: 'Server.InternalError',
      Message: 'Server.InternalError: Internal error on launch',
    });
    assert.equal((await imageNamed(me, 'web-server-2024.10.1')).State, 'available');
  });

  it('describes an instance-store image with its S3 manifest and ephemeral mappings', async () => {
    const image = await imageNamed(me, 'legacy-s3-backed-2016.09');
    assert.equal(image.RootDeviceType, 'instance-store');
    assert.equal(
      image.ImageLocation,
      'ami-explorer-demo-bundles/legacy-s3-backed-2016.09/image.manifest.xml',
    );
    assert.deepEqual(image.BlockDeviceMappings, [
      { DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' },
      { DeviceName: '/dev/sdc', VirtualName: 'ephemeral1' },
    ]);
  });

  it('describes EBS mappings per volume with encryption, and owner-id based image locations', async () => {
    const image = await imageNamed(me, 'data-pipeline-encrypted-2024.07');
    assert.equal(image.ImageLocation, '111111111111/data-pipeline-encrypted-2024.07');
    assert.deepEqual(
      image.BlockDeviceMappings?.map((m) => [m.DeviceName, m.Ebs?.Encrypted, m.Ebs?.VolumeType]),
      [
        ['/dev/xvda', true, 'gp3'],
        ['/dev/xvdb', true, 'st1'],
        ['/dev/xvdc', true, 'gp3'],
      ],
    );
    assert.ok(
      image.BlockDeviceMappings?.every((m) => /^snap-0[0-9a-f]{16}$/.test(m.Ebs?.SnapshotId ?? '')),
    );
  });

  it('Owners=amazon returns Amazon images with owner alias, deprecated ones hidden', async () => {
    const out = await me.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
    assert.deepEqual(names(out.Images), [
      'Windows_Server-2022-English-Full-Base-2024.10.09',
      'al2023-ami-2023.6.20241010.0-kernel-6.1-arm64',
      'al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64',
      'al2023-ami-minimal-2023.6.20241010.0-kernel-6.1-x86_64',
    ]);
    assert.ok((out.Images ?? []).every((i) => i.ImageOwnerAlias === 'amazon' && i.Public === true));
    const withDeprecated = await me.send(
      new DescribeImagesCommand({ Owners: ['amazon'], IncludeDeprecated: true }),
    );
    assert.ok(names(withDeprecated.Images).includes('amzn2-ami-hvm-2.0.20200304.0-x86_64-gp2'));
  });

  it('returns a deprecated image of another owner when asked for by id', async () => {
    const all = await me.send(
      new DescribeImagesCommand({ Owners: ['amazon'], IncludeDeprecated: true }),
    );
    const old = (all.Images ?? []).find(
      (i) => i.Name === 'amzn2-ami-hvm-2.0.20200304.0-x86_64-gp2',
    );
    const byId = await me.send(new DescribeImagesCommand({ ImageIds: [old?.ImageId ?? ''] }));
    assert.equal(byId.Images?.[0]?.DeprecationTime, '2022-03-05T22:07:00.000Z');
  });

  it('Owners=aws-marketplace returns marketplace images with product codes', async () => {
    const out = await me.send(new DescribeImagesCommand({ Owners: ['aws-marketplace'] }));
    assert.equal(out.Images?.length, 1);
    assert.equal(out.Images?.[0]?.ImageOwnerAlias, 'aws-marketplace');
    assert.deepEqual(out.Images?.[0]?.ProductCodes, [
      { ProductCodeId: '8fqmfgtvn3ev7a6ek4m2xr6xk', ProductCodeType: 'marketplace' },
    ]);
  });

  it('ExecutableUsers=self returns images shared with me by account, organization and OU', async () => {
    const out = await me.send(new DescribeImagesCommand({ ExecutableUsers: ['self'] }));
    assert.deepEqual(names(out.Images), [
      'golden-image-org-2024.09',
      'golden-image-platform-ou-2024.09',
      'partner-agent-shared-with-111-2.3',
      'partner-org-baseline-2024.10',
      'partner-platform-ou-tools-1.0',
    ]);
  });

  it('ExecutableUsers=<other account> returns only shares naming that account', async () => {
    const out = await me.send(
      new DescribeImagesCommand({ Owners: ['self'], ExecutableUsers: ['222222222222'] }),
    );
    assert.deepEqual(names(out.Images), ['shared-base-for-partner-1.4']);
  });

  it('ExecutableUsers=all returns public images', async () => {
    const out = await me.send(
      new DescribeImagesCommand({ Owners: ['self'], ExecutableUsers: ['all'] }),
    );
    assert.deepEqual(names(out.Images), ['public-diagnostics-toolkit-1.0']);
  });

  it('the partner sees the org share, the outsider does not', async () => {
    const partner = emulatorClient(emulator, { accessKeyId: partnerAccessKeyId });
    const outsider = emulatorClient(emulator, { accessKeyId: outsiderAccessKeyId });
    const partnerSees = names(
      (await partner.send(new DescribeImagesCommand({ Owners: ['111111111111'] }))).Images,
    );
    assert.deepEqual(partnerSees, [
      'golden-image-org-2024.09',
      'public-diagnostics-toolkit-1.0',
      'shared-base-for-partner-1.4',
    ]);
    const outsiderSees = names(
      (await outsider.send(new DescribeImagesCommand({ Owners: ['111111111111'] }))).Images,
    );
    assert.deepEqual(outsiderSees, ['public-diagnostics-toolkit-1.0']);
  });

  it('without Owners/ExecutableUsers returns everything I may launch: own, public, shared', async () => {
    const out = await me.send(new DescribeImagesCommand({}));
    const owners = new Set((out.Images ?? []).map((i) => i.OwnerId));
    assert.deepEqual([...owners].sort(), [
      '111111111111',
      '137112412989',
      '222222222222',
      '679593333241',
    ]);
    assert.ok(!names(out.Images).includes('partner-private-build-9'));
  });

  it('filters: AND across names, OR across values, with * and ? wildcards', async () => {
    const out = await me.send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [
          { Name: 'name', Values: ['web-server-*', 'api-gateway-base-arm64-v?'] },
          { Name: 'root-device-type', Values: ['ebs'] },
        ],
      }),
    );
    assert.deepEqual(names(out.Images), [
      'api-gateway-base-arm64-v3',
      'web-server-2024.10.1',
      'web-server-2024.11.2',
    ]);
    const arm = await me.send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [
          { Name: 'name', Values: ['web-server-*', 'api-gateway-base-arm64-v?'] },
          { Name: 'architecture', Values: ['arm64'] },
        ],
      }),
    );
    assert.deepEqual(names(arm.Images), ['api-gateway-base-arm64-v3']);
  });

  it('filters by state, is-public, image-type, owner-alias, tag:K and tag-key', async () => {
    const send = async (name: string, values: string[]) =>
      names(
        (
          await me.send(
            new DescribeImagesCommand({
              Owners: ['self'],
              Filters: [{ Name: name, Values: values }],
            }),
          )
        ).Images,
      );
    assert.deepEqual(await send('state', ['pending']), ['nightly-build-in-progress']);
    assert.deepEqual(await send('is-public', ['true']), ['public-diagnostics-toolkit-1.0']);
    assert.equal(
      (await send('image-type', ['machine'])).length,
      13 + familiesIn('us-east-1').images,
    );
    assert.deepEqual(await send('root-device-type', ['instance-store']), [
      'legacy-s3-backed-2016.09',
    ]);
    assert.deepEqual(await send('tag:Team', ['platform']), [
      'golden-image-org-2024.09',
      'web-server-2024.10.1',
      'web-server-2024.11.2',
    ]);
    assert.deepEqual(await send('tag-key', ['Compliance']), ['data-pipeline-encrypted-2024.07']);
    const amazonOnly = await me.send(
      new DescribeImagesCommand({ Filters: [{ Name: 'owner-alias', Values: ['amazon'] }] }),
    );
    assert.ok((amazonOnly.Images ?? []).length === 4);
  });

  it('answers InvalidParameterValue for an unknown filter name', async () => {
    const error = await errorOf(() =>
      me.send(new DescribeImagesCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })),
    );
    assert.equal(error.name, 'InvalidParameterValue');
    assert.equal(error.message, "The filter 'colour' is invalid");
  });

  it('pages with MaxResults and NextToken; the paginator visits every image exactly once', async () => {
    const first = await me.send(new DescribeImagesCommand({ MaxResults: 5 }));
    assert.equal(first.Images?.length, 5);
    assert.ok(first.NextToken);
    const seen: string[] = [];
    for await (const page of paginateDescribeImages({ client: me, pageSize: 5 }, {})) {
      assert.ok((page.Images ?? []).length <= 5);
      seen.push(...(page.Images ?? []).map((i) => i.ImageId ?? ''));
    }
    const all = await me.send(new DescribeImagesCommand({}));
    assert.equal(seen.length, all.Images?.length);
    assert.equal(new Set(seen).size, seen.length);
  });

  it('MaxResults must be between 5 and 1000', async () => {
    for (const MaxResults of [4, 1001]) {
      const error = await errorOf(() => me.send(new DescribeImagesCommand({ MaxResults })));
      assert.equal(error.name, 'InvalidParameterValue');
    }
    const ok = await me.send(new DescribeImagesCommand({ MaxResults: 1000 }));
    assert.equal(ok.NextToken, undefined);
  });

  it('MaxResults with ImageIds is an InvalidParameterCombination', async () => {
    const image = await imageNamed(me, 'web-server-2024.10.1');
    const error = await errorOf(() =>
      me.send(new DescribeImagesCommand({ MaxResults: 5, ImageIds: [image.ImageId ?? ''] })),
    );
    assert.equal(error.name, 'InvalidParameterCombination');
  });

  it('refuses a NextToken it did not issue', async () => {
    const error = await errorOf(() =>
      me.send(new DescribeImagesCommand({ MaxResults: 5, NextToken: 'bogus' })),
    );
    assert.equal(error.name, 'InvalidPaginationToken');
  });

  it('ImageIds: malformed → InvalidAMIID.Malformed, unknown → InvalidAMIID.NotFound listing them', async () => {
    const malformed = await errorOf(() =>
      me.send(new DescribeImagesCommand({ ImageIds: ['ami-xyz'] })),
    );
    assert.equal(malformed.name, 'InvalidAMIID.Malformed');
    const missing = await errorOf(() =>
      me.send(
        new DescribeImagesCommand({ ImageIds: ['ami-0000000000000000a', 'ami-0000000000000000b'] }),
      ),
    );
    assert.equal(missing.name, 'InvalidAMIID.NotFound');
    assert.equal(
      missing.message,
      "The image ids '[ami-0000000000000000a, ami-0000000000000000b]' do not exist",
    );
  });

  it('the image-id filter leaves unknown ids out without an error, deprecated and disabled ones in', async () => {
    const old = (
      await me.send(new DescribeImagesCommand({ Owners: ['amazon'], IncludeDeprecated: true }))
    ).Images?.find((i) => i.Name === 'amzn2-ami-hvm-2.0.20200304.0-x86_64-gp2');
    const disabled = (
      await me.send(new DescribeImagesCommand({ Owners: ['self'], IncludeDisabled: true }))
    ).Images?.find((i) => i.Name === 'retired-batch-2023.03');
    const out = await me.send(
      new DescribeImagesCommand({
        Filters: [
          {
            Name: 'image-id',
            Values: [old?.ImageId ?? '', disabled?.ImageId ?? '', 'ami-0000000000000000a'],
          },
        ],
        IncludeDeprecated: true,
        IncludeDisabled: true,
      }),
    );
    assert.deepEqual(names(out.Images), [
      'amzn2-ami-hvm-2.0.20200304.0-x86_64-gp2',
      'retired-batch-2023.03',
    ]);
  });

  it('omits (without error) an existing image the caller may not see', async () => {
    const partner = emulatorClient(emulator, { accessKeyId: partnerAccessKeyId });
    const priv = await imageNamed(partner, 'partner-private-build-9');
    const out = await me.send(new DescribeImagesCommand({ ImageIds: [priv.ImageId ?? ''] }));
    assert.deepEqual(out.Images, []);
  });

  it('Owners with a malformed value answers InvalidUserID.Malformed', async () => {
    const error = await errorOf(() => me.send(new DescribeImagesCommand({ Owners: ['someone'] })));
    assert.equal(error.name, 'InvalidUserID.Malformed');
  });

  it('regions are isolated: ap-southeast-2 has no images of mine, but has Amazon ones', async () => {
    const sydney = emulatorClient(emulator, { region: 'ap-southeast-2' });
    assert.deepEqual(
      (await sydney.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images,
      [],
    );
    assert.equal(
      (await sydney.send(new DescribeImagesCommand({ Owners: ['amazon'] }))).Images?.length,
      4,
    );
    const eu = emulatorClient(emulator, { region: 'eu-west-1' });
    const euImages = (await eu.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images ?? [];
    assert.deepEqual([...new Set(euImages.map((i) => i.RootDeviceType))].sort(), [
      'ebs',
      'instance-store',
    ]);
  });
});
