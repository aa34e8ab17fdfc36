import assert from 'node:assert/strict';
import {
  AwsApiError,
  CancelledError,
  CredentialsError,
  InputError,
} from '../../../../src/core/model/errors';
import { errorSentence } from '../../../../src/core/model/errorSentence';

describe('core/model/errorSentence', () => {
  it('shows the plain sentence of typed errors as they are', () => {
    assert.equal(
      errorSentence(
        new AwsApiError('InvalidAMIID.NotFound', 'The AMI ami-1 was not found.', {}, {}),
      ),
      'The AMI ami-1 was not found.',
    );
    assert.equal(errorSentence(new InputError('Enter a name.')), 'Enter a name.');
    assert.equal(
      errorSentence(new CredentialsError('missing', 'No AWS credentials were found.')),
      'No AWS credentials were found.',
    );
    assert.equal(errorSentence(new CancelledError()), 'Cancelled.');
  });

  it('never shows markup or the SDK’s deserialization internals', () => {
    const sdk = new Error(
      '@aws-sdk XML parse error: mismatched tags <html> and </title>. Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
    );
    const sentence = errorSentence(sdk);
    assert.doesNotMatch(sentence, /<|Deserialization|\$response/);
    assert.match(sentence, /not one AMI Explorer could read/);
    assert.doesNotMatch(errorSentence(new Error('<!DOCTYPE html><title>502</title>')), /</);
  });

  it('keeps other errors to one short, printable line', () => {
    assert.equal(
      errorSentence(new Error('line one\nline\u0007two')),
      'Unexpected error: line one line two',
    );
    assert.equal(errorSentence('plain'), 'Unexpected error: plain');
    const long = errorSentence(new Error('x'.repeat(1000)));
    assert.ok(long.length < 330, `${long.length}`);
    assert.ok(long.endsWith('…'));
    assert.equal(
      errorSentence(new AwsApiError('X', 'two\nlines', {}, {})),
      'two lines',
      'typed errors are cleaned too',
    );
  });
});
