import type { Image } from '@aws-sdk/client-ec2';
import type { Ami, ImageBlockPublicAccessState, LaunchPermission } from '../model/ami';
import type { ImageReferenceFact } from '../model/cleanupPlan';
import type { CopyImageParams } from '../model/copyPlan';
import type { SnapshotDeleteResult } from '../model/deregisterPlan';
import type { CreateImageRequest } from '../model/imageCreation';
import type { RegisterImageRequest } from '../model/imageRegistration';
import type { DescribedRegistration } from '../model/reregistration';
import { LIVE_INSTANCE_STATES } from '../model/instance';
import type { DescribeImagesParams } from '../model/scope';
import { LIST_PAGE_SIZE } from '../model/scope';
import type { Ec2, Ec2Input, Ec2Output } from './ec2';
import { inIdChunks } from './ec2';
import {
  toAmi,
  toImageRecord,
  toCreateImageInput,
  toImageReference,
  toInstanceReference,
  toLaunchPermissionModifications,
  toLaunchPermissions,
  toRegisterImageInput,
  toRegistration,
  toSnapshotDeleteResults,
} from './mappers';
import { PageStrings } from './pageStrings';
import * as l10n from '@vscode/l10n';

/** DescribeImageReferences takes 1 to 10 image ids per request (EC2 API Reference). */
export const IMAGE_REFERENCE_IDS_PER_CALL = 10;

/** One ModifyImageAttribute change: the description, or launch permissions added and removed. */
export type ImageAttributeChange =
  | { description: string }
  | {
      launchPermission: { add?: readonly LaunchPermission[]; remove?: readonly LaunchPermission[] };
    };

/**
 * The EC2 actions on images, each sent from one method here. Every method throws `AwsApiError`,
 * `CredentialsError` or `CancelledError` (through `Ec2`), never a raw SDK error.
 */
export class Images {
  constructor(private readonly ec2: Ec2) {}

  /** Lists images with the given scope parameters, following NextToken to the last page. */
  async list(region: string, params: DescribeImagesParams, signal?: AbortSignal): Promise<Ami[]> {
    const out: Ami[] = [];
    for await (const page of this.pages(region, params, signal)) {
      for (const ami of page) out.push(ami);
    }
    return out;
  }

  /**
   * Lists images page by page: yields each page's AMIs as soon as that page has arrived, in EC2's
   * order (not sorted), so a caller can show them while the rest are still on their way. The next
   * page is already requested while this one is mapped and handed over (`Ec2.paginate`). Stopping
   * the iteration (break, or the signal) stops the listing.
   */
  async *pages(
    region: string,
    params: DescribeImagesParams,
    signal?: AbortSignal,
  ): AsyncGenerator<Ami[], void, undefined> {
    const strings = new PageStrings();
    for await (const page of this.ec2.paginate(region, 'DescribeImages', params, signal)) {
      yield (page.Images ?? []).map((image) => toAmi(image, region, strings));
    }
  }

  /**
   * Images by id, whatever their owner, state, deprecation or disabled status; ids EC2 does not
   * return are left out.
   */
  byId(region: string, imageIds: readonly string[], signal?: AbortSignal): Promise<Ami[]> {
    const strings = new PageStrings();
    return this.describeById(region, imageIds, (i) => toAmi(i, region, strings), signal);
  }

