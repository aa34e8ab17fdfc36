import type { Images } from '../aws/images';
import { errorSentence } from '../model/errorSentence';
import type { Ami } from '../model/ami';
import type { CopyCall, CopyInput, CopyResult } from '../model/copyPlan';
import { planCopy } from '../model/copyPlan';
import { isCancellation } from '../model/errors';
import { ConcurrencyLimiter } from './concurrency';
import type { RereadOptions } from './rereadOutcome';
import { madeByThisAttempt, settle, whyUnknown } from './rereadOutcome';
import * as l10n from '@vscode/l10n';

/** Copies AMIs to other regions: one CopyImage per source and destination, in the destination. */
export class CopyImageService {
  constructor(
    private readonly images: Pick<Images, 'copy' | 'ownNamed'>,
    private readonly maxConcurrent: () => number = () => 4,
    /** How re-reads after an unknown outcome wait (tests make them immediate). */
    private readonly reread: RereadOptions = {},
  ) {}

  /**
   * Validates and plans the input (InputError before any call), then makes every CopyImage call.
   * Each destination ends on its own: a failing region does not stop the others. Calls not
   * started when the signal fires are reported as cancelled; a call whose outcome is unknown
   * (cancelled while under way, answer lost after the SDK's retries) is settled by looking the
   * copy up by name and source in its destination.
   */
  async copy(
    input: CopyInput,
    signal?: AbortSignal,
    onResult?: (result: CopyResult) => void,
  ): Promise<CopyResult[]> {
    return this.run(planCopy(input), signal, onResult);
  }

  /** Makes already planned calls (see `copy`). */
  async run(
    calls: readonly CopyCall[],
    signal?: AbortSignal,
    onResult?: (result: CopyResult) => void,
  ): Promise<CopyResult[]> {
    const limiter = new ConcurrencyLimiter(Math.max(1, this.maxConcurrent()));
    const startedAt = new Date();
    return Promise.all(
      calls.map((call) =>
        limiter.run(async (): Promise<CopyResult> => {
          const result: CopyResult = signal?.aborted
            ? { call, error: 'cancelled', cancelled: true }
            : await this.copyOne(call, startedAt, signal);
          onResult?.(result);
          return result;
        }),
      ),
    );
  }

  private async copyOne(
    call: CopyCall,
    startedAt: Date,
    signal?: AbortSignal,
  ): Promise<CopyResult> {
    const settled = await settle(
      () => this.images.copy(call.region, call.params, signal),
      () => this.findCopy(call, startedAt),
      this.reread,
    );
    const where = l10n.t(
      'no copy named "{0}" of {1} shows in {2}',
      call.params.Name,
      call.source.imageId,
      call.region,
    );
    switch (settled.kind) {
      case 'answered':
        return { call, imageId: settled.value };
      case 'confirmed':
        return {
          call,
          imageId: settled.found.imageId,
          confirmedByRereading: whyUnknown(settled.error),
        };
      case 'refused':
        return isCancellation(settled.error)
          ? { call, error: 'cancelled', cancelled: true }
          : { call, error: errorSentence(settled.error) };
      case 'not-seen':
        return {
          call,
          unknown: l10n.t(
            '{0}; {1} yet, but EC2 may still start it: refresh the region to check',
            whyUnknown(settled.error),
            where,
          ),
        };
      case 'unknown':
        return {
          call,
          unknown: l10n.t(
            '{0}; EC2 could not be re-read either ("{1}"): refresh {2} to check',
            whyUnknown(settled.error),
            errorSentence(settled.rereadError),
            call.region,
          ),
        };
    }
  }

  /** The copy this action made in the destination, if EC2 shows one (name + source image). */
  private async findCopy(call: CopyCall, startedAt: Date): Promise<Ami | undefined> {
    const named = await this.images.ownNamed(call.region, call.params.Name);
    return madeByThisAttempt(
      named,
      startedAt,
      (image) => image.sourceImageId === undefined || image.sourceImageId === call.source.imageId,
    )[0];
  }
}

/**
 * The record of a copy EC2 just accepted, to show it at once as `pending` in its destination;
 * polling replaces it with EC2's own record.
 */
export function pendingCopyImage(call: CopyCall, imageId: string, ownerId?: string): Ami {
  const name = call.params.Name;
  return {
    imageId,
    region: call.region,
    name,
    ...(call.params.Description !== undefined ? { description: call.params.Description } : {}),
    state: 'pending',
    ...(ownerId !== undefined ? { ownerId } : {}),
    rootDeviceType: call.source.rootDeviceType,
    isPublic: false,
    blockDevices: [],
    tags: [],
  };
}
