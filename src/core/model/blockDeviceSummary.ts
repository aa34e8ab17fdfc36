import type { Ami, BlockDevice } from './ami';
import { shortKmsKey } from './snapshot';
import * as l10n from '@vscode/l10n';

/** What a mapping attaches at launch. */
export type MappingKind = 'ebs' | 'instance-store' | 'no-device';

/** One row of the block-device mappings table. */
export interface BlockDeviceRow {
  deviceName: string;
  /** The image's root device (`RootDeviceName`). */
  isRoot: boolean;
  kind: MappingKind;
  /** `ephemeralN` for instance-store volumes. */
  virtualName?: string;
  snapshotId?: string;
  sizeGiB?: number;
  volumeType?: string;
  iops?: number;
  throughput?: number;
  /** Undefined for mappings that are not EBS volumes. */
  encrypted?: boolean;
  /** Full KMS key ARN (from the mapping, or from the snapshot when the mapping has none). */
  kmsKeyId?: string;
  /** `key/1a2b3c4d…`, for the cell; the full ARN is the tooltip. */
  kmsKeyShort?: string;
  deleteOnTermination?: boolean;
}

/** Totals under the table. */
export interface BlockDeviceTotals {
  /** Volumes attached at launch (EBS and instance store; suppressed devices do not count). */
  volumes: number;
  ebsVolumes: number;
  instanceStoreVolumes: number;
  /** Sum of the EBS volume sizes in GiB (instance-store sizes depend on the instance type). */
  totalSizeGiB: number;
  encryptedVolumes: number;
  /** "all encrypted", "2 of 3 encrypted", "none encrypted", or "no EBS volumes". */
  encryptionSummary: string;
  /** Distinct KMS key ARNs used by the encrypted volumes, in table order. */
  kmsKeys: string[];
}

/** What the block-device panel shows about the mappings. */
export interface BlockDeviceSummary {
  rows: BlockDeviceRow[];
  totals: BlockDeviceTotals;
}

/** Encryption facts of a snapshot, as DescribeSnapshots reports them. */
export interface SnapshotEncryption {
  encrypted: boolean;
  kmsKeyId?: string;
}

/**
 * Builds the table rows and totals of an image's block-device mappings. EC2 reports KMS keys on the
 * snapshots, not in DescribeImages, so `snapshots` (by id) fills them in when known.
 */
export function summarizeBlockDevices(
  ami: Pick<Ami, 'blockDevices' | 'rootDeviceName'>,
  snapshots: ReadonlyMap<string, SnapshotEncryption> = new Map(),
): BlockDeviceSummary {
  const rows = ami.blockDevices.map((d) => toRow(d, ami.rootDeviceName, snapshots));
  const ebs = rows.filter((r) => r.kind === 'ebs');
  const instanceStore = rows.filter((r) => r.kind === 'instance-store');
  const encrypted = ebs.filter((r) => r.encrypted === true);
  const kmsKeys: string[] = [];
  for (const r of encrypted) {
    if (r.kmsKeyId && !kmsKeys.includes(r.kmsKeyId)) kmsKeys.push(r.kmsKeyId);
  }
  return {
    rows,
    totals: {
      volumes: ebs.length + instanceStore.length,
      ebsVolumes: ebs.length,
      instanceStoreVolumes: instanceStore.length,
      totalSizeGiB: ebs.reduce((sum, r) => sum + (r.sizeGiB ?? 0), 0),
      encryptedVolumes: encrypted.length,
      encryptionSummary: encryptionSummary(encrypted.length, ebs.length),
      kmsKeys,
    },
  };
}

/** "all encrypted" / "2 of 3 encrypted" / "none encrypted" / "no EBS volumes". */
export function encryptionSummary(encrypted: number, total: number): string {
  if (total === 0) return l10n.t('no EBS volumes');
  if (encrypted === total) return l10n.t('all encrypted');
  if (encrypted === 0) return l10n.t('none encrypted');
  return l10n.t('{0} of {1} encrypted', encrypted, total);
}

function toRow(
  device: BlockDevice,
  rootDeviceName: string | undefined,
  snapshots: ReadonlyMap<string, SnapshotEncryption>,
): BlockDeviceRow {
  const row: BlockDeviceRow = {
    deviceName: device.deviceName,
    isRoot: rootDeviceName !== undefined && device.deviceName === rootDeviceName,
    kind: device.noDevice ? 'no-device' : device.ebs ? 'ebs' : 'instance-store',
  };
  if (device.virtualName !== undefined) row.virtualName = device.virtualName;
  const ebs = device.ebs;
  if (!ebs || device.noDevice) return row;
  const snapshot = ebs.snapshotId ? snapshots.get(ebs.snapshotId) : undefined;
  if (ebs.snapshotId !== undefined) row.snapshotId = ebs.snapshotId;
  if (ebs.volumeSize !== undefined) row.sizeGiB = ebs.volumeSize;
  if (ebs.volumeType !== undefined) row.volumeType = ebs.volumeType;
  if (ebs.iops !== undefined) row.iops = ebs.iops;
  if (ebs.throughput !== undefined) row.throughput = ebs.throughput;
  row.encrypted = ebs.encrypted ?? snapshot?.encrypted ?? false;
  const key = ebs.kmsKeyId ?? snapshot?.kmsKeyId;
  if (row.encrypted && key !== undefined) {
    row.kmsKeyId = key;
    row.kmsKeyShort = shortKmsKey(key);
  }
  if (ebs.deleteOnTermination !== undefined) row.deleteOnTermination = ebs.deleteOnTermination;
  return row;
}
