import type { Ami } from './ami';
import * as l10n from '@vscode/l10n';

/** Something a user may do to an AMI. */
export const IMAGE_CAPABILITIES = [
  'copy',
  'deregister',
  'reregister',
  'editTags',
  'editDescription',
  'deprecate',
  'cancelDeprecation',
  'protect',
  'unprotect',
  'disable',
  'enable',
  'editPermissions',
  'viewBlockDevices',
] as const;

/** One capability. */
export type ImageCapability = (typeof IMAGE_CAPABILITIES)[number];

/** An AMI as capability rules see it: its record and whether the caller's account owns it. */
export interface ImageSubject {
  ami: Pick<
    Ami,
    'state' | 'rootDeviceType' | 'deprecationTime' | 'deregistrationProtection' | 'imageId'
  >;
  owned: boolean;
}

/**
 * Why an AMI does not allow a capability, as the end of a sentence ("… — it is pending"), or
 * `undefined` when it does. EC2's own rules: only the owner changes an image; only available images
 * are copied, shared or disabled; a disabled image can only be re-enabled, tagged or deregistered;
 * a pending one cannot be deregistered yet. The tree's menus and every command ask this function.
 */
export function refusal(subject: ImageSubject, capability: ImageCapability): string | undefined {
  const { ami, owned } = subject;
  const state = ami.state;
  const available = state === 'available';
  const disabled = state === 'disabled';
  const isProtected = ami.deregistrationProtection?.startsWith('enabled') ?? false;
  if (capability === 'viewBlockDevices') return undefined;
  if (capability === 'copy')
    return available
      ? undefined
      : l10n.t('it is {0}: only available AMIs can be copied', String(state));
  if (!owned) return OWNER_ONLY[capability];
  switch (capability) {
    case 'deregister':
      return state === 'pending' ? l10n.t('it is still pending') : undefined;
    case 'reregister':
      if (ami.rootDeviceType !== 'instance-store')
        return l10n.t(
          'only instance store-backed AMIs are re-registered; an EBS-backed one is created again from an instance',
        );
      return available
        ? undefined
        : l10n.t('it is {0}: only available AMIs can be re-registered', String(state));
    case 'editTags':
      return undefined;
    case 'editDescription':
    case 'deprecate':
      return disabled ? l10n.t('it is disabled: enable it first') : undefined;
    case 'cancelDeprecation':
      return ami.deprecationTime === undefined ? l10n.t('it has no deprecation time') : undefined;
    case 'protect':
      return isProtected ? l10n.t('it is already protected') : undefined;
    case 'unprotect':
      return isProtected ? undefined : l10n.t('it is not protected');
    case 'disable':
      return available
        ? undefined
        : l10n.t('it is {0}: only available AMIs can be disabled', String(state));
    case 'enable':
      return disabled ? undefined : l10n.t('it is not disabled');
    case 'editPermissions':
      return available
        ? undefined
        : l10n.t('it is {0}: only available AMIs can be shared', String(state));
  }
}

/** Whether the AMI allows the capability now. */
export function allows(subject: ImageSubject, capability: ImageCapability): boolean {
  return refusal(subject, capability) === undefined;
}

/** The capabilities an AMI allows now, in IMAGE_CAPABILITIES order. */
export function allowedCapabilities(subject: ImageSubject): ImageCapability[] {
  return IMAGE_CAPABILITIES.filter((c) => allows(subject, c));
}

const OWNER_ONLY: Record<Exclude<ImageCapability, 'copy' | 'viewBlockDevices'>, string> = {
  deregister: l10n.t('only its owner can deregister it'),
  reregister: l10n.t('only its owner can re-register it'),
  editTags: l10n.t('only its owner can tag it'),
  editDescription: l10n.t('only its owner can change its description'),
  deprecate: l10n.t('only its owner can deprecate it'),
  cancelDeprecation: l10n.t('only its owner can cancel its deprecation'),
  protect: l10n.t('only its owner can protect it'),
  unprotect: l10n.t('only its owner can remove its protection'),
  disable: l10n.t('only its owner can disable it'),
  enable: l10n.t('only its owner can enable it'),
  editPermissions: l10n.t('only its owner can change who may launch it'),
};
