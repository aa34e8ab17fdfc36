import type { Ami } from '../model/ami';
import { errorSentence } from '../model/errorSentence';
import { isCancellation, outcomeUnknown } from '../model/errors';
import * as l10n from '@vscode/l10n';

/**
 * What is true after one mutating request, and how it is known. The one rule for every mutating
 * call whose outcome is unknown (a lost or late answer, a retry after such an attempt, a cancel
 * while the request was under way): re-read EC2 and report what is true.
 */
export type Settled<T, R> =
  /** EC2 answered: applied. */
  | { kind: 'answered'; value: T }
  /** EC2 refused it, or it was cancelled before it was sent: not applied. */
  | { kind: 'refused'; error: unknown }
  /** The outcome was unknown (`error`); re-reading EC2 shows it applied. */
  | { kind: 'confirmed'; error: unknown; found: R }
  /**
   * The outcome was unknown; re-reading did not show it applied. EC2 may still apply a request it
   * received, so this is not "not done": say what the re-read showed, and what to check.
   */
  | { kind: 'not-seen'; error: unknown }
  /** The outcome was unknown, and EC2 could not be re-read either. */
  | { kind: 'unknown'; error: unknown; rereadError: unknown };

/** How often to re-read while the re-read does not show the request applied. */
export interface RereadOptions {
  /**
   * Waits before each re-read (EC2 is eventually consistent: a new image may take a moment to be
   * described). Default `REREAD_DELAYS_MS`.
   */
  delaysMs?: readonly number[];
  /** For tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** At once, then after 1 s and 3 s more. */
export const REREAD_DELAYS_MS: readonly number[] = [0, 1000, 3000];

/**
 * Sends a mutating request; when it fails with an unknown outcome (`outcomeUnknown`), re-reads EC2
 * with `reread` (which returns what it found, or `undefined` when EC2 does not show the request
 * applied). The re-read is not cancellable: the user's cancel may be the very reason the outcome is
 * unknown, and the answer is needed to tell the truth (each read is bounded by the request timeout).
 */
export async function settle<T, R>(
  request: () => Promise<T>,
  reread: () => Promise<R | undefined>,
  options: RereadOptions = {},
): Promise<Settled<T, R>> {
  try {
    return { kind: 'answered', value: await request() };
  } catch (error) {
    if (!outcomeUnknown(error)) return { kind: 'refused', error };
    return rereadAfter(error, reread, options);
  }
}

/** The re-read half of `settle`, for an `error` whose outcome is unknown. */
export async function rereadAfter<R>(
  error: unknown,
  reread: () => Promise<R | undefined>,
  options: RereadOptions = {},
): Promise<Exclude<Settled<never, R>, { kind: 'answered' | 'refused' }>> {
  const delays = options.delaysMs ?? REREAD_DELAYS_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  let rereadError: unknown;
  let read = false;
  for (const delay of delays.length > 0 ? delays : [0]) {
    if (delay > 0) await sleep(delay);
    try {
      const found = await reread();
      read = true;
      if (found !== undefined) return { kind: 'confirmed', error, found };
    } catch (e) {
      rereadError = e;
    }
  }
  return read ? { kind: 'not-seen', error } : { kind: 'unknown', error, rereadError };
}

/**
 * Why a request's outcome was unknown, for report lines: "the request was cancelled while it was
 * under way", or 'the request ended without a clear answer ("<sentence>")'.
 */
export function whyUnknown(error: unknown): string {
  if (isCancellation(error)) return l10n.t('the request was cancelled while it was under way');
  return l10n.t('the request ended without a clear answer ("{0}")', errorSentence(error));
}

/**
 * The sentence that opens a message about an unknown outcome: what the request ended with
 * (`errorSentence`), or "Cancelled while <action> was under way."
 */
export function unknownCause(error: unknown, action: string): string {
  return isCancellation(error)
    ? l10n.t('Cancelled while {0} was under way.', action)
    : errorSentence(error);
}

/** How far this machine's clock and EC2's may disagree when telling an image made by this attempt. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The images among `candidates` (found by name, which EC2 keeps unique per region) that this
 * attempt may have made: created since `startedAt`, give or take clock skew, and `fromSource`
 * (the source instance or image, when EC2 reports it). An image without a creation date counts.
 */
export function madeByThisAttempt(
  candidates: readonly Ami[],
  startedAt: Date,
  fromSource: (image: Ami) => boolean = () => true,
): Ami[] {
  return candidates.filter((image) => {
    const created = image.creationDate ? Date.parse(image.creationDate) : Number.NaN;
    return (
      (Number.isNaN(created) || created >= startedAt.getTime() - CLOCK_SKEW_MS) && fromSource(image)
    );
  });
}
