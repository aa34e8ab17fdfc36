import assert from 'node:assert/strict';
import type { Ami, ImageState } from '../../../../src/core/model/ami';
import type { PollResult, PollerClock } from '../../../../src/core/services/pendingPoller';
import {
  POLL_DELAYS_MS,
  POLL_GIVE_UP_AFTER,
  PendingImagePoller,
} from '../../../../src/core/services/pendingPoller';
import { AwsApiError } from '../../../../src/core/model/errors';
import { makeAmi } from '../../helpers/fixtures';

/** Timers that only fire when the test says so. */
class FakeClock implements PollerClock {
  private nextId = 1;
  readonly timers = new Map<number, { callback: () => void; ms: number }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { callback, ms });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Delays of the timers waiting now. */
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.ms);
  }

  /** Fires every waiting timer and lets the polls they start finish. */
  async fireAll(): Promise<void> {
    const due = [...this.timers];
    this.timers.clear();
    for (const [, timer] of due) timer.callback();
    await settle();
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const img = (imageId: string, state: ImageState, region = 'us-east-1'): Ami =>
  makeAmi({ imageId, state, region });

/** A fetch double: answers from `states` (missing ids are left out) and records each call. */
function fakeFetch() {
  const calls: [string, string[]][] = [];
  const states = new Map<string, ImageState>();
  let failure: Error | undefined;
  const fetch = (region: string, ids: string[]): Promise<Ami[]> => {
    calls.push([region, [...ids]]);
    if (failure) return Promise.reject(failure);
    return Promise.resolve(
      ids.flatMap((id) => {
        const state = states.get(id);
        return state ? [img(id, state, region)] : [];
      }),
    );
  };
  return {
    fetch,
    calls,
    states,
    failWith: (error: Error | undefined) => {
      failure = error;
    },
  };
}

describe('core/services/pendingPoller', () => {
  let clock: FakeClock;
  let api: ReturnType<typeof fakeFetch>;
  let results: PollResult[];
  let errors: [string, unknown][];
  let gaveUp: [string, string[]][];
  let poller: PendingImagePoller;

  beforeEach(() => {
    clock = new FakeClock();
    api = fakeFetch();
    results = [];
    errors = [];
    gaveUp = [];
    poller = new PendingImagePoller(
      api.fetch,
      (r) => results.push(r),
      (region, error, stopped) => {
        errors.push([region, error]);
        if (stopped) gaveUp.push([region, stopped]);
      },
      clock,
    );
  });
  afterEach(() => poller.dispose());

  it('backs off 2 s, 4 s, 8 s, 15 s, then every 30 s', () => {
    assert.deepEqual(POLL_DELAYS_MS, [2000, 4000, 8000, 15000, 30000]);
  });

  it('does nothing for images that are all settled', () => {
    poller.track('us-east-1', [img('ami-00000001', 'available'), img('ami-00000002', 'failed')]);
    assert.equal(clock.timers.size, 0);
    assert.deepEqual(poller.pendingIds('us-east-1'), []);
  });

  it('polls only the unsettled images, in ONE fetch per region per round', async () => {
    poller.track('us-east-1', [
      img('ami-00000001', 'pending'),
      img('ami-00000002', 'available'),
      img('ami-00000003', 'pending'),
      img('ami-00000004', 'transient'),
    ]);
    poller.track('eu-west-1', [img('ami-0000000a', 'pending', 'eu-west-1')]);
    assert.deepEqual(poller.pendingIds('us-east-1'), [
      'ami-00000001',
      'ami-00000003',
      'ami-00000004',
    ]);
    assert.deepEqual(clock.pending(), [2000, 2000]);
    for (const id of ['ami-00000001', 'ami-00000003', 'ami-00000004', 'ami-0000000a']) {
      api.states.set(id, 'pending');
    }

    await clock.fireAll();

    assert.deepEqual(api.calls, [
      ['us-east-1', ['ami-00000001', 'ami-00000003', 'ami-00000004']],
      ['eu-west-1', ['ami-0000000a']],
    ]);
  });

  it('follows the backoff schedule while images stay pending, without reporting', async () => {
    poller.track('us-east-1', [img('ami-00000001', 'pending')]);
    api.states.set('ami-00000001', 'pending');
    const delays: number[] = [];
    for (let round = 0; round < 7; round++) {
      delays.push(...clock.pending());
      await clock.fireAll();
    }
    assert.deepEqual(delays, [2000, 4000, 8000, 15000, 30000, 30000, 30000]);
    assert.equal(api.calls.length, 7);
    assert.equal(results.length, 0);
  });

  it('starts the backoff again when a new image joins a region already polled', async () => {
    poller.track('us-east-1', [img('ami-00000001', 'pending')]);
    api.states.set('ami-00000001', 'pending');
    await clock.fireAll();
    await clock.fireAll();
    assert.deepEqual(clock.pending(), [8000]);

    poller.track('us-east-1', [img('ami-00000002', 'pending')]);

    assert.deepEqual(clock.pending(), [2000]);
    assert.deepEqual(poller.pendingIds('us-east-1'), ['ami-00000001', 'ami-00000002']);
  });

  it('keeps the backoff when an image it already polls is tracked again', async () => {
    poller.track('us-east-1', [img('ami-00000001', 'pending')]);
    api.states.set('ami-00000001', 'pending');
    await clock.fireAll();
    poller.track('us-east-1', [img('ami-00000001', 'pending')]);
    assert.deepEqual(clock.pending(), [4000]);
  });

  it('reports changed and missing images, keeps polling the rest, stops once all settled', async () => {
    poller.track('us-east-1', [
      img('ami-00000001', 'pending'),
      img('ami-00000002', 'pending'),
      img('ami-00000003', 'pending'),
    ]);
    api.states.set('ami-00000001', 'available');
    api.states.set('ami-00000002', 'transient');
    // ami-00000003 is gone (deregistered meanwhile)

    await clock.fireAll();

    assert.deepEqual(
      results.map((r) => ({
        region: r.region,
        updated: r.updated.map((i) => [i.imageId, i.state]),
        missing: r.missing,
      })),
      [
        {
          region: 'us-east-1',
          updated: [
            ['ami-00000001', 'available'],
            ['ami-00000002', 'transient'],
          ],
          missing: ['ami-00000003'],
        },
      ],
    );
    assert.deepEqual(poller.pendingIds('us-east-1'), ['ami-00000002']);
    assert.deepEqual(clock.pending(), [4000]);

    api.states.set('ami-00000002', 'failed');
    await clock.fireAll();

    assert.deepEqual(api.calls.at(-1), ['us-east-1', ['ami-00000002']]);
    assert.deepEqual(
      results.at(-1)?.updated.map((i) => [i.imageId, i.state]),
      [['ami-00000002', 'failed']],
    );
    assert.deepEqual(poller.pendingIds('us-east-1'), []);
    assert.equal(clock.timers.size, 0);
  });

  it('adds images tracked while a region is already polled to the same fetch', async () => {
    poller.track('us-east-1', [img('ami-00000001', 'pending')]);
    poller.track('us-east-1', [img('ami-00000002', 'pending')]);
    assert.equal(clock.timers.size, 1);
    api.states.set('ami-00000001', 'pending');
    api.states.set('ami-00000002', 'pending');
    await clock.fireAll();
    assert.deepEqual(api.calls, [['us-east-1', ['ami-00000001', 'ami-00000002']]]);
  });

  it('reports errors to onError and retries on the next, longer delay', async () => {
    poller.track('us-east-1', [img('ami-00000001', 'pending')]);
    const failure = new Error('RequestLimitExceeded');
    api.failWith(failure);

    await clock.fireAll();

    assert.deepEqual(errors, [['us-east-1', failure]]);
    assert.equal(results.length, 0);
    assert.deepEqual(poller.pendingIds('us-east-1'), ['ami-00000001']);
    assert.deepEqual(clock.pending(), [4000]);

    api.failWith(undefined);
    api.states.set('ami-00000001', 'available');
    await clock.fireAll();

    assert.equal(errors.length, 1);
    assert.deepEqual(
      results.map((r) => r.updated.map((i) => i.state)),
      [['available']],
    );
    assert.equal(clock.timers.size, 0);
  });

  const refused = new AwsApiError(
    'NetworkError',
    'Could not reach EC2 in us-east-1 (ECONNREFUSED).',
    { region: 'us-east-1', action: 'DescribeImages' },
    { awsMessage: 'ECONNREFUSED' },
  );

  it(`gives a region up after ${POLL_GIVE_UP_AFTER} failed rounds in a row that will not heal, saying which images`, async () => {
    // Only us-east-1's endpoint is gone.
    poller.dispose();
    const fetch = api.fetch;
    poller = new PendingImagePoller(
      (region, ids) => (region === 'us-east-1' ? Promise.reject(refused) : fetch(region, ids)),
      (r) => results.push(r),
      (region, error, stopped) => {
        errors.push([region, error]);
        if (stopped) gaveUp.push([region, stopped]);
      },
      clock,
    );
    api.states.set('ami-0000000a', 'pending');
    poller.track('us-east-1', [img('ami-00000001', 'pending'), img('ami-00000002', 'pending')]);
    poller.track('eu-west-1', [img('ami-0000000a', 'pending', 'eu-west-1')]);
    for (let round = 1; round < POLL_GIVE_UP_AFTER; round++) await clock.fireAll();
    assert.deepEqual(gaveUp, []);
    assert.deepEqual(poller.pendingIds('us-east-1'), ['ami-00000001', 'ami-00000002']);
    await clock.fireAll();
    assert.deepEqual(gaveUp, [['us-east-1', ['ami-00000001', 'ami-00000002']]]);
    assert.equal(errors.length, POLL_GIVE_UP_AFTER);
    assert.deepEqual(poller.pendingIds('us-east-1'), []);
    // The other region goes on.
    assert.deepEqual(poller.pendingIds('eu-west-1'), ['ami-0000000a']);
    assert.equal(clock.timers.size, 1);
  });

  it('keeps polling through errors that heal, and a good round resets the count', async () => {
    poller.track('us-east-1', [img('ami-00000001', 'pending')]);
    const throttled = new AwsApiError('RequestLimitExceeded', 'throttled', {}, {});
    const sequence = [refused, refused, undefined, refused, refused, throttled, refused, refused];
    for (const failure of sequence) {
      api.failWith(failure);
      api.states.set('ami-00000001', 'pending');
      await clock.fireAll();
    }
    assert.deepEqual(gaveUp, []);
    assert.deepEqual(poller.pendingIds('us-east-1'), ['ami-00000001']);
    api.failWith(refused);
    await clock.fireAll();
    assert.deepEqual(gaveUp, [['us-east-1', ['ami-00000001']]]);
  });

  it('forget stops the region: timer cleared, ids dropped, an in-flight answer ignored', async () => {
    poller.track('us-east-1', [img('ami-00000001', 'pending')]);
    poller.track('eu-west-1', [img('ami-0000000a', 'pending', 'eu-west-1')]);
    poller.forget('eu-west-1');
    assert.deepEqual(clock.pending(), [2000]);
    assert.deepEqual(poller.pendingIds('eu-west-1'), []);

    // Forget us-east-1 while its fetch is in flight.
    api.states.set('ami-00000001', 'available');
    const [[, timer]] = [...clock.timers];
    clock.timers.clear();
    timer.callback();
    poller.forget('us-east-1');
    await settle();

    assert.equal(results.length, 0);
    assert.equal(clock.timers.size, 0);
  });

  it('dispose stops every region and ignores later track calls', async () => {
    poller.track('us-east-1', [img('ami-00000001', 'pending')]);
    poller.track('eu-west-1', [img('ami-0000000a', 'pending', 'eu-west-1')]);
    poller.dispose();
    assert.equal(clock.timers.size, 0);
    poller.track('us-east-1', [img('ami-00000002', 'pending')]);
    assert.equal(clock.timers.size, 0);
    await settle();
    assert.deepEqual(api.calls, []);
  });
});
