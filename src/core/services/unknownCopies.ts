import type { Images } from '../aws/images';
import type { Ami } from '../model/ami';
import type { CopyCall } from '../model/copyPlan';
import { errorSentence } from '../model/errorSentence';
import type { ImageEvent } from './imageEvents';
import type { PollerClock } from './pendingPoller';
import { madeByThisAttempt } from './rereadOutcome';
import * as l10n from '@vscode/l10n';

/**
 * A CopyImage whose outcome is unknown (its answer was lost and EC2 could not be re-read, or the
 * re-read did not show the copy yet): what is needed to find the copy later (remembered across
 * window reloads).
 */
export interface UnknownCopy {
  /** The destination region. */
  region: string;
  /** The copy's name (EC2 keeps names unique per account and region). */
  name: string;
  sourceImageId: string;
  sourceRegion: string;
  /** The CopyImage ClientToken (a retry with it cannot make a second copy). */
  clientToken?: string;
  /** ISO time the copy was requested: only images created since then count as this copy. */
  startedAt: string;
}

/** Where unknown copies are kept (the workspace state in the extension). */
export interface UnknownCopyStore {
  load(): UnknownCopy[];
  save(copies: UnknownCopy[]): Thenable<void> | Promise<void>;
}

/** Why the search for a copy stopped without finding it. */
export type GiveUpReason =
  /** `giveUpAfterMs` passed since the copy was requested; `lastError`: the last look-up's failure. */
  | { kind: 'timed-out'; afterMs: number; lastError?: unknown }
  /** EC2 answered `NOT_SEEN_LIMIT` look-ups in a row without the copy. */
  | { kind: 'not-seen'; looks: number };

/** Look-ups in a row that EC2 answers without the copy, after which it is taken as not started. */
export const NOT_SEEN_LIMIT = 5;
/** How long to keep looking for a copy, from when it was requested: 1 hour. */
export const GIVE_UP_AFTER_MS = 60 * 60_000;
/** Between look-ups: 30 s. */
export const LOOK_INTERVAL_MS = 30_000;

/** An unknown copy as a sentence: 'copy "name" of ami-… (us-east-1) in eu-west-1'. */
export function describeUnknownCopy(copy: UnknownCopy): string {
  return l10n.t(
    'copy "{0}" of {1} ({2}) in {3}',
    copy.name,
    copy.sourceImageId,
    copy.sourceRegion,
    copy.region,
  );
}

/** The unknown copy a CopyImage call would make, requested at `startedAt`. */
export function unknownCopyOf(call: CopyCall, startedAt: Date): UnknownCopy {
  return {
    region: call.region,
    name: call.params.Name,
    sourceImageId: call.source.imageId,
    sourceRegion: call.source.region,
    ...(call.params.ClientToken !== undefined ? { clientToken: call.params.ClientToken } : {}),
    startedAt: startedAt.toISOString(),
  };
}

/**
 * Keeps looking for copies whose outcome is unknown until EC2 answers: a copy found (by name and
 * source image, made since it was requested) is published as `appeared` with its operation, so the
 * tree shows it and the operation tracker follows it until it settles. A copy EC2 keeps not showing
 * (`NOT_SEEN_LIMIT` answers in a row) or not found within `giveUpAfterMs` is given up (`onGivenUp`).
 * Remembered in `store`, so a window reload resumes the search (`resume`).
 */
export class UnknownCopySearch {
  private timer: unknown;
  private checking: Promise<void> | undefined;
  private disposed = false;
  /** Answers in a row without the copy, and the last look-up error, per copy (this session). */
  private readonly notSeen = new Map<string, number>();
  private readonly lastError = new Map<string, unknown>();

  constructor(
    private readonly images: Pick<Images, 'ownNamed'>,
    private readonly store: UnknownCopyStore,
    private readonly publish: (event: ImageEvent) => void,
    private readonly onGivenUp: (copy: UnknownCopy, reason: GiveUpReason) => void,
    private readonly options: {
      clock?: PollerClock;
      now?: () => number;
      intervalMs?: number;
      giveUpAfterMs?: number;
    } = {},
  ) {}

