import type { Images } from '../aws/images';
import { errorSentence } from '../model/errorSentence';
import type { Snapshots } from '../aws/snapshots';
import type { Tags } from '../aws/tags';
import type { Ami } from '../model/ami';
import { AwsApiError, InputError, isCancellation, throwIfAborted } from '../model/errors';
import type { RegisterImageRequest, RegistrationInput } from '../model/imageRegistration';
import { planRegisterImage } from '../model/imageRegistration';
import type { Snapshot } from '../model/snapshot';
import type {
  CapturedRegistration,
  ReregisterProgress,
  ReregisterStep,
} from '../model/reregistration';
import { duplicateNameMessage, pendingImage } from './imageCreationService';

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
   */
  async register(region: string, input: RegistrationInput, signal?: AbortSignal): Promise<Ami> {
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
        `The AMI ${imageId} was not found in ${region}.`,
        { region, action: 'DescribeImages' },
        {},
      );
    }
    const { rootDeviceType, ...registration } = record;
    if (rootDeviceType !== 'instance-store' || registration.manifestPath.length === 0) {
      throw new InputError(
        `${imageId} is EBS-backed: only instance store-backed AMIs are re-registered from their S3 manifest. Create a new image instead.`,
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
  ): Promise<ReregisterProgress & { image?: Ami }> {
    const region = captured.region;
    const progress: ReregisterProgress & { image?: Ami } = { done: [] };
    for (const step of steps) {
      if (step.kind === 'deregister') throwIfAborted(signal);
      onStep?.(step);
      try {
        switch (step.kind) {
          case 'deregister':
            await this.images.deregister(region, step.imageId, {}, signal);
            break;
          case 'register': {
            const image = await this.registerRequest(region, step.request);
            progress.newImageId = image.imageId;
            progress.image = image;
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
        // Cancelled before anything changed: nothing to report but the cancellation.
        if (step.kind === 'deregister' && isCancellation(error)) throw error;
        progress.failed = { step, message: errorSentence(error) };
        return progress;
      }
    }
    return progress;
  }

  private async registerRequest(
    region: string,
    request: RegisterImageRequest,
    signal?: AbortSignal,
  ): Promise<Ami> {
    const imageId = await this.images.register(region, request, signal);
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
