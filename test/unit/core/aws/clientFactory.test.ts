import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultRateLimiter } from '@smithy/core/retry';
import type { ApiCallRecord } from '../../../../src/core/aws/apiCallLog';
import type { ConnectionSettings } from '../../../../src/core/aws/clientFactory';
import { Ec2ClientFactory, memoizeCredentials } from '../../../../src/core/aws/clientFactory';
import { Ec2, WAIT_GIVE_UP_AFTER } from '../../../../src/core/aws/ec2';
import { Images } from '../../../../src/core/aws/images';
import { Instances } from '../../../../src/core/aws/instances';
import { Regions } from '../../../../src/core/aws/regions';
import { AwsApiError, outcomeUnknown } from '../../../../src/core/model/errors';
import { TEST_CONNECTION, useEnv } from '../../helpers/ec2Mock';

const MINUTE = 60_000;

/** What the tests resolve as credentials: an id to tell resolutions apart. */
type FakeCredentials = { id: number; expiration?: Date };

/** Environment with static keys only: no profile, no shared files, no instance metadata. */
function useStaticKeyEnv(dir: () => string): void {
  useEnv({
    AWS_PROFILE: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_ENDPOINT_URL: undefined,
    AWS_ENDPOINT_URL_EC2: undefined,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  let saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    saved = {
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY,
      AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE,
      AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE,
    };
    process.env.AWS_ACCESS_KEY_ID = 'AKIDUNITTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'unit-test-secret';
    process.env.AWS_CONFIG_FILE = join(dir(), 'no-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir(), 'no-credentials');
  });
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
}

interface FakeEndpoint {
  url: string;
  /** Form bodies of every request received, in order. */
  bodies: string[];
  close(): Promise<void>;
}

/** An answer; `hang`: never answer; `drop`: close the connection without answering. */
type Reply = { status: number; body: string; requestId?: string } | 'hang' | 'drop';

/** A tiny EC2 Query endpoint on 127.0.0.1 answering with `reply(n)` for the n-th request (from 1). */
async function startFakeEc2(reply: (n: number) => Reply): Promise<FakeEndpoint> {
  const bodies: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      const r = reply(bodies.length);
      if (r === 'hang') return;
      if (r === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(r.status, {
        'content-type': 'text/xml;charset=UTF-8',
        ...(r.requestId ? { 'x-amzn-requestid': r.requestId } : {}),
      });
      res.end(r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const THROTTLED: Reply = {
  status: 503,
  requestId: 'r1',
  body: '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r1</RequestID></Response>',
};

const CREATED: Reply = {
  status: 200,
  requestId: 'r4',
  body: '<CreateImageResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r4</requestId><imageId>ami-0000000a</imageId></CreateImageResponse>',
};

const NOT_FOUND: Reply = {
  status: 400,
  requestId: 'r5',
  body: "<Response><Errors><Error><Code>InvalidAMIID.NotFound</Code><Message>The image id '[ami-1]' does not exist</Message></Error></Errors><RequestID>r5</RequestID></Response>",
};

const IMAGES_PAGE: Reply = {
  status: 200,
  requestId: 'r3',
  body:
    '<DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r3</requestId>' +
    '<imagesSet><item><imageId>ami-12345678</imageId><imageState>available</imageState>' +
    '<name>web-1</name><rootDeviceType>ebs</rootDeviceType><isPublic>false</isPublic></item></imagesSet>' +
    '</DescribeImagesResponse>',
};

/**
 * The SDK's adaptive retry waits on purpose (random backoff, then a token bucket refilling at 0.5/s
 * after a throttle): seconds per retry. Tests make the backoff 0 and let the bucket's clock jump
 * over its waits instead of sleeping, so the retry logic runs unchanged but fast.
 */
function useFastRetries(): void {
  // `setTimeoutFn` is the bucket's (TS-private) injection point for its waits.
  const limiter = DefaultRateLimiter as unknown as {
    setTimeoutFn: (fn: () => void, delay: number) => unknown;
  };
  const realRandom = Math.random;
  const realSetTimeoutFn = limiter.setTimeoutFn;
  const proto = DefaultRateLimiter.prototype as unknown as { getCurrentTimeInSeconds(): number };
  const realNow = Object.getOwnPropertyDescriptor(proto, 'getCurrentTimeInSeconds');
  beforeEach(() => {
    let skippedMs = 0;
    Math.random = () => 0;
    proto.getCurrentTimeInSeconds = () => (Date.now() + skippedMs) / 1000;
    limiter.setTimeoutFn = (fn: () => void, delay: number) => {
      skippedMs += delay;
      return setTimeout(fn, 0);
    };
  });
  afterEach(() => {
    Math.random = realRandom;
    limiter.setTimeoutFn = realSetTimeoutFn;
    if (realNow) Object.defineProperty(proto, 'getCurrentTimeInSeconds', realNow);
  });
}

describe('core/aws/clientFactory', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ami-explorer-factory-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('client cache', () => {
    let settings: ConnectionSettings;
    let factory: Ec2ClientFactory;
    beforeEach(() => {
      settings = { ...TEST_CONNECTION };
      factory = new Ec2ClientFactory(() => settings, { apiCall: () => undefined });
    });
    afterEach(() => factory.reset());

    it('returns the same client for the same profile, region and endpoint', async () => {
      const a = await factory.client('us-east-1');
      const b = await factory.client('us-east-1');
      assert.equal(a, b);
      assert.equal(await a.config.region(), 'us-east-1');
    });

    it('gives each region its own client', async () => {
      const east = await factory.client('us-east-1');
      const west = await factory.client('us-west-2');
      assert.notEqual(east, west);
      assert.equal(await west.config.region(), 'us-west-2');
    });

    it('gives a new client when the profile, endpoint or request timeout changes', async () => {
      const first = await factory.client('us-east-1');
      settings = { ...settings, profile: 'dev' };
      const dev = await factory.client('us-east-1');
      settings = { ...settings, endpointUrl: 'http://127.0.0.1:4599' };
      const local = await factory.client('us-east-1');
      settings = { ...settings, requestTimeoutMs: 9000 };
      const slow = await factory.client('us-east-1');
      assert.equal(new Set([first, dev, local, slow]).size, 4);
      const endpoint = await local.config.endpoint?.();
      assert.equal(endpoint?.hostname, '127.0.0.1');
      assert.equal(endpoint?.port, 4599);
      assert.equal(endpoint?.protocol, 'http:');
    });

    // BUG (src/core/aws/clientFactory.ts:37): the cache key is [profile, region, endpoint,
    // requestTimeoutMs] but the client is also built from connectionTimeoutMs and maxAttempts
    // (lines 84-89). ConnectionSettings says "Changing any of these gives new clients", yet after
    // changing only maxAttempts (or connectionTimeoutMs) the old client keeps being returned until
    // something else changes or reset() runs. Fix: key on every field of ConnectionSettings
    // (e.g. JSON.stringify([s.profile ?? '', region, s.endpointUrl ?? '', s.requestTimeoutMs,
    // s.connectionTimeoutMs, s.maxAttempts])).
    it('gives a new client when maxAttempts or connectionTimeoutMs changes', async () => {
      const first = await factory.client('us-east-1');
      settings = { ...settings, maxAttempts: 7 };
      const more = await factory.client('us-east-1');
      assert.notEqual(more, first);
      assert.equal(await more.config.maxAttempts(), 7);
      settings = { ...settings, connectionTimeoutMs: 9000 };
      assert.notEqual(await factory.client('us-east-1'), more);
    });

    it('configures adaptive retries with the configured attempts', async () => {
      settings = { ...settings, maxAttempts: 5 };
      const client = await factory.client('eu-west-1');
      assert.equal(await client.config.maxAttempts(), 5);
      const strategy = (await client.config.retryStrategy()) as { mode?: string };
      assert.equal(strategy.mode, 'adaptive');
    });

    it('reset() destroys the cached clients and makes new ones', async () => {
      const old = await factory.client('us-east-1');
      let destroyed = 0;
      const destroy = old.destroy.bind(old);
      old.destroy = () => {
        destroyed++;
        destroy();
      };
      factory.reset();
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(destroyed, 1);
      const fresh = await factory.client('us-east-1');
      assert.notEqual(fresh, old);
    });
  });

  describe('credentials', () => {
    const credentialsFile = (): string => join(dir, 'credentials');
    useEnv({
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    let saved: { config?: string; credentials?: string } = {};
    beforeEach(() => {
      saved = {
        config: process.env.AWS_CONFIG_FILE,
        credentials: process.env.AWS_SHARED_CREDENTIALS_FILE,
      };
      process.env.AWS_CONFIG_FILE = join(dir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile();
      writeFileSync(join(dir, 'config'), '[profile ci]\nregion = eu-west-1\n');
      writeFileSync(
        credentialsFile(),
        '[ci]\naws_access_key_id = AKIDFIRST\naws_secret_access_key = s1\n',
      );
    });
    afterEach(() => {
      for (const [key, value] of [
        ['AWS_CONFIG_FILE', saved.config],
        ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    });

    it('shares one resolved identity across the regions of a profile until reset()', async () => {
      const factory = new Ec2ClientFactory(() => ({ ...TEST_CONNECTION, profile: 'ci' }), {
        apiCall: () => undefined,
      });
      try {
        const east = await factory.client('us-east-1');
        assert.equal((await east.config.credentials()).accessKeyId, 'AKIDFIRST');
        writeFileSync(
          credentialsFile(),
          '[ci]\naws_access_key_id = AKIDSECOND\naws_secret_access_key = s2\n',
        );
        const west = await factory.client('us-west-2');
        assert.equal((await west.config.credentials()).accessKeyId, 'AKIDFIRST');
        factory.reset();
        const again = await factory.client('us-west-2');
        assert.equal((await again.config.credentials()).accessKeyId, 'AKIDSECOND');
      } finally {
        factory.reset();
      }
    });

    it('resolveCredentials rejects for a profile that does not exist', async () => {
      const factory = new Ec2ClientFactory(() => ({ ...TEST_CONNECTION, profile: 'ghost' }), {
        apiCall: () => undefined,
      });
      await assert.rejects(factory.resolveCredentials(), {
        name: 'CredentialsProviderError',
        message: /ghost/,
      });
    });
  });

  describe('memoizeCredentials', () => {
    const NOW = Date.parse('2025-06-01T12:00:00.000Z');

    it('resolves once and serves the cached credentials to every later caller', async () => {
      let calls = 0;
      const get = memoizeCredentials((): Promise<FakeCredentials> =>
        Promise.resolve({ id: ++calls }),
      );
      const [a, b] = await Promise.all([get(), get()]);
      const c = await get();
      assert.equal(calls, 1);
      assert.deepEqual([a, b, c], [{ id: 1 }, { id: 1 }, { id: 1 }]);
    });

    it('keeps credentials until five minutes before they expire, then refreshes once', async () => {
      let now = NOW;
      let calls = 0;
      const get = memoizeCredentials(
        () => Promise.resolve({ id: ++calls, expiration: new Date(now + 60 * MINUTE) }),
        () => now,
      );
      assert.equal((await get()).id, 1);
      now += 54 * MINUTE;
      assert.equal((await get()).id, 1);
      now += 1 * MINUTE; // exactly at the five-minute margin
      const [x, y] = await Promise.all([get(), get()]);
      assert.deepEqual([x.id, y.id], [2, 2]);
      assert.equal(calls, 2);
      assert.equal((await get()).id, 2);
    });

    it('does not cache a failure: the next call tries again', async () => {
      let calls = 0;
      const get = memoizeCredentials((): Promise<FakeCredentials> => {
        calls++;
        return calls === 1
          ? Promise.reject(new Error('sso expired'))
          : Promise.resolve({ id: calls });
      });
      await assert.rejects(get(), { message: 'sso expired' });
      assert.deepEqual(await get(), { id: 2 });
      assert.equal(calls, 2);
    });

    it('does not cache a failed refresh either', async () => {
      let now = NOW;
      let calls = 0;
      const get = memoizeCredentials(
        () => {
          calls++;
          if (calls === 2) return Promise.reject(new Error('refresh failed'));
          return Promise.resolve({ id: calls, expiration: new Date(now + 60 * MINUTE) });
        },
        () => now,
      );
      assert.equal((await get()).id, 1);
      now += 58 * MINUTE;
      await assert.rejects(get(), { message: 'refresh failed' });
      assert.equal((await get()).id, 3);
    });
  });

  describe('clients against a local EC2 endpoint (real SDK middleware)', function () {
    useStaticKeyEnv(() => dir);
    useFastRetries();
    let endpoint: FakeEndpoint | undefined;
    afterEach(async () => {
      await endpoint?.close();
      endpoint = undefined;
    });

    function apiFor(url: string, overrides: Partial<ConnectionSettings> = {}) {
      const records: ApiCallRecord[] = [];
      const factory = new Ec2ClientFactory(
        () => ({ ...TEST_CONNECTION, endpointUrl: url, ...overrides }),
        { apiCall: (r) => records.push(r) },
      );
      const ec2 = new Ec2(factory, () => undefined);
      return { images: new Images(ec2), regions: new Regions(ec2), factory, records };
    }

    it('retries RequestLimitExceeded (503) and succeeds, logging one record with the attempts', async () => {
      endpoint = await startFakeEc2((n) => (n <= 2 ? THROTTLED : IMAGES_PAGE));
      const { images: api, factory, records } = apiFor(endpoint.url, { maxAttempts: 3 });
      try {
        const images = await api.list('eu-west-1', {
          MaxResults: 1000,
          Owners: ['self'],
        });
        assert.deepEqual(
          images.map((i) => [i.imageId, i.name, i.state, i.region]),
          [['ami-12345678', 'web-1', 'available', 'eu-west-1']],
        );
        const expectedBody =
          'Action=DescribeImages&Version=2016-11-15&Owner.1=self&MaxResults=1000';
        assert.deepEqual(endpoint.bodies, [expectedBody, expectedBody, expectedBody]);
        assert.equal(records.length, 1);
        const { durationMs, ...record } = records[0] ?? assert.fail('no record');
        assert.equal(typeof durationMs, 'number');
        assert.deepEqual(record, {
          action: 'DescribeImages',
          region: 'eu-west-1',
          outcome: 'ok',
          requestId: 'r3',
          attempts: 3,
          httpStatus: 200,
        });
      } finally {
        factory.reset();
      }
    });

    it('after maxAttempts throttled answers, surfaces AwsApiError RequestLimitExceeded', async () => {
      endpoint = await startFakeEc2(() => THROTTLED);
      const { images: api, factory, records } = apiFor(endpoint.url, { maxAttempts: 2 });
      try {
        const error = await api.list('eu-west-1', { MaxResults: 1000 }).then(
          () => assert.fail('expected a rejection'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof AwsApiError);
        assert.equal(error.code, 'RequestLimitExceeded');
        assert.equal(
          error.message,
          'EC2 is throttling requests in eu-west-1 and retries did not get through. Wait a minute and refresh.',
        );
        assert.deepEqual(error.context, { region: 'eu-west-1', action: 'DescribeImages' });
        assert.equal(error.details.awsMessage, 'Request limit exceeded.');
        assert.equal(error.details.httpStatus, 503);
        assert.equal(error.details.requestId, 'r1');
        assert.equal(endpoint.bodies.length, 2);
        assert.deepEqual(
          records.map((r) => [
            r.action,
            r.region,
            r.outcome,
            r.attempts,
            r.httpStatus,
            r.requestId,
          ]),
          [['DescribeImages', 'eu-west-1', 'RequestLimitExceeded', 2, 503, 'r1']],
        );
      } finally {
        factory.reset();
      }
    });

    // BUG (src/core/aws/clientFactory.ts:86-89): with this SDK (@smithy/node-http-handler 4.14),
    // `requestTimeout` alone only logs "[WARN] a request has exceeded the configured … ms
    // requestTimeout. Init client requestHandler with throwOnRequestTimeout=true to turn this into
    // an error." to the console and keeps waiting; no socketTimeout is set either. An endpoint that
    // accepts the connection but never answers therefore hangs the region until the user cancels,
    // contrary to the amiExplorer.requestTimeoutSeconds setting. Fix: pass
    // `throwOnRequestTimeout: true` in requestHandler (and/or `socketTimeout: requestTimeoutMs`).
    it('abandons a request that takes longer than requestTimeoutMs: TimeoutError', async () => {
      endpoint = await startFakeEc2(() => 'hang');
      const { regions: api, factory } = apiFor(endpoint.url, {
        maxAttempts: 1,
        requestTimeoutMs: 150,
      });
      // Without the fix the call never settles: give up well before mocha's timeout.
      const safety = AbortSignal.timeout(1500);
      try {
        await assert.rejects(api.describe('us-east-1', safety), {
          name: 'AwsApiError',
          code: 'TimeoutError',
          message:
            'EC2 did not answer in time in us-east-1. Check your network connection or endpoint, then refresh.',
        });
      } finally {
        factory.reset();
      }
    });

    it('reports a closed port as NetworkError ECONNREFUSED', async () => {
      const closed = await startFakeEc2(() => IMAGES_PAGE);
      const url = closed.url;
      await closed.close();
      const { regions: api, factory, records } = apiFor(url, { maxAttempts: 1 });
      try {
        await assert.rejects(api.describe('us-east-1'), {
          name: 'AwsApiError',
          code: 'NetworkError',
          message:
            'Could not reach EC2 in us-east-1 (ECONNREFUSED). Check your network connection, proxy or the amiExplorer.endpointUrl setting.',
        });
        assert.deepEqual(
          records.map((r) => [r.action, r.outcome]),
          [['DescribeRegions', 'ECONNREFUSED']],
        );
      } finally {
        factory.reset();
      }
    });
    describe('retries and unknown outcomes', () => {
      const request = {
        instanceId: 'i-1',
        name: 'web',
        noReboot: true,
        blockDeviceMappings: [],
        tags: [],
      };

      it('never sends CreateImage again after an attempt whose answer was lost, and marks the outcome unknown', async () => {
        endpoint = await startFakeEc2((n) => (n === 1 ? 'drop' : CREATED));
        const { images: api, factory } = apiFor(endpoint.url, { maxAttempts: 3 });
        try {
          const error = await api.create('us-east-1', request).then(
            () => assert.fail('expected a rejection'),
            (e: unknown) => e,
          );
          assert.ok(error instanceof AwsApiError);
          assert.equal(outcomeUnknown(error), true);
          assert.equal(
            endpoint.bodies.length,
            1,
            'one CreateImage: a retry could make a second image',
          );
        } finally {
          factory.reset();
        }
      });

      it('retries a throttled CreateImage (nothing was applied) and succeeds', async () => {
        endpoint = await startFakeEc2((n) => (n === 1 ? THROTTLED : CREATED));
        const { images: api, factory } = apiFor(endpoint.url, { maxAttempts: 3 });
        try {
          assert.equal(await api.create('us-east-1', request), 'ami-0000000a');
          assert.equal(endpoint.bodies.length, 2);
          assert.match(endpoint.bodies[1] ?? '', /^Action=CreateImage&/);
        } finally {
          factory.reset();
        }
      });

      it('a DeregisterImage retried after a lost answer, answering InvalidAMIID.NotFound, has an unknown outcome', async () => {
        endpoint = await startFakeEc2((n) => (n === 1 ? 'drop' : NOT_FOUND));
        const { images: api, factory } = apiFor(endpoint.url, { maxAttempts: 3 });
        try {
          const error = await api.deregister('us-east-1', 'ami-1').then(
            () => assert.fail('expected a rejection'),
            (e: unknown) => e,
          );
          assert.ok(error instanceof AwsApiError);
          assert.equal(error.code, 'InvalidAMIID.NotFound');
          assert.equal(outcomeUnknown(error), true, 'the first attempt may have deregistered it');
          assert.equal(endpoint.bodies.length, 2);
        } finally {
          factory.reset();
        }
      });

      it('a DeregisterImage throttled, then answering InvalidAMIID.NotFound, has a known outcome (nothing was applied before)', async () => {
        endpoint = await startFakeEc2((n) => (n === 1 ? THROTTLED : NOT_FOUND));
        const { images: api, factory } = apiFor(endpoint.url, { maxAttempts: 3 });
        try {
          const error = await api.deregister('us-east-1', 'ami-1').then(
            () => assert.fail('expected a rejection'),
            (e: unknown) => e,
          );
          assert.ok(error instanceof AwsApiError);
          assert.equal(error.code, 'InvalidAMIID.NotFound');
          assert.equal(outcomeUnknown(error), false);
          assert.equal(endpoint.bodies.length, 2);
        } finally {
          factory.reset();
        }
      });

      it('InvalidAMIID.NotFound on the only attempt is a known outcome; a failed read is never unknown', async () => {
        endpoint = await startFakeEc2((n) => (n === 1 ? NOT_FOUND : 'drop'));
        const { images: api, factory } = apiFor(endpoint.url, { maxAttempts: 1 });
        try {
          const refused = await api.deregister('us-east-1', 'ami-1').then(
            () => assert.fail('expected a rejection'),
            (e: unknown) => e,
          );
          assert.equal(outcomeUnknown(refused), false);
          const read = await api.byId('us-east-1', ['ami-1']).then(
            () => assert.fail('expected a rejection'),
            (e: unknown) => e,
          );
          assert.ok(read instanceof AwsApiError);
          assert.equal(outcomeUnknown(read), false);
        } finally {
          factory.reset();
        }
      });
    });

    it('waiting for a stopped instance on a closed port ends after a few tries with ECONNREFUSED, not a timeout', async () => {
      const closed = await startFakeEc2(() => IMAGES_PAGE);
      const url = closed.url;
      await closed.close();
      const { factory, records } = apiFor(url, { maxAttempts: 1 });
      const instances = new Instances(new Ec2(factory, () => undefined));
      try {
        await assert.rejects(
          instances.waitUntilStopped('us-east-1', 'i-0123456789abcdef0', undefined, {
            minDelaySeconds: 0.01,
            maxDelaySeconds: 0.01,
            maxWaitSeconds: 900,
          }),
          {
            name: 'AwsApiError',
            code: 'NetworkError',
            message: `Stopped waiting for i-0123456789abcdef0 to stop after ${WAIT_GIVE_UP_AFTER} failed tries: Could not reach EC2 in us-east-1 (ECONNREFUSED). Check your network connection, proxy or the amiExplorer.endpointUrl setting.`,
          },
        );
        assert.deepEqual(
          records.map((r) => r.outcome),
          Array.from({ length: WAIT_GIVE_UP_AFTER }, () => 'ECONNREFUSED'),
        );
      } finally {
        factory.reset();
      }
    });
  });
});
