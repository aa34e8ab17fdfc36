import { strict as assert } from 'node:assert';
import type { EC2ServiceException } from '@aws-sdk/client-ec2';
import { DescribeImagesCommand, DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { outsiderAccessKeyId } from '../ec2-emulator/seeds/demoAccounts';
import type { RunningEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { emulatorClient, errorOf } from './support/emulatorClient';
import { rawEc2Request } from './support/rawEc2Request';

describe('EC2 Query protocol', () => {
  let emulator: RunningEc2Emulator;
  before(async () => {
    emulator = await startEc2Emulator({ seed: 'demo', pendingMs: 50 });
  });
  after(async () => {
    await emulator.close();
  });

  it('answers in the 2016-11-15 namespace with a requestId matching the x-amzn-requestid header', async () => {
    const r = await rawEc2Request(emulator.url, 'Action=DescribeRegions&Version=2016-11-15');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/xml/);
    assert.match(
      r.text,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<DescribeRegionsResponse xmlns="http:\/\/ec2.amazonaws.com\/doc\/2016-11-15\/"><requestId>([0-9a-f-]{36})<\/requestId><regionInfo><item>/,
    );
    const id = /<requestId>([^<]+)<\/requestId>/.exec(r.text)?.[1];
    assert.equal(r.headers.get('x-amzn-requestid'), id);
  });

  it('surfaces the request id to the SDK as $metadata.requestId', async () => {
    const out = await emulatorClient(emulator).send(new DescribeRegionsCommand({}));
    assert.match(out.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
  });

  it('answers errors with the <Response><Errors><Error> envelope and a RequestID', async () => {
    const r = await rawEc2Request(
      emulator.url,
      'Action=DescribeImages&Version=2016-11-15&ImageId.1=ami-nope',
    );
    assert.equal(r.status, 400);
    assert.match(
      r.text,
      /<Response><Errors><Error><Code>InvalidAMIID\.Malformed<\/Code><Message>Invalid id: &quot;ami-nope&quot; \(expecting &quot;ami-\.\.\.&quot;\)<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/,
    );
  });

  it('maps the error code to the SDK exception name, with status and request id', async () => {
    const error = (await errorOf(() =>
      emulatorClient(emulator).send(
        new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'] }),
      ),
    )) as EC2ServiceException;
    assert.equal(error.name, 'InvalidAMIID.NotFound');
    assert.equal(error.message, "The image id '[ami-0123456789abcdef0]' does not exist");
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.match(error.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
  });

  it('refuses a request without Authorization as MissingAuthenticationToken (401)', async () => {
    const r = await rawEc2Request(emulator.url, 'Action=DescribeRegions&Version=2016-11-15', {
      authorization: null,
    });
    assert.equal(r.status, 401);
    assert.match(r.text, /<Code>MissingAuthenticationToken<\/Code>/);
  });

  it('refuses an unknown access key with AuthFailure (401)', async () => {
    const error = await errorOf(() =>
      emulatorClient(emulator, { accessKeyId: 'AKIAUNKNOWNUNKNOWN00' }).send(
        new DescribeRegionsCommand({}),
      ),
    );
    assert.equal(error.name, 'AuthFailure');
    assert.equal(error.message, 'AWS was not able to validate the provided access credentials');
    assert.equal(error.$metadata?.httpStatusCode, 401);
  });

  it('answers AuthFailure for a region that is not opted in, even for DescribeRegions', async () => {
    const error = await errorOf(() =>
      emulatorClient(emulator, { region: 'af-south-1' }).send(new DescribeRegionsCommand({})),
    );
    assert.equal(error.name, 'AuthFailure');
  });

  it('answers AuthFailure for a region it does not know', async () => {
    const error = await errorOf(() =>
      emulatorClient(emulator, { region: 'xx-nowhere-9' }).send(new DescribeRegionsCommand({})),
    );
    assert.equal(error.name, 'AuthFailure');
  });

  it('answers InvalidAction for an action it does not implement', async () => {
    const r = await rawEc2Request(emulator.url, 'Action=DescribeVpcs&Version=2016-11-15');
    assert.equal(r.status, 400);
    assert.match(
      r.text,
      /<Code>InvalidAction<\/Code><Message>The action DescribeVpcs is not valid for this web service.<\/Message>/,
    );
  });

  it('answers MissingAction when no Action is sent', async () => {
    const r = await rawEc2Request(emulator.url, 'Version=2016-11-15');
    assert.match(r.text, /<Code>MissingAction<\/Code>/);
  });

  it('answers DryRunOperation (412) for a permitted DryRun request', async () => {
    const error = await errorOf(() =>
      emulatorClient(emulator).send(new DescribeImagesCommand({ DryRun: true })),
    );
    assert.equal(error.name, 'DryRunOperation');
    assert.equal(error.$metadata?.httpStatusCode, 412);
  });

  it('rejects malformed input with EC2 errors and keeps serving', async () => {
    const bodies = [
      'Action=DescribeImages&MaxResults=abc',
      'Action=DescribeImages&IncludeDeprecated=yes',
      'Action=DescribeImages&Filter.1.Value.1=x',
      'Action=DescribeImages&Owner.1=%00%FF',
      'Action=DescribeImages&NextToken=%%%',
      'Action=DescribeImageAttribute',
      'Action=DescribeInstances&InstanceId.1=nope',
      '%%%&&&===',
    ];
    for (const body of bodies) {
      const r = await rawEc2Request(emulator.url, body);
      assert.ok(r.status >= 400 && r.status < 500, `${body} → ${r.status} ${r.text.slice(0, 200)}`);
      assert.match(r.text, /<Response><Errors><Error><Code>/);
    }
    const ok = await rawEc2Request(emulator.url, 'Action=DescribeRegions');
    assert.equal(ok.status, 200);
  });

  it('chooses the account by access key: another account does not see my private images', async () => {
    const mine = await emulatorClient(emulator).send(
      new DescribeImagesCommand({ Owners: ['111111111111'] }),
    );
    const theirs = await emulatorClient(emulator, { accessKeyId: outsiderAccessKeyId }).send(
      new DescribeImagesCommand({ Owners: ['111111111111'] }),
    );
    assert.ok((mine.Images ?? []).length > 1);
    assert.deepEqual(
      (theirs.Images ?? []).map((i) => i.Name),
      ['public-diagnostics-toolkit-1.0'],
    );
  });
});
