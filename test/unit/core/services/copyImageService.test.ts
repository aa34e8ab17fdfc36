import assert from 'node:assert/strict';
import { CopyImageCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import type { CopyInput } from '../../../../src/core/model/copyPlan';
import { InputError } from '../../../../src/core/model/errors';
import { CopyImageService, pendingCopyImage } from '../../../../src/core/services/copyImageService';
import { ec2Error, useMockedEc2 } from '../../helpers/ec2Mock';

const input: CopyInput = {
  sources: [
    {
      imageId: 'ami-0123456789abcdef0',
      region: 'us-east-1',
      name: 'web',
      rootDeviceType: 'ebs',
      encrypted: true,
    },
  ],
  destinations: [{ region: 'eu-west-1', kmsKey: 'alias/eu-key' }, { region: 'ap-southeast-2' }],
  name: 'web-copy',
  description: '',
  copyTags: false,
  encrypt: false,
  actionId: 'a1',
};

describe('core/services/copyImageService', () => {
  const mocked = useMockedEc2();
  const service = new CopyImageService(mocked.images, () => 1, { sleep: () => Promise.resolve() });

  it('calls CopyImage once per destination with the encrypted source forcing Encrypted', async () => {
    mocked.ec2
      .on(CopyImageCommand)
      .callsFake((params: { Name: string; KmsKeyId?: string }) =>
        Promise.resolve({ ImageId: params.KmsKeyId ? 'ami-0eu' : 'ami-0ap' }),
      );
    const results = await service.copy(input);
    assert.deepEqual(
      results.map((r) => [r.call.region, 'imageId' in r ? r.imageId : 'error' in r ? r.error : '']),
      [
        ['eu-west-1', 'ami-0eu'],
        ['ap-southeast-2', 'ami-0ap'],
      ],
    );
    const sent = mocked.ec2.commandCalls(CopyImageCommand).map((c) => c.args[0].input);
    assert.deepEqual(
      sent.map((p) => [p.Encrypted, p.KmsKeyId, p.CopyImageTags, p.Name, p.SourceRegion]),
      [
        [true, 'alias/eu-key', false, 'web-copy', 'us-east-1'],
        [true, undefined, false, 'web-copy', 'us-east-1'],
      ],
    );
    assert.ok(sent.every((p) => typeof p.ClientToken === 'string' && p.ClientToken.length > 0));
  });

  it('one failing destination does not hide the others', async () => {
    mocked.ec2
      .on(CopyImageCommand, { KmsKeyId: 'alias/eu-key' })
      .rejects(ec2Error('RequestLimitExceeded', 'Request limit exceeded.', { httpStatusCode: 503 }))
      .on(CopyImageCommand, { KmsKeyId: undefined })
      .resolves({ ImageId: 'ami-0ap' });
    const results = await service.copy(input);
    const eu = results[0];
    assert.ok(eu && 'error' in eu);
    assert.match(eu.error, /throttling requests in eu-west-1/);
    assert.deepEqual(
      results[1] && 'imageId' in results[1] ? results[1].imageId : undefined,
      'ami-0ap',
    );
  });

  it('refuses an invalid input with InputError before any call', async () => {
    await assert.rejects(
      service.copy({
        ...input,
        destinations: [{ region: 'eu-west-1', kmsKey: 'not a key' }],
      }),
      InputError,
    );
    assert.equal(mocked.ec2.commandCalls(CopyImageCommand).length, 0);
  });

  it('does not start calls once cancelled, and reports them as cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const results = await service.copy(input, controller.signal);
    assert.ok(results.every((r) => 'cancelled' in r && r.cancelled === true));
    assert.equal(mocked.ec2.commandCalls(CopyImageCommand).length, 0);
  });

  describe('cancel while a CopyImage is under way', () => {
    const aborted = () => Object.assign(new Error('aborted'), { name: 'AbortError' });

    it('looks the copy up by name and source in its destination, and adopts it; the copy not yet sent is cancelled', async () => {
      const controller = new AbortController();
      mocked.ec2.on(CopyImageCommand).callsFake(() => {
        controller.abort();
        return Promise.reject(aborted());
      });
      mocked.ec2.on(DescribeImagesCommand).resolves({
        Images: [
          {
            ImageId: 'ami-0eu',
            Name: 'web-copy',
            State: 'pending',
            SourceImageId: 'ami-0123456789abcdef0',
            CreationDate: new Date().toISOString(),
          },
        ],
      });
      const [eu, ap] = await service.copy(input, controller.signal);
      assert.deepEqual(eu && 'imageId' in eu ? [eu.imageId, eu.confirmedByRereading] : eu, [
        'ami-0eu',
        'the request was cancelled while it was under way',
      ]);
      assert.deepEqual(ap && 'cancelled' in ap ? ap.cancelled : ap, true);
      const lookup = mocked.ec2.commandCalls(DescribeImagesCommand)[0]?.args[0].input;
      assert.deepEqual(lookup?.Owners, ['self']);
      assert.deepEqual(lookup?.Filters, [{ Name: 'name', Values: ['web-copy'] }]);
      assert.equal(mocked.ec2.commandCalls(CopyImageCommand).length, 1);
    });

    it('a copy of another source, or none, is not adopted: the outcome is unknown, never "not started"', async () => {
      const controller = new AbortController();
      mocked.ec2.on(CopyImageCommand).callsFake(() => {
        controller.abort();
        return Promise.reject(aborted());
      });
      mocked.ec2.on(DescribeImagesCommand).resolves({
        Images: [
          { ImageId: 'ami-0other', Name: 'web-copy', SourceImageId: 'ami-0ffffffffffffffff' },
        ],
      });
      const [eu] = await service.copy(
        { ...input, destinations: [{ region: 'eu-west-1' }] },
        controller.signal,
      );
      assert.ok(eu && 'unknown' in eu);
      assert.match(
        eu.unknown,
        /^the request was cancelled while it was under way; no copy named "web-copy" of ami-0123456789abcdef0 shows in eu-west-1 yet, but EC2 may still start it/,
      );
    });
  });

  it('pendingCopyImage describes the new copy as pending in its destination', () => {
    const [call] = results();
    assert.ok(call);
    const ami = pendingCopyImage(call, 'ami-0new', '111111111111');
    assert.deepEqual(
      [ami.imageId, ami.region, ami.name, ami.state, ami.ownerId, ami.rootDeviceType],
      ['ami-0new', 'eu-west-1', 'web-copy', 'pending', '111111111111', 'ebs'],
    );
  });
});

function results() {
  return [
    {
      region: 'eu-west-1',
      source: input.sources[0] ?? assert.fail(),
      params: {
        SourceImageId: 'ami-0123456789abcdef0',
        SourceRegion: 'us-east-1',
        Name: 'web-copy',
        CopyImageTags: false,
        ClientToken: 't',
      },
    },
  ];
}
