import assert from 'node:assert/strict';
import { instanceDisplayName } from '../../../../src/core/model/instance';

describe('core/model/instance', () => {
  it('instanceDisplayName uses the Name tag, or the id when there is none', () => {
    assert.equal(instanceDisplayName({ instanceId: 'i-12345678', name: 'web-1' }), 'web-1');
    assert.equal(instanceDisplayName({ instanceId: 'i-12345678', name: '' }), 'i-12345678');
    assert.equal(instanceDisplayName({ instanceId: 'i-12345678' }), 'i-12345678');
  });
});
