import assert from 'node:assert/strict';
import {
  applyTagChanges,
  describeTagChanges,
  diffTags,
  formatTag,
  isEmptyTagChange,
  snapshotIdsOf,
  tagRequests,
  validateTagChanges,
} from '../../../../src/core/model/tagChanges';
import { makeAmi } from '../../helpers/fixtures';

const t = (key: string, value: string) => ({ key, value });

describe('core/model/tagChanges', () => {
  describe('diffTags', () => {
    it('sets new and changed tags, removes missing keys, leaves equal ones alone', () => {
      const changes = diffTags(
        [t('Name', 'web'), t('env', 'prod'), t('temp', '1')],
        [t('Name', 'web'), t('env', 'staging'), t('owner', 'ops')],
      );
      assert.deepEqual(changes, {
        set: [t('env', 'staging'), t('owner', 'ops')],
        remove: ['temp'],
      });
    });

    it('is empty when nothing changes', () => {
      assert.equal(isEmptyTagChange(diffTags([t('a', '1')], [t('a', '1')])), true);
    });

    it('treats an empty value as a value, not as removal', () => {
      assert.deepEqual(diffTags([t('a', '1')], [t('a', '')]), { set: [t('a', '')], remove: [] });
    });
  });

  describe('applyTagChanges', () => {
    it('keeps order, overwrites in place and appends new keys', () => {
      assert.deepEqual(
        applyTagChanges([t('a', '1'), t('b', '2'), t('c', '3')], {
          set: [t('b', 'two'), t('d', '4')],
          remove: ['a'],
        }),
        [t('b', 'two'), t('c', '3'), t('d', '4')],
      );
    });
  });

  describe('validateTagChanges', () => {
    it('accepts a valid change', () => {
      assert.equal(validateTagChanges([], { set: [t('owner', 'ops')], remove: [] }), undefined);
    });

    it('refuses the reserved aws: prefix, empty and long keys, long values', () => {
      assert.match(
        validateTagChanges([], { set: [t('aws:createdBy', 'x')], remove: [] }) ?? '',
        /reserved/,
      );
      assert.match(
        validateTagChanges([], { set: [t('AWS:x', 'x')], remove: [] }) ?? '',
        /reserved/,
      );
      assert.match(validateTagChanges([], { set: [t('', 'x')], remove: [] }) ?? '', /empty/);
      assert.match(
        validateTagChanges([], { set: [t('k'.repeat(129), 'x')], remove: [] }) ?? '',
        /128/,
      );
      assert.match(
        validateTagChanges([], { set: [t('k', 'v'.repeat(257))], remove: [] }) ?? '',
        /256/,
      );
      assert.equal(
        validateTagChanges([], { set: [t('k', 'v'.repeat(256))], remove: [] }),
        undefined,
      );
    });

    it('refuses a key set twice or both set and removed, and surrounding spaces', () => {
      assert.match(
        validateTagChanges([], { set: [t('a', '1'), t('a', '2')], remove: [] }) ?? '',
        /twice/,
      );
      assert.match(validateTagChanges([], { set: [t('a', '1')], remove: ['a'] }) ?? '', /both/);
      assert.match(validateTagChanges([], { set: [t(' a', '1')], remove: [] }) ?? '', /spaces/);
    });

    it('measures in characters (an emoji is one) and quotes keys safely', () => {
      assert.equal(
        validateTagChanges([], { set: [t('🚀'.repeat(128), '😀'.repeat(256))], remove: [] }),
        undefined,
      );
      assert.equal(
        validateTagChanges([], { set: [t('a\u001b', '1'), t('a\u001b', '2')], remove: [] }),
        'The tag key "a\\x1B" is set twice.',
      );
    });

    it('refuses more than 50 tags once applied, counting what is removed', () => {
      const current = Array.from({ length: 50 }, (_, i) => t(`k${i}`, 'v'));
      assert.match(
        validateTagChanges(current, { set: [t('new', 'v')], remove: [] }) ?? '',
        /at most 50 tags.*51/,
      );
      assert.equal(
        validateTagChanges(current, { set: [t('new', 'v')], remove: ['k0'] }),
        undefined,
      );
      assert.equal(
        validateTagChanges(current, { set: [t('k1', 'changed')], remove: [] }),
        undefined,
      );
    });
  });

  describe('snapshotIdsOf', () => {
    it('lists each EBS snapshot once, skipping ephemeral devices', () => {
      const ami = makeAmi({
        imageId: 'ami-12345678',
        blockDevices: [
          { deviceName: '/dev/xvda', ebs: { snapshotId: 'snap-1' } },
          { deviceName: '/dev/sdb', virtualName: 'ephemeral0' },
          { deviceName: '/dev/sdc', ebs: { snapshotId: 'snap-2' } },
          { deviceName: '/dev/sdd', ebs: { snapshotId: 'snap-1' } },
          { deviceName: '/dev/sde', ebs: {} },
        ],
      });
      assert.deepEqual(snapshotIdsOf(ami), ['snap-1', 'snap-2']);
    });
  });

  describe('tagRequests', () => {
    it('makes one CreateTags and one DeleteTags over all resources', () => {
      assert.deepEqual(
        tagRequests({ set: [t('owner', 'ops'), t('env', '')], remove: ['temp', 'old'] }, [
          'ami-12345678',
          'snap-1',
        ]),
        {
          createTags: {
            Resources: ['ami-12345678', 'snap-1'],
            Tags: [
              { Key: 'owner', Value: 'ops' },
              { Key: 'env', Value: '' },
            ],
          },
          deleteTags: {
            Resources: ['ami-12345678', 'snap-1'],
            Tags: [{ Key: 'temp' }, { Key: 'old' }],
          },
        },
      );
    });

    it('never makes a DeleteTags without keys (it would remove every tag)', () => {
      assert.deepEqual(tagRequests({ set: [t('a', '1')], remove: [] }, ['ami-12345678']), {
        createTags: { Resources: ['ami-12345678'], Tags: [{ Key: 'a', Value: '1' }] },
      });
      assert.deepEqual(tagRequests({ set: [], remove: [] }, ['ami-12345678']), {});
      assert.deepEqual(tagRequests({ set: [t('a', '1')], remove: ['b'] }, []), {});
    });
  });

  it('formats tags and changes for people', () => {
    assert.equal(formatTag(t('env', 'prod')), 'env = prod');
    assert.equal(formatTag(t('flag', '')), 'flag');
    assert.equal(
      describeTagChanges({ set: [t('a', '1'), t('b', '2')], remove: ['c'] }),
      'set a=1, b=2; removed c',
    );
    assert.equal(describeTagChanges({ set: [], remove: [] }), 'no change');
  });
});
