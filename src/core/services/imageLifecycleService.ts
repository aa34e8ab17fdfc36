import type { Images } from '../aws/images';
import type { Tags } from '../aws/tags';
import type { Ami, LaunchPermission } from '../model/ami';
import { formatUtcMinute } from '../model/deprecationSchedule';
import type { ProtectionStatus } from '../model/deregistrationProtection';
import { parseProtection } from '../model/deregistrationProtection';
import { InputError } from '../model/errors';
import { parseFutureUtcTime, validateDescription } from '../model/imageInputs';
import type { TagChanges } from '../model/tagChanges';
import {
  isEmptyTagChange,
  snapshotIdsOf,
  tagRequests,
  validateTagChanges,
} from '../model/tagChanges';
import { validateAmiId } from '../model/validation';
import type { ImageService } from './imageService';
import * as l10n from '@vscode/l10n';

/** The result of a tag change: the image as EC2 now describes it, and what was tagged. */
export interface TagChangeResult {
  image: Ami;
  /** The image id, then its snapshot ids when they were included. */
  resourceIds: string[];
}

/**
 * Use cases that change an existing AMI: tags (optionally on its snapshots too), description,
 * deprecation, deregistration protection, disable/enable. Input is checked before any call
 * (`InputError`); after a change the image is read again by id, so callers show what EC2 reports.
 */
export class ImageLifecycleService {
  constructor(
    private readonly images: Pick<
      Images,
      | 'modifyAttribute'
      | 'enableDeprecation'
      | 'disableDeprecation'
      | 'enableDeregistrationProtection'
      | 'disableDeregistrationProtection'
      | 'launchPermissions'
      | 'disable'
      | 'enable'
    >,
    private readonly tags: Pick<Tags, 'create' | 'delete'>,
    private readonly reader: ImageService,
  ) {}

  /**
   * Applies a tag change with at most one CreateTags and one DeleteTags call, on the image and, when
   * `includeSnapshots`, on its EBS snapshots (`ami` gives the current tags and the snapshot ids).
   */
  async changeTags(
    ami: Ami,
    changes: TagChanges,
    includeSnapshots: boolean,
    signal?: AbortSignal,
  ): Promise<TagChangeResult> {
    checkImageId(ami.imageId);
    if (isEmptyTagChange(changes)) throw new InputError(l10n.t('There is no tag change to apply.'));
    const problem = validateTagChanges(ami.tags, changes);
    if (problem) throw new InputError(problem);
    const resourceIds = [ami.imageId, ...(includeSnapshots ? snapshotIdsOf(ami) : [])];
    const requests = tagRequests(changes, resourceIds);
    let changed = false;
    if (requests.createTags) {
      await this.tags.create(ami.region, resourceIds, changes.set, signal);
      changed = true;
    }
    if (requests.deleteTags) {
      // Once part of the change is made, a cancel must not leave it half done and unsaid.
      await this.tags.delete(ami.region, resourceIds, changes.remove, changed ? undefined : signal);
    }
    return { image: await this.reread(ami.region, ami.imageId), resourceIds };
  }

  /** ModifyImageAttribute Description.Value (at most 255 characters). */
  async setDescription(
    region: string,
    imageId: string,
    description: string,
    signal?: AbortSignal,
  ): Promise<Ami> {
    checkImageId(imageId);
    const problem = validateDescription(description);
    if (problem) throw new InputError(problem);
    await this.images.modifyAttribute(region, imageId, { description }, signal);
    return this.reread(region, imageId);
  }

  /**
   * EnableImageDeprecation. `at` must be in the future and at most 10 years ahead of `now`, as EC2
   * requires; a time that is not is refused before any call.
   */
  async scheduleDeprecation(
    region: string,
    imageId: string,
    at: Date,
    now: Date = new Date(),
    signal?: AbortSignal,
  ): Promise<Ami> {
    checkImageId(imageId);
    if (Number.isNaN(at.getTime()))
      throw new InputError(l10n.t('The deprecation time is not a date.'));
    const checked = parseFutureUtcTime(at.toISOString(), now);
    if ('error' in checked) {
      throw new InputError(
        l10n.t('Cannot deprecate at {0} UTC: {1}', formatUtcMinute(at), checked.error),
      );
    }
    await this.images.enableDeprecation(region, imageId, at, signal);
    return this.reread(region, imageId);
  }

  /** DisableImageDeprecation. */
  async cancelDeprecation(region: string, imageId: string, signal?: AbortSignal): Promise<Ami> {
    checkImageId(imageId);
    await this.images.disableDeprecation(region, imageId, signal);
    return this.reread(region, imageId);
  }

  /** EnableImageDeregistrationProtection (WithCooldown as chosen). */
  async enableProtection(
    region: string,
    imageId: string,
    withCooldown: boolean,
    signal?: AbortSignal,
  ): Promise<Ami> {
    checkImageId(imageId);
    await this.images.enableDeregistrationProtection(region, imageId, withCooldown, signal);
    return this.reread(region, imageId);
  }

  /**
   * DisableImageDeregistrationProtection. Returns the protection EC2 reports afterwards: with a
   * cooldown the AMI stays protected until the time it names.
   */
  async disableProtection(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<{ image: Ami; protection: ProtectionStatus }> {
    checkImageId(imageId);
    await this.images.disableDeregistrationProtection(region, imageId, signal);
    const image = await this.reread(region, imageId);
    return { image, protection: parseProtection(image.deregistrationProtection) };
  }

  /** The launch permissions DisableImage would remove (DescribeImageAttribute launchPermission). */
  async launchPermissions(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<LaunchPermission[]> {
    checkImageId(imageId);
    return this.images.launchPermissions(region, imageId, signal);
  }

  /** DisableImage: the AMI turns `disabled` and private. */
  async disableImage(region: string, imageId: string, signal?: AbortSignal): Promise<Ami> {
    checkImageId(imageId);
    await this.images.disable(region, imageId, signal);
    return this.reread(region, imageId);
  }

  /** EnableImage: back to `available`, still private (permissions are not restored). */
  async enableImage(region: string, imageId: string, signal?: AbortSignal): Promise<Ami> {
    checkImageId(imageId);
    await this.images.enable(region, imageId, signal);
    return this.reread(region, imageId);
  }

  /**
   * The image after a change EC2 accepted. Not cancellable: once the change is made, a cancel must
   * not turn it into "cancelled".
   */
  private reread(region: string, imageId: string): Promise<Ami> {
    return this.reader.getImage(region, imageId);
  }
}

function checkImageId(imageId: string): void {
  const problem = validateAmiId(imageId);
  if (problem) throw new InputError(problem);
}
