import assert from 'node:assert/strict';
import { EC2Client } from '@aws-sdk/client-ec2';
import { loadSdk } from '../../../../src/core/aws/loadSdk';

describe('core/aws/loadSdk', () => {
  it('loads the SDK module once and exposes what core/aws uses', async () => {
    const first = loadSdk();
    const second = loadSdk();
    assert.equal(first, second);
    const sdk = await first;
    assert.equal(sdk.EC2Client, EC2Client);
    assert.deepEqual(
      [typeof sdk.fromIni, typeof sdk.fromNodeProviderChain],
      ['function', 'function'],
    );
  });

  it('maps every action name to the command class of that name', async () => {
    const { ec2Commands } = await loadSdk();
    const mismatched = Object.entries(ec2Commands)
      .filter(([action, command]) => command.name !== `${action}Command`)
      .map(([action, command]) => `${action} → ${command.name}`);
    assert.deepEqual(mismatched, []);
    assert.ok(Object.keys(ec2Commands).length >= 25);
  });
});
