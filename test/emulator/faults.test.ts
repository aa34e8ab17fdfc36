import { strict as assert } from 'node:assert';
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
} from '@aws-sdk/client-ec2';
import type { RunningEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { emulatorClient, errorOf } from './support/emulatorClient';

async function admin(
  emulator: RunningEc2Emulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe('fault injection', () => {
  let emulator: RunningEc2Emulator;
  before(async () => {
    emulator = await startEc2Emulator({ seed: 'demo', pendingMs: 50 });
  });
  afterEach(() => {
    emulator.faults.clear();
  });
  after(async () => {
    await emulator.close();
  });

  it('admin route: every DescribeImages in eu-west-1 answers RequestLimitExceeded (503), other regions unaffected', async () => {
    const set = await admin(emulator, 'PUT', '/__admin/faults', {
      rules: [
        { region: 'eu-west-1', action: 'DescribeImages', error: { code: 'RequestLimitExceeded' } },
      ],
    });
    assert.equal(set.status, 200);
    const eu = emulatorClient(emulator, { region: 'eu-west-1' });
    const error = await errorOf(() => eu.send(new DescribeImagesCommand({ Owners: ['self'] })));
    assert.equal(error.name, 'RequestLimitExceeded');
    assert.equal(error.message, 'Request limit exceeded.');
    assert.equal(error.$metadata?.httpStatusCode, 503);
    await eu.send(new DescribeRegionsCommand({}));
    await emulatorClient(emulator).send(new DescribeImagesCommand({ Owners: ['self'] }));
    const cleared = await admin(emulator, 'DELETE', '/__admin/faults');
    assert.deepEqual(cleared.json, { rules: [] });
    await eu.send(new DescribeImagesCommand({ Owners: ['self'] }));
  });

  it('admin route rejects malformed rules with 400 and keeps the old ones', async () => {
    emulator.faults.set([{ action: 'DescribeRegions', error: { code: 'InternalError' } }]);
    const bad = await admin(emulator, 'PUT', '/__admin/faults', { rules: [{ latencyMs: -5 }] });
    assert.equal(bad.status, 400);
    assert.equal(
      (await admin(emulator, 'GET', '/__admin/faults')).json && emulator.faults.list().length,
      1,
    );
  });

  it('the SDK retries injected 500s and gives up with InternalError after maxAttempts', async () => {
    emulator.faults.set([{ action: 'DescribeRegions', error: { code: 'InternalError' } }]);
    const client = emulatorClient(emulator, { maxAttempts: 2 });
    const error = await errorOf(() => client.send(new DescribeRegionsCommand({})));
    assert.equal(error.name, 'InternalError');
    assert.equal(error.$metadata?.httpStatusCode, 500);
    assert.equal(error.$metadata?.attempts, 2);
  });

  it('throttles with a token bucket: capacity 2, no refill → the third call is RequestLimitExceeded', async () => {
    emulator.faults.set([
      { action: 'DescribeRegions', throttle: { capacity: 2, refillPerSecond: 0 } },
    ]);
    const client = emulatorClient(emulator);
    await client.send(new DescribeRegionsCommand({}));
    await client.send(new DescribeRegionsCommand({}));
    const error = await errorOf(() => client.send(new DescribeRegionsCommand({})));
    assert.equal(error.name, 'RequestLimitExceeded');
  });

  it("throttle 'ec2': unfiltered DescribeInstances has EC2's 50-token bucket refilled at 10/s", async () => {
    // A frozen clock: refills happen only when the test advances time.
    const frozen = await startEc2Emulator({
      seed: 'demo',
      clock: 'manual',
      faults: [{ throttle: 'ec2' }],
    });
    try {
      const client = emulatorClient(frozen);
      for (let i = 0; i < 50; i++) {
        await client.send(new DescribeInstancesCommand({}));
      }
      const error = await errorOf(() => client.send(new DescribeInstancesCommand({})));
      assert.equal(error.name, 'RequestLimitExceeded');
      // Paginated calls draw from the larger non-mutating bucket, which is still full.
      await client.send(new DescribeInstancesCommand({ MaxResults: 5 }));
      frozen.advanceTime(1_000);
      for (let i = 0; i < 10; i++) {
        await client.send(new DescribeInstancesCommand({}));
      }
      assert.equal(
        (await errorOf(() => client.send(new DescribeInstancesCommand({})))).name,
        'RequestLimitExceeded',
      );
    } finally {
      await frozen.close();
    }
  });

  it('drops the connection: the SDK sees a network error, not an EC2 answer', async () => {
    emulator.faults.set([{ action: 'DescribeRegions', dropConnection: {} }]);
    const error = await errorOf(() =>
      emulatorClient(emulator).send(new DescribeRegionsCommand({})),
    );
    assert.ok(!('$fault' in error), `expected a network error, got ${error.name}`);
    assert.match(
      `${error.name} ${error.message} ${String((error as { code?: string }).code)}`,
      /ECONNRESET|socket hang up|aborted/i,
    );
  });

  it('latency longer than the caller abort signal makes the call abort', async () => {
    emulator.faults.set([{ action: 'DescribeRegions', latencyMs: 5_000 }]);
    const error = await errorOf(() =>
      emulatorClient(emulator).send(new DescribeRegionsCommand({}), {
        abortSignal: AbortSignal.timeout(100),
      }),
    );
    assert.equal(error.name, 'AbortError');
  });

  it('a slow body still delivers a complete, parseable answer', async () => {
    emulator.faults.set([{ action: 'DescribeRegions', slowBody: { chunkDelayMs: 5, chunks: 4 } }]);
    const out = await emulatorClient(emulator).send(new DescribeRegionsCommand({}));
    assert.equal(out.Regions?.length, 3);
  });

  it('error rate 0 never fires; faults can be scoped to one account', async () => {
    emulator.faults.set([
      { action: 'DescribeRegions', error: { code: 'InternalError', rate: 0 } },
      { accountId: '222222222222', error: { code: 'Unavailable' } },
    ]);
    await emulatorClient(emulator).send(new DescribeRegionsCommand({}));
    const error = await errorOf(() =>
      emulatorClient(emulator, { accessKeyId: 'AKIAAMIEXPLORERDEMO2' }).send(
        new DescribeRegionsCommand({}),
      ),
    );
    assert.equal(error.name, 'Unavailable');
    assert.equal(error.$metadata?.httpStatusCode, 503);
  });
});