  /**
   * The DescribeImages record of one image exactly as EC2 returns it (for the AMI JSON tab), or
   * `undefined` when EC2 does not return it. Listings do not keep these records.
   */
  async record(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown> | undefined> {
    const [record] = await this.describeById(region, [imageId], toImageRecord, signal);
    return record;
  }

  /**
   * Images by id as the `image-id` filter finds them: those the caller owns or may launch,
   * deprecated and disabled ones included. Unlike `ImageIds`, an id EC2 does not know is left out
   * instead of failing the whole call (InvalidAMIID.NotFound), so ids gathered from someone's code
   * go in one call per region (chunks of 200).
   */
  findById(region: string, imageIds: readonly string[], signal?: AbortSignal): Promise<Ami[]> {
    return inIdChunks(imageIds, signal, (chunk) =>
      this.list(
        region,
        {
          Filters: [{ Name: 'image-id', Values: chunk }],
          IncludeDeprecated: true,
          IncludeDisabled: true,
          MaxResults: LIST_PAGE_SIZE,
        },
        signal,
      ),
    );
  }

  /**
   * The caller's own images with exactly this name, deprecated and disabled ones included (EC2
   * refuses a second image of the same name in a region, whatever its state).
   */
  ownNamed(region: string, name: string, signal?: AbortSignal): Promise<Ami[]> {
    return this.list(
      region,
      {
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: [name] }],
        IncludeDeprecated: true,
        IncludeDisabled: true,
        MaxResults: LIST_PAGE_SIZE,
      },
      signal,
    );
  }

  /**
   * The caller's images whose block-device mappings use any of these snapshots (Owners=self,
   * `block-device-mapping.snapshot-id`), deprecated and disabled ones included.
   */
  ownUsingSnapshots(
    region: string,
    snapshotIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Ami[]> {
    return inIdChunks(snapshotIds, signal, (chunk) =>
      this.list(
        region,
        {
          Owners: ['self'],
          Filters: [{ Name: 'block-device-mapping.snapshot-id', Values: chunk }],
          IncludeDeprecated: true,
          IncludeDisabled: true,
          MaxResults: LIST_PAGE_SIZE,
        },
        signal,
      ),
    );
  }

  /**
   * What re-registering the image must restore, from its DescribeImages record, with its backing;
   * `undefined` when EC2 does not return it.
   */
  async registration(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<DescribedRegistration | undefined> {
    const [record] = await this.describeById(
      region,
      [imageId],
      (image) => toRegistration(image, region),
      signal,
    );
    return record;
  }

  /** The image's launch permissions (DescribeImageAttribute; only its owner may read them). */
  async launchPermissions(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<LaunchPermission[]> {
    const result = await this.ec2.send(
      region,
      'DescribeImageAttribute',
      { ImageId: imageId, Attribute: 'launchPermission' },
      signal,
    );
    return toLaunchPermissions(result.LaunchPermissions);
  }

  /**
   * ModifyImageAttribute: a new description, or one launch-permission change with both lists so
   * EC2 applies it as a whole.
   */
  async modifyAttribute(
    region: string,
    imageId: string,
    change: ImageAttributeChange,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.ec2.send(
      region,
      'ModifyImageAttribute',
      'description' in change
        ? { ImageId: imageId, Description: { Value: change.description } }
        : {
            ImageId: imageId,
            LaunchPermission: toLaunchPermissionModifications(change.launchPermission),
          },
      signal,
    );
  }

  /** CreateImage; returns the new image id. */
  async create(region: string, request: CreateImageRequest, signal?: AbortSignal): Promise<string> {
    const result = await this.ec2.send(region, 'CreateImage', toCreateImageInput(request), signal);
    return result.ImageId ?? '';
  }

  /** RegisterImage; returns the new image id. */
  async register(
    region: string,
    request: RegisterImageRequest,
    signal?: AbortSignal,
  ): Promise<string> {
    const result = await this.ec2.send(
      region,
      'RegisterImage',
      toRegisterImageInput(request),
      signal,
    );
    return result.ImageId ?? '';
  }

  /** CopyImage, called in the destination `region`; returns the new image id. */
  async copy(region: string, params: CopyImageParams, signal?: AbortSignal): Promise<string> {
    const result = await this.ec2.send(region, 'CopyImage', { ...params }, signal);
    if (!result.ImageId)
      throw this.ec2.unexpected(region, 'CopyImage', l10n.t('CopyImage returned no ImageId'));
    return result.ImageId;
  }

  /**
   * DeregisterImage, optionally with DeleteAssociatedSnapshots; returns what EC2 did to each
   * snapshot (nothing without it). The S3 bundle of an instance store-backed image stays.
   */
  async deregister(
    region: string,
    imageId: string,
    options: { deleteSnapshots?: boolean } = {},
    signal?: AbortSignal,
  ): Promise<SnapshotDeleteResult[]> {
    const result = await this.ec2.send(
      region,
      'DeregisterImage',
      { ImageId: imageId, ...(options.deleteSnapshots ? { DeleteAssociatedSnapshots: true } : {}) },
      signal,
    );
    return toSnapshotDeleteResults(result.DeleteSnapshotResults);
  }

  /** EnableImageDeprecation at `deprecateAt` (EC2 rounds it to the minute). */
  async enableDeprecation(
    region: string,
    imageId: string,
    deprecateAt: Date,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.ec2.send(
      region,
      'EnableImageDeprecation',
      { ImageId: imageId, DeprecateAt: deprecateAt },
      signal,
    );
  }

  /** DisableImageDeprecation: removes the deprecation time. */
  async disableDeprecation(region: string, imageId: string, signal?: AbortSignal): Promise<void> {
    await this.ec2.send(region, 'DisableImageDeprecation', { ImageId: imageId }, signal);
  }

  /** EnableImageDeregistrationProtection, with or without the 24-hour cooldown. */
  async enableDeregistrationProtection(
    region: string,
    imageId: string,
    withCooldown: boolean,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.ec2.send(
      region,
      'EnableImageDeregistrationProtection',
      { ImageId: imageId, WithCooldown: withCooldown },
      signal,
    );
  }

  /**
   * DisableImageDeregistrationProtection (a cooldown, if any, then starts); returns EC2's new
   * protection text when it gives one.
   */
  async disableDeregistrationProtection(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    const result = await this.ec2.send(
      region,
      'DisableImageDeregistrationProtection',
      { ImageId: imageId },
      signal,
    );
    return result.Return;
  }

  /** DisableImage: the AMI becomes `disabled` and loses every launch permission. */
  async disable(region: string, imageId: string, signal?: AbortSignal): Promise<void> {
    await this.ec2.send(region, 'DisableImage', { ImageId: imageId }, signal);
  }

  /** EnableImage: back to `available`; launch permissions are not restored. */
  async enable(region: string, imageId: string, signal?: AbortSignal): Promise<void> {
    await this.ec2.send(region, 'EnableImage', { ImageId: imageId }, signal);
  }

  /**
   * CancelImageLaunchPermission: removes the caller's account from an AMI another account shared
   * with it (by account id); the owner can share it again.
   */
  async leaveShared(region: string, imageId: string, signal?: AbortSignal): Promise<void> {
    await this.ec2.send(region, 'CancelImageLaunchPermission', { ImageId: imageId }, signal);
  }

  /** GetImageBlockPublicAccessState for the caller's account in the region. */
  async blockPublicAccessState(
    region: string,
    signal?: AbortSignal,
  ): Promise<ImageBlockPublicAccessState> {
    const result = await this.ec2.send(region, 'GetImageBlockPublicAccessState', {}, signal);
    return result.ImageBlockPublicAccessState ?? 'unblocked';
  }

  /**
   * Everything DescribeImageReferences finds using each image: instances (live states), launch
   * templates, SSM parameters, Image Builder recipes (`IncludeAllResourceTypes`). Image id →
   * references. EC2 takes at most 10 image ids per request, so ids go 10 at a time.
   */
  async references(
    region: string,
    imageIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, ImageReferenceFact[]>> {
    const byImage = new Map(imageIds.map((id) => [id, [] as ImageReferenceFact[]]));
    // Other resource types keep their default options: the override is for instances only.
    const refs = await this.liveInstanceReferences(region, imageIds, true, signal, (page) =>
      (page.ImageReferences ?? [])
        .map(toImageReference)
        .filter((ref) => ref.imageId.length > 0 && ref.arn.length > 0),
    );
    for (const { imageId, ...ref } of refs) byImage.get(imageId)?.push(ref);
    return byImage;
  }

  /**
   * Instances launched from each image (DescribeImageReferences, resource type `ec2:Instance`,
   * live states only): image id → instance ids.
   */
  async instanceReferences(
    region: string,
    imageIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, string[]>> {
    const byImage = new Map(imageIds.map((id) => [id, [] as string[]]));
    const refs = await this.liveInstanceReferences(region, imageIds, false, signal, (page) =>
      (page.ImageReferences ?? []).flatMap((ref) => toInstanceReference(ref) ?? []),
    );
    for (const { imageId, instanceId } of refs) byImage.get(imageId)?.push(instanceId);
    return byImage;
  }

  /**
   * DescribeImageReferences for `imageIds`, 10 at a time (EC2's maximum), counting only instances
   * that are not terminated (a terminated one uses nothing); other resource types too when
   * `allTypes`.
   */
  private liveInstanceReferences<T>(
    region: string,
    imageIds: readonly string[],
    allTypes: boolean,
    signal: AbortSignal | undefined,
    map: (page: Ec2Output<'DescribeImageReferences'>) => T[],
  ): Promise<T[]> {
    return inIdChunks(
      imageIds,
      signal,
      (chunk) =>
        this.ec2.collect(
          region,
          'DescribeImageReferences',
          {
            ImageIds: chunk,
            ...(allTypes ? { IncludeAllResourceTypes: true } : {}),
            ResourceTypes: [
              {
                ResourceType: 'ec2:Instance',
                ResourceTypeOptions: [
                  { OptionName: 'state-name', OptionValues: LIVE_INSTANCE_STATES },
                ],
              },
            ],
            MaxResults: LIST_PAGE_SIZE,
          },
          map,
          signal,
        ),
      IMAGE_REFERENCE_IDS_PER_CALL,
    );
  }

  private describeById<T>(
    region: string,
    imageIds: readonly string[],
    map: (image: Image) => T,
    signal?: AbortSignal,
  ): Promise<T[]> {
    // EC2 refuses MaxResults together with ImageIds, so ids go in chunks and come back unpaged.
    return inIdChunks(imageIds, signal, (chunk) =>
      this.describe(
        region,
        { ImageIds: chunk, IncludeDeprecated: true, IncludeDisabled: true },
        map,
        signal,
      ),
    );
  }

  /** DescribeImages by id (EC2 answers those in one page), mapped. */
  private describe<T>(
    region: string,
    input: Ec2Input<'DescribeImages'>,
    map: (image: Image) => T,
    signal?: AbortSignal,
  ): Promise<T[]> {
    return this.ec2.collect(
      region,
      'DescribeImages',
      input,
      (page) => (page.Images ?? []).map(map),
      signal,
    );
  }
}
