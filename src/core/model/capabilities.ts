import type { Ami } from './ami';

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
    return available ? undefined : `it is ${state}: only available AMIs can be copied`;
  if (!owned) return OWNER_ONLY[capability];
  switch (capability) {
    case 'deregister':
      return state === 'pending' ? 'it is still pending' : undefined;
    case 'reregister':
      if (ami.rootDeviceType !== 'instance-store')
        return 'only instance store-backed AMIs are re-registered; an EBS-backed one is created again from an instance';
      return available ? undefined : `it is ${state}: only available AMIs can be re-registered`;
    case 'editTags':
      return undefined;
    case 'editDescription':
    case 'deprecate':
      return disabled ? 'it is disabled: enable it first' : undefined;
    case 'cancelDeprecation':
      return ami.deprecationTime === undefined ? 'it has no deprecation time' : undefined;
    case 'protect':
      return isProtected ? 'it is already protected' : undefined;
    case 'unprotect':
      return isProtected ? undefined : 'it is not protected';
    case 'disable':
      return available ? undefined : `it is ${state}: only available AMIs can be disabled`;
    case 'enable':
      return disabled ? undefined : 'it is not disabled';
    case 'editPermissions':
      return available ? undefined : `it is ${state}: only available AMIs can be shared`;
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
  deregister: 'only its owner can deregister it',
  reregister: 'only its owner can re-register it',
  editTags: 'only its owner can tag it',
  editDescription: 'only its owner can change its description',
  deprecate: 'only its owner can deprecate it',
  cancelDeprecation: 'only its owner can cancel its deprecation',
  protect: 'only its owner can protect it',
  unprotect: 'only its owner can remove its protection',
  disable: 'only its owner can disable it',
  enable: 'only its owner can enable it',
  editPermissions: 'only its owner can change who may launch it',
};
