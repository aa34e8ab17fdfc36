import type { ImageBlockPublicAccessState } from '../model/ami';
import type {
  AllowedImagesSettings,
  ImageCriterion,
  SnapshotBlockPublicAccessState,
} from '../model/imageInsights';
import type { Ec2 } from './ec2';
import { toAllowedImagesSettings, toImageCriterionRequests } from './mappers';

/**
 * The account's AMI guardrails per region: Allowed AMIs, image block public access and snapshot
 * block public access.
 */
export class AccountSettings {
  constructor(private readonly ec2: Ec2) {}

  /** GetAllowedImagesSettings. */
  async allowedImages(region: string, signal?: AbortSignal): Promise<AllowedImagesSettings> {
    return toAllowedImagesSettings(
      await this.ec2.send(region, 'GetAllowedImagesSettings', {}, signal),
    );
  }

  /** EnableAllowedImagesSettings: `enabled` enforces the criteria, `audit-mode` only reports. */
  async enableAllowedImages(
    region: string,
    state: 'enabled' | 'audit-mode',
    signal?: AbortSignal,
  ): Promise<void> {
    await this.ec2.send(
      region,
      'EnableAllowedImagesSettings',
      { AllowedImagesSettingsState: state },
      signal,
    );
  }

  /** DisableAllowedImagesSettings (the criteria are kept). */
  async disableAllowedImages(region: string, signal?: AbortSignal): Promise<void> {
    await this.ec2.send(region, 'DisableAllowedImagesSettings', {}, signal);
  }

  /** ReplaceImageCriteriaInAllowedImagesSettings: sets the whole list of criteria. */
  async replaceImageCriteria(
    region: string,
    criteria: readonly ImageCriterion[],
    signal?: AbortSignal,
  ): Promise<void> {
    await this.ec2.send(
      region,
      'ReplaceImageCriteriaInAllowedImagesSettings',
      { ImageCriteria: toImageCriterionRequests(criteria) },
      signal,
    );
  }

  /** GetImageBlockPublicAccessState. */
  async imageBlockPublicAccess(
    region: string,
    signal?: AbortSignal,
  ): Promise<ImageBlockPublicAccessState> {
    const out = await this.ec2.send(region, 'GetImageBlockPublicAccessState', {}, signal);
    return out.ImageBlockPublicAccessState ?? 'unblocked';
  }

  /** EnableImageBlockPublicAccess (`block-new-sharing`, the only state EC2 accepts). */
  async enableImageBlockPublicAccess(region: string, signal?: AbortSignal): Promise<void> {
    await this.ec2.send(
      region,
      'EnableImageBlockPublicAccess',
      { ImageBlockPublicAccessState: 'block-new-sharing' },
      signal,
    );
  }

  /** DisableImageBlockPublicAccess. */
  async disableImageBlockPublicAccess(region: string, signal?: AbortSignal): Promise<void> {
    await this.ec2.send(region, 'DisableImageBlockPublicAccess', {}, signal);
  }

  /** GetSnapshotBlockPublicAccessState. */
  async snapshotBlockPublicAccess(
    region: string,
    signal?: AbortSignal,
  ): Promise<SnapshotBlockPublicAccessState> {
    const out = await this.ec2.send(region, 'GetSnapshotBlockPublicAccessState', {}, signal);
    return out.State ?? 'unblocked';
  }
}
