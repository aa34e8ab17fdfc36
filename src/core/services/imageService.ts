import type { Images } from '../aws/images';
import type { Ami, LaunchPermission } from '../model/ami';
import { InputError, AwsApiError } from '../model/errors';
import type { DescribeImagesParams, ListingScope } from '../model/scope';
import { scopeToDescribeImagesParams, validateScope } from '../model/scope';
import { validateAmiId } from '../model/validation';
import * as l10n from '@vscode/l10n';

/** What the AMI JSON tab shows. */
export interface ImageDocument {
  Region: string;
  /** The DescribeImages record exactly as EC2 returned it. */
  Image: Record<string, unknown>;
  /** From DescribeImageAttribute; absent when the caller may not read them (not the owner). */
  LaunchPermissions?: {
    UserId?: string;
    Group?: string;
    OrganizationArn?: string;
    OrganizationalUnitArn?: string;
  }[];
  /** Why launch permissions are missing, when they are. */
  LaunchPermissionsUnavailable?: string;
}

/** Listing and reading AMIs. */
export class ImageService {
  constructor(
    private readonly images: Pick<
      Images,
      'list' | 'pages' | 'byId' | 'record' | 'launchPermissions'
    >,
  ) {}

  /** Lists the images of one region in the given scope: one page chain, no per-image calls. */
  async listImages(region: string, scope: ListingScope, signal?: AbortSignal): Promise<Ami[]> {
    return this.images.list(region, listingParams(scope), signal);
  }

  /**
   * Lists the images of one region in the given scope page by page, as they arrive: each value is
   * one DescribeImages page (up to 1,000 AMIs) mapped to AMIs, in EC2's order (not sorted). The
   * request for the next page is already sent when a page is handed over, so consuming a page
   * overlaps with fetching the next. Breaking out of the loop, or the signal, stops the listing.
   * Throws `InputError` (before any request) when the scope cannot be listed, and the typed errors
   * of `Ec2` for a page that fails.
   *
   * ```ts
   * for await (const page of imageService.listImagePages('us-east-1', scope, signal)) {
   *   show(page); // the first page arrives after one round trip
   * }
   * ```
   */
  listImagePages(region: string, scope: ListingScope, signal?: AbortSignal): AsyncIterable<Ami[]> {
    // Validated now, not on the first iteration, so a bad scope fails where the listing is asked for.
    const params = listingParams(scope);
    return this.images.pages(region, params, signal);
  }

  /** Current records of the given images (for polling pending ones); missing ids are left out. */
  async getImages(
    region: string,
    imageIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Ami[]> {
    return this.images.byId(region, imageIds, signal);
  }

  /** One image, or an `InvalidAMIID.NotFound` error when EC2 does not return it. */
  async getImage(region: string, imageId: string, signal?: AbortSignal): Promise<Ami> {
    const problem = validateAmiId(imageId);
    if (problem) throw new InputError(problem);
    const [image] = await this.images.byId(region, [imageId], signal);
    if (!image) throw notFound(region, imageId);
    return image;
  }

  /**
   * The document shown in an AMI JSON tab: the full record, described again by id (listings do not
   * keep it), plus launch permissions.
   */
  async getImageDocument(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<ImageDocument> {
    const problem = validateAmiId(imageId);
    if (problem) throw new InputError(problem);
    const record = await this.images.record(region, imageId, signal);
    if (!record) throw notFound(region, imageId);
    const document: ImageDocument = { Region: region, Image: record };
    try {
      const permissions = await this.images.launchPermissions(region, imageId, signal);
      document.LaunchPermissions = permissions.map(toJsonPermission);
    } catch (error) {
      // Only the owner may read launch permissions; the record itself is still worth showing.
      if (!(error instanceof AwsApiError)) throw error;
      document.LaunchPermissionsUnavailable = error.message;
    }
    return document;
  }
}

/** The DescribeImages parameters of a scope; `InputError` when the scope cannot be listed. */
function listingParams(scope: ListingScope): DescribeImagesParams {
  const problem = validateScope(scope);
  if (problem) throw new InputError(problem);
  return scopeToDescribeImagesParams(scope);
}

/** EC2's answer, as an error, when an image asked for by id is not returned. */
function notFound(region: string, imageId: string): AwsApiError {
  return new AwsApiError(
    'InvalidAMIID.NotFound',
    l10n.t(
      'The AMI {0} was not found in {1}. It may have been deregistered, or it belongs to another region or account.',
      imageId,
      region,
    ),
    { region, action: 'DescribeImages' },
    {},
  );
}

function toJsonPermission(
  p: LaunchPermission,
): NonNullable<ImageDocument['LaunchPermissions']>[number] {
  return {
    ...(p.userId ? { UserId: p.userId } : {}),
    ...(p.group ? { Group: p.group } : {}),
    ...(p.organizationArn ? { OrganizationArn: p.organizationArn } : {}),
    ...(p.organizationalUnitArn ? { OrganizationalUnitArn: p.organizationalUnitArn } : {}),
  };
}
