import type { Images } from '../aws/images';
import { errorSentence } from '../model/errorSentence';
import type { Ami } from '../model/ami';
import type { CopyCall, CopyInput, CopyResult } from '../model/copyPlan';
import { planCopy } from '../model/copyPlan';
import { isCancellation } from '../model/errors';
import { ConcurrencyLimiter } from './concurrency';

/** Copies AMIs to other regions: one CopyImage per source and destination, in the destination. */
export class CopyImageService {
  constructor(
    private readonly images: Pick<Images, 'copy'>,
    private readonly maxConcurrent: () => number = () => 4,
  ) {}

  /**
   * Validates and plans the input (InputError before any call), then makes every CopyImage call.
   * Each destination ends on its own: a failing region does not stop the others. Calls not
   * started when the signal fires are reported as cancelled.
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
    return Promise.all(
      calls.map((call) =>
        limiter.run(async (): Promise<CopyResult> => {
          let result: CopyResult;
          if (signal?.aborted) {
            result = { call, error: 'cancelled', cancelled: true };
          } else {
            try {
              result = {
                call,
                imageId: await this.images.copy(call.region, call.params, signal),
              };
            } catch (error) {
              result = isCancellation(error)
                ? {
                    call,
                    error: 'cancelled while the request was under way; the copy may have started',
                    cancelled: true,
                  }
                : { call, error: errorSentence(error) };
            }
          }
          onResult?.(result);
          return result;
        }),
      ),
    );
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
