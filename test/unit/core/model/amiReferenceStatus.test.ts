import * as assert from 'node:assert/strict';
import type { Ami } from '../../../../src/core/model/ami';
import { judgeReference } from '../../../../src/core/model/amiReferenceStatus';
import type { RegionAnswer } from '../../../../src/core/model/amiReferenceStatus';
import type { AmiReference } from '../../../../src/core/model/amiReferences';
import { makeAmi } from '../../helpers/fixtures';

const ID = 'ami-0123456789abcdef0';
const NOW = new Date('2026-11-30T12:00:00Z');
const inEuWest1: AmiReference = {
  imageId: ID,
  start: 0,
  end: ID.length,
  region: { region: 'eu-west-1', rule: 'region-key' },
};
const anywhere: AmiReference = { imageId: ID, start: 0, end: ID.length };

function found(overrides: Partial<Ami>) {
  return {
    region: 'eu-west-1',
    kind: 'found',
    image: makeAmi({ imageId: ID, region: 'eu-west-1', state: 'available', ...overrides }),
  } as const;
}

const codes = (answers: RegionAnswer[], reference = inEuWest1, days = 30): string[] =>
  judgeReference(reference, answers, NOW, days).findings.map((f) => f.code);

describe('judgeReference', () => {
  it('has nothing to say about an available AMI', () => {
    assert.deepEqual(codes([found({})]), []);
  });

  it('says where a missing id was looked for and why: the inferred region and its rule', () => {
    const [finding] = judgeReference(
      inEuWest1,
      [{ region: 'eu-west-1', kind: 'missing' }],
      NOW,
      30,
    ).findings;
    assert.equal(finding?.code, 'ami-not-found');
    assert.equal(finding?.severity, 'error');
    assert.match(finding?.message ?? '', /not found in eu-west-1 \(from the region key eu-west-1/);
    assert.match(finding?.message ?? '', /deregistered.*another region or account.*not shared/);
  });

  it('names every configured region it looked in when no region was stated', () => {
    const [finding] = judgeReference(
      anywhere,
      [
        { region: 'us-east-1', kind: 'missing' },
        { region: 'eu-west-1', kind: 'missing' },
      ],
      NOW,
      30,
    ).findings;
    assert.match(
      finding?.message ?? '',
      /any of the 2 configured regions \(us-east-1, eu-west-1\)/,
    );
  });

  it('claims nothing when a region could not be asked', () => {
    const verdict = judgeReference(
      anywhere,
      [
        { region: 'us-east-1', kind: 'missing' },
        { region: 'eu-west-1', kind: 'failed', reason: 'throttled' },
      ],
      NOW,
      30,
    );
    assert.deepEqual(verdict.findings, []);
    assert.deepEqual(verdict.unknown, [{ region: 'eu-west-1', reason: 'throttled' }]);
  });

  it('is found when any configured region has it', () => {
    assert.deepEqual(codes([{ region: 'us-east-1', kind: 'missing' }, found({})], anywhere), []);
  });

  it('reports disabled, failed, deregistered and pending AMIs', () => {
    assert.deepEqual(codes([found({ state: 'disabled' })]), ['ami-disabled']);
    assert.deepEqual(codes([found({ state: 'failed', stateReason: 'Server.InternalError' })]), [
      'ami-failed',
    ]);
    assert.deepEqual(codes([found({ state: 'deregistered' })]), ['ami-deregistered']);
    const pending = judgeReference(inEuWest1, [found({ state: 'pending' })], NOW, 30).findings;
    assert.deepEqual(
      pending.map((f) => [f.code, f.severity]),
      [['ami-pending', 'information']],
    );
  });

  it('reports a past deprecation with its date, and one within the warning window with the days left', () => {
    const past = judgeReference(
      inEuWest1,
      [found({ deprecationTime: '2026-01-15T00:00:00.000Z' })],
      NOW,
      30,
    ).findings;
    assert.deepEqual(
      past.map((f) => [f.code, f.message]),
      [['ami-deprecated', `${ID} is deprecated since 2026-01-15.`]],
    );
    const soon = judgeReference(
      inEuWest1,
      [found({ deprecationTime: '2026-12-10T12:00:00.000Z' })],
      NOW,
      30,
    ).findings;
    assert.deepEqual(
      soon.map((f) => [f.code, f.message]),
      [['ami-deprecation-soon', `${ID} will be deprecated on 2026-12-10 (in 10 days).`]],
    );
    assert.deepEqual(
      codes([found({ deprecationTime: '2026-12-10T12:00:00.000Z' })], inEuWest1, 5),
      [],
    );
  });

  it("reports an AMI the account's Allowed AMIs settings do not allow", () => {
    assert.deepEqual(codes([found({ raw: { ImageAllowed: false } })]), ['ami-not-allowed']);
    assert.deepEqual(codes([found({ raw: { ImageAllowed: true } })]), []);
  });

  it('says in which region when the id was found in several', () => {
    const verdict = judgeReference(
      anywhere,
      [
        found({ state: 'disabled' }),
        {
          region: 'us-east-1',
          kind: 'found',
          image: makeAmi({ imageId: ID, region: 'us-east-1', state: 'available' }),
        },
      ],
      NOW,
      30,
    );
    assert.deepEqual(
      verdict.findings.map((f) => f.message),
      [`${ID} in eu-west-1 is disabled: it cannot be launched until its owner enables it again.`],
    );
  });
});
