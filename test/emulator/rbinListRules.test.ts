import { strict as assert } from 'node:assert';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../../src/core/aws/sha256';
import { demoAccessKeyId } from '../ec2-emulator/seeds/demoAccounts';
import type { RunningEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';

/** A Recycle Bin ListRules request signed as the SDK would sign it (service `rbin`). */
async function listRules(
  emulator: RunningEc2Emulator,
  body: object,
  region = 'us-east-1',
  service = 'rbin',
): Promise<{ status: number; errorType: string | null; json: unknown }> {
  const url = new URL('/list-rules', emulator.url);
  const signer = new SignatureV4({
    service,
    region,
    sha256: Sha256,
    credentials: { accessKeyId: demoAccessKeyId, secretAccessKey: 'any-secret' },
  });
  const payload = JSON.stringify(body);
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    headers: { host: url.host, 'content-type': 'application/json' },
    body: payload,
  });
  const res = await fetch(url, {
    method: 'POST',
    headers: signed.headers as Record<string, string>,
    body: payload,
  });
  return {
    status: res.status,
    errorType: res.headers.get('x-amzn-errortype'),
    json: await res.json(),
  };
}

describe('emulator: Recycle Bin ListRules (rbin, REST-JSON)', () => {
  let emulator: RunningEc2Emulator;
  before(async () => {
    emulator = await startEc2Emulator({ seed: 'demo', pendingMs: 50 });
  });
  after(async () => {
    await emulator.close();
  });

  it('answers the caller’s rules for a resource type in the signed region', async () => {
    const images = await listRules(emulator, { ResourceType: 'EC2_IMAGE' });
    assert.equal(images.status, 200);
    assert.deepEqual(images.json, {
      Rules: [
        {
          Identifier: 'demoimgrule01',
          Description: 'Keep deregistered AMIs for 14 days',
          RetentionPeriod: { RetentionPeriodValue: 14, RetentionPeriodUnit: 'DAYS' },
          LockState: 'unlocked',
          RuleArn: 'arn:aws:rbin:us-east-1:111111111111:rule/demoimgrule01',
        },
      ],
    });
    const snapshots = await listRules(emulator, { ResourceType: 'EBS_SNAPSHOT' });
    assert.equal((snapshots.json as { Rules: unknown[] }).Rules.length, 1);
    const eu = await listRules(emulator, { ResourceType: 'EC2_IMAGE' }, 'eu-west-1');
    assert.deepEqual(eu.json, { Rules: [] });
  });

  it('answers ValidationException without a valid resource type, and refuses other services', async () => {
    const bad = await listRules(emulator, { ResourceType: 'EC2_VOLUME' });
    assert.equal(bad.status, 400);
    assert.equal(bad.errorType, 'ValidationException');
    const missing = await listRules(emulator, {});
    assert.equal(missing.errorType, 'ValidationException');
    const ec2Signed = await listRules(emulator, { ResourceType: 'EC2_IMAGE' }, 'us-east-1', 'ec2');
    assert.equal(ec2Signed.status, 403);
    const notOptedIn = await listRules(emulator, { ResourceType: 'EC2_IMAGE' }, 'af-south-1');
    assert.equal(notOptedIn.status, 403);
  });

  it('admin route replaces the rules the emulator consults, and refuses malformed ones', async () => {
    const put = await fetch(new URL('/__admin/recycle-bin/rules', emulator.url), {
      method: 'PUT',
      body: JSON.stringify({
        region: 'eu-west-1',
        rules: [{ identifier: 'eurule', resourceType: 'EC2_IMAGE', retentionDays: 3 }],
      }),
    });
    assert.equal(put.status, 200);
    const eu = await listRules(emulator, { ResourceType: 'EC2_IMAGE' }, 'eu-west-1');
    assert.equal(
      (eu.json as { Rules: { RetentionPeriod: { RetentionPeriodValue: number } }[] }).Rules[0]
        ?.RetentionPeriod.RetentionPeriodValue,
      3,
    );
    assert.equal(
      emulator.world.store.retentionDaysFor('111111111111', 'eu-west-1', 'EC2_IMAGE'),
      3,
    );
    const refused = await fetch(new URL('/__admin/recycle-bin/rules', emulator.url), {
      method: 'PUT',
      body: JSON.stringify({ region: 'eu-west-1', rules: [{ identifier: 'x' }] }),
    });
    assert.equal(refused.status, 400);
  });
});
