import type * as vscode from 'vscode';
import type {
  AdditionalVolume,
  Architecture,
  BootMode,
  RegistrationInput,
  VirtualizationType,
} from '../core/model/imageRegistration';
import type { Snapshot } from '../core/model/snapshot';
import {
  describeSnapshot,
  nextDeviceName,
  validateKernelId,
  validateRamdiskId,
} from '../core/model/imageRegistration';
import {
  validateAmiName,
  validateDescription,
  validateDeviceName,
  validateManifestPath,
} from '../core/model/imageInputs';
import { InputError } from '../core/model/errors';
import { debouncedCheck } from './debouncedCheck';
import type { InputStep } from './multiStepInput';
import { MultiStepInput } from './multiStepInput';
import type { Ask } from './userInput';
import * as l10n from '@vscode/l10n';

/** What the Register Image wizard needs. */
export interface RegisterImageWizardContext {
  ask: Ask;
  region: string;
  /** DescribeSnapshots OwnerIds=self (loaded only when the EBS path is chosen). */
  listSnapshots: () => Promise<Snapshot[]>;
  /** DescribeImages Owners=self + name: a sentence when the name is taken. */
  nameProblem: (name: string) => Promise<string | undefined>;
}

type Kind = RegistrationInput['kind'];

interface State {
  kind: Kind;
  manifestPath: string;
  name: string;
  description: string;
  architecture: Architecture;
  virtualizationType: VirtualizationType;
  kernelId: string;
  ramdiskId: string;
  rootSnapshot?: Snapshot;
  rootDeviceName: string;
  bootMode?: BootMode;
  enaSupport: boolean;
  extraSnapshots: Snapshot[];
  extraDevices: string[];
}

interface ValueItem<T> extends vscode.QuickPickItem {
  value: T;
}

interface SnapshotItem extends vscode.QuickPickItem {
  snapshot: Snapshot;
}

/**
 * Asks how to register an image: from an S3 manifest (instance store-backed) or from snapshots
 * (EBS-backed), with every attribute RegisterImage needs. Throws CancelledError on Escape.
 */
