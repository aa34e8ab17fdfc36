import { strict as assert } from 'node:assert';
import type { EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeSnapshotAttributeCommand,
  ModifySnapshotAttributeCommand,
} from '@aws-sdk/client-ec2';
import { partnerAccessKeyId } from '../ec2-emulator/seeds/demoAccounts';
import type { RunningEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { imageNamed } from './support/demoLookups';
import { emulatorClient, errorOf } from './support/emulatorClient';

describe('emulator: snapshot create-volume permissions', () => {
  let emulator: RunningEc2Emulator;
  let client: EC2Client;

  before(async () => {
    emulator = await startEc2Emulator({ port: 0, seed: 'demo' });
    client = emulatorClient(emulator);
  });
  after(() => emulator.close());

  async function snapshotsOf(name: string): Promise<string[]> {
    const image = await imageNamed(client, name);
    return (image.BlockDeviceMappings ?? []).flatMap((m) =>
      m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : [],
    );
  }

  async function permissions(snapshotId: string): Promise<unknown> {
    const out = await client.send(
      new DescribeSnapshotAttributeCommand({
        SnapshotId: snapshotId,
        Attribute: 'createVolumePermission',
      }),
    );
    assert.equal(out.SnapshotId, snapshotId);
    return out.CreateVolumePermissions;
  }

  it('starts empty, grants and revokes accounts (structured and legacy forms)', async () => {
    const [snapshotId] = await snapshotsOf('web-server-2024.10.1');
    assert.ok(snapshotId);
    assert.deepEqual(await permissions(snapshotId), []);
    await client.send(
      new ModifySnapshotAttributeCommand({
        SnapshotId: snapshotId,
        Attribute: 'createVolumePermission',
        CreateVolumePermission: { Add: [{ UserId: '222222222222' }, { UserId: '333333333333' }] },
      }),
    );
    assert.deepEqual(await permissions(snapshotId), [
      { UserId: '222222222222' },
      { UserId: '333333333333' },
    ]);
    await client.send(
      new ModifySnapshotAttributeCommand({
        SnapshotId: snapshotId,
        Attribute: 'createVolumePermission',
        OperationType: 'remove',
        UserIds: ['333333333333'],
      }),
    );
    assert.deepEqual(await permissions(snapshotId), [{ UserId: '222222222222' }]);
  });

  it('refuses to share a snapshot encrypted with the default EBS key, and malformed ids', async () => {
    const ids = await snapshotsOf('data-pipeline-encrypted-2024.07');
    const third = ids[2];
    assert.ok(third, 'the third volume uses the default key');
    const error = await errorOf(() =>
      client.send(
        new ModifySnapshotAttributeCommand({
          SnapshotId: third,
          CreateVolumePermission: { Add: [{ UserId: '222222222222' }] },
        }),
      ),
    );
    assert.equal(error.name, 'OperationNotPermitted');
    const malformed = await errorOf(() =>
      client.send(
        new ModifySnapshotAttributeCommand({
          SnapshotId: third,
          CreateVolumePermission: { Add: [{ UserId: '12345' }] },
        }),
      ),
    );
    assert.equal(malformed.name, 'InvalidUserID.Malformed');
  });

  it('lets only the owner read the attribute', async () => {
    const [snapshotId] = await snapshotsOf('web-server-2024.10.1');
    const partner = emulatorClient(emulator, { accessKeyId: partnerAccessKeyId });
    const error = await errorOf(() =>
      partner.send(
        new DescribeSnapshotAttributeCommand({
          SnapshotId: snapshotId,
          Attribute: 'createVolumePermission',
        }),
      ),
    );
    assert.ok(
      ['InvalidSnapshot.NotFound', 'UnauthorizedOperation'].includes(error.name),
      error.name,
    );
  });
});
