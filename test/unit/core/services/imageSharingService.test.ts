import assert from 'node:assert/strict';
import type { Images } from '../../../../src/core/aws/images';
import type { Snapshots } from '../../../../src/core/aws/snapshots';
import type { Ami } from '../../../../src/core/model/ami';
import { AwsApiError } from '../../../../src/core/model/errors';
import type { PermissionEntry } from '../../../../src/core/model/launchPermissionEntries';
import {
  ImageSharingService,
  PermissionChangeError,
} from '../../../../src/core/services/imageSharingService';

const IMAGE = 'ami-0123456789abcdef0';
const A: PermissionEntry = { kind: 'account', value: '222222222222' };
const B: PermissionEntry = { kind: 'account', value: '333333333333' };

type ImageCalls = Pick<Images, 'launchPermissions' | 'modifyAttribute' | 'blockPublicAccessState'>;
type SnapshotCalls = Pick<
  Snapshots,
  'byId' | 'createVolumePermissions' | 'modifyCreateVolumePermissions'
>;

const noImage = (): Promise<Ami> => Promise.reject(new Error('not used'));

/** Recording stand-ins for the EC2 calls, and the service over them. */
function fakeApi(options: { bpa?: string; modifyError?: AwsApiError } = {}) {
  const calls: { action: string; args: unknown }[] = [];
  const notUsed = () => Promise.reject(new Error('not used'));
  const images: ImageCalls = {
    launchPermissions: notUsed,
    blockPublicAccessState: () => {
      calls.push({ action: 'GetImageBlockPublicAccessState', args: undefined });
      return Promise.resolve(options.bpa ?? 'unblocked');
    },
    modifyAttribute: (_region, _imageId, change) => {
      calls.push({
        action: 'ModifyImageAttribute',
        args: 'launchPermission' in change ? change.launchPermission : change,
      });
      return options.modifyError ? Promise.reject(options.modifyError) : Promise.resolve();
    },
  };
  const snapshots: SnapshotCalls = {
    byId: notUsed,
    createVolumePermissions: notUsed,
    modifyCreateVolumePermissions: (_r, snapshotId, change) => {
      calls.push({ action: 'ModifySnapshotAttribute', args: { snapshotId, change } });
      return Promise.resolve();
    },
  };
  return { service: new ImageSharingService(images, snapshots, noImage), calls };
}

const yes = () => Promise.resolve(true);

describe('core/services/imageSharingService apply', () => {
  it('sends one ModifyImageAttribute with both the Add and the Remove list', async () => {
    const { service, calls } = fakeApi();
    const outcome = await service.apply('us-east-1', IMAGE, [A], [B], [], {
      syncSnapshots: false,
      confirmPublic: yes,
    });
    assert.equal(outcome.outcome, 'applied');
    assert.deepEqual(calls, [
      {
        action: 'ModifyImageAttribute',
        args: { add: [{ userId: '333333333333' }], remove: [{ userId: '222222222222' }] },
      },
    ]);
  });

  it('does not call ModifyImageAttribute when image block public access blocks going public', async () => {
    const { service, calls } = fakeApi({ bpa: 'block-new-sharing' });
    let asked = false;
    const outcome = await service.apply('us-east-1', IMAGE, [], [{ kind: 'public' }, A], [], {
      syncSnapshots: false,
      confirmPublic: () => ((asked = true), Promise.resolve(true)),
    });
    assert.equal(outcome.outcome, 'blocked');
    assert.match(outcome.outcome === 'blocked' ? outcome.message : '', /block public access/i);
    assert.equal(asked, false, 'no confirmation for something that cannot happen');
    assert.deepEqual(
      calls.map((c) => c.action),
      ['GetImageBlockPublicAccessState'],
    );
  });

  it('asks before making the image public and sends nothing when the answer is no', async () => {
    const { service, calls } = fakeApi();
    const outcome = await service.apply('us-east-1', IMAGE, [], [{ kind: 'public' }], [], {
      syncSnapshots: false,
      confirmPublic: () => Promise.resolve(false),
    });
    assert.equal(outcome.outcome, 'cancelled');
    assert.ok(!calls.some((c) => c.action === 'ModifyImageAttribute'));
  });

  it('names the entry EC2 refused', async () => {
    const refused = new AwsApiError(
      'InvalidAMIAttributeItemValue',
      'EC2 returned InvalidAMIAttributeItemValue',
      { region: 'us-east-1', action: 'ModifyImageAttribute' },
      { awsMessage: 'Invalid attribute item value "333333333333" for userId item type.' },
    );
    const { service } = fakeApi({ modifyError: refused });
    await assert.rejects(
      service.apply('us-east-1', IMAGE, [A], [A, B], [], {
        syncSnapshots: false,
        confirmPublic: yes,
      }),
      (error: unknown) =>
        error instanceof PermissionChangeError &&
        error.failedEntry?.kind === 'account' &&
        error.failedEntry.value === '333333333333' &&
        /account 333333333333/.test(error.message),
    );
  });

  it('grants and revokes create-volume permission with the launch permission', async () => {
    const { service, calls } = fakeApi();
    const outcome = await service.apply(
      'us-east-1',
      IMAGE,
      [A],
      [B],
      [
        {
          snapshotId: 'snap-11111111',
          deviceName: '/dev/xvda',
          encrypted: false,
          accounts: ['222222222222'],
        },
        { snapshotId: 'snap-22222222', deviceName: '/dev/xvdb', encrypted: false, error: 'denied' },
      ],
      { syncSnapshots: true, confirmPublic: yes },
    );
    assert.equal(outcome.outcome, 'applied');
    assert.deepEqual(
      calls.filter((c) => c.action === 'ModifySnapshotAttribute').map((c) => c.args),
      [
        {
          snapshotId: 'snap-11111111',
          change: { snapshotId: 'snap-11111111', add: ['333333333333'], remove: ['222222222222'] },
        },
      ],
    );
  });

  it('does nothing when nothing changed', async () => {
    const { service, calls } = fakeApi();
    const outcome = await service.apply('us-east-1', IMAGE, [A], [A], [], {
      syncSnapshots: false,
      confirmPublic: yes,
    });
    assert.equal(outcome.outcome, 'nothing-to-do');
    assert.deepEqual(calls, []);
  });
});
