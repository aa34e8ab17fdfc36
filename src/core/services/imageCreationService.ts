import type { WaitOptions } from '../aws/ec2';
import { DEFAULT_WAIT } from '../aws/ec2';
import type { Images } from '../aws/images';
import type { Instances } from '../aws/instances';
import type { Ami, Tag } from '../model/ami';
import { AwsApiError, InputError, OutcomeUnknownError, throwIfAborted } from '../model/errors';
import { errorSentence } from '../model/errorSentence';
import type { AttachedVolume, CreateImageInput, VolumeDetailsSource } from '../model/imageCreation';
import { INSTANCE_STORE_EXPLANATION, planCreateImage } from '../model/imageCreation';
import type { InstanceForImage, VolumeDetails } from '../model/instance';
import type { RereadOptions } from './rereadOutcome';
import { madeByThisAttempt, settle, unknownCause, whyUnknown } from './rereadOutcome';
import * as l10n from '@vscode/l10n';

/** An instance store-backed instance was asked for CreateImage; the message explains the other path. */
export class InstanceStoreBackedError extends InputError {
  constructor(readonly instanceId: string) {
    super(INSTANCE_STORE_EXPLANATION);
  }
}

/** The attached volumes for the review, and where their details came from. */
export interface VolumeReview {
  volumes: AttachedVolume[];
  source: VolumeDetailsSource;
  /** Why DescribeVolumes could not be used, when it could not. */
  fallbackReason?: string;
}

/** What happened, step by step, so the caller can report progress and a cancelled stop. */
export interface CreateImageHooks {
  step?(message: string): void;
  /** Called once StopInstances succeeded: from now on the instance is stopped because of us. */
  stopped?(): void;
}

/** The result of CreateImage: the new image (pending) and whether the extension stopped the instance. */
export interface CreateImageResult {
  image: Ami;
  stoppedInstance: boolean;
  /**
   * Set when CreateImage's outcome was unknown (cancelled while under way, answer lost) and a
   * re-read found the image: why it was unknown.
   */
  confirmedByRereading?: string;
  /**
   * Further images of the same name from the same instance made since the attempt started (only an
   * endpoint that accepts duplicate names has them): adopted and tracked too, never left unsaid.
   */
  alsoCreated: Ami[];
}

/**
 * Creating an EBS-backed image from an instance: the look-ups the wizard needs (instance, volumes,
 * duplicate names) and the run itself (stop + wait when asked, CreateImage, the new record).
 */
export class ImageCreationService {
  constructor(
    private readonly images: Pick<Images, 'byId' | 'ownNamed' | 'create'>,
    private readonly instances: Pick<
      Instances,
      'forImage' | 'volumes' | 'stop' | 'start' | 'waitUntilStopped'
    >,
    private readonly wait: WaitOptions = DEFAULT_WAIT,
    /** How re-reads after an unknown outcome wait (tests make them immediate). */
    private readonly reread: RereadOptions = {},
  ) {}

  /** The instance with its mappings; `InvalidInstanceID.NotFound` when EC2 does not return it. */
  async getInstance(
    region: string,
    instanceId: string,
    signal?: AbortSignal,
  ): Promise<InstanceForImage> {
    const instance = await this.instances.forImage(region, instanceId, signal);
    if (!instance) {
      throw new AwsApiError(
        'InvalidInstanceID.NotFound',
        l10n.t('The instance {0} was not found in {1}.', instanceId, region),
        { region, action: 'DescribeInstances' },
        {},
      );
    }
    return instance;
  }

