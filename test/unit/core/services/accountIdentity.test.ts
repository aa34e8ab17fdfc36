import assert from 'node:assert/strict';
import { AccountIdentity } from '../../../../src/core/services/accountIdentity';

describe('core/services/accountIdentity', () => {
  it('knows nothing until told', () => {
    assert.equal(new AccountIdentity().get(), undefined);
  });

  it('keeps a 12-digit account id and ignores anything else', () => {
    const identity = new AccountIdentity();
    identity.learn('111111111111');
    identity.learn(undefined);
    identity.learn('amazon');
    identity.learn('1234');
    assert.equal(identity.get(), '111111111111');
  });

  it('forgets on reset (another profile may be another account)', () => {
    const identity = new AccountIdentity();
    identity.learn('111111111111');
    identity.reset();
    assert.equal(identity.get(), undefined);
  });
});
