import type { Images } from '../aws/images';
import type { Ami, LaunchPermission } from '../model/ami';
import { InputError, AwsApiError } from '../model/errors';
import type { ListingScope } from '../model/scope';
import { scopeToDescribeImagesParams, validateScope } from '../model/scope';
import { validateAmiId } from '../model/validation';

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
  constructor(private readonly images: Pick<Images, 'list' | 'byId' | 'launchPermissions'>) {}

  /** Lists the images of one region in the given scope: one page chain, no per-image calls. */
  async listImages(region: string, scope: ListingScope, signal?: AbortSignal): Promise<Ami[]> {
    const problem = validateScope(scope);
    if (problem) throw new InputError(problem);
    return this.images.list(region, scopeToDescribeImagesParams(scope), signal);
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
    if (!image) {
      throw new AwsApiError(
        'InvalidAMIID.NotFound',
        `The AMI ${imageId} was not found in ${region}. It may have been deregistered, or it belongs to another region or account.`,
        { region, action: 'DescribeImages' },
        {},
      );
    }
    return image;
  }

  /** The document shown in an AMI JSON tab: the full record plus launch permissions. */
  async getImageDocument(
    region: string,
    imageId: string,
    signal?: AbortSignal,
  ): Promise<ImageDocument> {
    const image = await this.getImage(region, imageId, signal);
    const document: ImageDocument = { Region: region, Image: image.raw };
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