  /**
   * The instance's EBS volumes with size, type and encryption: from DescribeVolumes, or, where that
   * is not available (not allowed, or an endpoint without it), from the AMI the instance was
   * launched from (the volumes may have been resized since).
   */
  async reviewVolumes(
    region: string,
    instance: InstanceForImage,
    signal?: AbortSignal,
  ): Promise<VolumeReview> {
    const base: AttachedVolume[] = instance.mappings.map((m) => ({
      deviceName: m.deviceName,
      ...(m.volumeId ? { volumeId: m.volumeId } : {}),
      isRoot: m.deviceName === instance.rootDeviceName,
      deleteOnTermination: m.deleteOnTermination,
    }));
    let fallbackReason: string | undefined;
    try {
      const ids = base.flatMap((v) => (v.volumeId ? [v.volumeId] : []));
      const details = await this.instances.volumes(region, ids, signal);
      if (details.length > 0) {
        return {
          source: 'volumes',
          volumes: base.map((v) => {
            const d = details.find((x) => x.volumeId === v.volumeId);
            return d ? { ...v, ...withoutId(d) } : v;
          }),
        };
      }
    } catch (error) {
      if (!(error instanceof AwsApiError)) throw error;
      fallbackReason = error.message;
    }
    if (instance.imageId) {
      try {
        const [source] = await this.images.byId(region, [instance.imageId], signal);
        if (source) {
          return {
            source: 'sourceImage',
            ...(fallbackReason ? { fallbackReason } : {}),
            volumes: base.map((v) => {
              const ebs = source.blockDevices.find((d) => d.deviceName === v.deviceName)?.ebs;
              if (!ebs) return v;
              return {
                ...v,
                ...(ebs.volumeSize !== undefined ? { sizeGiB: ebs.volumeSize } : {}),
                ...(ebs.volumeType ? { volumeType: ebs.volumeType } : {}),
                ...(ebs.encrypted !== undefined ? { encrypted: ebs.encrypted } : {}),
                ...(ebs.kmsKeyId ? { kmsKeyId: ebs.kmsKeyId } : {}),
              };
            }),
          };
        }
      } catch (error) {
        if (!(error instanceof AwsApiError)) throw error;
        fallbackReason ??= error.message;
      }
    }
    return { source: 'none', volumes: base, ...(fallbackReason ? { fallbackReason } : {}) };
  }

  /** A sentence when one of the caller's AMIs in the region already has this name. */
  async nameProblem(
    region: string,
    name: string,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    const clash = await this.images.ownNamed(region, name.trim(), signal);
    return duplicateNameMessage(clash, name.trim(), region);
  }

  /**
   * Creates the image: checks the input and the name (DescribeImages), refuses instance
   * store-backed instances, stops the instance and waits when asked, then CreateImage. Returns the
   * new image record (pending). Throws InputError before any change when something is wrong. When
   * CreateImage's outcome is unknown (cancelled while under way, answer lost) the image is looked
   * up by name and source instance and adopted; `OutcomeUnknownError` when it cannot be found.
   */
  async create(
    input: CreateImageInput,
    signal?: AbortSignal,
    hooks: CreateImageHooks = {},
  ): Promise<CreateImageResult> {
    const { region, instanceId } = input;
    const instance = await this.getInstance(region, instanceId, signal);
    if (instance.rootDeviceType !== 'ebs') throw new InstanceStoreBackedError(instanceId);
    const volumes = instance.mappings.map((m) => ({
      deviceName: m.deviceName,
      isRoot: m.deviceName === instance.rootDeviceName,
      deleteOnTermination: m.deleteOnTermination,
    }));
    const plan = planCreateImage(input, instance, volumes);
    if ('error' in plan) throw new InputError(plan.error);
    hooks.step?.(l10n.t('Checking that the name "{0}" is free in {1}…', plan.request.name, region));
    const taken = await this.nameProblem(region, plan.request.name, signal);
    if (taken) throw new InputError(taken);
    let stoppedInstance = false;
    if (plan.stopFirst) {
      throwIfAborted(signal);
      hooks.step?.(l10n.t('Stopping {0}…', label(instance)));
      const stop = await settle(
        () => this.instances.stop(region, instanceId, signal),
        () => this.stopping(region, instanceId),
        this.reread,
      );
      if (stop.kind === 'refused') throw stop.error;
      if (stop.kind === 'not-seen' || stop.kind === 'unknown') {
        throw new OutcomeUnknownError(
          l10n.t(
            '{0} It is not known whether {1} is being stopped: {2}. No image was created; check the instance in the Instances view.',
            unknownCause(stop.error, 'StopInstances'),
            label(instance),
            stop.kind === 'not-seen'
              ? l10n.t('a re-read still shows it running, but EC2 may still stop it')
              : l10n.t('EC2 could not be re-read either ("{0}")', errorSentence(stop.rereadError)),
          ),
        );
      }
      // From here the instance is stopped because of us, whatever happens next.
      stoppedInstance = true;
      hooks.stopped?.();
      // Cancelled while the stop was under way (and EC2 stopped it): say so, create nothing.
      throwIfAborted(signal);
      hooks.step?.(l10n.t('Waiting until {0} is stopped…', label(instance)));
      await this.instances.waitUntilStopped(region, instanceId, signal, this.wait);
    }
    throwIfAborted(signal);
    const { name } = plan.request;
    hooks.step?.(l10n.t('Creating the image "{0}"…', name));
    const startedAt = new Date();
    const settled = await settle(
      () => this.images.create(region, plan.request, signal),
      () => this.findCreated(region, name, instanceId, startedAt),
      this.reread,
    );
    switch (settled.kind) {
      case 'answered': {
        // Once EC2 accepted the request the image exists: describing it must not be cancelled.
        const image = await this.describeNew(region, settled.value, name, plan.request.tags);
        return { image, stoppedInstance, alsoCreated: [] };
      }
      case 'confirmed': {
        const [image, ...alsoCreated] = settled.found;
        if (!image) throw new Error('a confirmed re-read found no image');
        return {
          image,
          stoppedInstance,
          confirmedByRereading: whyUnknown(settled.error),
          alsoCreated,
        };
      }
      case 'refused':
        throw settled.error;
      case 'not-seen':
        throw new OutcomeUnknownError(
          l10n.t(
            '{0} It is not known whether the image "{1}" was created: no image of that name from {2} shows in {3} yet, but EC2 may still create it. Refresh {4} in a minute to check before creating it again.',
            unknownCause(settled.error, 'CreateImage'),
            name,
            instanceId,
            region,
            region,
          ),
        );
      case 'unknown':
        throw new OutcomeUnknownError(
          l10n.t(
            '{0} It is not known whether the image "{1}" was created, and EC2 could not be re-read either ("{2}"). Refresh {3} to check before creating it again.',
            unknownCause(settled.error, 'CreateImage'),
            name,
            errorSentence(settled.rereadError),
            region,
          ),
        );
    }
  }

