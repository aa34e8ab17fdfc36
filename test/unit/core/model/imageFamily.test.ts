import * as assert from 'node:assert/strict';
import type { Ami } from '../../../../src/core/model/ami';
import {
  familyOf,
  familyPattern,
  familyRuleOf,
  familyVersionsInRegion,
  groupFamilies,
  missingRegions,
  previousVersionOf,
  splitFamilyName,
} from '../../../../src/core/model/imageFamily';
import { makeAmi } from '../../helpers/fixtures';

describe('familyPattern', () => {
  it('replaces the version, date, timestamp or build part of real naming styles with *', () => {
    const cases: [string, string | undefined][] = [
      ['web-server-2024.10.1', 'web-server-*'],
      ['web-2026.10.2', 'web-*'],
      ['amzn2-ami-hvm-2.0.20200304.0-x86_64-gp2', 'amzn2-ami-hvm-*-x86_64-gp2'],
      ['al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64', 'al2023-ami-*-kernel-6.1-x86_64'],
      [
        'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240301',
        'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*',
      ],
      ['packer-example 1700000000', 'packer-example *'],
      ['nightly-build-20241203T101500Z', 'nightly-build-*'],
      ['api-gateway-base-arm64-v3', 'api-gateway-base-arm64-*'],
      ['myapp-1-2-3', 'myapp-*'],
      ['legacy-app-2019.12', 'legacy-app-*'],
      ['nightly-build-2024.12.03-failed', 'nightly-build-*-failed'],
      ['why? 1.0', 'why\\? *'],
      ['golden-image', undefined],
      ['2024.10.1', undefined],
    ];
    for (const [name, family] of cases) assert.equal(familyPattern(name), family, name);
  });
});

describe('splitFamilyName', () => {
  it('splits real naming styles into family and version', () => {
    const cases: [string, string, string][] = [
      // semver
      ['web-1.2.3', 'web-*', '1.2.3'],
      ['web-v1.2.3', 'web-*', 'v1.2.3'],
      // dates
      ['web-2026.10.1', 'web-*', '2026.10.1'],
      ['web-20261015', 'web-*', '20261015'],
      // Packer {{isotime "2006-01-02-1504"}}
      ['web-2026-10-15-1030', 'web-*', '2026-10-15-1030'],
      // timestamps: compact ISO, and seconds
      ['web-20261015T103000Z', 'web-*', '20261015T103000Z'],
      ['web-20261015103000', 'web-*', '20261015103000'],
      // Packer {{timestamp}}: Unix seconds
      ['web-1730000000', 'web-*', '1730000000'],
      [
        'packer-web {{timestamp}}'.replace('{{timestamp}}', '1730000000'),
        'packer-web *',
        '1730000000',
      ],
      // build numbers
      ['web-build-123', 'web-build-*', '123'],
      ['web-build-123-x86_64', 'web-build-*-x86_64', '123'],
      // Amazon: the dated version, not the kernel's 6.1
      [
        'al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64',
        'al2023-ami-*-kernel-6.1-x86_64',
        '2023.6.20241010.0',
      ],
      // Ubuntu: the serial date, not the release 22.04
      [
        'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240927',
        'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*',
        '20240927',
      ],
      // Windows: a dated suffix after the edition's year
      [
        'Windows_Server-2022-English-Full-Base-2024.10.09',
        'Windows_Server-2022-English-Full-Base-*',
        '2024.10.09',
      ],
    ];
    for (const [name, family, version] of cases) {
      assert.deepEqual(splitFamilyName(name), { family, version }, name);
    }
  });

  it('gives no family to a name without a version, or one that is only a version', () => {
    assert.equal(splitFamilyName('golden-image'), undefined);
    assert.equal(splitFamilyName('20241015'), undefined);
    assert.equal(splitFamilyName(''), undefined);
  });
});

const me = '111111111111';
const image = (
  imageId: string,
  name: string,
  region: string,
  creationDate: string,
  extra: Partial<Ami> = {},
): Ami => makeAmi({ imageId, name, region, creationDate, ownerId: me, ...extra });

