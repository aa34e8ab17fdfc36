import assert from 'node:assert/strict';
import {
  attemptMayHaveApplied,
  noteEarlierAttempts,
  provenNotApplied,
  requestMayHaveApplied,
} from '../../../../src/core/aws/requestOutcome';
import { ec2Error } from '../../helpers/ec2Mock';

const named = (name: string, extra: object = {}) => Object.assign(new Error(name), { name }, extra);

describe('core/aws/requestOutcome', () => {
  it('throttling, a connection never made and missing credentials prove nothing was applied', () => {
    assert.equal(
      provenNotApplied(ec2Error('RequestLimitExceeded', 'slow down', { httpStatusCode: 503 })),
      true,
    );
    assert.equal(provenNotApplied(named('Error', { code: 'ECONNREFUSED' })), true);
    assert.equal(provenNotApplied(named('Error', { code: 'ENOTFOUND' })), true);
    assert.equal(provenNotApplied(named('CredentialsProviderError')), true);
    assert.equal(provenNotApplied(named('Error', { code: 'ECONNRESET' })), false);
    assert.equal(provenNotApplied(named('TimeoutError')), false);
  });

  it('an attempt may have been applied unless EC2 answered a refusal (4xx) or it is proven not applied', () => {
    assert.equal(attemptMayHaveApplied(ec2Error('InvalidAMIName.Duplicate', 'taken')), false);
    assert.equal(
      attemptMayHaveApplied(ec2Error('InternalError', 'boom', { httpStatusCode: 500 })),
      true,
    );
    assert.equal(attemptMayHaveApplied(named('TimeoutError')), true);
    assert.equal(attemptMayHaveApplied(named('AbortError')), true);
    assert.equal(attemptMayHaveApplied(named('Error', { code: 'ECONNRESET' })), true);
    assert.equal(attemptMayHaveApplied(new Error('Deserialization error')), true);
  });

  it('after retries, the final answer may be the consequence of an earlier attempt: the retry strategy’s note decides', () => {
    const duplicate = () => {
      const e = ec2Error('InvalidAMIName.Duplicate', 'taken');
      e.$metadata.attempts = 2;
      return e;
    };
    const afterLost = duplicate();
    noteEarlierAttempts(afterLost, true);
    assert.equal(requestMayHaveApplied(afterLost), true);
    const afterThrottled = duplicate();
    noteEarlierAttempts(afterThrottled, false);
    assert.equal(requestMayHaveApplied(afterThrottled), false);
    // Without a note (no retry strategy saw it), a retried request counts as open.
    assert.equal(requestMayHaveApplied(duplicate()), true);
    assert.equal(requestMayHaveApplied(named('CredentialsProviderError')), false);
  });
});
