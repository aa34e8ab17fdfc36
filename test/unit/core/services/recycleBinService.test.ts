import { strict as assert } from 'node:assert';
import type { Images } from '../../../../src/core/aws/images';
import type { RecycleBin } from '../../../../src/core/aws/recycleBin';
import type { RecycleBinRules } from '../../../../src/core/aws/recycleBinRules';
import type { Ami } from '../../../../src/core/model/ami';
import { AwsApiError, CancelledError } from '../../../../src/core/model/errors';
import type { RecycledSnapshot } from '../../../../src/core/model/imageInsights';
import { RecycleBinService } from '../../../../src/core/services/recycleBinService';

const IMAGE = 'ami-0123456789abcdef0';

/** A Recycle Bin that records the restores, with snapshots in it. */
function fakeBin(inBin: RecycledSnapshot[], failing: string[] = []) {
  const calls: string[] = [];
  const bin = {
    snapshots: (_region: string, ids?: readonly string[]) =>
      Promise.resolve(inBin.filter((s) => !ids || ids.includes(s.snapshotId))),
    restoreSnapshot: (_region: string, snapshotId: string) => {
      calls.push(`snapshot ${snapshotId}`);
      if (failing.includes(snapshotId))
        return Promise.reject(new AwsApiError('IncorrectState', 'no', {}, {}));
      inBin = inBin.filter((s) => s.snapshotId !== snapshotId);
      return Promise.resolve({ snapshotId });
    },
    restoreImage: (_region: string, imageId: string) => {
      calls.push(`image ${imageId}`);
      return Promise.resolve();
    },
  };
  return { bin: bin as unknown as RecycleBin, calls };
}

const ami = (snapshotIds: string[]): Ami =>
  ({
    region: 'us-east-1',
    imageId: IMAGE,
    blockDevices: snapshotIds.map((id, i) => ({
      deviceName: `/dev/sd${'abc'[i] ?? 'z'}`,
      ebs: { snapshotId: id },
    })),
  }) as unknown as Ami;

const images = (found: Ami | undefined) =>
  ({ byId: () => Promise.resolve(found ? [found] : []) }) as unknown as Images;
const noRules = {} as RecycleBinRules;
const snap = (snapshotId: string, description?: string): RecycledSnapshot => ({
  region: 'us-east-1',
  snapshotId,
  ...(description ? { description } : {}),
});