  /** Remembers copies to look for, and schedules a look-up. */
  async add(copies: readonly UnknownCopy[]): Promise<void> {
    if (copies.length === 0) return;
    const keys = new Set(copies.map(key));
    const rest = this.store.load().filter((c) => !keys.has(key(c)));
    await this.store.save([...rest, ...copies]);
    this.schedule();
  }

  /** Looks again for the remembered copies (after a window reload); returns them. */
  resume(): UnknownCopy[] {
    const copies = this.store.load();
    if (copies.length > 0) this.schedule();
    return copies;
  }

  /** The copies still looked for. */
  list(): UnknownCopy[] {
    return this.store.load();
  }

  /** Looks every remembered copy up once now (a look-up already under way is joined). */
  lookNow(): Promise<void> {
    this.checking ??= this.look().finally(() => {
      this.checking = undefined;
      if (this.store.load().length > 0) this.schedule();
    });
    return this.checking;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.clock().clearTimeout(this.timer);
    this.timer = undefined;
  }

  private clock(): PollerClock {
    return (
      this.options.clock ?? {
        setTimeout: (cb, ms) => setTimeout(cb, ms),
        clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      }
    );
  }

  private schedule(): void {
    if (this.disposed || this.timer !== undefined || this.checking) return;
    this.timer = this.clock().setTimeout(() => {
      this.timer = undefined;
      void this.lookNow();
    }, this.options.intervalMs ?? LOOK_INTERVAL_MS);
  }

  private async look(): Promise<void> {
    const now = this.options.now?.() ?? Date.now();
    const giveUpAfter = this.options.giveUpAfterMs ?? GIVE_UP_AFTER_MS;
    for (const copy of this.store.load()) {
      if (this.disposed) return;
      const k = key(copy);
      let found: Ami | undefined;
      try {
        found = madeByThisAttempt(
          await this.images.ownNamed(copy.region, copy.name),
          new Date(copy.startedAt),
          (image) =>
            image.sourceImageId === undefined || image.sourceImageId === copy.sourceImageId,
        )[0];
        this.lastError.delete(k);
        if (!found) this.notSeen.set(k, (this.notSeen.get(k) ?? 0) + 1);
      } catch (error) {
        this.lastError.set(k, error);
      }
      if (found) {
        await this.forget(copy);
        this.publish({
          kind: 'appeared',
          image: found,
          operation: {
            kind: 'copy',
            label: copy.name,
            sourceImageId: copy.sourceImageId,
            sourceRegion: copy.sourceRegion,
          },
        });
        continue;
      }
      const looks = this.notSeen.get(k) ?? 0;
      if (looks >= NOT_SEEN_LIMIT) {
        await this.forget(copy);
        this.onGivenUp(copy, { kind: 'not-seen', looks });
      } else if (now - Date.parse(copy.startedAt) >= giveUpAfter) {
        const lastError = this.lastError.get(k);
        await this.forget(copy);
        this.onGivenUp(copy, {
          kind: 'timed-out',
          afterMs: giveUpAfter,
          ...(lastError !== undefined ? { lastError } : {}),
        });
      }
    }
  }

  private async forget(copy: UnknownCopy): Promise<void> {
    const k = key(copy);
    this.notSeen.delete(k);
    this.lastError.delete(k);
    await this.store.save(this.store.load().filter((c) => key(c) !== k));
  }
}

/** The sentence for a copy given up: what is known, and what to check. */
export function givenUpSentence(copy: UnknownCopy, reason: GiveUpReason): string {
  const what = describeUnknownCopy(copy);
  if (reason.kind === 'not-seen')
    return l10n.t(
      'Stopped looking for the {0}: EC2 answered {1} look-ups without it, so it was probably not started. Refresh {2} to check, and copy again if it is missing.',
      what,
      reason.looks,
      copy.region,
    );
  const why =
    reason.lastError !== undefined
      ? l10n.t(' (the last look-up failed: "{0}")', errorSentence(reason.lastError))
      : '';
  return l10n.t(
    'The outcome of the {0} is still unknown after {1} minutes of looking{2}. Refresh {3} and look for an image named "{4}" to check.',
    what,
    Math.round(reason.afterMs / 60_000),
    why,
    copy.region,
    copy.name,
  );
}

function key(copy: UnknownCopy): string {
  return `${copy.region}\n${copy.name}\n${copy.sourceImageId}`;
}
