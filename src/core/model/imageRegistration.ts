import type { Tag } from './ami';
import type { Snapshot } from './snapshot';
import {
  normalizeManifestPath,
  validateAmiName,
  validateDescription,
  validateDeviceName,
  validateManifestPath,
} from './imageInputs';
import * as l10n from '@vscode/l10n';

export type Architecture = 'x86_64' | 'arm64' | 'i386';
export type VirtualizationType = 'hvm' | 'paravirtual';
export type BootMode = 'legacy-bios' | 'uefi' | 'uefi-preferred';

/** Registering an instance store-backed AMI from a bundle's manifest in S3. */
export interface InstanceStoreRegistrationInput {
  kind: 'instance-store';
  /** `bucket/path/image.manifest.xml` (an `s3://` prefix is accepted). */
  manifestPath: string;
  name: string;
  description?: string;
  architecture: Architecture;
  virtualizationType: VirtualizationType;
  /** Paravirtual images only: the kernel (aki-…) and RAM disk (ari-…) to boot. */
  kernelId?: string;
  ramdiskId?: string;
}

/** An additional volume of an EBS registration: a device backed by one of the user's snapshots. */
export interface AdditionalVolume {
  deviceName: string;
  snapshot: Snapshot;
  deleteOnTermination: boolean;
}

/** Registering an EBS-backed AMI whose root volume comes from a snapshot. */
export interface EbsSnapshotRegistrationInput {
  kind: 'ebs-snapshot';
  name: string;
  description?: string;
  architecture: Architecture;
  rootDeviceName: string;
  rootSnapshot: Snapshot;
  bootMode?: BootMode;
  enaSupport: boolean;
  additionalVolumes: AdditionalVolume[];
}

/** The wizard's answers (or a test's) for Register Image. */
export type RegistrationInput = InstanceStoreRegistrationInput | EbsSnapshotRegistrationInput;

/** One mapping of a RegisterImage request. */
export interface RegisterMapping {
  deviceName: string;
  /** Instance-store volumes (`ephemeral0`…). */
  virtualName?: string;
  noDevice?: true;
  /**
   * EBS volume from a snapshot. Deliberately no `encrypted`/`kmsKeyId`: the volume takes its
   * snapshot's encryption and key, so each volume keeps its own.
   */
  ebs?: { snapshotId: string; deleteOnTermination: boolean };
}

/** RegisterImage in domain terms (the API class maps it to SDK input). */
export interface RegisterImageRequest {
  name: string;
  description?: string;
  /** The S3 manifest of an instance store-backed image. */
  imageLocation?: string;
  architecture?: string;
  virtualizationType?: string;
  rootDeviceName?: string;
  kernelId?: string;
  ramdiskId?: string;
  bootMode?: string;
  enaSupport?: boolean;
  sriovNetSupport?: string;
  blockDeviceMappings: RegisterMapping[];
  /** Tags applied to the image at registration (TagSpecifications). */
  tags?: Tag[];
}

const KERNEL_ID = /^aki-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const RAMDISK_ID = /^ari-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** A kernel id (paravirtual images): empty means none. */
export function validateKernelId(input: string): string | undefined {
  const value = input.trim();
  if (value.length === 0 || KERNEL_ID.test(value)) return undefined;
  return l10n.t(
    'A kernel id is "aki-" followed by 8 or 17 hexadecimal digits (or leave it empty).',
  );
}

/** A RAM disk id (paravirtual images): empty means none. */
export function validateRamdiskId(input: string): string | undefined {
  const value = input.trim();
  if (value.length === 0 || RAMDISK_ID.test(value)) return undefined;
  return l10n.t(
    'A RAM disk id is "ari-" followed by 8 or 17 hexadecimal digits (or leave it empty).',
  );
}

