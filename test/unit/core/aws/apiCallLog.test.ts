import assert from 'node:assert/strict';
import { formatApiCall } from '../../../../src/core/aws/apiCallLog';

describe('core/aws/apiCallLog formatApiCall', () => {
  it('formats a successful call on one line with rounded duration and request id', () => {
    assert.equal(
      formatApiCall({
        action: 'DescribeImages',
        region: 'us-east-1',
        durationMs: 123.6,
        outcome: 'ok',
        requestId: 'req-1',
        attempts: 1,
        httpStatus: 200,
      }),
      'DescribeImages region=us-east-1 124ms ok requestId=req-1',
    );
  });

  it('shows attempts when retried, and the status only for failures', () => {
    assert.equal(
      formatApiCall({
        action: 'DescribeImages',
        region: 'eu-west-1',
        durationMs: 2000.4,
        outcome: 'ok',
        attempts: 3,
        httpStatus: 200,
      }),
      'DescribeImages region=eu-west-1 2000ms ok attempts=3',
    );
    assert.equal(
      formatApiCall({
        action: 'DescribeRegions',
        region: 'eu-west-1',
        durationMs: 10,
        outcome: 'RequestLimitExceeded',
        attempts: 3,
        httpStatus: 503,
        requestId: 'r1',
      }),
      'DescribeRegions region=eu-west-1 10ms RequestLimitExceeded attempts=3 status=503 requestId=r1',
    );
  });

  it('leaves out what it does not know', () => {
    assert.equal(
      formatApiCall({
        action: 'DescribeInstances',
        region: 'sa-east-1',
        durationMs: 0.4,
        outcome: 'TimeoutError',
      }),
      'DescribeInstances region=sa-east-1 0ms TimeoutError',
    );
  });
});
