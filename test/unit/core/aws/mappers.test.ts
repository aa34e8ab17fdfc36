import assert from 'node:assert/strict';
import type { Image, Instance } from '@aws-sdk/client-ec2';
import {
  toAmi,
  toImageRecord,
  toInstance,
  toLaunchPermissions,
} from '../../../../src/core/aws/mappers';
import { PageStrings } from '../../../../src/core/aws/pageStrings';

describe('core/aws/mappers', () => {
  describe('toAmi', () => {
    const record: Image = {
      ImageId: 'ami-0abcdef1234567890',
      Name: 'web-2024-05-01',
      Description: 'Web tier',
      State: 'failed',
      StateReason: { Code: 'Client.SnapshotFailed', Message: 'Snapshot copy failed' },
      OwnerId: '111111111111',
      ImageOwnerAlias: 'self',
      CreationDate: '2024-05-01T10:00:00.000Z',
      Architecture: 'x86_64',
      Platform: 'Windows',
      PlatformDetails: 'Windows',
      VirtualizationType: 'hvm',
      RootDeviceType: 'ebs',
      RootDeviceName: '/dev/sda1',
      ImageLocation: '111111111111/web-2024-05-01',
      Public: true,
      DeprecationTime: '2026-01-01T00:00:00.000Z',
      DeregistrationProtection: 'enabled',
      BootMode: 'uefi',
      EnaSupport: true,
      ImdsSupport: 'v2.0',
      ImageAllowed: false,
      LastLaunchedTime: '2025-03-01T08:00:00Z',
      SourceImageId: 'ami-0fedcba9876543210',
      SourceImageRegion: 'eu-west-1',
      FreeTierEligible: true,
      PublicSsmParameterName: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64',
      ScanResults: {
        HighestFindingSeverityLabel: 'critical',
        FindingScanDate: new Date('2025-02-01T06:00:00.000Z'),
      },
      Tags: [{ Key: 'team', Value: 'web' }, { Key: 'empty' }],
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/sda1',
          Ebs: {
            SnapshotId: 'snap-0123456789abcdef0',
            VolumeSize: 30,
            VolumeType: 'gp3',
            Iops: 3000,
            Throughput: 125,
            Encrypted: true,
            KmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/k',
            DeleteOnTermination: true,
          },
        },
        { DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' },
        { DeviceName: '/dev/sdc', NoDevice: '' },
      ],
    };

    it('maps every field of a full record', () => {
      const ami = toAmi(record, 'us-east-1');
      assert.deepEqual(ami, {
        imageId: 'ami-0abcdef1234567890',
        region: 'us-east-1',
        name: 'web-2024-05-01',
        description: 'Web tier',
        state: 'failed',
        stateReason: 'Snapshot copy failed',
        ownerId: '111111111111',
        ownerAlias: 'self',
        creationDate: '2024-05-01T10:00:00.000Z',
        architecture: 'x86_64',
        platform: 'Windows',
        platformDetails: 'Windows',
        virtualizationType: 'hvm',
        rootDeviceType: 'ebs',
        rootDeviceName: '/dev/sda1',
        imageLocation: '111111111111/web-2024-05-01',
        isPublic: true,
        deprecationTime: '2026-01-01T00:00:00.000Z',
        deregistrationProtection: 'enabled',
        bootMode: 'uefi',
        enaSupport: true,
        imdsSupport: 'v2.0',
        imageAllowed: false,
        lastLaunchedTime: '2025-03-01T08:00:00Z',
        sourceImageId: 'ami-0fedcba9876543210',
        sourceImageRegion: 'eu-west-1',
        freeTierEligible: true,
        publicSsmParameterName: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64',
        findingScanDate: '2025-02-01T06:00:00.000Z',
        highestFindingSeverity: 'critical',
        tags: [
          { key: 'team', value: 'web' },
          { key: 'empty', value: '' },
        ],
        blockDevices: [
          {
            deviceName: '/dev/sda1',
            ebs: {
              snapshotId: 'snap-0123456789abcdef0',
              volumeSize: 30,
              volumeType: 'gp3',
              iops: 3000,
              throughput: 125,
              encrypted: true,
              kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/k',
              deleteOnTermination: true,
            },
          },
          { deviceName: '/dev/sdb', virtualName: 'ephemeral0' },
          { deviceName: '/dev/sdc', noDevice: true },
        ],
      });
    });

    it('keeps no record: a listing holds only the mapped fields', () => {
      const ami = toAmi(record, 'us-east-1');
      assert.equal('raw' in ami, false);
      assert.ok(
        Object.values(ami).every((v) => v !== record),
        'nothing refers back to the SDK record',
      );
    });

    it('gives equal values through one PageStrings, and one string for values records repeat', () => {
      const strings = new PageStrings();
      const a = toAmi(record, 'us-east-1', strings);
      const b = toAmi({ ...record, ImageId: 'ami-0abcdef1234567891' }, 'us-east-1', strings);
      assert.deepEqual({ ...a, imageId: b.imageId }, b);
      assert.deepEqual(a, toAmi(record, 'us-east-1'));
    });

    it('leaves out fields the record does not have', () => {
      const ami = toAmi(
        { ImageId: 'ami-12345678', Name: undefined, State: 'available' },
        'us-east-1',
      );
      assert.equal('name' in ami, false);
    });

    it('falls back for a sparse record and sets no undefined keys', () => {
      const ami = toAmi({ ImageId: 'ami-12345678', RootDeviceType: 'instance-store' }, 'eu-west-1');
      assert.deepEqual(ami, {
        imageId: 'ami-12345678',
        region: 'eu-west-1',
        state: 'unknown',
        rootDeviceType: 'instance-store',
        isPublic: false,
        blockDevices: [],
        tags: [],
      });
      assert.equal(toAmi({}, 'eu-west-1').rootDeviceType, 'ebs');
    });

    it('uses the state reason code when there is no message', () => {
      assert.equal(
        toAmi(
          { ImageId: 'ami-12345678', StateReason: { Code: 'Server.InternalError' } },
          'us-east-1',
        ).stateReason,
        'Server.InternalError',
      );
    });
  });

  describe('toImageRecord', () => {
    it('is the record EC2 returned, serialized without undefined members', () => {
      const record: Image = { ImageId: 'ami-12345678', Name: undefined, State: 'available' };
      assert.equal(
        JSON.stringify(toImageRecord(record)),
        '{"ImageId":"ami-12345678","State":"available"}',
      );
    });
  });

  describe('toInstance', () => {
    it('maps the record, takes the name from the Name tag and keeps raw with ISO dates', () => {
      const launch = new Date('2024-05-01T10:00:00.000Z');
      const record: Instance = {
        InstanceId: 'i-0123456789abcdef0',
        State: { Code: 16, Name: 'running' },
        InstanceType: 't3.micro',
        RootDeviceType: 'ebs',
        RootDeviceName: '/dev/xvda',
        ImageId: 'ami-12345678',
        Platform: 'Windows',
        PlatformDetails: 'Windows',
        Architecture: 'x86_64',
        LaunchTime: launch,
        PrivateIpAddress: '10.0.0.5',
        PublicIpAddress: '203.0.113.7',
        Tags: [
          { Key: 'env', Value: 'prod' },
          { Key: 'Name', Value: 'web-1' },
        ],
      };
      const { raw, ...instance } = toInstance(record, 'us-east-2');
      assert.deepEqual(instance, {
        instanceId: 'i-0123456789abcdef0',
        region: 'us-east-2',
        name: 'web-1',
        state: 'running',
        instanceType: 't3.micro',
        rootDeviceType: 'ebs',
        rootDeviceName: '/dev/xvda',
        imageId: 'ami-12345678',
        platform: 'Windows',
        architecture: 'x86_64',
        launchTime: '2024-05-01T10:00:00.000Z',
        privateIpAddress: '10.0.0.5',
        publicIpAddress: '203.0.113.7',
        tags: [
          { key: 'env', value: 'prod' },
          { key: 'Name', value: 'web-1' },
        ],
      });
      // What the JSON tab shows: the record as EC2 returned it, the launch time in ISO 8601.
      assert.deepEqual(JSON.parse(JSON.stringify(raw)), {
        InstanceId: 'i-0123456789abcdef0',
        State: { Code: 16, Name: 'running' },
        InstanceType: 't3.micro',
        RootDeviceType: 'ebs',
        RootDeviceName: '/dev/xvda',
        ImageId: 'ami-12345678',
        Platform: 'Windows',
        PlatformDetails: 'Windows',
        Architecture: 'x86_64',
        LaunchTime: '2024-05-01T10:00:00.000Z',
        PrivateIpAddress: '10.0.0.5',
        PublicIpAddress: '203.0.113.7',
        Tags: [
          { Key: 'env', Value: 'prod' },
          { Key: 'Name', Value: 'web-1' },
        ],
      });
    });

    it('has no name without a Name tag (the tag key is case-sensitive)', () => {
      const instance = toInstance(
        { InstanceId: 'i-12345678', Tags: [{ Key: 'name', Value: 'lower' }] },
        'us-east-1',
      );
      assert.equal('name' in instance, false);
      assert.equal(instance.state, 'unknown');
      assert.equal(instance.rootDeviceType, 'ebs');
    });

    it('uses Platform when PlatformDetails is absent', () => {
      assert.equal(
        toInstance({ InstanceId: 'i-12345678', Platform: 'Windows' }, 'us-east-1').platform,
        'Windows',
      );
    });
  });

  it('toLaunchPermissions maps each principal and ignores unknown groups', () => {
    assert.deepEqual(
      toLaunchPermissions([
        { UserId: '111111111111' },
        { Group: 'all' },
        { OrganizationArn: 'arn:o' },
        { OrganizationalUnitArn: 'arn:ou' },
        { Group: 'other' as 'all' },
      ]),
      [
        { userId: '111111111111' },
        { group: 'all' },
        { organizationArn: 'arn:o' },
        { organizationalUnitArn: 'arn:ou' },
        {},
      ],
    );
    assert.deepEqual(toLaunchPermissions(undefined), []);
  });
});
