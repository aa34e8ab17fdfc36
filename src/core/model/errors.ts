import * as l10n from '@vscode/l10n';
/** Where an AWS call was made, for messages and the log. */
export interface CallContext {
  region?: string;
  action?: string;
  profile?: string;
}

/** Why credentials could not be used. */
export type CredentialsProblem = 'missing' | 'sso-expired' | 'invalid' | 'profile-not-found';

/**
 * No usable credentials. The view shows welcome content for it instead of a message per region.
 */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  constructor(
    readonly problem: CredentialsProblem,
    message: string,
    readonly profile?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** An error EC2 (or the SDK on its behalf) returned, with EC2's code and request id. */
export class AwsApiError extends Error {
  override readonly name = 'AwsApiError';
  constructor(
    /** EC2's error code, e.g. `InvalidAMIID.NotFound`, or the SDK's error name. */
    readonly code: string,
    /** The plain sentence shown to the user. */
    message: string,
    readonly context: CallContext,
    readonly details: {
      awsMessage?: string;
      requestId?: string;
      httpStatus?: number;
      retryable?: boolean;
      /**
       * For the log only, never shown: what the SDK said about an answer it could not read, with an
       * excerpt of that answer (secrets redacted).
       */
      diagnostic?: string;
    },
    options?: { cause?: unknown; outcomeUnknown?: boolean },
  ) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    this.outcomeUnknown = options?.outcomeUnknown === true;
  }

  /**
   * Set by the EC2 layer on a mutating request whose failure does not prove it was not applied (a
   * lost or late answer, a server error, a retry after such an attempt): see `outcomeUnknown()`.
   */
  readonly outcomeUnknown: boolean;
}

/** The user's input is not valid; nothing was sent to AWS. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** The operation was cancelled by the user; never shown as an error. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  /**
   * Set by the EC2 layer when the cancel came while a mutating request was under way: EC2 may have
   * received and applied it (see `outcomeUnknown()`).
   */
  readonly outcomeUnknown: boolean;
  constructor(options?: { outcomeUnknown?: boolean }) {
    super('Cancelled');
    this.outcomeUnknown = options?.outcomeUnknown === true;
  }
}

/**
 * A mutating request whose outcome neither EC2's answer nor a re-read could establish; the message
 * says what is known and what to check.
 */
export class OutcomeUnknownError extends Error {
  override readonly name = 'OutcomeUnknownError';
}

/**
 * Whether a failed mutating request may have been applied by EC2 all the same: its answer was lost
 * or late, EC2 failed on its side, the SDK retried after such an attempt (so the final answer, say
 * `InvalidAMIID.NotFound`, may be the consequence of an earlier attempt), or the user cancelled while
 * it was under way. Only re-reading EC2 tells what is true. An error EC2 answered on the only
 * attempt, or a cancel before the request was sent, is not unknown: nothing was applied.
 */
export function outcomeUnknown(error: unknown): boolean {
  return (error instanceof AwsApiError || error instanceof CancelledError) && error.outcomeUnknown;
}

/** Whether AWS refused the call for want of permission (UnauthorizedOperation, AccessDenied…). */
export function isAccessDenied(error: unknown): boolean {
  return (
    error instanceof AwsApiError &&
    (error.code === 'UnauthorizedOperation' ||
      error.code === 'AccessDenied' ||
      error.code === 'AccessDeniedException')
  );
}

/** Throws CancelledError when the signal has fired (between pages, between steps). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Whether an error means "cancelled" (ours, or an AbortSignal's). */
export function isCancellation(error: unknown): boolean {
  return (
    error instanceof CancelledError ||
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'CancelledError'))
  );
}

/** The code of an answer that is not EC2's XML (an HTML page, an empty or truncated body). */
export const NOT_AN_EC2_RESPONSE = 'NotAnEc2Response';

/**
 * The sentence for an answer that is not EC2's XML: who answered, with what status, and the two
 * likely reasons. `endpoint` is the URL the request went to, when known.
 */
