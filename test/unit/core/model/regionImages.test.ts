import assert from 'node:assert/strict';
import type { Ami } from '../../../../src/core/model/ami';
import type { ImageSortOrder } from '../../../../src/core/model/grouping';
import { compareImages, groupByBackingType } from '../../../../src/core/model/grouping';
import { RegionImages } from '../../../../src/core/model/regionImages';
import { makeAmi } from '../../helpers/fixtures';

/** `n` AMIs with distinct dates and names, one in five instance store-backed; shuffled by `seed`. */
function estate(n: number, seed: number): Ami[] {
  const images = Array.from({ length: n }, (_, i) =>
    makeAmi({
      imageId: `ami-${String(i).padStart(8, '0')}`,
      name: `image-${String((i * 7919) % n).padStart(5, '0')}`,
      creationDate: new Date(Date.UTC(2020, 0, 1) + ((i * 104729) % n) * 3_600_000).toISOString(),
      rootDeviceType: i % 5 === 4 ? 'instance-store' : 'ebs',
    }),
  );
  // A small linear congruential shuffle: deterministic, and EC2's page order is no order at all.
  let state = seed;
  for (let i = images.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [images[i], images[j]] = [images[j], images[i]];
  }
  return images;
}

function pagesOf(images: readonly Ami[], size: number): Ami[][] {
  const pages: Ami[][] = [];
  for (let i = 0; i < images.length; i += size) pages.push(images.slice(i, i + size));
  return pages;
}

/** What the view shows: each group with its ids in order. */
function shown(listing: RegionImages): [string, string[]][] {
  return listing.groups().map((g) => [g.backingType, g.images.map((i) => i.imageId)]);
}

/** What the view showed before loading in pages: everything grouped and sorted at once. */
function expected(images: readonly Ami[], order: ImageSortOrder): [string, string[]][] {
  return groupByBackingType(images, order).map((g) => [
    g.backingType,
    g.images.map((i) => i.imageId),
  ]);
}

