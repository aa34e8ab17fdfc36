import type { XmlChild } from '../protocol/xmlWriter';
import { el, listEl, optionalEl } from '../protocol/xmlWriter';
import type { ImageBlockDevice, ImageRecord } from '../state/imageRecord';
import { deregistrationProtectionAt, imageStateAt, isPublic } from '../state/imageRecord';
import { isoTime } from './isoTime';
import { tagSetXml } from './tagSetXml';

/** Block-device mappings as DescribeImages reports them (no KMS key: EC2 reports that on the snapshot). */
export function imageBlockDeviceMappingXml(devices: readonly ImageBlockDevice[]): XmlChild {
  return listEl('blockDeviceMapping', devices, (d) => [
    el('deviceName', d.deviceName),
    optionalEl('virtualName', d.virtualName),
    d.noDevice ? el('noDevice', '') : undefined,
    d.ebs
      ? el(
          'ebs',
          optionalEl('snapshotId', d.ebs.snapshotId),
          el('volumeSize', d.ebs.volumeSize),
          el('deleteOnTermination', d.ebs.deleteOnTermination),
          el('volumeType', d.ebs.volumeType),
          optionalEl('iops', d.ebs.iops),
          optionalEl('throughput', d.ebs.throughput),
          el('encrypted', d.ebs.encrypted),
        )
      : undefined,
  ]);
}

/** The children of one `<imagesSet><item>`, in the order EC2 sends them. */
export function imageXml(
  image: ImageRecord,
  now: number,
  ownerAlias: string | undefined,
  imageAllowed?: boolean,
): XmlChild[] {
  const state = imageStateAt(image, now);
  return [
    el('imageId', image.imageId),
    el('imageLocation', image.imageLocation),
    el('imageState', state),
    el('imageOwnerId', image.ownerId),
    el('creationDate', isoTime(image.createdAt)),
    el('isPublic', isPublic(image)),
    image.productCodes.length > 0
      ? listEl('productCodes', image.productCodes, (p) => [
          el('productCode', p.id),
          el('type', p.type),
        ])
      : undefined,
    el('architecture', image.architecture),
    el('imageType', 'machine'),
    optionalEl('kernelId', image.kernelId),
    optionalEl('ramdiskId', image.ramdiskId),
    optionalEl('platform', image.platform),
    optionalEl('sriovNetSupport', image.sriovNetSupport),
    state === 'failed' && image.failureReason
      ? el(
          'stateReason',
          el('code', image.failureReason.code),
          el('message', image.failureReason.message),
        )
      : undefined,
    optionalEl('imageOwnerAlias', ownerAlias),
    el('name', image.name),
    optionalEl('description', image.description),
    el('rootDeviceType', image.rootDeviceType),
    el('rootDeviceName', image.rootDeviceName),
    imageBlockDeviceMappingXml(image.blockDevices),
    el('virtualizationType', image.virtualizationType),
    tagSetXml(image.tags),
    el('hypervisor', 'xen'),
    el('enaSupport', image.enaSupport),
    optionalEl('bootMode', image.bootMode),
    optionalEl('tpmSupport', image.tpmSupport),
    el('platformDetails', image.platformDetails),
    el('usageOperation', image.usageOperation),
    image.deprecateAt !== undefined ? el('deprecationTime', isoTime(image.deprecateAt)) : undefined,
    optionalEl('imdsSupport', image.imdsSupport),
    optionalEl('sourceInstanceId', image.sourceInstanceId),
    el('deregistrationProtection', deregistrationProtectionAt(image, now)),
    image.lastLaunchedAt !== undefined
      ? el('lastLaunchedTime', isoTime(image.lastLaunchedAt))
      : undefined,
    optionalEl('imageAllowed', imageAllowed),
    optionalEl('sourceImageId', image.sourceImageId),
    optionalEl('sourceImageRegion', image.sourceImageRegion),
    optionalEl('freeTierEligible', image.freeTierEligible),
    optionalEl('publicSsmParameterName', image.publicSsmParameterName),
    scanResultsXml(image),
  ];
}

const severities = ['informational', 'low', 'medium', 'high', 'critical'] as const;

/**
 * `scanResults` for an image Amazon Inspector scanned: the highest severity found, when it was
 * scanned, and per severity since when a fix is available (the earliest fixable finding).
 */
function scanResultsXml(image: ImageRecord): XmlChild {
  if (image.scannedAt === undefined) {
    return undefined;
  }
  const findings = image.findings ?? [];
  const highest = [...severities].reverse().find((s) => findings.some((f) => f.severity === s));
  const fixSince = (severity: string) => {
    const times = findings
      .filter((f) => f.severity === severity && f.fixAvailable)
      .map((f) => f.firstObservedAt);
    return times.length > 0 ? isoTime(Math.min(...times)) : undefined;
  };
  return el(
    'scanResults',
    optionalEl('highestFindingSeverityLabel', highest),
    el('findingScanDate', isoTime(image.scannedAt)),
    ...severities.map((s) => optionalEl(`${s}FixAvailableSince`, fixSince(s))),
  );
}
