import * as assert from 'node:assert/strict';
import type { Ami } from '../../../../src/core/model/ami';
import {
  gapCopiesAt,
  judgeReference,
  regionMapGaps,
} from '../../../../src/core/model/amiReferenceStatus';
import { findAmiReferences } from '../../../../src/core/model/amiReferences';
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
    assert.deepEqual(codes([found({ imageAllowed: false })]), ['ami-not-allowed']);
    assert.deepEqual(codes([found({ imageAllowed: true })]), []);
  });

  it('says a not-allowed AMI would be blocked once Allowed AMIs is enabled, not that it fails now', () => {
    const [finding] = judgeReference(anywhere, [found({ imageAllowed: false })], NOW, 14).findings;
    assert.ok(finding);
    assert.match(finding.message, /would be blocked if Allowed AMIs were enabled/);
    assert.match(finding.message, /launches now \(audit mode\)/);
    assert.doesNotMatch(finding.message, /fails/);
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

  it('finds entries of a region map that some regions lack, in YAML and JSON', () => {
    const yaml = [
      'Mappings:',
      '  RegionMap:',
      '    us-east-1:',
      '      AMI: ami-0aaaaaaaaaaaaaaaa',
      '      GPU: ami-0bbbbbbbbbbbbbbbb',
      '    us-west-1:',
      '      AMI: ami-0cccccccccccccccc',
      '    eu-west-1: { AMI: ami-0dddddddddddddddd, GPU: "" }',
    ].join('\n');
    const gaps = [...regionMapGaps(findAmiReferences(yaml, 'yaml'))].map(([r, f]) => [
      r.imageId,
      f.code,
      f.message,
    ]);
    assert.deepEqual(gaps, [
      [
        'ami-0bbbbbbbbbbbbbbbb',
        'ami-region-map-gap',
        'This region map has no AMI id under GPU for us-west-1, eu-west-1 (it has one for us-east-1): a stack deployed there finds none.',
      ],
    ]);
    const json = JSON.stringify({
      Mappings: {
        RegionMap: {
          'us-east-1': { AMI: 'ami-0aaaaaaaaaaaaaaaa' },
          'us-west-2': { Other: 'x' },
        },
      },
    });
    assert.deepEqual(
      [...regionMapGaps(findAmiReferences(json, 'blocks')).values()].map((f) => f.message),
      [
        'This region map has no AMI id under AMI for us-west-2 (it has one for us-east-1): a stack deployed there finds none.',
      ],
    );
  });

  it('sees no gap in maps keyed by region alone, or where every region has the entry', () => {
    const cdk =
      "genericLinux({ 'eu-west-1': 'ami-0aaaaaaaaaaaaaaaa', 'us-east-1': 'ami-0bbbbbbbbbbbbbbbb' })";
    assert.equal(regionMapGaps(findAmiReferences(cdk, 'blocks')).size, 0);
    const full =
      'M:\n  us-east-1:\n    AMI: ami-0aaaaaaaaaaaaaaaa\n  us-west-1:\n    AMI: ami-0bbbbbbbbbbbbbbbb\n';
    assert.equal(regionMapGaps(findAmiReferences(full, 'yaml')).size, 0);
  });

  it('offers to copy an id to each region its map entry lacks, from the region it is under', () => {
    const yaml = [
      'Mappings:',
      '  RegionMap:',
      '    us-east-1:',
      '      AMI: ami-0aaaaaaaaaaaaaaaa',
      '      GPU: ami-0bbbbbbbbbbbbbbbb',
      '    us-west-1:',
      '      AMI: ami-0cccccccccccccccc',
      '    eu-west-1: { AMI: ami-0dddddddddddddddd }',
    ].join('\n');
    const references = findAmiReferences(yaml, 'yaml');
    assert.deepEqual(gapCopiesAt(references, yaml.indexOf('ami-0bbbbbbbbbbbbbbbb')), [
      { region: 'us-east-1', imageId: 'ami-0bbbbbbbbbbbbbbbb', toRegion: 'us-west-1' },
      { region: 'us-east-1', imageId: 'ami-0bbbbbbbbbbbbbbbb', toRegion: 'eu-west-1' },
    ]);
    // An id whose entry every region has: nothing to copy.
    assert.deepEqual(gapCopiesAt(references, yaml.indexOf('ami-0aaaaaaaaaaaaaaaa')), []);
    assert.deepEqual(gapCopiesAt(references, 0), []);
  });
});
