import { strict as assert } from 'node:assert';
import { RecycleBinRules } from '../../src/core/aws/recycleBinRules';
import { AwsApiError } from '../../src/core/model/errors';
import { errorSentence } from '../../src/core/model/errorSentence';
import { demoAccessKeyId } from '../ec2-emulator/seeds/demoAccounts';
import type { RunningEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';

describe('core/aws/recycleBinRules against the local endpoint (signed rbin ListRules)', () => {
  let emulator: RunningEc2Emulator;
  before(async () => {
    emulator = await startEc2Emulator({ seed: 'demo', pendingMs: 50 });
  });
  after(async () => {
    await emulator.close();
  });
  const rules = (accessKeyId = demoAccessKeyId): RecycleBinRules =>
    new RecycleBinRules({
      signingContext: () =>
        Promise.resolve({
          credentials: { accessKeyId, secretAccessKey: 'any-secret' },
          endpointUrl: emulator.url,
          requestTimeoutMs: 5000,
        }),
    });

  it('lists the retention rules for AMIs and snapshots in the signed region', async () => {
    assert.deepEqual(await rules().list('us-east-1', 'EC2_IMAGE'), [
      {
        identifier: 'demoimgrule01',
        retentionDays: 14,
        description: 'Keep deregistered AMIs for 14 days',
        lockState: 'unlocked',
      },
    ]);
    assert.equal((await rules().list('us-east-1', 'EBS_SNAPSHOT')).length, 1);
    assert.deepEqual(await rules().list('eu-west-1', 'EC2_IMAGE'), []);
  });

  it('turns a refusal into a typed error whose sentence names rbin:ListRules', async () => {
    const error = await rules('AKIANOTKNOWN00000000')
      .list('us-east-1', 'EC2_IMAGE')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(error instanceof AwsApiError);
    assert.equal(error.details.httpStatus, 403);
    assert.match(errorSentence(error), /not allowed to list .*rbin:ListRules/);
  });

  it('reports an endpoint that does not answer as a network error, not a guess', async () => {
    const unreachable = new RecycleBinRules({
      signingContext: () =>
        Promise.resolve({
          credentials: { accessKeyId: demoAccessKeyId, secretAccessKey: 'x' },
          endpointUrl: 'http://127.0.0.1:9',
          requestTimeoutMs: 2000,
        }),
    });
    const error = await unreachable.list('us-east-1', 'EC2_IMAGE').catch((e: unknown) => e);
    assert.ok(error instanceof AwsApiError);
    assert.match(errorSentence(error), /Could not reach the Recycle Bin in us-east-1/);
  });
});
