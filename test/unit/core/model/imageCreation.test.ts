import assert from 'node:assert/strict';
import type { AttachedVolume, CreateImageInput } from '../../../../src/core/model/imageCreation';
import {
  INSTANCE_STORE_EXPLANATION,
  copyableTags,
  defaultImageName,
  describeVolume,
  mergeTags,
  parseTagList,
  planCreateImage,
} from '../../../../src/core/model/imageCreation';

const root: AttachedVolume = { deviceName: '/dev/xvda', isRoot: true, deleteOnTermination: true };
const data: AttachedVolume = { deviceName: '/dev/sdf', isRoot: false, deleteOnTermination: false };
const running = { state: 'running', rootDeviceType: 'ebs' };
const stopped = { state: 'stopped', rootDeviceType: 'ebs' };

function input(overrides: Partial<CreateImageInput> = {}): CreateImageInput {
  return {
    region: 'us-east-1',
    instanceId: 'i-0123456789abcdef0',
    name: 'web-1 2026-11-26',
    tags: [],
    consistency: 'reboot',
    ...overrides,
  };
}

describe('core/model/imageCreation', () => {
  describe('defaultImageName', () => {
    const now = new Date('2026-11-26T23:59:00Z');
    it('is the Name tag and the UTC date', () => {
      assert.equal(defaultImageName({ instanceId: 'i-1', name: 'web-1' }, now), 'web-1 2026-11-26');
    });
    it('falls back to the instance id, and replaces characters AMI names refuse', () => {
      assert.equal(defaultImageName({ instanceId: 'i-0abc' }, now), 'i-0abc 2026-11-26');
      assert.equal(defaultImageName({ instanceId: 'i-1', name: '  ' }, now), 'i-1 2026-11-26');
      assert.equal(
        defaultImageName({ instanceId: 'i-1', name: 'web:1*é' }, now),
        'web-1-- 2026-11-26',
      );
    });
    it('stays within 128 characters', () => {
      const name = defaultImageName({ instanceId: 'i-1', name: 'n'.repeat(200) }, now);
      assert.equal(name.length, 128);
      assert.ok(name.endsWith(' 2026-11-26'));
    });
  });

  describe('parseTagList', () => {
    it('reads key=value pairs separated by commas or new lines; key= is an empty value', () => {
      assert.deepEqual(parseTagList(' team=platform, purpose = release\nempty=, a=b=c '), {
        tags: [
          { key: 'team', value: 'platform' },
          { key: 'purpose', value: 'release' },
          { key: 'empty', value: '' },
          { key: 'a', value: 'b=c' },
        ],
      });
      assert.deepEqual(parseTagList(''), { tags: [] });
      assert.deepEqual(parseTagList(' , ,'), { tags: [] });
    });
    it('keeps a comma inside a value: a comma splits only before key=', () => {
      assert.deepEqual(parseTagList('Owner=Smith, John'), {
        tags: [{ key: 'Owner', value: 'Smith, John' }],
      });
      assert.deepEqual(parseTagList('Owner=Smith, John, team=web,env=prod'), {
        tags: [
          { key: 'Owner', value: 'Smith, John' },
          { key: 'team', value: 'web' },
          { key: 'env', value: 'prod' },
        ],
      });
      assert.deepEqual(parseTagList('Note=a,b,c'), { tags: [{ key: 'Note', value: 'a,b,c' }] });
    });
    it('still drops empty parts between and after commas', () => {
      assert.deepEqual(parseTagList('a=1,, b=2,'), {
        tags: [
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
        ],
      });
    });
    it('a value containing ", x=" goes on its own line', () => {
      assert.deepEqual(parseTagList('Owner=Smith, John\nExpr=a, b=c'), {
        tags: [
          { key: 'Owner', value: 'Smith, John' },
          { key: 'Expr', value: 'a' },
          { key: 'b', value: 'c' },
        ],
      });
      assert.deepEqual(parseTagList('Expr=a, b c\r\nx=1'), {
        tags: [
          { key: 'Expr', value: 'a, b c' },
          { key: 'x', value: '1' },
        ],
      });
    });
    it('measures keys and values in characters: 100 emoji are a valid value', () => {
      const parsed = parseTagList(`mood=${'😀'.repeat(100)}`);
      assert.ok('tags' in parsed);
      assert.equal(parsed.tags[0]?.value, '😀'.repeat(100));
    });
    it('quotes a refused part with its control characters escaped', () => {
      assert.deepEqual(parseTagList('team\u0007'), { error: '"team\\x07" is not key=value.' });
    });
    it('says what is wrong: no =, reserved or empty key, duplicates, too many', () => {
      assert.deepEqual(parseTagList('team'), { error: '"team" is not key=value.' });
      assert.match((parseTagList('aws:x=1') as { error: string }).error, /reserved.*\("aws:x=1"\)/);
      assert.match((parseTagList('=1') as { error: string }).error, /cannot be empty/);
      assert.deepEqual(parseTagList('a=1,a=2'), { error: 'The tag key "a" is given twice.' });
      const many = Array.from({ length: 51 }, (_, i) => `k${i}=v`).join(',');
      assert.deepEqual(parseTagList(many), { error: 'EC2 allows at most 50 tags.' });
    });
  });

  it('copyableTags leaves out aws: tags, which EC2 refuses to set', () => {
    assert.deepEqual(
      copyableTags([
        { key: 'Name', value: 'web-1' },
        { key: 'aws:autoscaling:groupName', value: 'asg' },
      ]),
      [{ key: 'Name', value: 'web-1' }],
    );
  });

  it('mergeTags: a typed tag wins over a copied one with the same key', () => {
    assert.deepEqual(
      mergeTags(
        [
          { key: 'env', value: 'prod' },
          { key: 'team', value: 'web' },
        ],
        [{ key: 'env', value: 'golden' }],
      ),
      [
        { key: 'team', value: 'web' },
        { key: 'env', value: 'golden' },
      ],
    );
  });

  it('describeVolume says size, type, encryption and what happens on termination', () => {
    assert.equal(
      describeVolume({
        ...root,
        sizeGiB: 8,
        volumeType: 'gp3',
        encrypted: true,
        kmsKeyId: 'key-1',
      }),
      '8 GiB gp3 · encrypted (key-1) · deleted on termination',
    );
    assert.equal(
      describeVolume({ ...data, encrypted: false }),
      'not encrypted · kept on termination',
    );
  });

  describe('planCreateImage', () => {
    it('reboot on a running instance: NoReboot false, no stop, no mappings', () => {
      assert.deepEqual(planCreateImage(input(), running, [root]), {
        stopFirst: false,
        request: {
          instanceId: 'i-0123456789abcdef0',
          name: 'web-1 2026-11-26',
          noReboot: false,
          blockDeviceMappings: [],
          tags: [],
        },
      });
    });
    it('no reboot on a running instance: crash-consistent, NoReboot true', () => {
      const plan = planCreateImage(input({ consistency: 'noReboot' }), running, [root]);
      assert.ok('request' in plan);
      assert.equal(plan.stopFirst, false);
      assert.equal(plan.request.noReboot, true);
    });
    it('stop first on a running instance: stop, then CreateImage without a reboot', () => {
      const plan = planCreateImage(input({ consistency: 'stop' }), running, [root]);
      assert.ok('request' in plan);
      assert.equal(plan.stopFirst, true);
      assert.equal(plan.request.noReboot, true);
    });
    it('a stopped instance is never stopped or rebooted', () => {
      for (const consistency of ['stop', 'reboot', 'noReboot'] as const) {
        const plan = planCreateImage(input({ consistency }), stopped, [root]);
        assert.ok('request' in plan);
        assert.equal(plan.stopFirst, false, consistency);
        assert.equal(plan.request.noReboot, true, consistency);
      }
    });
    it('maps excluded volumes to NoDevice and flipped DeleteOnTermination only where changed', () => {
      const other: AttachedVolume = {
        deviceName: '/dev/sdg',
        isRoot: false,
        deleteOnTermination: true,
      };
      const plan = planCreateImage(
        input({
          volumes: [
            { deviceName: '/dev/xvda', include: true, deleteOnTermination: false },
            { deviceName: '/dev/sdf', include: false, deleteOnTermination: false },
            { deviceName: '/dev/sdg', include: true, deleteOnTermination: true },
          ],
        }),
        running,
        [root, data, other],
      );
      assert.ok('request' in plan);
      assert.deepEqual(plan.request.blockDeviceMappings, [
        { deviceName: '/dev/xvda', deleteOnTermination: false },
        { deviceName: '/dev/sdf', noDevice: true },
      ]);
    });
    it('trims name and description; leaves an empty description out; passes tags', () => {
      const tags = [{ key: 'team', value: 'web' }];
      const plan = planCreateImage(input({ name: '  web  ', description: '  ', tags }), running, [
        root,
      ]);
      assert.ok('request' in plan);
      assert.equal(plan.request.name, 'web');
      assert.equal('description' in plan.request, false);
      assert.deepEqual(plan.request.tags, tags);
      const described = planCreateImage(input({ description: ' nightly ' }), running, [root]);
      assert.ok('request' in described);
      assert.equal(described.request.description, 'nightly');
    });
    it('refuses, before any call: instance store, wrong state, bad name/description/tags, root left out, unknown device', () => {
      const err = (r: ReturnType<typeof planCreateImage>): string =>
        'error' in r ? r.error : 'no error';
      assert.equal(
        err(planCreateImage(input(), { state: 'running', rootDeviceType: 'instance-store' }, [])),
        INSTANCE_STORE_EXPLANATION,
      );
      assert.match(
        err(planCreateImage(input(), { state: 'pending', rootDeviceType: 'ebs' }, [root])),
        /is pending; EC2 creates images only from running or stopped/,
      );
      assert.match(err(planCreateImage(input({ name: 'x' }), running, [root])), /at least 3/);
      assert.match(
        err(planCreateImage(input({ description: 'd'.repeat(256) }), running, [root])),
        /255/,
      );
      assert.match(
        err(planCreateImage(input({ tags: [{ key: 'aws:x', value: '' }] }), running, [root])),
        /reserved/,
      );
      assert.match(
        err(
          planCreateImage(
            input({
              tags: [
                { key: 'a', value: '1' },
                { key: 'a', value: '2' },
              ],
            }),
            running,
            [root],
          ),
        ),
        /given twice/,
      );
      assert.equal(
        err(
          planCreateImage(
            input({
              volumes: [{ deviceName: '/dev/xvda', include: false, deleteOnTermination: true }],
            }),
            running,
            [root],
          ),
        ),
        'The root volume /dev/xvda cannot be left out.',
      );
      assert.equal(
        err(
          planCreateImage(
            input({
              volumes: [{ deviceName: '/dev/sdz', include: false, deleteOnTermination: true }],
            }),
            running,
            [root],
          ),
        ),
        'The instance has no volume at /dev/sdz.',
      );
    });
  });

  it('the instance-store explanation names the bundling path and the Register action', () => {
    assert.match(INSTANCE_STORE_EXPLANATION, /ec2-bundle-vol/);
    assert.match(INSTANCE_STORE_EXPLANATION, /ec2-upload-bundle/);
    assert.match(INSTANCE_STORE_EXPLANATION, /S3/);
    assert.match(INSTANCE_STORE_EXPLANATION, /Register Image/);
  });
});
