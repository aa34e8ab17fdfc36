import assert from 'node:assert/strict';
import {
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeRegionsCommand,
  DescribeSnapshotsCommand,
  DescribeInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { InstanceStateName } from '@aws-sdk/client-ec2';
import { CredentialsProviderError } from '@smithy/core/config';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ec2ClientFactory } from '../../../../src/core/aws/clientFactory';
import { Ec2, IDS_PER_CALL, WAIT_GIVE_UP_AFTER, inIdChunks } from '../../../../src/core/aws/ec2';
import type { Ec2Action, Ec2Input, Ec2Output } from '../../../../src/core/aws/ec2';
import {
  AwsApiError,
  CancelledError,
  CredentialsError,
  outcomeUnknown,
} from '../../../../src/core/model/errors';
import { TEST_CONNECTION, ec2Error, useEnv, useMockedEc2 } from '../../helpers/ec2Mock';

/** The rejection of `promise`, or a failed assertion when it resolves. */
function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
}

/** An Ec2 whose DescribeImages answers come from `answer` (with the signal each request got). */
function scriptedCaller(
  answer: (
    input: Ec2Input<'DescribeImages'>,
    signal: AbortSignal,
  ) => Promise<Omit<Ec2Output<'DescribeImages'>, '$metadata'>>,
): Ec2 {
  class Scripted extends Ec2 {
    override send<A extends Ec2Action>(
      _region: string,
      action: A,
      input: Ec2Input<A>,
      signal?: AbortSignal,
    ): Promise<Ec2Output<A>> {
      assert.equal(action, 'DescribeImages');
      assert.ok(signal, 'every request of a listing can be aborted');
      return answer(input, signal) as unknown as Promise<Ec2Output<A>>;
    }
  }
  return new Scripted(
    new Ec2ClientFactory(() => TEST_CONNECTION, { apiCall: () => undefined }),
    () => undefined,
  );
}