export async function askRegistrationInput(
  ctx: RegisterImageWizardContext,
): Promise<RegistrationInput> {
  const state: State = {
    kind: 'ebs-snapshot',
    manifestPath: '',
    name: '',
    description: '',
    architecture: 'x86_64',
    virtualizationType: 'hvm',
    kernelId: '',
    ramdiskId: '',
    rootDeviceName: '/dev/xvda',
    enaSupport: true,
    extraSnapshots: [],
    extraDevices: [],
  };
  let snapshots: Snapshot[] | undefined;
  const checkName = debouncedCheck(ctx.nameProblem, 300);

  const askKind: InputStep<State> = async (input, s) => {
    const items: ValueItem<Kind>[] = [
      {
        value: 'ebs-snapshot',
        label: l10n.t('$(database) EBS-backed, from a snapshot'),
        detail: l10n.t(
          'The root volume (and any additional volumes) come from your EBS snapshots; each volume keeps its snapshot’s encryption and KMS key.',
        ),
      },
      {
        value: 'instance-store',
        label: l10n.t('$(cloud) Instance store-backed, from an S3 manifest'),
        detail: l10n.t(
          'A bundle uploaded with ec2-upload-bundle: give the path of its image.manifest.xml in your S3 bucket.',
        ),
      },
    ];
    const chosen = await input.pick({
      placeholder: l10n.t('What to register in {0}', ctx.region),
      items,
      active: items.filter((i) => i.value === s.kind),
      matchOnDetail: true,
    });
    s.kind = chosen.value;
    input.totalSteps = s.kind === 'instance-store' ? 6 : 9;
    return s.kind === 'instance-store' ? askManifest : askRootSnapshot;
  };

  // Instance store-backed
  const askManifest: InputStep<State> = async (input, s) => {
    s.manifestPath = await input.text({
      prompt: l10n.t('S3 path of the bundle’s manifest'),
      // eslint-disable-next-line l10n/user-text -- an example of a value, typed as it is
      placeholder: 'my-bucket/images/web/image.manifest.xml',
      value: s.manifestPath,
      validate: validateManifestPath,
    });
    return askName;
  };
  const askVirtualization: InputStep<State> = async (input, s) => {
    const items: ValueItem<VirtualizationType>[] = [
      {
        value: 'hvm',
        // eslint-disable-next-line l10n/user-text -- EC2's own value, not a word
        label: 'hvm',
        detail: l10n.t('Hardware virtual machine: every current instance type.'),
      },
      {
        value: 'paravirtual',
        // eslint-disable-next-line l10n/user-text -- EC2's own value, not a word
        label: 'paravirtual',
        detail: l10n.t(
          'Older Xen guests; boots the kernel (AKI) and RAM disk (ARI) you name next.',
        ),
      },
    ];
    const chosen = await input.pick({
      placeholder: l10n.t('Virtualization type'),
      items,
      active: items.filter((i) => i.value === s.virtualizationType),
    });
    s.virtualizationType = chosen.value;
    if (s.virtualizationType === 'hvm') {
      s.kernelId = '';
      s.ramdiskId = '';
      return undefined;
    }
    return askKernel;
  };
  const askKernel: InputStep<State> = async (input, s) => {
    s.kernelId = await input.text({
      prompt: l10n.t(
        'Kernel id (AKI) for the paravirtual image (optional: EC2 uses the manifest’s default)',
      ),
      // eslint-disable-next-line l10n/user-text -- an example of a value, typed as it is
      placeholder: 'aki-0123456789abcdef0',
      value: s.kernelId,
      validate: validateKernelId,
    });
    return askRamdisk;
  };
  const askRamdisk: InputStep<State> = async (input, s) => {
    s.ramdiskId = await input.text({
      prompt: l10n.t('RAM disk id (ARI) (optional)'),
      // eslint-disable-next-line l10n/user-text -- an example of a value, typed as it is
      placeholder: 'ari-0123456789abcdef0',
      value: s.ramdiskId,
      validate: validateRamdiskId,
    });
    return undefined;
  };

  // EBS-backed
  const snapshotItems = (list: Snapshot[]): SnapshotItem[] =>
    list.map((snapshot) => ({
      label: snapshot.name ? `${snapshot.name} (${snapshot.snapshotId})` : snapshot.snapshotId,
      description: describeSnapshot(snapshot),
      ...(snapshot.description ? { detail: snapshot.description } : {}),
      snapshot,
    }));
  const askRootSnapshot: InputStep<State> = async (input, s) => {
    snapshots ??= (await ctx.listSnapshots()).filter((x) => x.state === 'completed');
    if (snapshots.length === 0) {
      throw new InputError(
        l10n.t('You have no completed EBS snapshots in {0} to register an image from.', ctx.region),
      );
    }
    const items = snapshotItems(snapshots);
    const chosen = await input.pick({
      placeholder: l10n.t('Snapshot of the root volume (its encryption and KMS key carry over)'),
      items,
      active: items.filter((i) => i.snapshot.snapshotId === s.rootSnapshot?.snapshotId),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    s.rootSnapshot = chosen.snapshot;
    return askRootDevice;
  };
  const askRootDevice: InputStep<State> = async (input, s) => {
    s.rootDeviceName = await input.text({
      prompt: l10n.t('Root device name'),
      value: s.rootDeviceName,
      // eslint-disable-next-line l10n/user-text -- an example of a value, typed as it is
      placeholder: '/dev/xvda',
      validate: validateDeviceName,
    });
    return askArchitecture;
  };
  const askArchitecture: InputStep<State> = async (input, s) => {
    const items: ValueItem<Architecture>[] = [
      // eslint-disable-next-line l10n/user-text -- EC2's own value, not a word
      { value: 'x86_64', label: 'x86_64', description: l10n.t('64-bit Intel/AMD') },
      // eslint-disable-next-line l10n/user-text -- EC2's own value, not a word
      { value: 'arm64', label: 'arm64', description: l10n.t('AWS Graviton (UEFI boot)') },
      // eslint-disable-next-line l10n/user-text -- EC2's own value, not a word
      { value: 'i386', label: 'i386', description: l10n.t('32-bit') },
    ];
    const chosen = await input.pick({
      placeholder: l10n.t('Architecture'),
      items,
      active: items.filter((i) => i.value === s.architecture),
    });
    s.architecture = chosen.value;
    if (s.kind === 'instance-store') return askVirtualization;
    return askBootMode;
  };
  const askBootMode: InputStep<State> = async (input, s) => {
    const items: ValueItem<BootMode | undefined>[] = [
      {
        value: undefined,
        label: l10n.t('Default'),
        description: l10n.t('the instance type’s default'),
      },
      // eslint-disable-next-line l10n/user-text -- EC2's own value, not a word
      { value: 'uefi', label: 'uefi' },
      {
        value: 'uefi-preferred',
        // eslint-disable-next-line l10n/user-text -- EC2's own value, not a word
        label: 'uefi-preferred',
        description: l10n.t('UEFI where the instance type supports it'),
      },
      ...(s.architecture === 'arm64'
        ? []
        : // eslint-disable-next-line l10n/user-text -- EC2's own value, not a word
          [{ value: 'legacy-bios' as const, label: 'legacy-bios' }]),
    ];
    const chosen = await input.pick({
      placeholder: l10n.t('Boot mode'),
      items,
      active: items.filter((i) => i.value === s.bootMode),
    });
    if (chosen.value) s.bootMode = chosen.value;
    else delete s.bootMode;
    return askEna;
  };
  const askEna: InputStep<State> = async (input, s) => {
    const items: ValueItem<boolean>[] = [
      {
        value: true,
        label: l10n.t('ENA enabled'),
        description: l10n.t('needed by current instance types'),
      },
      { value: false, label: l10n.t('ENA not enabled') },
    ];
    const chosen = await input.pick({
      placeholder: l10n.t('Enhanced networking (ENA)'),
      items,
      active: items.filter((i) => i.value === s.enaSupport),
    });
    s.enaSupport = chosen.value;
    return askExtraVolumes;
  };
  const askExtraVolumes: InputStep<State> = async (input, s) => {
    const others = (snapshots ?? []).filter((x) => x.snapshotId !== s.rootSnapshot?.snapshotId);
    if (others.length === 0) {
      s.extraSnapshots = [];
      return askName;
    }
    const items = snapshotItems(others);
    const chosen = await input.pickMany({
      placeholder: l10n.t(
        'Additional volumes from other snapshots (optional; each keeps its own encryption and key)',
      ),
      items,
      active: items.filter((i) =>
        s.extraSnapshots.some((x) => x.snapshotId === i.snapshot.snapshotId),
      ),
      matchOnDescription: true,
    });
    s.extraSnapshots = chosen.map((i) => i.snapshot);
    s.extraDevices = [];
    return s.extraSnapshots.length > 0 ? askExtraDevice(0) : askName;
  };
  const askExtraDevice =
    (index: number): InputStep<State> =>
    async (input, s) => {
      const snapshot = s.extraSnapshots[index];
      if (!snapshot) return askName;
      const taken = [s.rootDeviceName, ...s.extraDevices.slice(0, index)];
      s.extraDevices[index] = await input.text({
        prompt: l10n.t(
          'Device name for {0} ({1})',
          snapshot.snapshotId,
          describeSnapshot(snapshot),
        ),
        value: s.extraDevices[index] ?? nextDeviceName(taken),
        validate: (value) =>
          validateDeviceName(value) ??
          (taken.includes(value.trim()) ? l10n.t('{0} is already used.', value.trim()) : undefined),
      });
      return index + 1 < s.extraSnapshots.length ? askExtraDevice(index + 1) : askName;
    };

  // Both
  const askName: InputStep<State> = async (input, s) => {
    s.name = await input.text({
      prompt: l10n.t('Name of the new AMI (unique among your AMIs in {0})', ctx.region),
      value: s.name,
      validate: async (value) => validateAmiName(value) ?? (await checkName(value.trim())),
    });
    return askDescription;
  };
  const askDescription: InputStep<State> = async (input, s) => {
    s.description = await input.text({
      prompt: l10n.t('Description (optional)'),
      value: s.description,
      validate: validateDescription,
    });
    return s.kind === 'instance-store' ? askArchitecture : undefined;
  };

  const filled = await MultiStepInput.run(
    ctx.ask,
    l10n.t('Register Image in {0}', ctx.region),
    6,
    askKind,
    state,
  );
  const description = filled.description.trim();
  if (filled.kind === 'instance-store') {
    return {
      kind: 'instance-store',
      manifestPath: filled.manifestPath,
      name: filled.name,
      ...(description ? { description } : {}),
      architecture: filled.architecture,
      virtualizationType: filled.virtualizationType,
      ...(filled.kernelId ? { kernelId: filled.kernelId } : {}),
      ...(filled.ramdiskId ? { ramdiskId: filled.ramdiskId } : {}),
    };
  }
  if (!filled.rootSnapshot) throw new InputError(l10n.t('Choose a root snapshot.'));
  const additionalVolumes: AdditionalVolume[] = filled.extraSnapshots.map((snapshot, i) => ({
    snapshot,
    deviceName: filled.extraDevices[i] ?? nextDeviceName([]),
    deleteOnTermination: true,
  }));
  return {
    kind: 'ebs-snapshot',
    name: filled.name,
    ...(description ? { description } : {}),
    architecture: filled.architecture,
    rootDeviceName: filled.rootDeviceName,
    rootSnapshot: filled.rootSnapshot,
    ...(filled.bootMode ? { bootMode: filled.bootMode } : {}),
    enaSupport: filled.enaSupport,
    additionalVolumes,
  };
}