describe('core/model/regionImages', () => {
  for (const order of ['newest', 'name'] as const) {
    it(`ends, once sorted, exactly as sorting all AMIs at once (${order})`, () => {
      const images = estate(2500, 7);
      const listing = new RegionImages(order);
      for (const page of pagesOf(images, 1000)) listing.addPage(page);
      listing.finish();
      listing.sort();
      assert.equal(listing.isSorted, true);
      assert.equal(listing.size, 2500);
      assert.deepEqual(shown(listing), expected(images, order));
    });
  }

  it('is sorted from the start when everything came in one page', () => {
    const images = estate(40, 3);
    const listing = new RegionImages('newest');
    listing.addPage(images);
    assert.equal(listing.isSorted, true);
    assert.deepEqual(shown(listing), expected(images, 'newest'));
  });

  it('never moves a row while pages arrive: each page is sorted and added after the rows there', () => {
    const [first = [], second = [], third = []] = pagesOf(estate(30, 11), 10);
    const listing = new RegionImages('newest');
    listing.addPage(first);
    const before = shown(listing);
    listing.addPage(second);
    listing.addPage(third);
    assert.equal(listing.isSorted, false);
    for (const [type, ids] of shown(listing)) {
      const earlier = before.find(([t]) => t === type)?.[1] ?? [];
      assert.deepEqual(ids.slice(0, earlier.length), earlier, `${type}: the first rows stay`);
      const fromSecond = new Set(second.map((i) => i.imageId));
      const added = ids.filter((id) => fromSecond.has(id));
      assert.deepEqual(
        added,
        expected(second, 'newest').find(([t]) => t === type)?.[1] ?? [],
        'a page is sorted within itself',
      );
    }
  });

  it('puts a group that first appears on a later page after the others until sorted', () => {
    const store = makeAmi({ imageId: 'ami-00000001', rootDeviceType: 'instance-store' });
    const ebs = makeAmi({ imageId: 'ami-00000002', rootDeviceType: 'ebs' });
    const listing = new RegionImages('newest');
    listing.addPage([store]);
    listing.addPage([ebs]);
    assert.deepEqual(
      listing.groups().map((g) => g.backingType),
      ['instance-store', 'ebs'],
    );
    assert.equal(listing.isSorted, false);
    listing.finish();
    listing.sort();
    assert.deepEqual(
      listing.groups().map((g) => g.backingType),
      ['ebs', 'instance-store'],
    );
  });

  it('keeps one row per AMI when EC2 lists one twice, with the later record', () => {
    const listing = new RegionImages('newest');
    const a = makeAmi({ imageId: 'ami-00000001', state: 'pending' });
    listing.addPage([a, makeAmi({ imageId: 'ami-00000002' })]);
    listing.addPage([{ ...a, state: 'available' }]);
    assert.equal(listing.size, 2);
    assert.deepEqual(
      listing.imagesOf('ebs').map((i) => [i.imageId, i.state]),
      [
        ['ami-00000001', 'available'],
        ['ami-00000002', 'available'],
      ],
    );
  });

  describe('changes while pages arrive', () => {
    it('a change the user made wins over a later page that still has the old record', () => {
      const listing = new RegionImages('newest');
      const a = makeAmi({ imageId: 'ami-00000001', description: 'old' });
      listing.addPage([a]);
      assert.equal(listing.replace({ ...a, description: 'new' }), true);
      listing.addPage([{ ...a, description: 'old' }]);
      assert.equal(listing.get('ami-00000001')?.description, 'new');
    });

    it('a removed AMI does not come back with a later page', () => {
      const listing = new RegionImages('newest');
      listing.addPage([makeAmi({ imageId: 'ami-00000001' })]);
      assert.equal(listing.remove(['ami-00000002']), false, 'not listed yet');
      listing.addPage([makeAmi({ imageId: 'ami-00000002' }), makeAmi({ imageId: 'ami-00000003' })]);
      assert.equal(listing.get('ami-00000002'), undefined);
      assert.equal(listing.size, 2);
    });

    it('after the last page, a listing is a listing again (nothing is kept from pages)', () => {
      const listing = new RegionImages('newest');
      listing.addPage([makeAmi({ imageId: 'ami-00000001' })]);
      listing.remove(['ami-00000001']);
      listing.finish();
      assert.equal(listing.isComplete, true);
      listing.upsert(makeAmi({ imageId: 'ami-00000001' }));
      assert.equal(listing.size, 1);
    });

    it('a new AMI goes on top of its group while the rows are not sorted', () => {
      const listing = new RegionImages('newest');
      const [first = [], second = []] = pagesOf(estate(20, 5), 10);
      listing.addPage(first);
      listing.addPage(second);
      const fresh = makeAmi({ imageId: 'ami-99999999', creationDate: '2019-01-01T00:00:00.000Z' });
      listing.upsert(fresh);
      assert.equal(listing.imagesOf('ebs')[0], fresh);
    });

    it('a change EC2 reports for an AMI no page has brought yet moves no row shown: it goes last', () => {
      const listing = new RegionImages('newest');
      const [first = []] = pagesOf(estate(20, 5), 10);
      listing.addPage(first);
      const before = shown(listing);
      const changed = makeAmi({ imageId: 'ami-99999998' });
      listing.upsert(changed, 'changed');
      const after = shown(listing);
      const [group, ids] = after.find(([g]) => g === 'ebs') ?? ['', []];
      assert.equal(group, 'ebs');
      assert.equal(ids.at(-1), 'ami-99999998');
      assert.deepEqual(
        after.map(([g, rows]) => [g, rows.filter((id) => id !== 'ami-99999998')]),
        before,
      );
    });
  });

  it('puts a new AMI where it belongs in a sorted region, and drops a group left empty', () => {
    const images = estate(50, 9);
    const listing = new RegionImages('newest');
    listing.addPage(images);
    listing.finish();
    const fresh = makeAmi({
      imageId: 'ami-99999999',
      rootDeviceType: 'instance-store',
      creationDate: '2020-01-01T12:30:00.000Z',
    });
    listing.upsert(fresh);
    assert.deepEqual(shown(listing), expected([...images, fresh], 'newest'));
    const rows = listing.imagesOf('instance-store');
    for (let i = 1; i < rows.length; i++) {
      assert.ok(compareImages(rows[i - 1], rows[i], 'newest') < 0);
    }
    assert.equal(listing.remove(rows.map((i) => i.imageId)), true);
    assert.deepEqual(
      listing.groups().map((g) => g.backingType),
      ['ebs'],
    );
  });

  it('keeps a replaced record in its place', () => {
    const images = estate(10, 2);
    const listing = new RegionImages('name');
    listing.addPage(images);
    const before = shown(listing);
    const target = listing.imagesOf('ebs')[3];
    listing.replace({ ...target, tags: [{ key: 'team', value: 'web' }] });
    assert.deepEqual(shown(listing), before);
    assert.deepEqual(listing.imagesOf('ebs')[3]?.tags, [{ key: 'team', value: 'web' }]);
  });
});
