/**
 * What a failed request says about whether EC2 applied it, read from the SDK's own error (before it
 * becomes a typed error): the retry policy of actions that must not run twice and the
 * `outcomeUnknown` flag of typed errors both stand on it.
 */

/** Socket errors raised before any byte reached the endpoint. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** EC2's (and the SDK's) throttling codes: the request was refused before it was looked at. */
const THROTTLED = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);

/** Providers' errors: no request was made. */
const NO_REQUEST = new Set(['CredentialsProviderError', 'TokenProviderError', 'ProviderError']);

interface RawError {
  name?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

function raw(error: unknown): RawError {
  return typeof error === 'object' && error !== null ? error : {};
}

/**
 * Whether this failure proves EC2 did not apply the request: it was throttled (refused before
 * anything happened), the connection was never made, or no request was made at all (credentials).
 * Retrying such a failure cannot make anything twice.
 */
export function provenNotApplied(error: unknown): boolean {
  const e = raw(error);
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : '';
  return (
    THROTTLED.has(name) ||
    e.$metadata?.httpStatusCode === 429 ||
    NEVER_CONNECTED.has(code) ||
    NO_REQUEST.has(name)
  );
}

/**
 * Whether one attempt that failed this way may nevertheless have been applied: anything but an
 * answer in which EC2 (or whatever answered) refused the request, and the failures of
 * `provenNotApplied`. A timeout, a reset connection, a 5xx, an unreadable answer and a cancel while
 * the request was under way all leave the outcome open.
 */
export function attemptMayHaveApplied(error: unknown): boolean {
  if (provenNotApplied(error)) return false;
  const status = raw(error).$metadata?.httpStatusCode;
  return status === undefined || status >= 500;
}

/** Where the retry strategy notes, on an attempt's error, what the attempts before it left open. */
const EARLIER_ATTEMPTS = Symbol('amiExplorer.earlierAttemptsMayHaveApplied');

/**
 * Notes on an attempt's error whether any attempt before it may have been applied (the retry
 * strategy sees every attempt; the caller only sees the last error).
 */
export function noteEarlierAttempts(error: unknown, mayHaveApplied: boolean): void {
  if (typeof error !== 'object' || error === null || !Object.isExtensible(error)) return;
  Object.defineProperty(error, EARLIER_ATTEMPTS, { value: mayHaveApplied, configurable: true });
}

/**
 * Whether a request that failed with `error` (its final error, after the SDK's retries) may have
 * been applied: the final attempt may have been, or an earlier one may have been and the final
 * answer may be its consequence (a retried DeregisterImage answering `InvalidAMIID.NotFound`, a
 * retried CreateImage answering `InvalidAMIName.Duplicate`). Earlier attempts are known from the
 * note the retry strategy left (`noteEarlierAttempts`); without one, a retried request counts as
 * open.
 */
export function requestMayHaveApplied(error: unknown): boolean {
  const e = raw(error);
  if (NO_REQUEST.has(typeof e.name === 'string' ? e.name : '')) return false;
  const earlier = (error as { [EARLIER_ATTEMPTS]?: boolean })[EARLIER_ATTEMPTS];
  if (earlier === true || (earlier === undefined && (e.$metadata?.attempts ?? 1) > 1)) return true;
  return attemptMayHaveApplied(error);
}
