import assert from 'node:assert/strict';
import {
  CreateTagsCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  ModifyImageAttributeCommand,
  RegisterImageCommand,
} from '@aws-sdk/client-ec2';
import { CancelledError, InputError, OutcomeUnknownError } from '../../../../src/core/model/errors';
import type { CapturedRegistration } from '../../../../src/core/model/reregistration';
import type { Snapshot } from '../../../../src/core/model/snapshot';
import { planReregister } from '../../../../src/core/model/reregistration';
import { ImageRegistrationService } from '../../../../src/core/services/imageRegistrationService';
import { ec2Error, useMockedEc2 } from '../../helpers/ec2Mock';

const OLD = 'ami-0000000000000old0';
const NEW = 'ami-0000000000000new0';

function sent(mocked: ReturnType<typeof useMockedEc2>): string[] {
  return mocked.ec2.calls().map((c) => (c.args[0] as object).constructor.name);
}

const snapshot = (id: string, overrides: Partial<Snapshot> = {}): Snapshot => ({
  snapshotId: id,
  region: 'us-east-1',
  raw: { SnapshotId: id },
  volumeSizeGiB: 8,
  encrypted: false,
  state: 'completed',
  ...overrides,
});

describe('core/services/imageRegistrationService', () => {
  const mocked = useMockedEc2();
  const service = () =>
    new ImageRegistrationService(mocked.images, mocked.snapshots, mocked.tags, {
      sleep: () => Promise.resolve(),
    });

  function registered(rootDeviceType: string): void {
    mocked.ec2.on(DescribeImagesCommand, { ImageIds: [NEW] }).resolves({
      Images: [
        {
          ImageId: NEW,
          Name: 'legacy-web',
          State: 'pending',
          RootDeviceType: rootDeviceType as 'ebs',
        },
      ],
    });
  }

  it('lists own snapshots (OwnerIds=self, paged), completed first, newest first', async () => {
    mocked.ec2
      .on(DescribeSnapshotsCommand)
      .resolvesOnce({
        Snapshots: [
          {
            SnapshotId: 'snap-old',
            State: 'completed',
            VolumeSize: 8,
            Encrypted: false,
            StartTime: new Date('2024-01-01'),
          },
          {
            SnapshotId: 'snap-pending',
            State: 'pending',
            VolumeSize: 8,
            StartTime: new Date('2025-01-01'),
          },
        ],
        NextToken: 't1',
      })
      .resolvesOnce({
        Snapshots: [
          {
            SnapshotId: 'snap-new',
            State: 'completed',
            VolumeSize: 100,
            Encrypted: true,
            KmsKeyId: 'arn:key',
            Description: 'data',
            Tags: [{ Key: 'Name', Value: 'db' }],
            StartTime: new Date('2024-06-01T00:00:00Z'),
          },
        ],
      });
    const list = await service().listSnapshots('us-east-1');
    assert.deepEqual(
      list.map((s) => s.snapshotId),
      ['snap-new', 'snap-old', 'snap-pending'],
    );
    const { raw, ...newest } = list[0] ?? assert.fail('no snapshot');
    assert.equal(raw.SnapshotId, 'snap-new', 'the record itself is kept for the JSON tab');
    assert.deepEqual(newest, {
      snapshotId: 'snap-new',
      region: 'us-east-1',
      volumeSizeGiB: 100,
      encrypted: true,
      state: 'completed',
      kmsKeyId: 'arn:key',
      description: 'data',
      name: 'db',
      startTime: '2024-06-01T00:00:00.000Z',
    });
    assert.deepEqual(
      mocked.ec2.commandCalls(DescribeSnapshotsCommand).map((c) => c.args[0].input),
      [
        { OwnerIds: ['self'], MaxResults: 1000 },
        { OwnerIds: ['self'], MaxResults: 1000, NextToken: 't1' },
      ],
    );
  });

  it('registers an instance store-backed image from its manifest', async () => {
    mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    mocked.ec2.on(RegisterImageCommand).resolves({ ImageId: NEW });
    registered('instance-store');
    const { image } = await service().register('us-east-1', {
      kind: 'instance-store',
      manifestPath: 's3://legacy-bucket/web/image.manifest.xml',
      name: 'legacy-web',
      description: 'old web',
      architecture: 'i386',
      virtualizationType: 'paravirtual',
      kernelId: 'aki-0123abcd',
    });
    assert.equal(image.imageId, NEW);
    assert.deepEqual(sent(mocked), [
      'DescribeImagesCommand',
      'RegisterImageCommand',
      'DescribeImagesCommand',
    ]);
    assert.deepEqual(mocked.ec2.commandCalls(RegisterImageCommand)[0]?.args[0].input, {
      Name: 'legacy-web',
      Description: 'old web',
      ImageLocation: 'legacy-bucket/web/image.manifest.xml',
      Architecture: 'i386',
      VirtualizationType: 'paravirtual',
      KernelId: 'aki-0123abcd',
    });
  });

  it('registers an EBS image from snapshots without Encrypted/KmsKeyId: each snapshot decides', async () => {
    mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    mocked.ec2.on(RegisterImageCommand).resolves({ ImageId: NEW });
    registered('ebs');
    await service().register('eu-west-1', {
      kind: 'ebs-snapshot',
      name: 'from-snapshots',
      architecture: 'arm64',
      rootDeviceName: '/dev/xvda',
      rootSnapshot: snapshot('snap-root', { encrypted: true, kmsKeyId: 'arn:key-a' }),
      bootMode: 'uefi',
      enaSupport: true,
      additionalVolumes: [
        {
          deviceName: '/dev/sdf',
          snapshot: snapshot('snap-data', { encrypted: true, kmsKeyId: 'arn:key-b' }),
          deleteOnTermination: false,
        },
      ],
    });
    assert.deepEqual(mocked.ec2.commandCalls(RegisterImageCommand)[0]?.args[0].input, {
      Name: 'from-snapshots',
      Architecture: 'arm64',
      VirtualizationType: 'hvm',
      RootDeviceName: '/dev/xvda',
      BootMode: 'uefi',
      EnaSupport: true,
      BlockDeviceMappings: [
        { DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-root', DeleteOnTermination: true } },
        { DeviceName: '/dev/sdf', Ebs: { SnapshotId: 'snap-data', DeleteOnTermination: false } },
      ],
    });
  });

  it('refuses a taken name or bad input before RegisterImage', async () => {
    mocked.ec2
      .on(DescribeImagesCommand)
      .resolves({ Images: [{ ImageId: OLD, Name: 'legacy-web' }] });
    const input = {
      kind: 'instance-store' as const,
      manifestPath: 'b1c/x.manifest.xml',
      name: 'legacy-web',
      architecture: 'x86_64' as const,
      virtualizationType: 'hvm' as const,
    };
    await assert.rejects(
      service().register('us-east-1', input),
      /already exists in us-east-1 \(ami-0000000000000old0\)/,
    );
    await assert.rejects(
      service().register('us-east-1', { ...input, manifestPath: 'x' }),
      InputError,
    );
    assert.equal(mocked.ec2.commandCalls(RegisterImageCommand).length, 0);
  });

  describe('an unknown RegisterImage outcome is settled by looking the image up by name', () => {
    const input = {
      kind: 'instance-store' as const,
      manifestPath: 'legacy-bucket/web/image.manifest.xml',
      name: 'legacy-web',
      architecture: 'x86_64' as const,
      virtualizationType: 'hvm' as const,
    };
    const named = { Owners: ['self'], Filters: [{ Name: 'name', Values: ['legacy-web'] }] };

    it('a lost answer: the image registered now is adopted, with why it had to be re-read', async () => {
      mocked.ec2
        .on(DescribeImagesCommand, named)
        .resolvesOnce({ Images: [] })
        .resolves({
          Images: [
            {
              ImageId: NEW,
              Name: 'legacy-web',
              State: 'pending',
              RootDeviceType: 'instance-store',
              CreationDate: new Date().toISOString(),
            },
          ],
        });
      mocked.ec2
        .on(RegisterImageCommand)
        .rejects(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      const registered = await service().register('us-east-1', input);
      assert.equal(registered.image.imageId, NEW);
      assert.match(
        registered.confirmedByRereading ?? '',
        /^the request ended without a clear answer \("Could not reach EC2/,
      );
      assert.deepEqual(registered.alsoRegistered, []);
      assert.equal(mocked.ec2.commandCalls(RegisterImageCommand).length, 1);
    });

    it('an image of that name from before this attempt is not adopted: the outcome is unknown', async () => {
      mocked.ec2
        .on(DescribeImagesCommand, named)
        .resolvesOnce({ Images: [] })
        .resolves({
          Images: [{ ImageId: OLD, Name: 'legacy-web', CreationDate: '2020-01-01T00:00:00.000Z' }],
        });
      const controller = new AbortController();
      mocked.ec2.on(RegisterImageCommand).callsFake(() => {
        controller.abort();
        return Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      });
      await assert.rejects(
        service().register('us-east-1', input, controller.signal),
        (e: unknown) =>
          e instanceof OutcomeUnknownError &&
          e.message.startsWith(
            'Cancelled while RegisterImage was under way. It is not known whether "legacy-web" was registered: no image of that name shows in us-east-1 yet',
          ),
      );
    });
  });

  describe('re-register', () => {
    function oldImage(rootDeviceType = 'instance-store'): void {
      mocked.ec2.on(DescribeImagesCommand, { ImageIds: [OLD] }).resolves({
        Images: [
          {
            ImageId: OLD,
            Name: 'legacy-web',
            Description: 'old web',
            State: 'available',
            RootDeviceType: rootDeviceType as 'ebs',
            RootDeviceName: '/dev/sda1',
            ImageLocation: 'legacy-bucket/web/image.manifest.xml',
            Architecture: 'x86_64',
            VirtualizationType: 'paravirtual',
            KernelId: 'aki-0123abcd',
            BlockDeviceMappings: [{ DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' }],
            Tags: [
              { Key: 'team', Value: 'web' },
              { Key: 'aws:cloudformation:stack-name', Value: 's' },
            ],
          },
        ],
      });
    }

    it('captures the record and its launch permissions', async () => {
      oldImage();
      mocked.ec2.on(DescribeImageAttributeCommand).resolves({
        LaunchPermissions: [{ UserId: '222222222222' }, { Group: 'all' }],
      });
      const captured = await service().capture('us-east-1', OLD);
      assert.deepEqual(captured, {
        region: 'us-east-1',
        imageId: OLD,
        manifestPath: 'legacy-bucket/web/image.manifest.xml',
        name: 'legacy-web',
        description: 'old web',
        architecture: 'x86_64',
        virtualizationType: 'paravirtual',
        rootDeviceName: '/dev/sda1',
        kernelId: 'aki-0123abcd',
        blockDeviceMappings: [{ deviceName: '/dev/sdb', virtualName: 'ephemeral0' }],
        tags: [
          { key: 'team', value: 'web' },
          { key: 'aws:cloudformation:stack-name', value: 's' },
        ],
        launchPermissions: [{ userId: '222222222222' }, { group: 'all' }],
      });
      assert.deepEqual(mocked.ec2.commandCalls(DescribeImageAttributeCommand)[0]?.args[0].input, {
        ImageId: OLD,
        Attribute: 'launchPermission',
      });
    });

    it('refuses to capture an EBS-backed image', async () => {
      oldImage('ebs');
      await assert.rejects(
        service().capture('us-east-1', OLD),
        (e: unknown) => e instanceof InputError && /EBS-backed/.test(e.message),
      );
      assert.equal(mocked.ec2.commandCalls(DescribeImageAttributeCommand).length, 0);
    });

    async function capturedFor(): Promise<CapturedRegistration> {
      oldImage();
      mocked.ec2.on(DescribeImageAttributeCommand).resolves({
        LaunchPermissions: [{ UserId: '222222222222' }, { Group: 'all' }],
      });
      const c = await service().capture('us-east-1', OLD);
      mocked.ec2.resetHistory();
      return c;
    }

    it('deregisters, registers the same registration, re-adds permissions and tags, in that order', async () => {
      const captured = await capturedFor();
      const steps = planReregister(captured);
      assert.ok(!('error' in steps));
      mocked.ec2.on(DeregisterImageCommand).resolves({});
      mocked.ec2.on(RegisterImageCommand).resolves({ ImageId: NEW });
      registered('instance-store');
      mocked.ec2.on(ModifyImageAttributeCommand).resolves({});
      mocked.ec2.on(CreateTagsCommand).resolves({});
      const seen: string[] = [];

      const progress = await service().reregister(captured, steps, undefined, (s) =>
        seen.push(s.kind),
      );

      assert.equal(progress.failed, undefined);
      assert.equal(progress.newImageId, NEW);
      assert.deepEqual(seen, ['deregister', 'register', 'restorePermissions', 'restoreTags']);
      assert.deepEqual(sent(mocked), [
        'DeregisterImageCommand',
        'RegisterImageCommand',
        'DescribeImagesCommand',
        'ModifyImageAttributeCommand',
        'CreateTagsCommand',
      ]);
      assert.deepEqual(mocked.ec2.commandCalls(DeregisterImageCommand)[0]?.args[0].input, {
        ImageId: OLD,
      });
      assert.deepEqual(mocked.ec2.commandCalls(RegisterImageCommand)[0]?.args[0].input, {
        Name: 'legacy-web',
        Description: 'old web',
        ImageLocation: 'legacy-bucket/web/image.manifest.xml',
        Architecture: 'x86_64',
        VirtualizationType: 'paravirtual',
        RootDeviceName: '/dev/sda1',
        KernelId: 'aki-0123abcd',
        BlockDeviceMappings: [{ DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' }],
      });
      assert.deepEqual(mocked.ec2.commandCalls(ModifyImageAttributeCommand)[0]?.args[0].input, {
        ImageId: NEW,
        LaunchPermission: { Add: [{ UserId: '222222222222' }, { Group: 'all' }] },
      });
      assert.deepEqual(mocked.ec2.commandCalls(CreateTagsCommand)[0]?.args[0].input, {
        Resources: [NEW],
        Tags: [{ Key: 'team', Value: 'web' }],
      });
    });

    it('stops at a failed RegisterImage: the old image is gone, nothing else is attempted', async () => {
      const captured = await capturedFor();
      const steps = planReregister(captured);
      assert.ok(!('error' in steps));
      mocked.ec2.on(DeregisterImageCommand).resolves({});
      mocked.ec2
        .on(RegisterImageCommand)
        .rejects(ec2Error('InvalidManifest', 'The manifest could not be read.'));
      const progress = await service().reregister(captured, steps);
      assert.deepEqual(
        progress.done.map((s) => s.kind),
        ['deregister'],
      );
      assert.equal(progress.failed?.step.kind, 'register');
      assert.match(progress.failed?.message ?? '', /InvalidManifest.*could not be read/);
      assert.equal(progress.newImageId, undefined);
      assert.equal(mocked.ec2.commandCalls(ModifyImageAttributeCommand).length, 0);
      assert.equal(mocked.ec2.commandCalls(CreateTagsCommand).length, 0);
    });

    it('a failed deregistration changes nothing and is reported, not thrown', async () => {
      const captured = await capturedFor();
      const steps = planReregister(captured);
      assert.ok(!('error' in steps));
      mocked.ec2
        .on(DeregisterImageCommand)
        .rejects(ec2Error('OperationNotPermitted', 'Deregistration protection is enabled.'));
      const progress = await service().reregister(captured, steps);
      assert.deepEqual(progress.done, []);
      assert.equal(progress.failed?.step.kind, 'deregister');
      assert.equal(mocked.ec2.commandCalls(RegisterImageCommand).length, 0);
    });

    it('cancelled before deregistering: nothing is sent', async () => {
      const captured = await capturedFor();
      const steps = planReregister(captured);
      assert.ok(!('error' in steps));
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(
        service().reregister(captured, steps, controller.signal),
        CancelledError,
      );
      assert.deepEqual(sent(mocked), []);
    });

    it('a DeregisterImage whose answer was lost is confirmed by re-reading, and the run goes on', async () => {
      const captured = await capturedFor();
      const steps = planReregister(captured);
      assert.ok(!('error' in steps));
      mocked.ec2
        .on(DeregisterImageCommand)
        .rejects(Object.assign(new Error('timed out'), { name: 'TimeoutError' }));
      mocked.ec2.on(DescribeImagesCommand, { ImageIds: [OLD] }).resolves({ Images: [] });
      mocked.ec2.on(RegisterImageCommand).resolves({ ImageId: NEW });
      registered('instance-store');
      mocked.ec2.on(ModifyImageAttributeCommand).resolves({});
      mocked.ec2.on(CreateTagsCommand).resolves({});
      const progress = await service().reregister(captured, steps);
      assert.equal(progress.failed, undefined);
      assert.equal(progress.done.length, 4);
    });

    it('a DeregisterImage whose outcome re-reading cannot settle stops the run as unknown, never "nothing changed"', async () => {
      const captured = await capturedFor();
      const steps = planReregister(captured);
      assert.ok(!('error' in steps));
      mocked.ec2
        .on(DeregisterImageCommand)
        .rejects(Object.assign(new Error('timed out'), { name: 'TimeoutError' }));
      const progress = await service().reregister(captured, steps);
      assert.equal(progress.failed?.unknown, true);
      assert.match(progress.failed?.message ?? '', /a re-read still shows it registered/);
      assert.equal(mocked.ec2.commandCalls(RegisterImageCommand).length, 0);
    });

    it('a cancel after deregistering does not stop the run half-way', async () => {
      const captured = await capturedFor();
      const steps = planReregister(captured);
      assert.ok(!('error' in steps));
      const controller = new AbortController();
      mocked.ec2.on(DeregisterImageCommand).callsFake(() => {
        controller.abort();
        return {};
      });
      mocked.ec2.on(RegisterImageCommand).resolves({ ImageId: NEW });
      registered('instance-store');
      mocked.ec2.on(ModifyImageAttributeCommand).resolves({});
      mocked.ec2.on(CreateTagsCommand).resolves({});
      const progress = await service().reregister(captured, steps, controller.signal);
      assert.equal(progress.failed, undefined);
      assert.equal(progress.done.length, 4);
    });
  });
});