export function notAnEc2ResponseSentence(
  endpoint: string | undefined,
  httpStatus: number | undefined,
  context: CallContext,
): string {
  const who = endpoint
    ? l10n.t('The endpoint {0}', endpoint)
    : l10n.t('The EC2 endpoint{0}', context.region ? l10n.t(' of {0}', context.region) : '');
  const status = httpStatus !== undefined ? l10n.t(' HTTP {0}', httpStatus) : '';
  return l10n.t(
    '{0} answered{1} with a page that is not an EC2 response (is a proxy or gateway in between, or does this endpoint not support {2}?)',
    who,
    status,
    context.action ?? l10n.t('this action'),
  );
}

/**
 * Plain sentences for EC2 error codes. AuthFailure in an opt-in region is a different problem from bad
 * credentials, so the region's opt-in state is part of the lookup.
 */
export function explainAwsError(
  code: string,
  awsMessage: string | undefined,
  context: CallContext,
): string {
  const where = context.region ? l10n.t(' in {0}', context.region) : '';
  switch (code) {
    case 'OptInRequired':
      return l10n.t(
        'The region{0} is not enabled for this account. Enable it in the AWS account settings, or remove it from amiExplorer.regions.',
        context.region ? ` ${context.region}` : '',
      );
    case 'AuthFailure':
      return l10n.t(
        'AWS refused the credentials{0}. If this is an opt-in region, it may not be enabled for this account; otherwise check that the access key is valid and active.',
        where,
      );
    case 'UnauthorizedOperation':
    case 'AccessDenied':
    case 'AccessDeniedException':
      return l10n.t(
        'You are not allowed to call {0}{1}. Ask for ec2:{2} permission in your IAM policy.',
        context.action ?? l10n.t('this action'),
        where,
        context.action ?? '*',
      );
    case 'RequestLimitExceeded':
    case 'Throttling':
    case 'ThrottlingException':
      return l10n.t(
        'EC2 is throttling requests{0} and retries did not get through. Wait a minute and refresh.',
        where,
      );
    case 'TimeoutError':
    case 'RequestTimeout':
      return l10n.t(
        'EC2 did not answer in time{0}. Check your network connection or endpoint, then refresh.',
        where,
      );
    case 'NetworkError':
      return l10n.t(
        'Could not reach EC2{0}{1}. Check your network connection, proxy or the amiExplorer.endpointUrl setting.',
        where,
        awsMessage ? ` (${awsMessage})` : '',
      );
    case 'InvalidAMIID.NotFound':
      return l10n.t(
        'The AMI was not found{0}. It may have been deregistered, or it belongs to another region or account.',
        where,
      );
    case 'InvalidAMIID.Malformed':
      return l10n.t('That is not a valid AMI id{0}', awsMessage ? `: ${awsMessage}` : '.');
    case 'InvalidAMIID.Unavailable':
      return l10n.t('The AMI is no longer available{0}.', where);
    case 'InvalidInstanceID.NotFound':
      return l10n.t('The instance was not found{0}.', where);
    case 'InternalError':
    case 'InternalFailure':
    case 'ServiceUnavailable':
    case 'Unavailable':
      return l10n.t(
        'EC2 had an internal error{0} and retries did not get through. Try again in a moment.',
        where,
      );
    case 'InvalidClientTokenId':
    case 'UnrecognizedClientException':
      return l10n.t(
        'AWS does not recognise the access key. Check the credentials of the active profile.',
      );
    case 'ExpiredToken':
    case 'RequestExpired':
      return l10n.t(
        'The credentials have expired. Refresh them (for SSO: aws sso login) and try again.',
      );
    default:
      return awsMessage && awsMessage.length > 0
        ? l10n.t('EC2 returned {0}{1}: {2}', code, where, awsMessage)
        : l10n.t('EC2 returned {0}{1}.', code, where);
  }
}
