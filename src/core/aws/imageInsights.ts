import type {
  AncestryEntry,
  ImageFinding,
  ImageReference,
  ImageReferenceType,
  ImageUsageEntry,
  ImageUsageReport,
  UsageResourceType,
} from '../model/imageInsights';
import { LIST_PAGE_SIZE } from '../model/scope';
import type { Ec2 } from './ec2';
import { inIdChunks } from './ec2';
import { IMAGE_REFERENCE_IDS_PER_CALL } from './images';
import {
  toAncestryEntry,
  toImageFinding,
  toImageReference,
  toImageUsageEntry,
  toImageUsageReport,
} from './mappers';
import * as l10n from '@vscode/l10n';

/** Options for an image usage report. */
export interface UsageReportRequest {
  /** Default: instances and launch templates. */
  resourceTypes?: readonly UsageResourceType[];
  /** Only these accounts; default all. */
  accountIds?: readonly string[];
  /** Makes a retry after a lost answer return the same report (EC2 idempotency). */
  clientToken?: string;
}

/**
 * What EC2 tells about one AMI beyond DescribeImages: its lineage, Inspector findings, what in
 * this account references it, and which accounts use it (image usage reports). One EC2 action per
 * method; errors are typed by `Ec2`.
 */
export class ImageInsights {
  constructor(private readonly ec2: Ec2) {}

  /** GetImageAncestry: from this AMI to its root, in that order. */
  async ancestry(region: string, imageId: string, signal?: AbortSignal): Promise<AncestryEntry[]> {
    const out = await this.ec2.send(region, 'GetImageAncestry', { ImageId: imageId }, signal);
    return (out.ImageAncestryEntries ?? []).map(toAncestryEntry);
  }

  /** GetImageFindings (all pages). Empty for an AMI Inspector has not scanned or found clean. */
  findings(region: string, imageId: string, signal?: AbortSignal): Promise<ImageFinding[]> {
    return this.ec2.collect(
      region,
      'GetImageFindings',
      { ImageId: imageId, MaxResults: LIST_PAGE_SIZE },
      (page) => (page.ImageFindings ?? []).map(toImageFinding),
      signal,
    );
  }

  /**
   * DescribeImageReferences for these AMIs: the account's instances (any state), launch
   * templates, SSM parameters and Image Builder recipes (all types by default), all pages.
   */
  references(
    region: string,
    imageIds: readonly string[],
    resourceTypes?: readonly ImageReferenceType[],
    signal?: AbortSignal,
  ): Promise<ImageReference[]> {
    return inIdChunks(
      imageIds,
      signal,
      (chunk) =>
        this.ec2.collect(
          region,
          'DescribeImageReferences',
          {
            ImageIds: chunk,
            ...(resourceTypes && resourceTypes.length > 0
              ? {
                  ResourceTypes: resourceTypes.map((t) => ({
                    ResourceType: t as 'ec2:Instance',
                  })),
                }
              : { IncludeAllResourceTypes: true }),
            MaxResults: LIST_PAGE_SIZE,
          },
          (page) => (page.ImageReferences ?? []).map(toImageReference),
          signal,
        ),
      IMAGE_REFERENCE_IDS_PER_CALL,
    );
  }

  /** CreateImageUsageReport for an AMI the account owns; the report's id (it starts `pending`). */
  async createUsageReport(
    region: string,
    imageId: string,
    request: UsageReportRequest = {},
    signal?: AbortSignal,
  ): Promise<string> {
    const types = request.resourceTypes ?? ['ec2:Instance', 'ec2:LaunchTemplate'];
    const out = await this.ec2.send(
      region,
      'CreateImageUsageReport',
      {
        ImageId: imageId,
        ResourceTypes: types.map((t) => ({ ResourceType: t })),
        ...(request.accountIds && request.accountIds.length > 0
          ? { AccountIds: [...request.accountIds] }
          : {}),
        ...(request.clientToken ? { ClientToken: request.clientToken } : {}),
      },
      signal,
    );
    if (!out.ReportId)
      throw this.ec2.unexpected(region, 'CreateImageUsageReport', l10n.t('no ReportId'));
    return out.ReportId;
  }

  /** DescribeImageUsageReports: by report ids, or every report of these AMIs (all pages). */
  usageReports(
    region: string,
    by: { reportIds?: readonly string[]; imageIds?: readonly string[] },
    signal?: AbortSignal,
  ): Promise<ImageUsageReport[]> {
    return this.ec2.collect(
      region,
      'DescribeImageUsageReports',
      {
        ...(by.reportIds ? { ReportIds: [...by.reportIds] } : {}),
        ...(by.imageIds ? { ImageIds: [...by.imageIds] } : {}),
        MaxResults: LIST_PAGE_SIZE,
      },
      (page) => (page.ImageUsageReports ?? []).map(toImageUsageReport),
      signal,
    );
  }

  /** DescribeImageUsageReportEntries of one report (all pages; none while it is pending). */
  usageEntries(region: string, reportId: string, signal?: AbortSignal): Promise<ImageUsageEntry[]> {
    return this.ec2.collect(
      region,
      'DescribeImageUsageReportEntries',
      { ReportIds: [reportId], MaxResults: LIST_PAGE_SIZE },
      (page) => (page.ImageUsageReportEntries ?? []).map(toImageUsageEntry),
      signal,
    );
  }
}
