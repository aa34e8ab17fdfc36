import * as assert from 'node:assert/strict';
import type { Ami } from '../../../../src/core/model/ami';
import { AmiReferenceLookup, lookupKey } from '../../../../src/core/services/amiReferenceLookup';
import { makeAmi } from '../../helpers/fixtures';

/** A fake DescribeImages by id over a fixed estate, recording its calls. */
function estate(images: Ami[]): {
  calls: { region: string; ids: readonly string[] }[];
  findById: (region: string, ids: readonly string[]) => Promise<Ami[]>;
  failIn: Set<string>;
} {
  const calls: { region: string; ids: readonly string[] }[] = [];
  const failIn = new Set<string>();
  return {
    calls,
    failIn,
    findById: (region, ids) => {
      calls.push({ region, ids });
      if (failIn.has(region)) return Promise.reject(new Error(`throttled in ${region}`));
      return Promise.resolve(images.filter((i) => i.region === region && ids.includes(i.imageId)));
    },
  };
}

const A = makeAmi({ imageId: 'ami-0aaaaaaaaaaaaaaaa', region: 'us-east-1' });
const B = makeAmi({ imageId: 'ami-0bbbbbbbbbbbbbbbb', region: 'eu-west-1' });

describe('AmiReferenceLookup', () => {
  it('asks once per region for all the ids of a batch, and says found or missing for each', async () => {
    const ec2 = estate([A, B]);
    const lookup = new AmiReferenceLookup(ec2.findById);
    const results = await lookup.lookup([
      { imageId: A.imageId, regions: ['us-east-1'] },
      { imageId: B.imageId, regions: ['us-east-1', 'eu-west-1'] },
      { imageId: 'ami-0cccccccccccccccc', regions: ['us-east-1'] },
    ]);
    assert.deepEqual(
      ec2.calls.map((c) => [c.region, [...c.ids]]),
      [
        ['us-east-1', [A.imageId, B.imageId, 'ami-0cccccccccccccccc']],
        ['eu-west-1', [B.imageId]],
      ],
    );
    assert.equal(results.get(lookupKey('us-east-1', A.imageId))?.kind, 'found');
    assert.equal(results.get(lookupKey('us-east-1', B.imageId))?.kind, 'missing');
    assert.equal(results.get(lookupKey('eu-west-1', B.imageId))?.kind, 'found');
    assert.equal(results.get(lookupKey('us-east-1', 'ami-0cccccccccccccccc'))?.kind, 'missing');
  });

  it('answers from its cache until the entry is older than the TTL', async () => {
    const ec2 = estate([A]);
    let now = 0;
    const lookup = new AmiReferenceLookup(ec2.findById, () => now, 1000);
    const ask = [{ imageId: A.imageId, regions: ['us-east-1'] }];
    await lookup.lookup(ask);
    now = 999;
    await lookup.lookup(ask);
    assert.equal(ec2.calls.length, 1);
    now = 1000;
    await lookup.lookup(ask);
    assert.equal(ec2.calls.length, 2);
  });

  it('shares a lookup in flight with whoever asks for the same id meanwhile', async () => {
    const ec2 = estate([A]);
    const lookup = new AmiReferenceLookup(ec2.findById);
    const ask = [{ imageId: A.imageId, regions: ['us-east-1'] }];
    const [first, second] = await Promise.all([lookup.lookup(ask), lookup.lookup(ask)]);
    assert.equal(ec2.calls.length, 1);
    assert.deepEqual(first, second);
  });

  it('reports a failed region as failed, keeps the others, and does not cache the failure', async () => {
    const ec2 = estate([A, B]);
    ec2.failIn.add('eu-west-1');
    const lookup = new AmiReferenceLookup(ec2.findById);
    const ask = [
      { imageId: A.imageId, regions: ['us-east-1'] },
      { imageId: B.imageId, regions: ['eu-west-1'] },
    ];
    const results = await lookup.lookup(ask);
    assert.equal(results.get(lookupKey('us-east-1', A.imageId))?.kind, 'found');
    const failed = results.get(lookupKey('eu-west-1', B.imageId));
    assert.equal(failed?.kind, 'failed');
    ec2.failIn.clear();
    const again = await lookup.lookup(ask);
    assert.equal(again.get(lookupKey('eu-west-1', B.imageId))?.kind, 'found');
    assert.deepEqual(
      ec2.calls.map((c) => c.region),
      ['us-east-1', 'eu-west-1', 'eu-west-1'],
    );
  });

  it("follows the extension's own changes: a deregistered AMI is missing at once, a changed one is current", async () => {
    const ec2 = estate([A]);
    const lookup = new AmiReferenceLookup(ec2.findById);
    const ask = [{ imageId: A.imageId, regions: ['us-east-1'] }];
    await lookup.lookup(ask);
    lookup.onImageEvent({ kind: 'gone', region: 'us-east-1', imageId: A.imageId });
    assert.equal(
      (await lookup.lookup(ask)).get(lookupKey('us-east-1', A.imageId))?.kind,
      'missing',
    );
    const disabled = { ...A, state: 'disabled' };
    lookup.onImageEvent({ kind: 'changed', image: disabled });
    const now = (await lookup.lookup(ask)).get(lookupKey('us-east-1', A.imageId));
    assert.deepEqual(now, { kind: 'found', image: disabled });
    assert.equal(ec2.calls.length, 1, 'no call after the first');
  });

  it('knows only what has been looked up and is fresh; clear() forgets it', async () => {
    const ec2 = estate([A]);
    const lookup = new AmiReferenceLookup(ec2.findById);
    assert.equal(await lookup.known('us-east-1', A.imageId), undefined);
    await lookup.lookup([{ imageId: A.imageId, regions: ['us-east-1'] }]);
    assert.equal((await lookup.known('us-east-1', A.imageId))?.kind, 'found');
    lookup.clear();
    assert.equal(await lookup.known('us-east-1', A.imageId), undefined);
  });
});