/** One line about a snapshot for pickers: `8 GiB · encrypted (key) · completed`. */
export function describeSnapshot(snapshot: Snapshot): string {
  return [
    l10n.t('{0} GiB', snapshot.volumeSizeGiB ?? 0),
    snapshot.encrypted
      ? `encrypted${snapshot.kmsKeyId ? ` (${snapshot.kmsKeyId})` : ''}`
      : l10n.t('not encrypted'),
    snapshot.state,
  ].join(' · ');
}

/** The next free device name for an additional volume: /dev/sdf, /dev/sdg, … */
export function nextDeviceName(taken: readonly string[]): string {
  for (let c = 'f'.charCodeAt(0); c <= 'z'.charCodeAt(0); c++) {
    const name = `/dev/sd${String.fromCharCode(c)}`;
    if (!taken.includes(name)) return name;
  }
  return '/dev/sdz';
}

/**
 * Checks the answers and turns them into a RegisterImage request, or says what is wrong (before
 * any call).
 */
export function planRegisterImage(
  input: RegistrationInput,
): RegisterImageRequest | { error: string } {
  const common = validateAmiName(input.name) ?? validateDescription(input.description ?? '');
  if (common) return { error: common };
  const description = input.description?.trim();
  const base = {
    name: input.name.trim(),
    ...(description ? { description } : {}),
    architecture: input.architecture,
  };
  if (input.kind === 'instance-store') {
    const problem = validateManifestPath(input.manifestPath);
    if (problem) return { error: problem };
    const kernelId = input.kernelId?.trim() ?? '';
    const ramdiskId = input.ramdiskId?.trim() ?? '';
    if (input.virtualizationType === 'hvm' && (kernelId || ramdiskId)) {
      return {
        error: l10n.t(
          'Kernel and RAM disk ids apply to paravirtual images only; HVM images boot their own kernel.',
        ),
      };
    }
    const idProblem = validateKernelId(kernelId) ?? validateRamdiskId(ramdiskId);
    if (idProblem) return { error: idProblem };
    return {
      ...base,
      imageLocation: normalizeManifestPath(input.manifestPath),
      virtualizationType: input.virtualizationType,
      ...(kernelId ? { kernelId } : {}),
      ...(ramdiskId ? { ramdiskId } : {}),
      blockDeviceMappings: [],
    };
  }
  const devices = [input.rootDeviceName, ...input.additionalVolumes.map((v) => v.deviceName)].map(
    (d) => d.trim(),
  );
  for (const device of devices) {
    const problem = validateDeviceName(device);
    if (problem) return { error: problem };
  }
  const duplicate = devices.find((d, i) => devices.indexOf(d) !== i);
  if (duplicate) return { error: l10n.t('The device {0} is mapped twice.', duplicate) };
  for (const snapshot of [input.rootSnapshot, ...input.additionalVolumes.map((v) => v.snapshot)]) {
    if (snapshot.state !== 'completed') {
      return {
        error: l10n.t(
          'The snapshot {0} is {1}; only completed snapshots can back an AMI.',
          snapshot.snapshotId,
          snapshot.state,
        ),
      };
    }
  }
  if (input.architecture === 'arm64' && input.bootMode === 'legacy-bios') {
    return { error: l10n.t('arm64 images boot with UEFI only; choose uefi.') };
  }
  return {
    ...base,
    virtualizationType: 'hvm',
    rootDeviceName: input.rootDeviceName.trim(),
    ...(input.bootMode ? { bootMode: input.bootMode } : {}),
    enaSupport: input.enaSupport,
    blockDeviceMappings: [
      {
        deviceName: input.rootDeviceName.trim(),
        ebs: { snapshotId: input.rootSnapshot.snapshotId, deleteOnTermination: true },
      },
      ...input.additionalVolumes.map((v) => ({
        deviceName: v.deviceName.trim(),
        ebs: { snapshotId: v.snapshot.snapshotId, deleteOnTermination: v.deleteOnTermination },
      })),
    ],
  };
}
