import assert from 'node:assert/strict';
import { CancelledError } from '../../../../src/core/model/errors';
import type { ImageUsageReport } from '../../../../src/core/model/imageInsights';
import type {
  PendingUsageReport,
  UsageReportOutcome,
} from '../../../../src/core/services/usageReportWatch';
import { UsageReportWatch } from '../../../../src/core/services/usageReportWatch';

const pending: PendingUsageReport = {
  region: 'us-east-1',
  imageId: 'ami-0000000000000000a',
  label: 'shared-base',
  reportId: 'amiur-00000000000000001',
  startedAt: new Date().toISOString(),
};

/** EC2's reports by id: a test sets the state each look-up answers. */
function fakeEc2(states: (string | undefined)[]) {
  const asked: string[] = [];
  return {
    asked,
    usageReports: (
      _region: string,
      by: { reportIds?: readonly string[] },
      signal?: AbortSignal,
    ): Promise<ImageUsageReport[]> => {
      if (signal?.aborted) return Promise.reject(new CancelledError());
      const id = by.reportIds?.[0] ?? '';
      asked.push(id);
      const state = states.length > 1 ? states.shift() : states[0];
      return Promise.resolve(
        state === undefined
          ? []
          : [{ reportId: id, imageId: pending.imageId, state, resourceTypes: [], accountIds: [] }],
      );
    },
  };
}

function memoryStore(initial: PendingUsageReport[] = []) {
  let saved = [...initial];
  return {
    load: () => [...saved],
    save: (reports: PendingUsageReport[]): Promise<void> => {
      saved = [...reports];
      return Promise.resolve();
    },
  };
}

const fast = { waitMs: 1, watchMs: 1, giveUpAfterMs: 60_000 };

describe('core/services/usageReportWatch', () => {
  it('waits while the report is pending, then returns it and forgets it', async () => {
    const ec2 = fakeEc2(['pending', 'pending', 'available']);
    const store = memoryStore();
    const watch = new UsageReportWatch(ec2, store, () => {}, fast);
    await watch.remember(pending);
    assert.equal(watch.pendingFor('us-east-1', pending.imageId)?.reportId, pending.reportId);
    const report = await watch.wait(pending, new AbortController().signal);
    assert.equal(report?.state, 'available');
    assert.equal(ec2.asked.length, 3);
    assert.deepEqual(store.load(), []);
    watch.dispose();
  });

  it('on Cancel stops waiting but keeps the report remembered for the background watch', async () => {
    const ec2 = fakeEc2(['pending']);
    const store = memoryStore();
    const settled: [PendingUsageReport, UsageReportOutcome][] = [];
    const watch = new UsageReportWatch(ec2, store, (p, o) => settled.push([p, o]), {
      ...fast,
      watchMs: 60_000,
    });
    await watch.remember(pending);
    const controller = new AbortController();
    const waiting = watch.wait(pending, controller.signal);
    controller.abort();
    await assert.rejects(waiting, CancelledError);
    assert.deepEqual(watch.pending(), [pending]);
    assert.deepEqual(settled, []);

    ec2.asked.length = 0;
    await watch.lookNow();
    assert.deepEqual(settled, [], 'still pending: nothing to tell');
    assert.equal(ec2.asked.length, 1);
    watch.dispose();
  });

  it('after a reload, resumes the remembered reports and announces each once', async () => {
    const store = memoryStore([pending]);
    const settled: UsageReportOutcome[] = [];
    let resolveSettled: () => void = () => {};
    const done = new Promise<void>((resolve) => (resolveSettled = resolve));
    const watch = new UsageReportWatch(
      fakeEc2(['pending', 'available']),
      store,
      (_p, outcome) => {
        settled.push(outcome);
        resolveSettled();
      },
      fast,
    );
    assert.deepEqual(watch.resume(), [pending]);
    await done;
    assert.equal(settled.length, 1);
    assert.equal(settled[0]?.kind === 'settled' && settled[0].report.state, 'available');
    assert.deepEqual(store.load(), []);
    await watch.lookNow();
    assert.equal(settled.length, 1, 'announced once');
    watch.dispose();
  });

  it('says a report EC2 no longer has is gone, and gives up on one pending too long', async () => {
    const outcomes: string[] = [];
    const gone = new UsageReportWatch(
      fakeEc2([undefined]),
      memoryStore([pending]),
      (_p, o) => outcomes.push(o.kind),
      fast,
    );
    await gone.lookNow();
    const old = { ...pending, startedAt: new Date(Date.now() - 120_000).toISOString() };
    const stale = new UsageReportWatch(
      fakeEc2(['pending']),
      memoryStore([old]),
      (_p, o) => outcomes.push(o.kind),
      fast,
    );
    await stale.lookNow();
    assert.deepEqual(outcomes, ['gone', 'given-up']);
    gone.dispose();
    stale.dispose();
  });
});
