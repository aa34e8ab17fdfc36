import assert from 'node:assert/strict';
import type { ImageEvent } from '../../../../src/core/services/imageEvents';
import { eventImageId, eventRegion, ImageEvents } from '../../../../src/core/services/imageEvents';
import { makeAmi } from '../../helpers/fixtures';

describe('core/services/imageEvents', () => {
  it('delivers each event to every subscriber in order, until it unsubscribes', () => {
    const events = new ImageEvents();
    const seen: string[] = [];
    const a = events.subscribe((e) => seen.push(`a:${e.kind}`));
    events.subscribe((e) => seen.push(`b:${e.kind}`));
    events.publish({ kind: 'gone', region: 'us-east-1', imageId: 'ami-1' });
    a.dispose();
    events.publish({ kind: 'touched', region: 'us-east-1', imageId: 'ami-1' });
    assert.deepEqual(seen, ['a:gone', 'b:gone', 'b:touched']);
  });

  it('a subscriber that throws does not keep the others from hearing about the change', () => {
    const errors: unknown[] = [];
    const events = new ImageEvents((error) => errors.push(error));
    const seen: string[] = [];
    events.subscribe(() => {
      throw new Error('broken view');
    });
    events.subscribe((e) => seen.push(eventImageId(e)));
    events.publish({ kind: 'changed', image: makeAmi({ imageId: 'ami-2' }) });
    assert.deepEqual(seen, ['ami-2']);
    assert.equal(errors.length, 1);
  });

  it('tells where an event happened, with or without a record', () => {
    const withRecord: ImageEvent = {
      kind: 'appeared',
      image: makeAmi({ imageId: 'ami-3', region: 'eu-west-1' }),
    };
    const without: ImageEvent = { kind: 'gone', region: 'ap-southeast-2', imageId: 'ami-4' };
    assert.deepEqual(
      [withRecord, without].map((e) => [eventRegion(e), eventImageId(e)]),
      [
        ['eu-west-1', 'ami-3'],
        ['ap-southeast-2', 'ami-4'],
      ],
    );
  });
});
