import assert from 'node:assert/strict';
import { CreateTagsCommand, DeleteTagsCommand } from '@aws-sdk/client-ec2';
import { useMockedEc2 } from '../../helpers/ec2Mock';

describe('core/aws/tags', () => {
  const mocked = useMockedEc2('dev');

  it('creates tags on every resource given', async () => {
    mocked.ec2.on(CreateTagsCommand).resolves({});
    await mocked.tags.create('us-east-1', ['ami-1', 'snap-1'], [{ key: 'team', value: 'web' }]);
    assert.deepEqual(mocked.ec2.commandCalls(CreateTagsCommand)[0]?.args[0].input, {
      Resources: ['ami-1', 'snap-1'],
      Tags: [{ Key: 'team', Value: 'web' }],
    });
  });

  it('deletes tags by key, whatever their value', async () => {
    mocked.ec2.on(DeleteTagsCommand).resolves({});
    await mocked.tags.delete('us-east-1', ['ami-1'], ['team', 'old']);
    assert.deepEqual(mocked.ec2.commandCalls(DeleteTagsCommand)[0]?.args[0].input, {
      Resources: ['ami-1'],
      Tags: [{ Key: 'team' }, { Key: 'old' }],
    });
  });

  // EC2 reads DeleteTags without keys as "every tag of these resources".
  it('refuses an empty key list without calling EC2', async () => {
    await assert.rejects(mocked.tags.delete('us-east-1', ['ami-1'], []), /at least one key/);
    assert.equal(mocked.ec2.calls().length, 0);
  });
});
