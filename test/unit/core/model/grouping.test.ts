import assert from 'node:assert/strict';
import {
  backingGroupLabel,
  groupByBackingType,
  sortImages,
} from '../../../../src/core/model/grouping';
import { makeAmi } from '../../helpers/fixtures';

const ids = (images: readonly { imageId: string }[]): string[] => images.map((i) => i.imageId);

describe('core/model/grouping', () => {
  describe('groupByBackingType', () => {
    it('puts EBS-backed before instance store-backed and leaves out empty groups', () => {
      const images = [
        makeAmi({ imageId: 'ami-00000001', rootDeviceType: 'instance-store' }),
        makeAmi({ imageId: 'ami-00000002', rootDeviceType: 'ebs' }),
        makeAmi({ imageId: 'ami-00000003', rootDeviceType: 'instance-store' }),
      ];
      const groups = groupByBackingType(images, 'newest');
      assert.deepEqual(
        groups.map((g) => [g.backingType, ids(g.images)]),
        [
          ['ebs', ['ami-00000002']],
          ['instance-store', ['ami-00000001', 'ami-00000003']],
        ],
      );
    });

    it('returns no group at all for no images, and only the non-empty group otherwise', () => {
      assert.deepEqual(groupByBackingType([], 'name'), []);
      const onlyStore = groupByBackingType(
        [makeAmi({ imageId: 'ami-00000001', rootDeviceType: 'instance-store' })],
        'name',
      );
      assert.deepEqual(
        onlyStore.map((g) => g.backingType),
        ['instance-store'],
      );
    });

    it('sorts each group by the requested order', () => {
      const images = [
        makeAmi({ imageId: 'ami-0000000a', name: 'b', creationDate: '2024-01-01T00:00:00.000Z' }),
        makeAmi({ imageId: 'ami-0000000b', name: 'a', creationDate: '2023-01-01T00:00:00.000Z' }),
      ];
      assert.deepEqual(ids(groupByBackingType(images, 'newest')[0]?.images ?? []), [
        'ami-0000000a',
        'ami-0000000b',
      ]);
      assert.deepEqual(ids(groupByBackingType(images, 'name')[0]?.images ?? []), [
        'ami-0000000b',
        'ami-0000000a',
      ]);
    });
  });

  describe('sortImages newest first', () => {
    it('orders by creation date descending', () => {
      const sorted = sortImages(
        [
          makeAmi({ imageId: 'ami-00000001', creationDate: '2023-05-01T10:00:00.000Z' }),
          makeAmi({ imageId: 'ami-00000002', creationDate: '2024-05-01T10:00:00.000Z' }),
          makeAmi({ imageId: 'ami-00000003', creationDate: '2023-05-01T10:00:01.000Z' }),
        ],
        'newest',
      );
      assert.deepEqual(ids(sorted), ['ami-00000002', 'ami-00000003', 'ami-00000001']);
    });

    it('breaks ties on the same date by image id, whatever the input order', () => {
      const date = '2024-01-01T00:00:00.000Z';
      const a = makeAmi({ imageId: 'ami-0000000a', creationDate: date });
      const b = makeAmi({ imageId: 'ami-0000000b', creationDate: date });
      const c = makeAmi({ imageId: 'ami-0000000c', creationDate: date });
      assert.deepEqual(ids(sortImages([c, a, b], 'newest')), [
        'ami-0000000a',
        'ami-0000000b',
        'ami-0000000c',
      ]);
      assert.deepEqual(ids(sortImages([b, c, a], 'newest')), [
        'ami-0000000a',
        'ami-0000000b',
        'ami-0000000c',
      ]);
    });

    it('puts images without a (valid) creation date last, ordered by id', () => {
      const sorted = sortImages(
        [
          makeAmi({ imageId: 'ami-0000000f' }),
          makeAmi({ imageId: 'ami-0000000e', creationDate: 'not a date' }),
          makeAmi({ imageId: 'ami-0000000d', creationDate: '2020-01-01T00:00:00.000Z' }),
          makeAmi({ imageId: 'ami-0000000c' }),
        ],
        'newest',
      );
      assert.deepEqual(ids(sorted), [
        'ami-0000000d',
        'ami-0000000c',
        'ami-0000000e',
        'ami-0000000f',
      ]);
    });

    it('returns a copy and leaves the input untouched', () => {
      const input = [
        makeAmi({ imageId: 'ami-00000001', creationDate: '2020-01-01T00:00:00.000Z' }),
        makeAmi({ imageId: 'ami-00000002', creationDate: '2021-01-01T00:00:00.000Z' }),
      ];
      const sorted = sortImages(input, 'newest');
      assert.notEqual(sorted, input);
      assert.deepEqual(ids(input), ['ami-00000001', 'ami-00000002']);
      assert.deepEqual(ids(sorted), ['ami-00000002', 'ami-00000001']);
    });
  });

  describe('sortImages by name', () => {
    it('uses natural order for numbers inside names', () => {
      const sorted = sortImages(
        [
          makeAmi({ imageId: 'ami-00000001', name: 'build-10' }),
          makeAmi({ imageId: 'ami-00000002', name: 'build-9' }),
          makeAmi({ imageId: 'ami-00000003', name: 'build-100' }),
          makeAmi({ imageId: 'ami-00000004', name: 'build-2' }),
        ],
        'name',
      );
      assert.deepEqual(
        sorted.map((i) => i.name),
        ['build-2', 'build-9', 'build-10', 'build-100'],
      );
    });

    it('ignores case, and breaks equal names by id', () => {
      const sorted = sortImages(
        [
          makeAmi({ imageId: 'ami-0000000c', name: 'Beta' }),
          makeAmi({ imageId: 'ami-0000000b', name: 'alpha' }),
          makeAmi({ imageId: 'ami-0000000a', name: 'beta' }),
        ],
        'name',
      );
      assert.deepEqual(ids(sorted), ['ami-0000000b', 'ami-0000000a', 'ami-0000000c']);
    });

    it('sorts unnamed images by their id, as they are displayed', () => {
      const sorted = sortImages(
        [
          makeAmi({ imageId: 'ami-0000000c', name: 'zeta' }),
          makeAmi({ imageId: 'ami-0000000b' }),
          makeAmi({ imageId: 'ami-0000000a', name: '' }),
        ],
        'name',
      );
      assert.deepEqual(ids(sorted), ['ami-0000000a', 'ami-0000000b', 'ami-0000000c']);
    });
  });

  it('labels the backing groups', () => {
    assert.equal(backingGroupLabel('ebs'), 'EBS-backed');
    assert.equal(backingGroupLabel('instance-store'), 'Instance store-backed');
  });
});
