import type { Ami } from './ami';
import { allVolumesEncrypted, isDeprecated } from './ami';
import * as l10n from '@vscode/l10n';

/** A codicon id and theme colour id for an image's state (the tree turns them into a ThemeIcon). */
export interface StateIcon {
  /** Codicon id; `~spin` animates it. */
  codicon: string;
  /** Theme colour id, e.g. `testing.iconPassed`. */
  color?: string;
}

/** The icon for an image: its state, with deprecated shown over available. */
export function imageStateIcon(ami: Pick<Ami, 'state' | 'deprecationTime'>, now: Date): StateIcon {
  switch (ami.state) {
    case 'pending':
    case 'transient':
      return { codicon: 'loading~spin' };
    case 'failed':
    case 'error':
    case 'invalid':
      return { codicon: 'error', color: 'problemsErrorIcon.foreground' };
    case 'disabled':
      return { codicon: 'circle-slash', color: 'disabledForeground' };
    case 'deregistered':
      return { codicon: 'trash', color: 'disabledForeground' };
    case 'available':
      return isDeprecated(ami, now)
        ? { codicon: 'warning', color: 'problemsWarningIcon.foreground' }
        : { codicon: 'pass', color: 'testing.iconPassed' };
    default:
      return { codicon: 'question' };
  }
}

/** The state word shown in the description: `deprecated` wins over `available`. */
export function imageStateLabel(ami: Pick<Ami, 'state' | 'deprecationTime'>, now: Date): string {
  return ami.state === 'available' && isDeprecated(ami, now) ? 'deprecated' : ami.state;
}

/** One row of an image's tooltip. */
export interface Fact {
  label: string;
  value: string;
}

/** The facts an image tooltip shows, in order; rows without a value are left out. */
export function imageFacts(ami: Ami, now: Date): Fact[] {
  const facts: Fact[] = [];
  const add = (label: string, value: string | undefined): void => {
    if (value !== undefined && value.length > 0) facts.push({ label, value });
  };
  add('ID', ami.imageId);
  add(l10n.t('State'), ami.stateReason ? `${ami.state} (${ami.stateReason})` : ami.state);
  add(
    l10n.t('Owner'),
    ami.ownerAlias && ami.ownerId
      ? `${ami.ownerId} (${ami.ownerAlias})`
      : (ami.ownerId ?? ami.ownerAlias),
  );
  add(l10n.t('Created'), ami.creationDate);
  add(l10n.t('Architecture'), ami.architecture);
  add(l10n.t('Platform'), ami.platformDetails ?? ami.platform ?? 'Linux/UNIX');
  add(l10n.t('Virtualization'), ami.virtualizationType);
  add(
    l10n.t('Root device'),
    [ami.rootDeviceName, ami.rootDeviceType].filter((v) => v !== undefined).join(' · '),
  );
  add(l10n.t('Visibility'), ami.isPublic ? l10n.t('Public') : l10n.t('Private'));
  const encrypted = allVolumesEncrypted(ami);
  add(
    l10n.t('Encryption'),
    encrypted === undefined
      ? l10n.t('No EBS volumes')
      : encrypted
        ? l10n.t('All volumes encrypted')
        : l10n.t('Not all volumes encrypted'),
  );
  if (ami.deprecationTime) {
    add(
      l10n.t('Deprecation'),
      `${isDeprecated(ami, now) ? l10n.t('Deprecated since') : l10n.t('Deprecates on')} ${ami.deprecationTime}`,
    );
  } else {
    add(l10n.t('Deprecation'), l10n.t('Not scheduled'));
  }
  add(l10n.t('Deregistration protection'), ami.deregistrationProtection ?? 'disabled');
  add(l10n.t('Image location'), ami.imageLocation);
  add(l10n.t('Description'), ami.description);
  return facts;
}