  /** `true` when EC2 shows the instance stopping or stopped (a StopInstances that was applied). */
  private async stopping(region: string, instanceId: string): Promise<true | undefined> {
    const instance = await this.instances.forImage(region, instanceId);
    return instance && ['stopping', 'stopped'].includes(instance.state) ? true : undefined;
  }

  /**
   * The caller's images named `name` made from `instanceId` since `startedAt` (the name was free
   * before, so they are this attempt's), oldest first; `undefined` when there are none.
   */
  private async findCreated(
    region: string,
    name: string,
    instanceId: string,
    startedAt: Date,
  ): Promise<Ami[] | undefined> {
    const found = madeByThisAttempt(
      await this.images.ownNamed(region, name),
      startedAt,
      (image) => image.sourceInstanceId === undefined || image.sourceInstanceId === instanceId,
    ).sort((a, b) => (a.creationDate ?? '').localeCompare(b.creationDate ?? ''));
    return found.length > 0 ? found : undefined;
  }

  private async describeNew(
    region: string,
    imageId: string,
    name: string,
    tags: Tag[],
  ): Promise<Ami> {
    try {
      const [image] = await this.images.byId(region, [imageId]);
      if (image) return image;
    } catch (error) {
      if (!(error instanceof AwsApiError)) throw error;
    }
    // EC2 is eventually consistent: a just-created image may not be describable yet.
    return pendingImage(region, imageId, name, 'ebs', tags);
  }
}

/** A placeholder record for an image EC2 accepted but does not describe yet. */
export function pendingImage(
  region: string,
  imageId: string,
  name: string,
  rootDeviceType: Ami['rootDeviceType'],
  tags: Tag[] = [],
): Ami {
  return {
    imageId,
    region,
    name,
    state: 'pending',
    rootDeviceType,
    isPublic: false,
    blockDevices: [],
    tags,
  };
}

/** The message for a name already used by one of the caller's AMIs in the region. */
export function duplicateNameMessage(
  images: readonly Pick<Ami, 'imageId' | 'name'>[],
  name: string,
  region: string,
): string | undefined {
  const clash = images.find((i) => i.name === name);
  return clash
    ? l10n.t(
        'An AMI named "{0}" already exists in {1} ({2}). AMI names are unique per account and region; choose another name.',
        name,
        region,
        clash.imageId,
      )
    : undefined;
}

function label(instance: InstanceForImage): string {
  return instance.name ? `${instance.name} (${instance.instanceId})` : instance.instanceId;
}

function withoutId(value: VolumeDetails): Omit<VolumeDetails, 'volumeId'> {
  return {
    ...(value.sizeGiB !== undefined ? { sizeGiB: value.sizeGiB } : {}),
    ...(value.volumeType ? { volumeType: value.volumeType } : {}),
    ...(value.encrypted !== undefined ? { encrypted: value.encrypted } : {}),
    ...(value.kmsKeyId ? { kmsKeyId: value.kmsKeyId } : {}),
  };
}