describe('groupFamilies', () => {
  const estate = [
    image('ami-00000001', 'web-1.9.0', 'us-east-1', '2026-09-01T00:00:00.000Z'),
    image('ami-00000002', 'web-1.10.0', 'us-east-1', '2026-10-01T00:00:00.000Z'),
    // A copy made later keeps the name: same version, and the version's date stays the first build.
    image('ami-00000003', 'web-1.10.0', 'eu-west-1', '2026-10-05T00:00:00.000Z'),
    image('ami-00000004', 'web-1.9.0', 'eu-west-1', '2026-10-06T00:00:00.000Z'),
    image('ami-00000005', 'web-1.8.0', 'eu-west-1', '2026-08-01T00:00:00.000Z'),
    image('ami-00000006', 'golden-image', 'us-east-1', '2026-08-01T00:00:00.000Z'),
    image('ami-00000007', 'batch-20261001', 'us-east-1', '2026-10-01T00:00:00.000Z'),
    // Another owner's AMI of the same name pattern is another family.
    image('ami-00000008', 'web-2.0.0', 'us-east-1', '2026-11-01T00:00:00.000Z', {
      ownerId: '222222222222',
    }),
  ];

  it('groups by name: versions newest first, each with the regions it exists in', () => {
    const families = groupFamilies(estate, { kind: 'name' });
    assert.deepEqual(
      families.map((f) => [f.label, f.ownerId, f.versions.map((v) => v.name)]),
      [
        ['batch-*', me, ['batch-20261001']],
        ['web-*', me, ['web-1.10.0', 'web-1.9.0', 'web-1.8.0']],
        ['web-*', '222222222222', ['web-2.0.0']],
      ],
    );
    const web = families[1];
    assert.ok(web);
    assert.deepEqual(
      web.versions.map((v) => [v.version, v.builtAt, v.regions, v.images.map((i) => i.imageId)]),
      [
        [
          '1.10.0',
          '2026-10-01T00:00:00.000Z',
          ['eu-west-1', 'us-east-1'],
          ['ami-00000003', 'ami-00000002'],
        ],
        [
          '1.9.0',
          '2026-09-01T00:00:00.000Z',
          ['eu-west-1', 'us-east-1'],
          ['ami-00000004', 'ami-00000001'],
        ],
        ['1.8.0', '2026-08-01T00:00:00.000Z', ['eu-west-1'], ['ami-00000005']],
      ],
    );
    assert.deepEqual(web.regions, ['eu-west-1', 'us-east-1']);
  });

  it('orders versions of the same date by their numbers (1.10 after 1.9)', () => {
    const sameDay = '2026-10-01T00:00:00.000Z';
    const [family] = groupFamilies(
      [
        image('ami-1', 'app-1.9', 'us-east-1', sameDay),
        image('ami-2', 'app-1.10', 'us-east-1', sameDay),
      ],
      { kind: 'name' },
    );
    assert.deepEqual(
      family?.versions.map((v) => v.version),
      ['1.10', '1.9'],
    );
  });

  it('groups by a tag the user names; AMIs without it have no family', () => {
    const tagged = [
      image('ami-1', 'orders-blue-7', 'us-east-1', '2026-10-01T00:00:00.000Z', {
        tags: [{ key: 'Family', value: 'orders' }],
      }),
      image('ami-2', 'orders-green', 'us-east-1', '2026-11-01T00:00:00.000Z', {
        tags: [{ key: 'Family', value: 'orders' }],
      }),
      image('ami-3', 'web-1.0', 'us-east-1', '2026-11-01T00:00:00.000Z'),
    ];
    const families = groupFamilies(tagged, familyRuleOf(' Family '));
    assert.deepEqual(
      families.map((f) => [f.label, f.versions.map((v) => v.version)]),
      [['orders', ['orders-green', '7']]],
    );
    assert.deepEqual(familyRuleOf(''), { kind: 'name' });
    assert.equal(familyOf(makeAmi({ imageId: 'ami-9' }), { kind: 'name' }), undefined);
  });

  it('answers what the region matrix and a cleanup planner ask', () => {
    const web = groupFamilies(estate, { kind: 'name' })[1];
    assert.ok(web);
    // Versions of the family in one region, newest first.
    assert.deepEqual(
      familyVersionsInRegion(web, 'eu-west-1').map((i) => i.name),
      ['web-1.10.0', 'web-1.9.0', 'web-1.8.0'],
    );
    assert.deepEqual(missingRegions(web, ['us-east-1', 'eu-west-1', 'ap-southeast-2']), [
      'ap-southeast-2',
    ]);
    // The previous version in the same region, else where it exists.
    assert.equal(
      previousVersionOf(web, { imageId: 'ami-00000002', region: 'us-east-1' })?.imageId,
      'ami-00000001',
    );
    assert.equal(
      previousVersionOf(web, { imageId: 'ami-00000004', region: 'eu-west-1' })?.imageId,
      'ami-00000005',
    );
    assert.equal(
      previousVersionOf(web, { imageId: 'ami-00000005', region: 'eu-west-1' }),
      undefined,
    );
  });
});