describe('core/services/recycleBinService', () => {
  it('restores the AMI’s snapshots first, then the AMI, then any other snapshot it names', async () => {
    const { bin, calls } = fakeBin([
      snap('snap-a', `Created by CreateImage(i-1) for ${IMAGE}`),
      snap('snap-b'), // registered from a snapshot: no link in its description
      snap('snap-other', 'Created by CreateImage(i-1) for ami-0ffffffffffffffff'),
    ]);
    const service = new RecycleBinService(bin, noRules, images(ami(['snap-a', 'snap-b'])));
    const plan = await service.planRestore({ region: 'us-east-1', imageId: IMAGE });
    assert.deepEqual(
      plan.snapshots.map((s) => s.snapshotId),
      ['snap-a'],
    );
    const result = await service.restore(plan);
    assert.deepEqual(calls, ['snapshot snap-a', `image ${IMAGE}`, 'snapshot snap-b']);
    assert.deepEqual(result.restoredSnapshots, ['snap-a', 'snap-b']);
    assert.equal(result.image?.imageId, IMAGE);
  });

  it('a snapshot that fails does not stop the AMI, and the result names it', async () => {
    const { bin, calls } = fakeBin([snap('snap-a', `for ${IMAGE}`)], ['snap-a']);
    const service = new RecycleBinService(bin, noRules, images(ami(['snap-a'])));
    const result = await service.restore(
      await service.planRestore({ region: 'us-east-1', imageId: IMAGE }),
    );
    assert.deepEqual(calls, ['snapshot snap-a', `image ${IMAGE}`]);
    assert.deepEqual(
      result.failedSnapshots.map((f) => f.snapshotId),
      ['snap-a'],
    );
    assert.deepEqual(result.restoredSnapshots, []);
  });

  it('turns a failed rule lookup into “unknown”, never a guess', async () => {
    const failing = {
      list: () => Promise.reject(new AwsApiError('AccessDeniedException', 'denied', {}, {})),
    } as unknown as RecycleBinRules;
    const service = new RecycleBinService(fakeBin([]).bin, failing, images(undefined));
    const lookup = await service.retention('us-east-1', 'EC2_IMAGE');
    assert.equal(lookup.kind, 'unknown');
  });

  describe('when an outcome is unknown, or the user cancels', () => {
    const noDelays = { delaysMs: [0] };
    const lost = () =>
      new AwsApiError('RequestTimeout', 'no answer', {}, {}, { outcomeUnknown: true });

    it('a lost answer on the AMI’s restore is settled by re-reading: EC2 shows it registered', async () => {
      const { bin } = fakeBin([]);
      bin.restoreImage = () => Promise.reject(lost());
      const service = new RecycleBinService(bin, noRules, images(ami([])));
      const result = await service.restore(
        { image: { region: 'us-east-1', imageId: IMAGE }, snapshots: [] },
        undefined,
        noDelays,
      );
      assert.equal(result.imageOutcome.kind, 'restored');
      assert.match(
        result.imageOutcome.kind === 'restored' ? (result.imageOutcome.unknownBecause ?? '') : '',
        /without a clear answer/,
      );
      assert.equal(result.image?.imageId, IMAGE);
    });

    it('a lost answer the re-read does not confirm is unknown, never “not restored”', async () => {
      const { bin } = fakeBin([]);
      bin.restoreImage = () => Promise.reject(lost());
      const service = new RecycleBinService(bin, noRules, images(undefined));
      const result = await service.restore(
        { image: { region: 'us-east-1', imageId: IMAGE }, snapshots: [] },
        undefined,
        noDelays,
      );
      assert.equal(result.imageOutcome.kind, 'unknown');
      assert.equal(result.image, undefined);
    });

    it('Cancel during a snapshot’s restore: the re-read decides it, the rest is not sent, and the result says so', async () => {
      const controller = new AbortController();
      const { bin, calls } = fakeBin([
        snap('snap-a', `for ${IMAGE}`),
        snap('snap-b', `for ${IMAGE}`),
      ]);
      const restoreSnapshot = bin.restoreSnapshot.bind(bin);
      bin.restoreSnapshot = async (region: string, snapshotId: string) => {
        // EC2 restores it; the answer is lost to the cancel.
        await restoreSnapshot(region, snapshotId);
        controller.abort();
        throw new CancelledError({ outcomeUnknown: true });
      };
      const service = new RecycleBinService(bin, noRules, images(ami(['snap-a', 'snap-b'])));
      const plan = await service.planRestore({ region: 'us-east-1', imageId: IMAGE });
      const result = await service.restore(plan, controller.signal, noDelays);
      assert.deepEqual(calls, ['snapshot snap-a'], 'nothing sent after the cancel');
      assert.deepEqual(result.restoredSnapshots, ['snap-a'], 'confirmed by the re-read');
      assert.deepEqual(result.notAttempted, ['snap-b']);
      assert.equal(result.cancelled, true);
      assert.equal(
        result.imageOutcome.kind === 'not-restored' && result.imageOutcome.cancelled,
        true,
      );
    });

    it('EC2 refusing the AMI’s restore: not restored, with the snapshots restored before it', async () => {
      const { bin } = fakeBin([snap('snap-a', `for ${IMAGE}`)]);
      bin.restoreImage = () =>
        Promise.reject(new AwsApiError('InvalidAMIID.NotFound', 'gone', {}, {}));
      const service = new RecycleBinService(bin, noRules, images(undefined));
      const plan = await service.planRestore({ region: 'us-east-1', imageId: IMAGE });
      const result = await service.restore(plan, undefined, noDelays);
      assert.equal(result.imageOutcome.kind, 'not-restored');
      assert.deepEqual(result.restoredSnapshots, ['snap-a']);
    });
  });
});
