import assert from 'node:assert/strict';
import type { Ami } from '../../../../src/core/model/ami';
import { OutcomeUnknownError } from '../../../../src/core/model/errors';
import type { ImageEvent } from '../../../../src/core/services/imageEvents';
import type {
  OperationStore,
  TrackedOperation,
} from '../../../../src/core/services/operationTracker';
import { OperationTracker } from '../../../../src/core/services/operationTracker';
import type { PollerClock } from '../../../../src/core/services/pendingPoller';
import type {
  GiveUpReason,
  UnknownCopy,
  UnknownCopyStore,
} from '../../../../src/core/services/unknownCopies';
import {
  GIVE_UP_AFTER_MS,
  LOOK_INTERVAL_MS,
  NOT_SEEN_LIMIT,
  UnknownCopySearch,
  givenUpSentence,
  unknownCopyOf,
} from '../../../../src/core/services/unknownCopies';
import { planCopy } from '../../../../src/core/model/copyPlan';
import { makeAmi } from '../../helpers/fixtures';

/** Timers that only fire when the test says so. */
class FakeClock implements PollerClock {
  private nextId = 1;
  now = Date.parse('2026-11-30T10:00:00.000Z');
  readonly timers = new Map<number, { callback: () => void; ms: number }>();
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { callback, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.ms);
  }
  /** Moves time on by each waiting timer's delay, fires them, and lets their look-ups finish. */
  async fireAll(): Promise<void> {
    const due = [...this.timers];
    this.timers.clear();
    for (const [, timer] of due) {
      this.now += timer.ms;
      timer.callback();
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A store that keeps copies of what it is given, as the workspace state would across a reload. */
class MemoryStore<T> implements UnknownCopyStore, OperationStore {
  saved: T[] = [];
  load(): never[] {
    return this.saved.map((c) => ({ ...c })) as never[];
  }
  save(items: readonly unknown[]): Promise<void> {
    this.saved = items.map((c) => ({ ...(c as object) })) as T[];
    return Promise.resolve();
  }
}

const STARTED = '2026-11-30T10:00:00.000Z';
const SOURCE = 'ami-0123456789abcdef0';

const unknown = (region = 'ap-southeast-2', name = 'web-copy'): UnknownCopy => ({
  region,
  name,
  sourceImageId: SOURCE,
  sourceRegion: 'us-east-1',
  clientToken: 'token-1',
  startedAt: STARTED,
});

/** An `ownNamed` double: answers from `images`, or fails with `failure`; records each call. */
function fakeImages() {
  const calls: [string, string][] = [];
  const images: Ami[] = [];
  let failure: Error | undefined;
  return {
    calls,
    images,
    failWith: (error: Error | undefined) => (failure = error),
    ownNamed: (region: string, name: string): Promise<Ami[]> => {
      calls.push([region, name]);
      if (failure) return Promise.reject(failure);
      return Promise.resolve(images.filter((i) => i.region === region && i.name === name));
    },
  };
}

const unreachable = (): OutcomeUnknownError =>
  new OutcomeUnknownError('CopyImage', new Error('connect ECONNREFUSED 127.0.0.1:1'));

describe('core/services/unknownCopies', () => {
  let clock: FakeClock;
  let store: MemoryStore<UnknownCopy>;
  let ec2: ReturnType<typeof fakeImages>;
  let events: ImageEvent[];
  let givenUp: [UnknownCopy, GiveUpReason][];
  const search = (): UnknownCopySearch =>
    new UnknownCopySearch(
      ec2,
      store,
      (event) => events.push(event),
      (copy, reason) => givenUp.push([copy, reason]),
      { clock, now: () => clock.now },
    );

  beforeEach(() => {
    clock = new FakeClock();
    store = new MemoryStore<UnknownCopy>();
    ec2 = fakeImages();
    events = [];
    givenUp = [];
  });

  it('records what a planned copy call needs to be found again: name, source, region, token', () => {
    const [call] = planCopy({
      sources: [
        {
          imageId: SOURCE,
          region: 'us-east-1',
          name: 'web',
          rootDeviceType: 'ebs',
          encrypted: false,
        },
      ],
      destinations: [{ region: 'ap-southeast-2' }],
      name: 'web-copy',
      description: '',
      copyTags: false,
      encrypt: false,
      actionId: 'action-1',
    });
    assert.ok(call);
    const copy = unknownCopyOf(call, new Date(STARTED));
    assert.equal(copy.region, 'ap-southeast-2');
    assert.equal(copy.name, 'web-copy');
    assert.equal(copy.sourceImageId, SOURCE);
    assert.equal(copy.sourceRegion, 'us-east-1');
    assert.equal(copy.clientToken, call.params.ClientToken);
    assert.equal(copy.startedAt, STARTED);
  });

  it('keeps looking while EC2 cannot be reached, then adopts the copy with its operation', async () => {
    const s = search();
    ec2.failWith(unreachable());
    await s.add([unknown()]);
    assert.deepEqual(store.saved, [unknown()]);
    assert.deepEqual(clock.pending(), [LOOK_INTERVAL_MS]);
    for (let i = 0; i < 10; i++) await clock.fireAll();
    assert.equal(ec2.calls.length, 10);
    assert.deepEqual(ec2.calls[0], ['ap-southeast-2', 'web-copy']);
    assert.equal(events.length, 0);
    assert.equal(givenUp.length, 0);
    assert.equal(store.saved.length, 1, 'still looked for');

    ec2.failWith(undefined);
    const found = makeAmi({
      imageId: 'ami-0000000000000c0py',
      region: 'ap-southeast-2',
      name: 'web-copy',
      state: 'pending',
      sourceImageId: SOURCE,
      creationDate: '2026-11-30T10:00:01.000Z',
    });
    ec2.images.push(found);
    await clock.fireAll();
    assert.deepEqual(events, [
      {
        kind: 'appeared',
        image: found,
        operation: {
          kind: 'copy',
          label: 'web-copy',
          sourceImageId: SOURCE,
          sourceRegion: 'us-east-1',
        },
      },
    ]);
    assert.deepEqual(store.saved, [], 'no longer looked for');
    assert.deepEqual(clock.pending(), [], 'nothing left to look for');
  });

  it('an adopted copy is tracked by the operation tracker until it settles', async () => {
    const operations = new MemoryStore<TrackedOperation>();
    const polled: string[] = [];
    const tracker = new OperationTracker(
      operations,
      { track: (_region, images) => polled.push(...images.map((i) => i.imageId)) },
      () => undefined,
    );
    const s = new UnknownCopySearch(
      ec2,
      store,
      (event) => void tracker.onImageEvent(event),
      () => undefined,
      { clock, now: () => clock.now },
    );
    ec2.images.push(
      makeAmi({
        imageId: 'ami-0000000000000c0py',
        region: 'ap-southeast-2',
        name: 'web-copy',
        state: 'pending',
        sourceImageId: SOURCE,
      }),
    );
    await s.add([unknown()]);
    await clock.fireAll();
    assert.deepEqual(
      tracker.list().map((o) => [o.kind, o.region, o.imageId, o.label, o.sourceImageId]),
      [['copy', 'ap-southeast-2', 'ami-0000000000000c0py', 'web-copy', SOURCE]],
    );
    assert.deepEqual(polled, ['ami-0000000000000c0py']);
  });

  it('does not adopt an image of that name from another source or made before the copy', async () => {
    const s = search();
    ec2.images.push(
      makeAmi({
        imageId: 'ami-00000000000other',
        region: 'ap-southeast-2',
        name: 'web-copy',
        sourceImageId: 'ami-0ffffffffffffffff',
      }),
      makeAmi({
        imageId: 'ami-0000000000000old',
        region: 'ap-southeast-2',
        name: 'web-copy',
        sourceImageId: SOURCE,
        creationDate: '2026-11-29T10:00:00.000Z',
      }),
    );
    await s.add([unknown()]);
    await clock.fireAll();
    assert.equal(events.length, 0);
    assert.equal(store.saved.length, 1);
  });

  it('resumes after a reload from what the store kept', async () => {
    const before = search();
    await before.add([unknown()]);
    // The window reloads: the old instance is gone, a new one starts from the store.
    before.dispose();
    const reloaded = search();
    assert.deepEqual(reloaded.resume(), [unknown()]);
    ec2.images.push(
      makeAmi({
        imageId: 'ami-0000000000000c0py',
        region: 'ap-southeast-2',
        name: 'web-copy',
        sourceImageId: SOURCE,
      }),
    );
    assert.deepEqual(clock.pending(), [LOOK_INTERVAL_MS]);
    await clock.fireAll();
    assert.deepEqual(
      events.map((e) => (e.kind === 'appeared' ? e.image.imageId : e.kind)),
      ['ami-0000000000000c0py'],
    );
    assert.deepEqual(store.saved, []);
  });

  it('gives up after an hour without an answer, saying what is unknown and what to check', async () => {
    const s = search();
    ec2.failWith(unreachable());
    await s.add([unknown()]);
    const looks = GIVE_UP_AFTER_MS / LOOK_INTERVAL_MS;
    for (let i = 0; i < looks - 1; i++) await clock.fireAll();
    assert.equal(givenUp.length, 0, 'still looking just before the hour');
    await clock.fireAll();
    assert.equal(givenUp.length, 1);
    const [copy, reason] = givenUp[0] ?? [];
    assert.deepEqual(copy, unknown());
    assert.equal(reason?.kind, 'timed-out');
    assert.deepEqual(store.saved, []);
    assert.deepEqual(clock.pending(), []);
    const sentence = givenUpSentence(unknown(), reason);
    assert.match(
      sentence,
      /outcome of the copy "web-copy" of ami-0123456789abcdef0 \(us-east-1\) in ap-southeast-2 is still unknown after 60 minutes/,
    );
    assert.match(sentence, /the last look-up failed/);
    assert.match(sentence, /Refresh ap-southeast-2 and look for an image named "web-copy"/);
    assert.doesNotMatch(sentence, /ECONNREFUSED 127|Error:|\bat /);
  });

  it('stops after EC2 answers repeatedly without the copy, saying it was probably not started', async () => {
    const s = search();
    await s.add([unknown()]);
    for (let i = 0; i < NOT_SEEN_LIMIT - 1; i++) await clock.fireAll();
    assert.equal(givenUp.length, 0);
    await clock.fireAll();
    assert.deepEqual(
      givenUp.map(([c, r]) => [c.name, r]),
      [['web-copy', { kind: 'not-seen', looks: NOT_SEEN_LIMIT }]],
    );
    assert.match(
      givenUpSentence(unknown(), { kind: 'not-seen', looks: NOT_SEEN_LIMIT }),
      /probably not started\. Refresh ap-southeast-2 to check/,
    );
  });

  it('a failed look-up does not count as EC2 not showing the copy', async () => {
    const s = search();
    await s.add([unknown()]);
    for (let i = 0; i < NOT_SEEN_LIMIT - 1; i++) await clock.fireAll();
    ec2.failWith(unreachable());
    for (let i = 0; i < 5; i++) await clock.fireAll();
    assert.equal(givenUp.length, 0);
    assert.equal(store.saved.length, 1);
  });

  it('looks for each copy on its own and stops when disposed', async () => {
    const s = search();
    await s.add([unknown('ap-southeast-2'), unknown('eu-west-1')]);
    ec2.images.push(
      makeAmi({
        imageId: 'ami-000000000000euw1',
        region: 'eu-west-1',
        name: 'web-copy',
        sourceImageId: SOURCE,
      }),
    );
    await clock.fireAll();
    assert.deepEqual(
      events.map((e) => (e.kind === 'appeared' ? e.image.imageId : e.kind)),
      ['ami-000000000000euw1'],
    );
    assert.deepEqual(
      store.saved.map((c) => c.region),
      ['ap-southeast-2'],
    );
    assert.deepEqual(clock.pending(), [LOOK_INTERVAL_MS]);
    s.dispose();
    assert.deepEqual(clock.pending(), []);
  });
});
