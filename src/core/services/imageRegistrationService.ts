import type { Images } from '../aws/images';
import { errorSentence } from '../model/errorSentence';
import type { Snapshots } from '../aws/snapshots';
import type { Tags } from '../aws/tags';
import type { Ami } from '../model/ami';
import {
  AwsApiError,
  InputError,
  OutcomeUnknownError,
  isCancellation,
  throwIfAborted,
} from '../model/errors';
import type { RegisterImageRequest, RegistrationInput } from '../model/imageRegistration';
import { planRegisterImage } from '../model/imageRegistration';
import type { Snapshot } from '../model/snapshot';
import type {
  CapturedRegistration,
  ReregisterProgress,
  ReregisterStep,
} from '../model/reregistration';
import { duplicateNameMessage, pendingImage } from './imageCreationService';
import type { RereadOptions } from './rereadOutcome';
import { madeByThisAttempt, settle, unknownCause, whyUnknown } from './rereadOutcome';
import * as l10n from '@vscode/l10n';

/** A registered image, and how that is known. */
export interface RegisteredImage {
  image: Ami;
  /**
   * Set when RegisterImage's outcome was unknown (cancelled while under way, answer lost) and a
   * re-read found the image: why it was unknown.
   */
  confirmedByRereading?: string;
  /** Further images of that name registered since the attempt started (duplicate-name endpoints). */
  alsoRegistered: Ami[];
}

/**
 * Registering images (from an S3 manifest or from snapshots) and re-registering instance
 * store-backed ones: capture the old registration, deregister, register, restore permissions and
 * tags.
 */
export class ImageRegistrationService {
  constructor(
    private readonly images: Pick<
      Images,
      | 'byId'
      | 'ownNamed'
      | 'registration'
      | 'launchPermissions'
      | 'register'
      | 'deregister'
      | 'modifyAttribute'
    >,
    private readonly snapshots: Pick<Snapshots, 'own'>,
    private readonly tags: Pick<Tags, 'create'>,
    /** How re-reads after an unknown outcome wait (tests make them immediate). */
    private readonly reread: RereadOptions = {},
  ) {}

  /** The caller's snapshots, completed ones first, newest first. */
  async listSnapshots(region: string, signal?: AbortSignal): Promise<Snapshot[]> {
    const snapshots = await this.snapshots.own(region, signal);
    return snapshots.sort(
      (a, b) =>
        Number(b.state === 'completed') - Number(a.state === 'completed') ||
        (b.startTime ?? '').localeCompare(a.startTime ?? ''),
    );
  }

  /** A sentence when one of the caller's AMIs in the region already has this name. */
  async nameProblem(
    region: string,
    name: string,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    const images = await this.images.ownNamed(region, name.trim(), signal);
    return duplicateNameMessage(images, name.trim(), region);
  }

  /**
   * Registers a new image: checks the answers and the name (DescribeImages), then RegisterImage.
   * Returns the new record (pending). Throws InputError before any change when something is wrong.
   * When RegisterImage's outcome is unknown the image is looked up by name and adopted;
   * `OutcomeUnknownError` when it cannot be found.
   */
  async register(
    region: string,
    input: RegistrationInput,
    signal?: AbortSignal,
  ): Promise<RegisteredImage> {
    const request = planRegisterImage(input);
    if ('error' in request) throw new InputError(request.error);
    const taken = await this.nameProblem(region, request.name, signal);
    if (taken) throw new InputError(taken);
    throwIfAborted(signal);
    return this.registerRequest(region, request, signal);
  }

