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
    createUsageReport: (): Promise<string> => Promise.reject(new Error('not expected')),
  };
}

const report = (reportId: string, state: string, creationTime?: string): ImageUsageReport => ({
  reportId,
  imageId: pending.imageId,
  state,
  resourceTypes: [],
  accountIds: [],
  ...(creationTime ? { creationTime } : {}),
});

/**
 * EC2 for `request`: the reports it holds for the AMI (by image id), and what CreateImageUsageReport
 * does (`create`); the calls are recorded.
 */
function ec2ForRequest(onEc2: ImageUsageReport[], create: () => Promise<string>) {
  const calls: string[] = [];
  return {
    calls,
    onEc2,
    usageReports: (
      _region: string,
      by: { reportIds?: readonly string[]; imageIds?: readonly string[] },
      signal?: AbortSignal,
    ): Promise<ImageUsageReport[]> => {
      calls.push(`describe:${by.imageIds ? 'image' : 'report'}:${signal ? 'signal' : 'no-signal'}`);
      if (signal?.aborted) return Promise.reject(new CancelledError());
      return Promise.resolve([...onEc2]);
    },
    createUsageReport: (): Promise<string> => {
      calls.push('create');
      return create();
    },
  };
}

const target = { region: 'us-east-1', imageId: pending.imageId, label: 'shared-base' };
const noDelays = { delaysMs: [0] };

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

  describe('request', () => {
    it('follows the report it made, remembered', async () => {
      const ec2 = ec2ForRequest([], () => Promise.resolve('amiur-new'));
      const store = memoryStore();
      const watch = new UsageReportWatch(ec2, store, () => {}, fast, Date.now, noDelays);
      const outcome = await watch.request(target, {}, new AbortController().signal);
      assert.equal(outcome.kind === 'following' && outcome.how, 'created');
      assert.equal(outcome.kind === 'following' && outcome.cancelled, false);
      assert.deepEqual(
        store.load().map((r) => r.reportId),
        ['amiur-new'],
      );
      assert.deepEqual(ec2.calls, ['describe:image:signal', 'create']);
      watch.dispose();
    });

    it('follows a report EC2 is already preparing for the AMI instead of making another', async () => {
      const ec2 = ec2ForRequest(
        [
          report('amiur-old-done', 'available', '2026-11-01T00:00:00.000Z'),
          report('amiur-other-window', 'pending', '2026-11-30T10:00:00.000Z'),
        ],
        () => Promise.resolve('amiur-new'),
      );
      const watch = new UsageReportWatch(ec2, memoryStore(), () => {}, fast, Date.now, noDelays);
      const outcome = await watch.request(target, {}, new AbortController().signal);
      assert.equal(outcome.kind === 'following' && outcome.pending.reportId, 'amiur-other-window');
      assert.equal(outcome.kind === 'following' && outcome.how, 'found');
      assert.ok(!ec2.calls.includes('create'), 'no second report');
      watch.dispose();
    });

    it('on Cancel while CreateImageUsageReport was under way, re-reads EC2 and follows the report it made', async () => {
      const controller = new AbortController();
      const ec2 = ec2ForRequest([], () => {
        // EC2 makes the report; the answer never arrives because the user cancels.
        ec2.onEc2.push(report('amiur-made', 'pending', new Date().toISOString()));
        controller.abort();
        return Promise.reject(new CancelledError({ outcomeUnknown: true }));
      });
      const store = memoryStore();
      const watch = new UsageReportWatch(
        ec2,
        store,
        () => {},
        { ...fast, watchMs: 60_000 },
        Date.now,
        noDelays,
      );
      const outcome = await watch.request(target, {}, controller.signal);
      assert.equal(outcome.kind, 'following');
      assert.equal(outcome.kind === 'following' && outcome.how, 'confirmed');
      assert.equal(outcome.kind === 'following' && outcome.cancelled, true);
      assert.deepEqual(
        store.load().map((r) => r.reportId),
        ['amiur-made'],
        'remembered for the background watch',
      );
      assert.equal(ec2.calls.at(-1), 'describe:image:no-signal', 'the re-read is not cancelled');
      watch.dispose();
    });

    it('does not adopt an older report of the AMI after an unknown outcome: says not seen', async () => {
      const ec2 = ec2ForRequest([], () => {
        ec2.onEc2.push(report('amiur-last-month', 'available', '2026-10-01T00:00:00.000Z'));
        return Promise.reject(new CancelledError({ outcomeUnknown: true }));
      });
      const store = memoryStore();
      const watch = new UsageReportWatch(ec2, store, () => {}, fast, Date.now, noDelays);
      const outcome = await watch.request(target, {}, new AbortController().signal);
      assert.equal(outcome.kind, 'not-seen');
      assert.deepEqual(store.load(), []);
      watch.dispose();
    });

    it('says unknown when EC2 cannot be re-read either; a refusal or a cancel before sending throws', async () => {
      let reads = 0;
      const failing = {
        usageReports: (): Promise<ImageUsageReport[]> =>
          ++reads === 1 ? Promise.resolve([]) : Promise.reject(new Error('connection reset')),
        createUsageReport: (): Promise<string> =>
          Promise.reject(new CancelledError({ outcomeUnknown: true })),
      };
      const unknown = new UsageReportWatch(
        failing,
        memoryStore(),
        () => {},
        fast,
        Date.now,
        noDelays,
      );
      const outcome = await unknown.request(target, {}, new AbortController().signal);
      assert.equal(outcome.kind, 'unknown');

      const refused = new UsageReportWatch(
        ec2ForRequest([], () => Promise.reject(new Error('InvalidAMIID.Unavailable'))),
        memoryStore(),
        () => {},
        fast,
        Date.now,
        noDelays,
      );
      await assert.rejects(
        refused.request(target, {}, new AbortController().signal),
        /InvalidAMIID/,
      );
      const notSent = new UsageReportWatch(
        ec2ForRequest([], () => Promise.reject(new CancelledError())),
        memoryStore(),
        () => {},
        fast,
        Date.now,
        noDelays,
      );
      await assert.rejects(
        notSent.request(target, {}, new AbortController().signal),
        CancelledError,
      );
      unknown.dispose();
      refused.dispose();
      notSent.dispose();
    });
  });
});
