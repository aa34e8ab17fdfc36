import assert from 'node:assert/strict';
import {
  AwsApiError,
  CancelledError,
  CredentialsError,
  InputError,
  explainAwsError,
  isCancellation,
} from '../../../../src/core/model/errors';

const ctx = { region: 'ap-east-1', action: 'DescribeImages' };

describe('core/model/errors', () => {
  describe('explainAwsError', () => {
    it('tells an opt-in region apart from bad credentials', () => {
      const optIn = explainAwsError('OptInRequired', 'You are not subscribed', ctx);
      const auth = explainAwsError('AuthFailure', 'AWS was not able to validate', ctx);
      assert.equal(
        optIn,
        'The region ap-east-1 is not enabled for this account. Enable it in the AWS account settings, or remove it from amiExplorer.regions.',
      );
      assert.equal(
        auth,
        'AWS refused the credentials in ap-east-1. If this is an opt-in region, it may not be enabled for this account; otherwise check that the access key is valid and active.',
      );
      assert.notEqual(optIn, auth);
    });

    it('phrases OptInRequired without a region', () => {
      assert.equal(
        explainAwsError('OptInRequired', undefined, {}),
        'The region is not enabled for this account. Enable it in the AWS account settings, or remove it from amiExplorer.regions.',
      );
    });

    it('names the missing permission for UnauthorizedOperation and AccessDenied', () => {
      const expected =
        'You are not allowed to call DescribeImages in ap-east-1. Ask for ec2:DescribeImages permission in your IAM policy.';
      assert.equal(explainAwsError('UnauthorizedOperation', 'x', ctx), expected);
      assert.equal(explainAwsError('AccessDenied', 'x', ctx), expected);
      assert.equal(explainAwsError('AccessDeniedException', 'x', ctx), expected);
      assert.equal(
        explainAwsError('UnauthorizedOperation', undefined, {}),
        'You are not allowed to call this action. Ask for ec2:* permission in your IAM policy.',
      );
    });

    it('explains throttling, timeouts and network failures', () => {
      const throttled =
        'EC2 is throttling requests in ap-east-1 and retries did not get through. Wait a minute and refresh.';
      assert.equal(
        explainAwsError('RequestLimitExceeded', 'Request limit exceeded.', ctx),
        throttled,
      );
      assert.equal(explainAwsError('Throttling', undefined, ctx), throttled);
      assert.equal(explainAwsError('ThrottlingException', undefined, ctx), throttled);
      assert.equal(
        explainAwsError('TimeoutError', 'socket hang up', ctx),
        'EC2 did not answer in time in ap-east-1. Check your network connection or endpoint, then refresh.',
      );
      assert.equal(
        explainAwsError('NetworkError', 'ECONNREFUSED', ctx),
        'Could not reach EC2 in ap-east-1 (ECONNREFUSED). Check your network connection, proxy or the amiExplorer.endpointUrl setting.',
      );
      assert.equal(
        explainAwsError('NetworkError', undefined, {}),
        'Could not reach EC2. Check your network connection, proxy or the amiExplorer.endpointUrl setting.',
      );
    });

    it('explains AMI and instance lookups', () => {
      assert.equal(
        explainAwsError('InvalidAMIID.NotFound', 'The image id does not exist', ctx),
        'The AMI was not found in ap-east-1. It may have been deregistered, or it belongs to another region or account.',
      );
      assert.equal(
        explainAwsError('InvalidAMIID.Malformed', 'Invalid id: "ami-1"', ctx),
        'That is not a valid AMI id: Invalid id: "ami-1"',
      );
      assert.equal(
        explainAwsError('InvalidAMIID.Malformed', undefined, ctx),
        'That is not a valid AMI id.',
      );
      assert.equal(
        explainAwsError('InvalidAMIID.Unavailable', undefined, ctx),
        'The AMI is no longer available in ap-east-1.',
      );
      assert.equal(
        explainAwsError('InvalidInstanceID.NotFound', undefined, ctx),
        'The instance was not found in ap-east-1.',
      );
    });

    it('explains server errors and credential codes', () => {
      for (const code of [
        'InternalError',
        'InternalFailure',
        'ServiceUnavailable',
        'Unavailable',
      ]) {
        assert.equal(
          explainAwsError(code, undefined, ctx),
          'EC2 had an internal error in ap-east-1 and retries did not get through. Try again in a moment.',
        );
      }
      assert.equal(
        explainAwsError('InvalidClientTokenId', undefined, ctx),
        'AWS does not recognise the access key. Check the credentials of the active profile.',
      );
      assert.equal(
        explainAwsError('ExpiredToken', undefined, ctx),
        'The credentials have expired. Refresh them (for SSO: aws sso login) and try again.',
      );
      assert.equal(
        explainAwsError('RequestExpired', undefined, ctx),
        'The credentials have expired. Refresh them (for SSO: aws sso login) and try again.',
      );
    });

    it('falls back to the code and EC2 message for unknown codes', () => {
      assert.equal(
        explainAwsError('InvalidParameterValue', 'Bad value for X', ctx),
        'EC2 returned InvalidParameterValue in ap-east-1: Bad value for X',
      );
      assert.equal(explainAwsError('Weird', '', {}), 'EC2 returned Weird.');
      assert.equal(
        explainAwsError('Weird', undefined, { region: 'us-east-1' }),
        'EC2 returned Weird in us-east-1.',
      );
    });
  });

  describe('isCancellation', () => {
    it('is true for ours and for AbortSignal errors', () => {
      assert.equal(isCancellation(new CancelledError()), true);
      const controller = new AbortController();
      controller.abort();
      let abortError: unknown;
      try {
        controller.signal.throwIfAborted();
      } catch (error) {
        abortError = error;
      }
      assert.equal(isCancellation(abortError), true);
      const named = new Error('x');
      named.name = 'AbortError';
      assert.equal(isCancellation(named), true);
    });

    it('is false for other errors and non-errors', () => {
      assert.equal(isCancellation(new Error('AbortError')), false);
      assert.equal(isCancellation(new InputError('bad')), false);
      assert.equal(isCancellation({ name: 'AbortError' }), false);
      assert.equal(isCancellation('AbortError'), false);
      assert.equal(isCancellation(undefined), false);
    });
  });

  describe('error classes', () => {
    it('carry their name, fields and cause', () => {
      const cause = new Error('root');
      const api = new AwsApiError(
        'AuthFailure',
        'plain',
        { region: 'us-east-1' },
        { requestId: 'r1' },
        { cause },
      );
      assert.equal(api.name, 'AwsApiError');
      assert.equal(api.code, 'AuthFailure');
      assert.equal(api.message, 'plain');
      assert.deepEqual(api.context, { region: 'us-east-1' });
      assert.deepEqual(api.details, { requestId: 'r1' });
      assert.equal(api.cause, cause);
      assert.ok(api instanceof Error);

      const creds = new CredentialsError('sso-expired', 'login', 'dev');
      assert.equal(creds.name, 'CredentialsError');
      assert.equal(creds.problem, 'sso-expired');
      assert.equal(creds.profile, 'dev');

      assert.equal(new InputError('x').name, 'InputError');
      const cancelled = new CancelledError();
      assert.equal(cancelled.name, 'CancelledError');
      assert.equal(cancelled.message, 'Cancelled');
    });
  });
});

describe('core/model/errors identity', () => {
  it('is plain class identity: an Error that only carries the name is not a typed error', () => {
    const lookalike = Object.assign(new Error('refused'), { name: 'AwsApiError' });
    assert.ok(!(lookalike instanceof AwsApiError));
    assert.ok(new InputError('bad') instanceof InputError);
    assert.ok(!(new InputError('bad') instanceof CredentialsError));
    assert.ok(new CancelledError() instanceof CancelledError);
  });
});
