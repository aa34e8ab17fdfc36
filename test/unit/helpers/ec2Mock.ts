import { EC2Client, EC2ServiceException } from '@aws-sdk/client-ec2';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { mockClient } from 'aws-sdk-client-mock';
import type { ApiCallRecord } from '../../../src/core/aws/apiCallLog';
import type { ConnectionSettings } from '../../../src/core/aws/clientFactory';
import { Ec2ClientFactory } from '../../../src/core/aws/clientFactory';
import { Ec2 } from '../../../src/core/aws/ec2';
import { AccountSettings } from '../../../src/core/aws/accountSettings';
import { ImageInsights } from '../../../src/core/aws/imageInsights';
import { Images } from '../../../src/core/aws/images';
import { RecycleBin } from '../../../src/core/aws/recycleBin';
import { Instances } from '../../../src/core/aws/instances';
import { Regions } from '../../../src/core/aws/regions';
import { Snapshots } from '../../../src/core/aws/snapshots';
import { Tags } from '../../../src/core/aws/tags';

// The SDK warns once per process that it will need Node 22 in 2027; that is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Connection settings for tests: small timeouts, SDK-style attempts. */
export const TEST_CONNECTION: ConnectionSettings = {
  requestTimeoutMs: 2000,
  connectionTimeoutMs: 2000,
  maxAttempts: 3,
};

/** The EC2 layer (caller and resource modules) with EC2Client#send replaced by aws-sdk-client-mock. */
export interface MockedEc2 {
  /** The stub; installed in `before`, reset before each test, restored in `after`. */
  readonly ec2: AwsClientStub<EC2Client>;
  readonly caller: Ec2;
  readonly images: Images;
  readonly instances: Instances;
  readonly snapshots: Snapshots;
  readonly regions: Regions;
  readonly tags: Tags;
  readonly insights: ImageInsights;
  readonly recycleBin: RecycleBin;
  readonly accountSettings: AccountSettings;
  readonly factory: Ec2ClientFactory;
  /** What the factory's logger received (mocked sends bypass the middleware stack). */
  readonly records: ApiCallRecord[];
}

/**
 * Installs the EC2 mock for the enclosing `describe`. aws-sdk-client-mock stubs `send` on the client
 * prototype, so the SDK's middleware (retries, signing, our call logger) does not run.
 */
export function useMockedEc2(profile?: string): MockedEc2 {
  let stub: AwsClientStub<EC2Client> | undefined;
  const records: ApiCallRecord[] = [];
  const factory = new Ec2ClientFactory(() => TEST_CONNECTION, {
    apiCall: (record) => records.push(record),
  });
  const caller = new Ec2(factory, () => profile);
  before(() => {
    stub = mockClient(EC2Client);
  });
  beforeEach(() => {
    stub?.reset();
    records.length = 0;
  });
  after(() => {
    stub?.restore();
    factory.reset();
  });
  return {
    get ec2(): AwsClientStub<EC2Client> {
      if (!stub) throw new Error('useMockedEc2: the mock is only installed inside tests');
      return stub;
    },
    caller,
    images: new Images(caller),
    instances: new Instances(caller),
    snapshots: new Snapshots(caller),
    regions: new Regions(caller),
    tags: new Tags(caller),
    insights: new ImageInsights(caller),
    recycleBin: new RecycleBin(caller),
    accountSettings: new AccountSettings(caller),
    factory,
    records,
  };
}

/** An EC2 error as the SDK deserializes it (EC2 models no error shapes: all are ServiceExceptions). */
export function ec2Error(
  code: string,
  message: string,
  meta: { requestId?: string; httpStatusCode?: number; fault?: 'client' | 'server' } = {},
): EC2ServiceException {
  return new EC2ServiceException({
    name: code,
    message,
    $fault: meta.fault ?? 'client',
    $metadata: {
      httpStatusCode: meta.httpStatusCode ?? 400,
      ...(meta.requestId ? { requestId: meta.requestId } : {}),
    },
  });
}

/** Sets environment variables for each test of the enclosing `describe` and restores them after. */
export function useEnv(vars: Record<string, string | undefined>): void {
  const saved = new Map<string, string | undefined>();
  beforeEach(() => {
    for (const [key, value] of Object.entries(vars)) {
      saved.set(key, process.env[key]);
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  afterEach(() => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    saved.clear();
  });
}
