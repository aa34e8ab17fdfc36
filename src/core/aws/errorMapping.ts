import type { CallContext } from '../model/errors';
import {
  AwsApiError,
  CancelledError,
  CredentialsError,
  NOT_AN_EC2_RESPONSE,
  explainAwsError,
  isCancellation,
  notAnEc2ResponseSentence,
} from '../model/errors';
import * as l10n from '@vscode/l10n';

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
  /** EC2's error element as the SDK parsed it; no Code in it means the answer was not EC2's. */
  Error?: { Code?: string };
  $fault?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  /** The body of an answer the SDK could not parse (a hidden field). */
  $responseBodyText?: unknown;
  /** The raw answer (a hidden field); only its content type is ever read. */
  $response?: { headers?: Record<string, unknown> };
}

/** Where each failed request went (set by the client's middleware), for the error's sentence. */
const endpoints = new WeakMap<object, string>();

/** Remembers the endpoint (scheme, host, port: never a path or query) a failed request went to. */
export function recordEndpoint(error: unknown, endpoint: string): void {
  if (typeof error === 'object' && error !== null && !endpoints.has(error)) {
    endpoints.set(error, endpoint);
  }
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
  if (isForeignAnswer(e)) {
    const details: AwsApiError['details'] = {
      diagnostic: diagnosticOf(
        message,
        e.$responseBodyText,
        e.$response?.headers?.['content-type'],
      ),
    };
    if (e.$metadata?.requestId) details.requestId = e.$metadata.requestId;
    if (e.$metadata?.httpStatusCode !== undefined) details.httpStatus = e.$metadata.httpStatusCode;
    return new AwsApiError(
      NOT_AN_EC2_RESPONSE,
      notAnEc2ResponseSentence(endpoints.get(e), e.$metadata?.httpStatusCode, context),
      context,
      details,
      { cause: keptCause(error) },
    );
  }
  const code = e.Code ?? (name === 'Error' ? 'UnknownError' : name);
  return apiError(code, message, context, e, error);
}

/**
 * An answer that is not EC2's XML: the SDK could not parse it (an HTML page that is not well-formed
 * XML, a truncated body), or parsed it and found no EC2 error code in it (a well-formed page, an
 * empty body: the SDK then names the error after the HTTP status, "Unknown" or "NotFound").
 */
function isForeignAnswer(e: SdkErrorShape): boolean {
  if (e.$responseBodyText !== undefined) return true;
  if (typeof e.message === 'string' && /Deserialization error/.test(e.message)) return true;
  return e.Error !== undefined && e.Error.Code === undefined && e.Code === undefined;
}

/** The SDK's own words about a hidden field, which only a debugger can follow. */
const HIDDEN_FIELD_HINT =
  /\s*Deserialization error: to see the raw response, inspect the hidden field \{error\}\.\$response on this object\.?/g;

/** Longest excerpt of a foreign answer kept for the log. */
const EXCERPT_LENGTH = 200;

/** The SDK's message and an excerpt of the answer, one line, for the log. */
function diagnosticOf(message: string, body: unknown, contentType: unknown): string {
  const said = l10n.t(
    'the SDK said: {0}{1}',
    oneLine(message.replace(HIDDEN_FIELD_HINT, '')),
    typeof contentType === 'string' ? l10n.t('; content-type {0}', oneLine(contentType)) : '',
  );
  if (typeof body !== 'string') return said;
  const text = oneLine(redactSecrets(body));
  const excerpt =
    text.length === 0
      ? 'empty'
      : text.length > EXCERPT_LENGTH
        ? `${text.slice(0, EXCERPT_LENGTH)}…`
        : text;
  return l10n.t('{0}; the answer began: {1}', said, excerpt);
}

/**
 * Request headers a gateway may echo back: signatures, credentials and session tokens are never
 * kept, whatever else of the page is.
 */