  /**
   * Captures what re-registering must restore: the image record (DescribeImages) and its launch
   * permissions (DescribeImageAttribute). Refuses EBS-backed images (they are changed by creating a
   * new image, not by registering the same source again).
   */
  async capture(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<CapturedRegistration> {
    const record = await this.images.registration(region, imageId, signal);
    if (!record) {
      throw new AwsApiError(
        'InvalidAMIID.NotFound',
        l10n.t('The AMI {0} was not found in {1}.', imageId, region),
        { region, action: 'DescribeImages' },
        {},
      );
    }
    const { rootDeviceType, ...registration } = record;
    if (rootDeviceType !== 'instance-store' || registration.manifestPath.length === 0) {
      throw new InputError(
        l10n.t(
          '{0} is EBS-backed: only instance store-backed AMIs are re-registered from their S3 manifest. Create a new image instead.',
          imageId,
        ),
      );
    }
    const launchPermissions = await this.images.launchPermissions(region, imageId, signal);
    return { ...registration, launchPermissions };
  }

  /**
   * Runs the steps of `planReregister` in order and stops at the first failure. The signal is only
   * honoured before deregistering: once the old image is gone, stopping half-way would leave no
   * image at all, so the rest runs to its end.
   */
  async reregister(
    captured: CapturedRegistration,
    steps: readonly ReregisterStep[],
    signal?: AbortSignal,
    onStep?: (step: ReregisterStep) => void,
  ): Promise<ReregisterProgress & { image?: Ami; alsoRegistered?: Ami[] }> {
    const region = captured.region;
    const progress: ReregisterProgress & { image?: Ami; alsoRegistered?: Ami[] } = { done: [] };
    for (const step of steps) {
      if (step.kind === 'deregister') throwIfAborted(signal);
      onStep?.(step);
      try {
        switch (step.kind) {
          case 'deregister': {
            const settled = await settle(
              () => this.images.deregister(region, step.imageId, {}, signal),
              () => this.deregistered(region, step.imageId),
              this.reread,
            );
            if (settled.kind === 'refused') throw settled.error;
            if (settled.kind === 'not-seen' || settled.kind === 'unknown') {
              progress.failed = {
                step,
                unknown: true,
                message: `${whyUnknown(settled.error)}; ${
                  settled.kind === 'not-seen'
                    ? l10n.t(
                        'a re-read still shows it registered, but EC2 may still deregister it.',
                      )
                    : l10n.t(
                        'EC2 could not be re-read either ("{0}").',
                        errorSentence(settled.rereadError),
                      )
                }`,
              };
              return progress;
            }
            break;
          }
          case 'register': {
            const { image, alsoRegistered } = await this.registerRequest(region, step.request);
            progress.newImageId = image.imageId;
            progress.image = image;
            if (alsoRegistered.length > 0) progress.alsoRegistered = alsoRegistered;
            break;
          }
          case 'restorePermissions':
            await this.images.modifyAttribute(region, requireNew(progress), {
              launchPermission: { add: step.permissions },
            });
            break;
          case 'restoreTags':
            await this.tags.create(region, [requireNew(progress)], step.tags);
            break;
        }
        progress.done.push(step);
      } catch (error) {
        // Cancelled before anything was sent: nothing to report but the cancellation.
        if (step.kind === 'deregister' && isCancellation(error)) throw error;
        progress.failed = {
          step,
          message: errorSentence(error),
          ...(error instanceof OutcomeUnknownError ? { unknown: true } : {}),
        };
        return progress;
      }
    }
    return progress;
  }

  private async registerRequest(
    region: string,
    request: RegisterImageRequest,
    signal?: AbortSignal,
  ): Promise<RegisteredImage> {
    const startedAt = new Date();
    const settled = await settle(
      () => this.images.register(region, request, signal),
      () => this.findRegistered(region, request.name, startedAt),
      this.reread,
    );
    switch (settled.kind) {
      case 'answered':
        return {
          image: await this.describeNew(region, settled.value, request),
          alsoRegistered: [],
        };
      case 'confirmed': {
        const [image, ...alsoRegistered] = settled.found;
        if (!image) throw new Error('a confirmed re-read found no image');
        return { image, confirmedByRereading: whyUnknown(settled.error), alsoRegistered };
      }
      case 'refused':
        throw settled.error;
      case 'not-seen':
        throw new OutcomeUnknownError(
          l10n.t(
            '{0} It is not known whether "{1}" was registered: no image of that name shows in {2} yet, but EC2 may still register it. Refresh {3} in a minute to check before registering it again.',
            unknownCause(settled.error, 'RegisterImage'),
            request.name,
            region,
            region,
          ),
        );
      case 'unknown':
        throw new OutcomeUnknownError(
          l10n.t(
            '{0} It is not known whether "{1}" was registered, and EC2 could not be re-read either ("{2}"). Refresh {3} to check before registering it again.',
            unknownCause(settled.error, 'RegisterImage'),
            request.name,
            errorSentence(settled.rereadError),
            region,
          ),
        );
    }
  }

  /** `true` when EC2 no longer describes the image as registered. */
  private async deregistered(region: string, imageId: string): Promise<true | undefined> {
    const [image] = await this.images.byId(region, [imageId]);
    return !image || image.state === 'deregistered' ? true : undefined;
  }

  /** The caller's images named `name` registered since `startedAt`, oldest first. */
  private async findRegistered(
    region: string,
    name: string,
    startedAt: Date,
  ): Promise<Ami[] | undefined> {
    const found = madeByThisAttempt(await this.images.ownNamed(region, name), startedAt).sort(
      (a, b) => (a.creationDate ?? '').localeCompare(b.creationDate ?? ''),
    );
    return found.length > 0 ? found : undefined;
  }

  private async describeNew(
    region: string,
    imageId: string,
    request: RegisterImageRequest,
  ): Promise<Ami> {
    try {
      const [image] = await this.images.byId(region, [imageId]);
      if (image) return image;
    } catch (error) {
      if (!(error instanceof AwsApiError)) throw error;
    }
    return pendingImage(
      region,
      imageId,
      request.name,
      request.imageLocation ? 'instance-store' : 'ebs',
      request.tags ?? [],
    );
  }
}

function requireNew(progress: ReregisterProgress): string {
  if (!progress.newImageId) throw new Error('the new image is not registered');
  return progress.newImageId;
}