/** Every page `paginate` yields. */
async function allPages<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('core/aws/ec2', () => {
  const mocked = useMockedEc2('dev');

  describe('send', () => {
    it('a mutating request cancelled before it was sent is plainly cancelled; during the send, its outcome is unknown', async () => {
      const before = new AbortController();
      before.abort();
      const early = await rejectionOf(
        mocked.caller.send('us-east-1', 'DeregisterImage', { ImageId: 'ami-1' }, before.signal),
      );
      assert.ok(early instanceof CancelledError);
      assert.equal(outcomeUnknown(early), false);
      assert.equal(mocked.ec2.commandCalls(DeregisterImageCommand).length, 0);

      const during = new AbortController();
      mocked.ec2.on(DeregisterImageCommand).callsFake(() => {
        during.abort();
        return Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      });
      const late = await rejectionOf(
        mocked.caller.send('us-east-1', 'DeregisterImage', { ImageId: 'ami-1' }, during.signal),
      );
      assert.ok(late instanceof CancelledError);
      assert.equal(outcomeUnknown(late), true);
    });

    it('a 5xx answer leaves a mutating request’s outcome unknown, never a read’s', async () => {
      const boom = ec2Error('InternalError', 'boom', { httpStatusCode: 500, fault: 'server' });
      mocked.ec2.on(DeregisterImageCommand).rejects(boom).on(DescribeImagesCommand).rejects(boom);
      const write = await rejectionOf(
        mocked.caller.send('us-east-1', 'DeregisterImage', { ImageId: 'ami-1' }),
      );
      const read = await rejectionOf(
        mocked.caller.send('us-east-1', 'DescribeImages', { MaxResults: 1000 }),
      );
      assert.ok(write instanceof AwsApiError && read instanceof AwsApiError);
      assert.equal(outcomeUnknown(write), true);
      assert.equal(outcomeUnknown(read), false);
      assert.equal(write.code, 'InternalError', 'the same typed error, marked');
    });

    it('sends the input as the command of that action, in the region, and returns the output', async () => {
      mocked.ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'eu-west-1' }] });
      const output = await mocked.caller.send('eu-west-1', 'DescribeRegions', { AllRegions: true });
      assert.deepEqual(output.Regions, [{ RegionName: 'eu-west-1' }]);
      const [call] = mocked.ec2.commandCalls(DescribeRegionsCommand);
      assert.deepEqual(call?.args[0].input, { AllRegions: true });
      assert.equal(await (await mocked.factory.client('eu-west-1')).config.region(), 'eu-west-1');
    });

    it('maps an EC2 error once to AwsApiError with region, action and profile', async () => {
      const sdkError = ec2Error(
        'AuthFailure',
        'AWS was not able to validate the provided access credentials',
        { requestId: 'req-42', httpStatusCode: 401 },
      );
      mocked.ec2.on(DescribeImagesCommand).rejects(sdkError);
      const error = await rejectionOf(
        mocked.caller.send('ap-east-1', 'DescribeImages', { MaxResults: 1000 }),
      );
      assert.ok(error instanceof AwsApiError);
      assert.equal(error.code, 'AuthFailure');
      assert.deepEqual(error.context, {
        region: 'ap-east-1',
        action: 'DescribeImages',
        profile: 'dev',
      });
      assert.equal(error.details.requestId, 'req-42');
      assert.equal(error.details.httpStatus, 401);
      assert.match(error.message, /^AWS refused the credentials in ap-east-1\./);
      // Mapped once: the cause is a plain copy of the SDK's own error, not a typed error wrapping it.
      assert.ok(error.cause instanceof Error && !(error.cause instanceof AwsApiError));
      assert.equal(error.cause.name, sdkError.name);
      assert.equal(error.cause.message, sdkError.message);
    });

    it('maps a credentials failure inside send to CredentialsError naming the profile', async () => {
      mocked.ec2
        .on(DescribeImagesCommand)
        .rejects(new CredentialsProviderError('Could not load credentials from any providers'));
      const error = await rejectionOf(
        mocked.caller.send('us-east-1', 'DescribeImages', { MaxResults: 1000 }),
      );
      assert.ok(error instanceof CredentialsError);
      assert.equal(error.problem, 'missing');
      assert.equal(error.profile, 'dev');
    });

    it("maps the SDK's AbortError to CancelledError", async () => {
      mocked.ec2
        .on(DescribeImagesCommand)
        .rejects(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
      await assert.rejects(
        mocked.caller.send('us-east-1', 'DescribeImages', { MaxResults: 1000 }),
        CancelledError,
      );
    });

    it('passes the signal on to the SDK', async () => {
      mocked.ec2.on(DescribeRegionsCommand).resolves({});
      const controller = new AbortController();
      await mocked.caller.send('us-east-1', 'DescribeRegions', {}, controller.signal);
      const [call] = mocked.ec2.commandCalls(DescribeRegionsCommand);
      const options = (call?.args as unknown[] | undefined)?.[1] as { abortSignal?: AbortSignal };
      assert.equal(options.abortSignal, controller.signal);
    });
  });

  describe('unexpected', () => {
    it('gives the typed error of a failed call with its context', () => {
      const error = mocked.caller.unexpected(
        'eu-west-1',
        'CopyImage',
        'CopyImage returned no ImageId',
      );
      assert.ok(error instanceof AwsApiError);
      assert.deepEqual(error.context, { region: 'eu-west-1', action: 'CopyImage', profile: 'dev' });
      assert.equal(
        error.message,
        'EC2 returned UnknownError in eu-west-1: CopyImage returned no ImageId',
      );
    });
  });

  describe('paginate', () => {
    const allImagePages = (signal: AbortSignal) =>
      allPages(mocked.caller.paginate('us-east-1', 'DescribeImages', { MaxResults: 1000 }, signal));

    it('follows NextToken to the last page, sending the input unchanged but for the token', async () => {
      mocked.ec2
        .on(DescribeSnapshotsCommand)
        .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-1' }], NextToken: 't1' })
        .resolvesOnce({ Snapshots: [], NextToken: 't2' })
        .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-3' }] });
      const input = { OwnerIds: ['self'], MaxResults: 1000 };
      const pages = await allPages(mocked.caller.paginate('us-east-1', 'DescribeSnapshots', input));
      assert.deepEqual(
        pages.map((p) => p.Snapshots?.map((s) => s.SnapshotId)),
        [['snap-1'], [], ['snap-3']],
      );
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeSnapshotsCommand).map((c) => c.args[0].input),
        [input, { ...input, NextToken: 't1' }, { ...input, NextToken: 't2' }],
      );
      assert.deepEqual(input, { OwnerIds: ['self'], MaxResults: 1000 }, 'the input is not changed');
    });

    it('sends nothing when the signal has already fired', async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(allImagePages(controller.signal), CancelledError);
      assert.equal(mocked.ec2.calls().length, 0);
    });

    it('stops between pages when the signal fires, without asking for the next page', async () => {
      const controller = new AbortController();
      mocked.ec2.on(DescribeImagesCommand).callsFake(() => {
        controller.abort();
        return { Images: [{ ImageId: 'ami-1' }], NextToken: 'more' };
      });
      await assert.rejects(allImagePages(controller.signal), CancelledError);
      assert.equal(mocked.ec2.calls().length, 1);
    });

    it('reports a failing later page once, with the call context', async () => {
      const throttled = ec2Error('RequestLimitExceeded', 'Request limit exceeded.');
      mocked.ec2
        .on(DescribeImagesCommand)
        .resolvesOnce({ Images: [], NextToken: 't1' })
        .rejectsOnce(throttled);
      const error = await rejectionOf(
        allPages(mocked.caller.paginate('sa-east-1', 'DescribeImages', { MaxResults: 1000 })),
      );
      assert.ok(error instanceof AwsApiError);
      assert.equal(error.code, 'RequestLimitExceeded');
      assert.deepEqual(error.context, {
        region: 'sa-east-1',
        action: 'DescribeImages',
        profile: 'dev',
      });
      assert.ok(error.cause instanceof Error);
      assert.equal(error.cause.name, throttled.name);
    });

    it('asks for the next page before handing over the current one, and for no page after the last', async () => {
      const sent: (string | undefined)[] = [];
      const caller = scriptedCaller((input) => {
        sent.push(input.NextToken);
        const n = sent.length;
        return Promise.resolve({ Images: [], ...(n < 3 ? { NextToken: `t${n}` } : {}) });
      });
      const pages = caller.paginate('us-east-1', 'DescribeImages', { MaxResults: 1000 });
      await pages.next();
      assert.deepEqual(sent, [undefined, 't1'], 'page 2 is on its way while page 1 is consumed');
      await pages.next();
      assert.deepEqual(sent, [undefined, 't1', 't2']);
      await pages.next();
      assert.equal((await pages.next()).done, true);
      assert.deepEqual(sent, [undefined, 't1', 't2']);
    });

    it('aborts the request sent ahead when the caller stops early, and ignores its failure', async () => {
      const signals: AbortSignal[] = [];
      const caller = scriptedCaller((input, signal) => {
        signals.push(signal);
        if (input.NextToken === undefined) {
          return Promise.resolve({ Images: [{ ImageId: 'ami-1' }], NextToken: 't1' });
        }
        // Fails once aborted, as the SDK does.
        return new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(new CancelledError())),
        );
      });
      for await (const page of caller.paginate('us-east-1', 'DescribeImages', {
        MaxResults: 1000,
      })) {
        assert.equal(page.Images?.length, 1);
        break;
      }
      assert.equal(signals.length, 2);
      assert.equal(signals[1]?.aborted, true);
    });

    it('passes a failure of the page sent ahead to the caller when it asks for that page', async () => {
      const throttled = new AwsApiError('RequestLimitExceeded', 'slow down', {}, {});
      const caller = scriptedCaller((input) =>
        input.NextToken === undefined
          ? Promise.resolve({ Images: [], NextToken: 't1' })
          : Promise.reject(throttled),
      );
      const pages = caller.paginate('us-east-1', 'DescribeImages', { MaxResults: 1000 });
      await pages.next();
      // The caller is busy with page 1 while page 2 fails: nothing is reported as unhandled.
      await new Promise((resolve) => setImmediate(resolve));
      await assert.rejects(pages.next(), (e) => e === throttled);
    });

    it('aborts the request in flight when the signal fires', async () => {
      const controller = new AbortController();
      const signals: AbortSignal[] = [];
      const caller = scriptedCaller((input, signal) => {
        signals.push(signal);
        if (input.NextToken === undefined) return Promise.resolve({ Images: [], NextToken: 't1' });
        return new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(new CancelledError())),
        );
      });
      const pages = caller.paginate(
        'us-east-1',
        'DescribeImages',
        { MaxResults: 1000 },
        controller.signal,
      );
      await pages.next();
      controller.abort();
      await assert.rejects(pages.next(), CancelledError);
      assert.equal(signals[1]?.aborted, true);
    });

    it('collect joins the items every page gives, in page order', async () => {
      mocked.ec2
        .on(DescribeSnapshotsCommand)
        .resolvesOnce({
          Snapshots: [{ SnapshotId: 'snap-1' }, { SnapshotId: 'snap-2' }],
          NextToken: 't1',
        })
        .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-3' }] });
      const ids = await mocked.caller.collect(
        'us-east-1',
        'DescribeSnapshots',
        { MaxResults: 1000 },
        (page) => (page.Snapshots ?? []).map((s) => s.SnapshotId),
      );
      assert.deepEqual(ids, ['snap-1', 'snap-2', 'snap-3']);
    });

    it('does not follow a token of a request without MaxResults (EC2 answers those whole)', async () => {
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [], NextToken: 'stray' });
      const pages = await allPages(
        mocked.caller.paginate('us-east-1', 'DescribeImages', { ImageIds: ['ami-1'] }),
      );
      assert.equal(pages.length, 1);
      assert.equal(mocked.ec2.calls().length, 1);
    });
  });

  describe('waitUntilInstanceStopped', () => {
    const FAST = { minDelaySeconds: 0.001, maxDelaySeconds: 0.004, maxWaitSeconds: 0.2 };
    const inState = (...states: InstanceStateName[]) => ({
      Reservations: [
        { Instances: states.map((Name, i) => ({ InstanceId: `i-${i}`, State: { Name } })) },
      ],
    });
    const refused = () =>
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4599'), { code: 'ECONNREFUSED' });

    it('polls DescribeInstances for the ids until every instance is stopped', async () => {
      mocked.ec2
        .on(DescribeInstancesCommand)
        .resolvesOnce(inState('stopping'))
        .resolvesOnce(inState('stopping'))
        .resolves(inState('stopped'));
      await mocked.caller.waitUntilInstanceStopped('eu-west-1', ['i-0'], FAST);
      const calls = mocked.ec2.commandCalls(DescribeInstancesCommand);
      assert.equal(calls.length, 3);
      assert.deepEqual(calls[0]?.args[0].input, { InstanceIds: ['i-0'] });
    });

    it(`gives up after ${WAIT_GIVE_UP_AFTER} refused connections in a row, with the real cause, long before its time`, async () => {
      mocked.ec2.on(DescribeInstancesCommand).rejects(refused());
      const error = await rejectionOf(
        mocked.caller.waitUntilInstanceStopped('eu-west-1', ['i-0'], {
          ...FAST,
          maxWaitSeconds: 900,
        }),
      );
      assert.ok(error instanceof AwsApiError);
      assert.equal(error.code, 'NetworkError');
      assert.equal(
        error.message,
        `Stopped waiting for i-0 to stop after ${WAIT_GIVE_UP_AFTER} failed tries: Could not reach EC2 in eu-west-1 (ECONNREFUSED). Check your network connection, proxy or the amiExplorer.endpointUrl setting.`,
      );
      assert.doesNotMatch(error.message, /did not answer in time/);
      assert.equal(mocked.ec2.commandCalls(DescribeInstancesCommand).length, WAIT_GIVE_UP_AFTER);
    });

    it('gives up on refused credentials the same way', async () => {
      mocked.ec2
        .on(DescribeInstancesCommand)
        .rejects(
          ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials'),
        );
      const error = await rejectionOf(
        mocked.caller.waitUntilInstanceStopped('eu-west-1', ['i-0'], {
          ...FAST,
          maxWaitSeconds: 900,
        }),
      );
      assert.ok(error instanceof AwsApiError);
      assert.equal(error.code, 'AuthFailure');
      assert.equal(mocked.ec2.commandCalls(DescribeInstancesCommand).length, WAIT_GIVE_UP_AFTER);
    });

    it('keeps waiting through errors that heal (throttling), and a success resets the count', async () => {
      const throttled = ec2Error('RequestLimitExceeded', 'Request limit exceeded.', {
        fault: 'server',
        httpStatusCode: 503,
      });
      mocked.ec2
        .on(DescribeInstancesCommand)
        .rejectsOnce(refused())
        .rejectsOnce(refused())
        .resolvesOnce(inState('stopping'))
        .rejectsOnce(refused())
        .rejectsOnce(refused())
        .rejectsOnce(throttled)
        .rejectsOnce(throttled)
        .rejectsOnce(throttled)
        .rejectsOnce(refused())
        .resolves(inState('stopped'));
      await mocked.caller.waitUntilInstanceStopped('eu-west-1', ['i-0'], {
        ...FAST,
        maxWaitSeconds: 5,
      });
      assert.equal(mocked.ec2.commandCalls(DescribeInstancesCommand).length, 10);
    });

    it('ends with the last error that healed too slowly when the time runs out', async () => {
      const throttled = ec2Error('RequestLimitExceeded', 'Request limit exceeded.', {
        fault: 'server',
        httpStatusCode: 503,
      });
      mocked.ec2.on(DescribeInstancesCommand).rejects(throttled);
      const error = await rejectionOf(
        mocked.caller.waitUntilInstanceStopped('eu-west-1', ['i-0'], {
          ...FAST,
          maxWaitSeconds: 0.05,
        }),
      );
      assert.ok(error instanceof AwsApiError);
      assert.equal(error.code, 'RequestLimitExceeded');
    });

    it('says which state it last saw when the instance does not stop in time', async () => {
      mocked.ec2.on(DescribeInstancesCommand).resolves(inState('stopping'));
      const error = await rejectionOf(
        mocked.caller.waitUntilInstanceStopped('eu-west-1', ['i-0'], {
          ...FAST,
          maxWaitSeconds: 0.05,
        }),
      );
      assert.ok(error instanceof AwsApiError);
      assert.equal(error.code, 'WaiterTimeout');
      assert.match(
        error.message,
        /^i-0 did not stop within 0\.05 s in eu-west-1 \(last seen: stopping\)\.$/,
      );
    });

    it('stops at once when the instance is started again or terminated', async () => {
      for (const state of ['pending', 'terminated'] as const) {
        mocked.ec2.reset();
        mocked.ec2.on(DescribeInstancesCommand).resolves(inState(state));
        const error = await rejectionOf(
          mocked.caller.waitUntilInstanceStopped('eu-west-1', ['i-0'], FAST),
        );
        assert.ok(error instanceof AwsApiError);
        assert.equal(error.code, 'InstanceStateChanged');
        assert.equal(mocked.ec2.commandCalls(DescribeInstancesCommand).length, 1);
      }
    });

    it('ends between polls when the signal fires', async () => {
      mocked.ec2.on(DescribeInstancesCommand).resolves(inState('stopping'));
      const controller = new AbortController();
      const cancelled = mocked.caller.waitUntilInstanceStopped(
        'eu-west-1',
        ['i-0'],
        { minDelaySeconds: 30, maxDelaySeconds: 30, maxWaitSeconds: 900 },
        controller.signal,
      );
      setTimeout(() => controller.abort(), 20);
      await assert.rejects(cancelled, CancelledError);
    });
  });

  describe('inIdChunks', () => {
    const ids = Array.from({ length: 450 }, (_, i) => `id-${i}`);

    it(`runs consecutive slices of at most ${IDS_PER_CALL} ids in order and joins the results`, async () => {
      const seen: string[][] = [];
      const out = await inIdChunks(ids, undefined, (chunk) => {
        seen.push(chunk);
        return Promise.resolve([chunk.length]);
      });
      assert.deepEqual(out, [200, 200, 50]);
      assert.deepEqual(seen.flat(), ids);
    });

    it('makes no call for no ids', async () => {
      let calls = 0;
      assert.deepEqual(
        await inIdChunks([], undefined, () => {
          calls++;
          return Promise.resolve([1]);
        }),
        [],
      );
      assert.equal(calls, 0);
    });

    it('stops between slices once the signal fires', async () => {
      const controller = new AbortController();
      let calls = 0;
      await assert.rejects(
        inIdChunks(ids, controller.signal, () => {
          calls++;
          controller.abort();
          return Promise.resolve([]);
        }),
        CancelledError,
      );
      assert.equal(calls, 1);
    });
  });

  describe('checkCredentials (real credential providers, temp shared files)', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'ami-explorer-creds-'));
      writeFileSync(join(dir, 'config'), '[profile ok]\nregion = eu-west-1\n');
      writeFileSync(
        join(dir, 'credentials'),
        '[ok]\naws_access_key_id = AKIDOK\naws_secret_access_key = secret\n',
      );
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    useEnv({
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    let saved: [string, string | undefined][] = [];
    beforeEach(() => {
      saved = [
        ['AWS_CONFIG_FILE', process.env.AWS_CONFIG_FILE],
        ['AWS_SHARED_CREDENTIALS_FILE', process.env.AWS_SHARED_CREDENTIALS_FILE],
      ];
      process.env.AWS_CONFIG_FILE = join(dir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    });
    afterEach(() => {
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    });

    const ec2With = (profile: string | undefined): { ec2: Ec2; factory: Ec2ClientFactory } => {
      const factory = new Ec2ClientFactory(
        () => ({ ...TEST_CONNECTION, ...(profile ? { profile } : {}) }),
        { apiCall: () => undefined },
      );
      return { ec2: new Ec2(factory, () => profile), factory };
    };

    it('resolves for a profile with static keys', async () => {
      const { ec2, factory } = ec2With('ok');
      await ec2.checkCredentials();
      assert.equal(
        (await (await factory.client('us-east-1')).config.credentials()).accessKeyId,
        'AKIDOK',
      );
      factory.reset();
    });

    it('reports an unknown profile as profile-not-found, naming it', async () => {
      const { ec2 } = ec2With('ghost');
      const error = await rejectionOf(ec2.checkCredentials());
      assert.ok(error instanceof CredentialsError);
      assert.equal(error.problem, 'profile-not-found');
      assert.equal(error.profile, 'ghost');
      assert.match(error.message, /^The profile "ghost" is not defined/);
    });

    it('reports no credentials anywhere as missing', async () => {
      const { ec2 } = ec2With(undefined);
      const error = await rejectionOf(ec2.checkCredentials());
      assert.ok(error instanceof CredentialsError);
      assert.equal(error.problem, 'missing');
      assert.equal(error.profile, undefined);
    });
  });
});