function redactSecrets(text: string): string {
  return text.replace(
    /(x-amz-security-token|x-amz-signature|x-amz-credential|authorization|aws_secret_access_key|aws_session_token)(["']?\s*[:=]\s*["']?)[^\s"'<&,;]+(?:[ ,][^\s"'<&;]+)*/gi,
    '$1$2[redacted]',
  );
}

/** Control characters, which are exactly what `oneLine` removes. */
// eslint-disable-next-line no-control-regex -- see above
const CONTROLS = /[\u0000-\u001f\u007f]+/g;

function oneLine(text: string): string {
  return text.replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * What a typed error keeps of the error it was made from: name, message, stack and the plain
 * fields of the SDK's metadata. Not the SDK's `$response` (the raw answer, its headers) nor any
 * other hidden field, so logging or inspecting a kept error cannot reveal headers or tokens.
 */
export function keptCause(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(oneLine(String(error)));
  const kept = new Error(error.message.replace(HIDDEN_FIELD_HINT, ''));
  kept.name = error.name;
  if (error.stack !== undefined) kept.stack = error.stack.replace(HIDDEN_FIELD_HINT, '');
  const e = error as SdkErrorShape;
  const fields: Record<string, unknown> = {};
  if (typeof e.code === 'string') fields.code = e.code;
  if (typeof e.Code === 'string') fields.Code = e.Code;
  if (typeof e.$fault === 'string') fields.$fault = e.$fault;
  if (e.$metadata) {
    const { httpStatusCode, requestId, attempts } = e.$metadata;
    fields.$metadata = {
      ...(httpStatusCode !== undefined ? { httpStatusCode } : {}),
      ...(requestId !== undefined ? { requestId } : {}),
      ...(attempts !== undefined ? { attempts } : {}),
    };
  }
  return Object.assign(kept, fields);
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
    cause: keptCause(cause),
  });
}

/** Socket errors that mean "nothing answers there", not "the answer got lost". */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** EC2 codes for a caller EC2 will keep refusing: credentials, permissions, a disabled region. */
const REFUSED_CALLER = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'MissingAuthenticationToken',
  'ExpiredToken',
  'RequestExpired',
  'OptInRequired',
  'UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
]);

/**
 * Whether an error will not heal by asking again soon: the endpoint refuses connections or its name
 * does not resolve, or EC2 (or the credential chain) refuses the caller. Waiters and polls give up
 * after a few of these in a row instead of waiting out their time; throttling, 5xx answers,
 * timeouts and lost answers are worth another try.
 */
export function willNotHeal(error: unknown): boolean {
  if (error instanceof CredentialsError) return true;
  if (!(error instanceof AwsApiError)) return false;
  if (error.code === 'NetworkError') return UNREACHABLE.has(error.details.awsMessage ?? '');
  return REFUSED_CALLER.has(error.code);
}

function credentialsProblem(
  name: string,
  message: string,
  profile: string | undefined,
  cause: unknown,
): CredentialsError | undefined {
  // Only the credential providers' own errors: EC2's ExpiredToken etc. are API errors with a region.
  if (!PROVIDER_ERRORS.has(name)) return undefined;
  const who = profile ? l10n.t('profile "{0}"', profile) : l10n.t('the default credential chain');
  // Profile lookups first: a profile may well be called "sso-dev".
  if (
    /could not resolve credentials using profile|profile \S+ was not found|profile .* (could not be found|not found)/i.test(
      message,
    )
  ) {
    return new CredentialsError(
      'profile-not-found',
      l10n.t(
        'The profile "{0}" is not defined in ~/.aws/config or ~/.aws/credentials, or it has no credentials. Select another profile.',
        profile ?? '',
      ),
      profile,
      { cause: keptCause(cause) },
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
      l10n.t(
        'The SSO session for {0} has expired or is missing. Run `{1}` in a terminal, then refresh.',
        who,
        login,
      ),
      profile,
      { cause: keptCause(cause) },
    );
  }
  if (/could not load credentials from any providers/i.test(message)) {
    return new CredentialsError(
      'missing',
      l10n.t(
        'No AWS credentials were found. Select a profile, or configure credentials (aws configure, aws configure sso, or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).',
      ),
      profile,
      { cause: keptCause(cause) },
    );
  }
  return new CredentialsError(
    'invalid',
    l10n.t('Could not get credentials from {0}: {1}', who, message),
    profile,
    { cause: keptCause(cause) },
  );
}
