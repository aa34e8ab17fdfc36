import { strict as assert } from 'node:assert';
import {
  CreateImageCommand,
  CreateTagsCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { demoAccessKeyId } from '../ec2-emulator/seeds/demoAccounts';
import type { RunningEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { imageNamed, instanceNamed } from './support/demoLookups';
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

  describe('answers that are not EC2 XML (foreignAnswer)', () => {
    it('an HTML error page (default 500) instead of running the action', async () => {
      emulator.faults.set([{ action: 'CreateTags', foreignAnswer: {} }]);
      const client = emulatorClient(emulator);
      const image = await imageNamed(client, 'web-server-2024.10.1');
      const response = await fetch(emulator.url, {
        method: 'POST',
        headers: {
          authorization: `AWS4-HMAC-SHA256 Credential=${demoAccessKeyId}/20240101/us-east-1/ec2/aws4_request`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: `Action=CreateTags&ResourceId.1=${image.ImageId ?? ''}&Tag.1.Key=foreign&Tag.1.Value=yes`,
      });
      assert.equal(response.status, 500);
      assert.match(response.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await response.text(), /^<!DOCTYPE html>/);
      // The SDK cannot read it as EC2's XML, and the action did not run.
      const error = await errorOf(() =>
        client.send(
          new CreateTagsCommand({
            Resources: [image.ImageId ?? ''],
            Tags: [{ Key: 'foreign', Value: 'yes' }],
          }),
        ),
      );
      assert.match(error.message, /XML parse error/);
      assert.equal(error.$metadata?.httpStatusCode, 500);
      emulator.faults.clear();
      const after = await imageNamed(client, 'web-server-2024.10.1');
      assert.ok(!(after.Tags ?? []).some((t) => t.Key === 'foreign'));
    });

    it('an empty body and a truncated EC2 error, with the status asked for', async () => {
      const client = emulatorClient(emulator);
      emulator.faults.set([
        { action: 'DescribeRegions', foreignAnswer: { body: 'empty', status: 502 } },
      ]);
      const empty = await errorOf(() => client.send(new DescribeRegionsCommand({})));
      assert.equal(empty.$metadata?.httpStatusCode, 502);
      assert.equal((empty as { Code?: string }).Code, undefined);
      emulator.faults.set([{ action: 'DescribeRegions', foreignAnswer: { body: 'truncated' } }]);
      const truncated = await errorOf(() => client.send(new DescribeRegionsCommand({})));
      assert.equal(truncated.$metadata?.httpStatusCode, 500);
      assert.match(truncated.message, /XML parse error/);
    });

    it('the admin route accepts the new fields and refuses bad values', async () => {
      const ok = await admin(emulator, 'PUT', '/__admin/faults', {
        rules: [
          { action: 'CreateImage', foreignAnswer: { body: 'html', status: 503 } },
          { action: 'DeregisterImage', dropAfterApply: {}, times: 1 },
          { action: 'CopyImage', hangAfterApply: { rate: 0.5 } },
        ],
      });
      assert.equal(ok.status, 200);
      assert.equal(emulator.faults.list().length, 3);
      for (const bad of [
        { foreignAnswer: { body: 'xml' } },
        { foreignAnswer: { status: 42 } },
        { dropAfterApply: { rate: 2 } },
        { times: -1 },
        { times: 1.5 },
      ]) {
        const refused = await admin(emulator, 'PUT', '/__admin/faults', { rules: [bad] });
        assert.equal(refused.status, 400, JSON.stringify(bad));
      }
      assert.equal(emulator.faults.list().length, 3);
    });
  });

  it('health counts requests still being handled, e.g. in injected latency', async () => {
    // Its own endpoint: other tests leave requests sleeping in their latency.
    const own = await startEc2Emulator({
      seed: 'empty',
      faults: [{ action: 'DescribeRegions', latencyMs: 300 }],
    });
    try {
      const call = emulatorClient(own).send(new DescribeRegionsCommand({}));
      let pending = 0;
      for (let i = 0; i < 50 && pending === 0; i++) {
        pending = ((await admin(own, 'GET', '/__admin/health')).json as { pending: number })
          .pending;
      }
      assert.equal(pending, 1);
      await call;
      assert.deepEqual((await admin(own, 'GET', '/__admin/health')).json, {
        ok: true,
        pending: 0,
      });
    } finally {
      await own.close();
    }
  });

  describe('answers lost after the action ran', () => {
    it('dropAfterApply: the caller gets a network error, yet the AMI is deregistered', async () => {
      const client = emulatorClient(emulator);
      const image = await imageNamed(client, 'legacy-app-2019.12');
      emulator.faults.set([{ action: 'DeregisterImage', dropAfterApply: {} }]);
      const error = await errorOf(() =>
        client.send(new DeregisterImageCommand({ ImageId: image.ImageId ?? '' })),
      );
      assert.ok(!('$fault' in error), `expected a network error, got ${error.name}`);
      emulator.faults.clear();
      const left = await client.send(
        new DescribeImagesCommand({ ImageIds: [image.ImageId ?? ''] }),
      );
      assert.deepEqual(left.Images ?? [], []);
    });

    it('times: only the first answer is lost; the SDK retry then sees what the first attempt did', async () => {
      const client = emulatorClient(emulator, { maxAttempts: 3 });
      const instance = await instanceNamed(client, 'web-1');
      emulator.faults.set([{ action: 'CreateImage', dropAfterApply: {}, times: 1 }]);
      const name = `lost-answer-${Date.now()}`;
      const error = await errorOf(() =>
        client.send(
          new CreateImageCommand({
            InstanceId: instance.InstanceId ?? '',
            Name: name,
            NoReboot: true,
          }),
        ),
      );
      // The retry reached EC2, which already had the image: the caller is told it is a duplicate.
      assert.equal(error.name, 'InvalidAMIName.Duplicate');
      assert.equal(error.$metadata?.attempts, 2);
      const made = await client.send(
        new DescribeImagesCommand({
          Owners: ['self'],
          Filters: [{ Name: 'name', Values: [name] }],
        }),
      );
      assert.equal(made.Images?.length, 1);
    });

    it('hangAfterApply: the caller times out, yet the tags are there', async () => {
      const image = await imageNamed(
        emulatorClient(emulator, { region: 'eu-west-1' }),
        'bastion-arm64-2024.08',
      );
      // A client that gives up after 200 ms, as the extension's does after its request timeout.
      const eu = new EC2Client({
        endpoint: emulator.url,
        region: 'eu-west-1',
        credentials: { accessKeyId: demoAccessKeyId, secretAccessKey: 'any-secret' },
        maxAttempts: 1,
        requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true },
      });
      emulator.faults.set([{ action: 'CreateTags', hangAfterApply: {} }]);
      const error = await errorOf(() =>
        eu.send(
          new CreateTagsCommand({
            Resources: [image.ImageId ?? ''],
            Tags: [{ Key: 'hung', Value: 'applied' }],
          }),
        ),
      );
      assert.equal(error.name, 'TimeoutError');
      emulator.faults.clear();
      const after = await imageNamed(
        emulatorClient(emulator, { region: 'eu-west-1' }),
        'bastion-arm64-2024.08',
      );
      assert.ok((after.Tags ?? []).some((t) => t.Key === 'hung' && t.Value === 'applied'));
      eu.destroy();
    });
  });
});
