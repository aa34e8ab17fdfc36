import type { CallContext } from '../model/errors';
import {
  AwsApiError,
  CancelledError,
  CredentialsError,
  explainAwsError,
  isCancellation,
} from '../model/errors';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

const PROVIDER_ERRORS = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
  'ProviderError',
]);

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $fault?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/**
 * Turns anything the SDK or its credential providers throw into one of the typed errors of
 * `core/model/errors`, with a plain sentence for the user. Already-typed errors pass through.
 */
export function toTypedError(error: unknown, context: CallContext): Error {
  if (
    error instanceof AwsApiError ||
    error instanceof CredentialsError ||
    error instanceof CancelledError
  ) {
    return error;
  }
  if (isCancellation(error)) return new CancelledError();
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = e.name ?? 'Error';
  const message = e.message ?? String(error);

  const credentials = credentialsProblem(name, message, context.profile, error);
  if (credentials) return credentials;

  if (name === 'TimeoutError' || e.code === 'ETIMEDOUT' || /timed? ?out/i.test(name)) {
    return apiError('TimeoutError', message, context, e, error);
  }
  if (e.code && NETWORK_CODES.has(e.code)) {
    return apiError('NetworkError', `${e.code}`, context, e, error);
  }
  const code = e.Code ?? (name === 'Error' ? 'UnknownError' : name);
  return apiError(code, message, context, e, error);
}

function apiError(
  code: string,
  awsMessage: string,
  context: CallContext,
  e: SdkErrorShape,
  cause: unknown,
): AwsApiError {
  const details: AwsApiError['details'] = { awsMessage };
  if (e.$metadata?.requestId) details.requestId = e.$metadata.requestId;
  if (e.$metadata?.httpStatusCode !== undefined) details.httpStatus = e.$metadata.httpStatusCode;
  if (e.$retryable !== undefined) details.retryable = true;
  return new AwsApiError(code, explainAwsError(code, awsMessage, context), context, details, {
    cause,
  });
}

function credentialsProblem(
  name: string,
  message: string,
  profile: string | undefined,
  cause: unknown,
): CredentialsError | undefined {
  // Only the credential providers' own errors: EC2's ExpiredToken etc. are API errors with a region.
  if (!PROVIDER_ERRORS.has(name)) return undefined;
  const who = profile ? `profile "${profile}"` : 'the default credential chain';
  // Profile lookups first: a profile may well be called "sso-dev".
  if (
    /could not resolve credentials using profile|profile \S+ was not found|profile .* (could not be found|not found)/i.test(
      message,
    )
  ) {
    return new CredentialsError(
      'profile-not-found',
      `The profile "${profile ?? ''}" is not defined in ~/.aws/config or ~/.aws/credentials, or it has no credentials. Select another profile.`,
      profile,
      { cause },
    );
  }
  // The SSO providers' own phrases for an expired or missing login (not SSO misconfiguration).
  if (
    /SSO session (associated with this profile )?(has expired|is invalid)|SSO session token .* (was not found|is invalid)|token is expired|token not present/i.test(
      message,
    )
  ) {
    const login = profile ? `aws sso login --profile ${profile}` : 'aws sso login';
    return new CredentialsError(
      'sso-expired',
      `The SSO session for ${who} has expired or is missing. Run \`${login}\` in a terminal, then refresh.`,
      profile,
      { cause },
    );
  }
  if (/could not load credentials from any providers/i.test(message)) {
    return new CredentialsError(
      'missing',
      'No AWS credentials were found. Select a profile, or configure credentials (aws configure, aws configure sso, or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).',
      profile,
      { cause },
    );
  }
  return new CredentialsError(
    'invalid',
    `Could not get credentials from ${who}: ${message}`,
    profile,
    {
      cause,
    },
  );
}
