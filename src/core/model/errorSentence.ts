import {
  AwsApiError,
  CredentialsError,
  InputError,
  OutcomeUnknownError,
  isCancellation,
} from './errors';
import * as l10n from '@vscode/l10n';

/** Longest sentence shown for an error that is not ours; the log has the rest. */
const MAX_FOREIGN_LENGTH = 300;

/**
 * The one sentence AMI Explorer shows for an error, wherever it shows it (notifications, tree
 * error nodes, panels, reports, JSON tabs). Typed errors already carry a plain sentence; anything
 * else is an unexpected error whose text is cleaned: no control characters, no markup, nothing of
 * the SDK's deserialization internals. Details (codes, request ids, stacks) belong in the log.
 */
export function errorSentence(error: unknown): string {
  if (isCancellation(error)) return l10n.t('Cancelled.');
  if (
    error instanceof AwsApiError ||
    error instanceof CredentialsError ||
    error instanceof InputError ||
    error instanceof OutcomeUnknownError
  ) {
    return clean(error.message);
  }
  const raw = error instanceof Error ? error.message : String(error);
  if (looksLikeInternals(raw)) {
    return l10n.t(
      'Unexpected error: the answer was not one AMI Explorer could read (see the log for details).',
    );
  }
  const text = clean(raw);
  return l10n.t(
    'Unexpected error: {0}',
    text.length > MAX_FOREIGN_LENGTH ? `${text.slice(0, MAX_FOREIGN_LENGTH - 1)}…` : text,
  );
}

/** SDK parse failures and HTML pages: nothing in them is meant for a person. */
function looksLikeInternals(text: string): boolean {
  return (
    /Deserialization error|\$response|\$metadata/.test(text) ||
    /<\s*(html|head|body|title|!doctype)\b/i.test(text)
  );
}

/** One line, printable characters only. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const controls = /[\u0000-\u001f\u007f]+/g;
  return text.replace(controls, ' ').replace(/\s+/g, ' ').trim();
}
