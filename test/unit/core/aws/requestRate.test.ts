import assert from 'node:assert/strict';
import { CreateTagsCommand, DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { mockClient } from 'aws-sdk-client-mock';
import { Ec2ClientFactory } from '../../../../src/core/aws/clientFactory';
import { Ec2 } from '../../../../src/core/aws/ec2';
import {
  EC2_NON_MUTATING_LIMITS,
  EC2_UNFILTERED_UNPAGINATED_LIMITS,
  Ec2RequestRate,
  TokenBucket,
  ec2BucketFor,
} from '../../../../src/core/aws/requestRate';
import { CancelledError } from '../../../../src/core/model/errors';
import { TEST_CONNECTION } from '../../helpers/ec2Mock';
import { FakeClock, settle } from '../../helpers/fakeClock';

/** Starts `count` takes and returns the order in which they got their token. */
function takeMany(take: (i: number) => Promise<void>, count: number): number[] {
  const started: number[] = [];
  for (let i = 0; i < count; i++) void take(i).then(() => started.push(i));
  return started;
}

describe('core/aws/requestRate', () => {
  describe('TokenBucket', () => {
    it('lets a full bucket through at once, then one more per 1/refill seconds, in order', async () => {
      const clock = new FakeClock();
      const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 20 }, clock);
      const started = takeMany(() => bucket.take(), 6);
      await settle();
      assert.deepEqual(started, [0, 1, 2], 'the capacity goes through without waiting');

      await clock.advance(49);
      assert.deepEqual(started, [0, 1, 2], 'the next token is 50 ms away at 20 per second');
      await clock.advance(1);
      assert.deepEqual(started, [0, 1, 2, 3]);
      await clock.advance(50);
      assert.deepEqual(started, [0, 1, 2, 3, 4]);
      await clock.advance(50);
      assert.deepEqual(started, [0, 1, 2, 3, 4, 5]);
      assert.equal(clock.sleeping, 0);
    });

    it('refills while idle up to its capacity and no further', async () => {
      const clock = new FakeClock();
      const bucket = new TokenBucket({ capacity: 4, refillPerSecond: 2 }, clock);
      await Promise.all([bucket.take(), bucket.take(), bucket.take(), bucket.take()]);
      assert.equal(bucket.available(), 0);
      await clock.advance(1000);
      assert.equal(bucket.available(), 2);
      await clock.advance(60_000);
      assert.equal(bucket.available(), 4, 'an hour idle still allows only a burst of capacity');

      const started = takeMany(() => bucket.take(), 5);
      await settle();
      assert.deepEqual(started, [0, 1, 2, 3]);
      await clock.advance(500);
      assert.deepEqual(started, [0, 1, 2, 3, 4]);
    });

    it('gives the token back when a waiting caller cancels, and rejects it with CancelledError', async () => {
      const clock = new FakeClock();
      const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 10 }, clock);
      await bucket.take();
      const controller = new AbortController();
      const cancelled = bucket.take(controller.signal);
      controller.abort();
      await assert.rejects(cancelled, CancelledError);
      assert.equal(bucket.available(), 0, 'the reservation is returned');

      const started = takeMany(() => bucket.take(), 1);
      await clock.advance(100);
      assert.deepEqual(started, [0], 'the next caller waits one refill, not two');
    });

    it('refuses an already aborted signal without taking a token', async () => {
      const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 1 }, new FakeClock());
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(bucket.take(controller.signal), CancelledError);
      assert.equal(bucket.available(), 1);
    });

    it('refuses a shape that could never hand out a token', () => {
      const clock = new FakeClock();
      assert.throws(() => new TokenBucket({ capacity: 0, refillPerSecond: 1 }, clock), RangeError);
      assert.throws(() => new TokenBucket({ capacity: 1, refillPerSecond: 0 }, clock), RangeError);
    });
  });

  describe('ec2BucketFor', () => {
    it("charges non-mutating actions to their own bucket of EC2's size: 100, refilled at 20/s", () => {
      assert.deepEqual(ec2BucketFor('DescribeImages', { MaxResults: 1000 }), {
        name: 'DescribeImages',
        limits: { capacity: 100, refillPerSecond: 20 },
      });
      assert.equal(ec2BucketFor('DescribeRegions', {})?.limits, EC2_NON_MUTATING_LIMITS);
      assert.equal(
        ec2BucketFor('GetImageBlockPublicAccessState', {})?.name,
        'GetImageBlockPublicAccessState',
      );
    });

    it('uses the smaller bucket for DescribeInstances and DescribeSnapshots without filters or paging', () => {
      assert.deepEqual(ec2BucketFor('DescribeInstances', {}), {
        name: 'DescribeInstances:unfiltered',
        limits: EC2_UNFILTERED_UNPAGINATED_LIMITS,
      });
      assert.equal(
        ec2BucketFor('DescribeSnapshots', { SnapshotIds: ['snap-1'] })?.limits.capacity,
        50,
      );
      assert.equal(ec2BucketFor('DescribeSnapshots', { MaxResults: 1000 })?.limits.capacity, 100);
      assert.equal(
        ec2BucketFor('DescribeInstances', { Filters: [{ Name: 'image-id', Values: ['ami-1'] }] })
          ?.limits.capacity,
        100,
      );
    });

    it('leaves mutating actions alone', () => {
      for (const action of ['CopyImage', 'CreateTags', 'DeregisterImage', 'ModifyImageAttribute']) {
        assert.equal(ec2BucketFor(action, {}), undefined, action);
      }
    });
  });

  describe('Ec2RequestRate', () => {
    it('keeps one bucket per account, region and action, as EC2 does', async () => {
      const clock = new FakeClock();
      const rate = new Ec2RequestRate(clock);
      const drained = Array.from({ length: 100 }, () =>
        rate.take('dev', 'us-east-1', 'DescribeImages', { MaxResults: 1000 }),
      );
      await Promise.all(drained);

      const waiting = takeMany(
        () => rate.take('dev', 'us-east-1', 'DescribeImages', { MaxResults: 1000 }),
        1,
      );
      const others = takeMany(
        (i) =>
          [
            rate.take('dev', 'eu-west-1', 'DescribeImages', { MaxResults: 1000 }),
            rate.take('dev', 'us-east-1', 'DescribeSnapshots', { MaxResults: 1000 }),
            rate.take('prod', 'us-east-1', 'DescribeImages', { MaxResults: 1000 }),
            rate.take('dev', 'us-east-1', 'CreateTags', {}),
          ][i] ?? Promise.resolve(),
        4,
      );
      await settle();
      assert.deepEqual(
        [...others].sort(),
        [0, 1, 2, 3],
        'other regions, actions and accounts are not held',
      );
      assert.deepEqual(waiting, [], 'the drained bucket holds its next request');
      await clock.advance(50);
      assert.deepEqual(waiting, [0]);
    });
  });

  describe('Ec2', () => {
    let ec2Mock: AwsClientStub<EC2Client>;
    before(() => {
      ec2Mock = mockClient(EC2Client);
    });
    after(() => ec2Mock.restore());

    it('sends the 101st DescribeImages of a region only when the bucket has refilled a token', async () => {
      ec2Mock.on(DescribeImagesCommand).resolves({ Images: [] });
      ec2Mock.on(CreateTagsCommand).resolves({});
      const clock = new FakeClock();
      const factory = new Ec2ClientFactory(() => TEST_CONNECTION, { apiCall: () => undefined });
      const ec2 = new Ec2(factory, () => 'dev', new Ec2RequestRate(clock));
      const sent = Array.from({ length: 101 }, () =>
        ec2.send('us-east-1', 'DescribeImages', { MaxResults: 1000 }),
      );
      const tagged = ec2.send('us-east-1', 'CreateTags', { Resources: ['ami-1'], Tags: [] });
      await tagged;
      await settle();
      assert.equal(ec2Mock.commandCalls(DescribeImagesCommand).length, 100);
      assert.equal(
        ec2Mock.commandCalls(CreateTagsCommand).length,
        1,
        'a mutating call is not held',
      );

      await clock.advance(50);
      await Promise.all(sent);
      assert.equal(ec2Mock.commandCalls(DescribeImagesCommand).length, 101);
      factory.reset();
    });
  });
});
