import assert from 'node:assert/strict';
import {
  blocksDeregistration,
  describeProtection,
  parseProtection,
} from '../../../../src/core/model/deregistrationProtection';

describe('core/model/deregistrationProtection', () => {
  it('parses what DescribeImages reports', () => {
    assert.deepEqual(parseProtection(undefined), { kind: 'disabled' });
    assert.deepEqual(parseProtection('disabled'), { kind: 'disabled' });
    assert.deepEqual(parseProtection('enabled-with-cooldown'), { kind: 'enabled', cooldown: true });
    assert.deepEqual(parseProtection('enabled-without-cooldown'), {
      kind: 'enabled',
      cooldown: false,
    });
    assert.deepEqual(parseProtection('enabled'), { kind: 'enabled', cooldown: false });
    assert.deepEqual(parseProtection('disabled-until-2025-03-11T12:00:00Z'), {
      kind: 'cooldown',
      until: '2025-03-11T12:00:00Z',
    });
  });

  it('knows when EC2 refuses to deregister', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    assert.equal(blocksDeregistration({ kind: 'enabled', cooldown: false }, now), true);
    assert.equal(
      blocksDeregistration({ kind: 'cooldown', until: '2025-03-11T12:00:00Z' }, now),
      true,
    );
    assert.equal(
      blocksDeregistration({ kind: 'cooldown', until: '2025-03-09T12:00:00Z' }, now),
      false,
    );
    assert.equal(blocksDeregistration({ kind: 'disabled' }, now), false);
  });

  it('says until when the cooldown protects', () => {
    assert.match(
      describeProtection({ kind: 'cooldown', until: '2025-03-11T12:00:00Z' }),
      /protected until 2025-03-11T12:00:00Z/,
    );
  });
});
