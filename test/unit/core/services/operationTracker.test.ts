import assert from 'node:assert/strict';
import type { Ami } from '../../../../src/core/model/ami';
import type {
  OperationOutcome,
  OperationStore,
  TrackedOperation,
} from '../../../../src/core/services/operationTracker';
import { OperationTracker } from '../../../../src/core/services/operationTracker';
import { makeAmi } from '../../helpers/fixtures';

/** A store that keeps what it is given, as the workspace state would across a reload. */
class MemoryStore implements OperationStore {
  saved: TrackedOperation[] = [];
  load(): TrackedOperation[] {
    return this.saved.map((o) => ({ ...o }));
  }
  save(operations: TrackedOperation[]): Promise<void> {
    this.saved = operations.map((o) => ({ ...o }));
    return Promise.resolve();
  }
}

const copy = (imageId: string, region = 'eu-west-1'): TrackedOperation => ({
  kind: 'copy',
  region,
  imageId,
  label: `copy-of-${imageId}`,
  startedAt: '2026-11-26T10:00:00.000Z',
  sourceImageId: 'ami-0123456789abcdef0',
  sourceRegion: 'us-east-1',
});

describe('core/services/operationTracker', () => {
  let store: MemoryStore;
  let tracked: [string, string[]][];
  let settled: [TrackedOperation, OperationOutcome][];
  let tracker: OperationTracker;

  beforeEach(() => {
    store = new MemoryStore();
    tracked = [];
    settled = [];
    tracker = new OperationTracker(
      store,
      { track: (region, images) => tracked.push([region, images.map((i) => i.imageId)]) },
      (operation, outcome) => settled.push([operation, outcome]),
    );
  });

  it('remembers a started operation and polls its image', async () => {
    await tracker.start(copy('ami-00000000000000001'));
    assert.deepEqual(store.saved, [copy('ami-00000000000000001')]);
    assert.deepEqual(tracked, [['eu-west-1', ['ami-00000000000000001']]]);
  });

  it('does not remember the same image twice', async () => {
    await tracker.start(copy('ami-00000000000000001'));
    await tracker.start({ ...copy('ami-00000000000000001'), label: 'renamed' });
    assert.deepEqual(
      store.saved.map((o) => o.label),
      ['renamed'],
    );
  });

  it('after a reload, polls every remembered operation again', async () => {
    await tracker.start(copy('ami-00000000000000001'));
    await tracker.start(copy('ami-00000000000000002', 'ap-southeast-2'));
    tracked = [];
    const reloaded = new OperationTracker(
      store,
      { track: (region, images) => tracked.push([region, images.map((i) => i.imageId)]) },
      () => undefined,
    );
    assert.equal(reloaded.resume().length, 2);
    assert.deepEqual(tracked, [
      ['eu-west-1', ['ami-00000000000000001']],
      ['ap-southeast-2', ['ami-00000000000000002']],
    ]);
  });

  it('settles available, failed and vanished images and forgets them; pending ones stay', async () => {
    for (const id of ['1', '2', '3', '4']) await tracker.start(copy(`ami-0000000000000000${id}`));
    const available: Ami = makeAmi({
      imageId: 'ami-00000000000000001',
      region: 'eu-west-1',
      state: 'available',
    });
    const failed: Ami = makeAmi({
      imageId: 'ami-00000000000000002',
      region: 'eu-west-1',
      state: 'failed',
    });
    const stillPending: Ami = makeAmi({
      imageId: 'ami-00000000000000004',
      region: 'eu-west-1',
      state: 'pending',
    });

    for (const image of [available, failed, stillPending])
      await tracker.onImageEvent({ kind: 'changed', image });
    await tracker.onImageEvent({
      kind: 'gone',
      region: 'eu-west-1',
      imageId: 'ami-00000000000000003',
    });

    assert.deepEqual(
      settled.map(([o, outcome]) => [o.imageId, outcome.kind]),
      [
        ['ami-00000000000000001', 'available'],
        ['ami-00000000000000002', 'failed'],
        ['ami-00000000000000003', 'gone'],
      ],
    );
    assert.deepEqual(
      tracker.list().map((o) => o.imageId),
      ['ami-00000000000000004'],
    );
  });

  it('ignores the same image id in another region', async () => {
    await tracker.start(copy('ami-00000000000000001'));
    await tracker.onImageEvent({
      kind: 'changed',
      image: makeAmi({ imageId: 'ami-00000000000000001', region: 'us-east-1', state: 'available' }),
    });
    assert.equal(settled.length, 0);
    assert.equal(tracker.list().length, 1);
  });

  it('tracks a new image when the event names the operation that made it, and only then', async () => {
    await tracker.onImageEvent({
      kind: 'appeared',
      image: makeAmi({ imageId: 'ami-00000000000000009', region: 'eu-west-1', state: 'pending' }),
      operation: { kind: 'create', label: 'web' },
    });
    await tracker.onImageEvent({
      kind: 'appeared',
      image: makeAmi({ imageId: 'ami-00000000000000008', region: 'eu-west-1', state: 'pending' }),
    });
    assert.deepEqual(
      tracker.list().map((o) => [o.imageId, o.kind, o.label]),
      [['ami-00000000000000009', 'create', 'web']],
    );
  });
});
