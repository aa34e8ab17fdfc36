import type { Ami } from './ami';
import { allVolumesEncrypted, isDeprecated } from './ami';

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
  add('State', ami.stateReason ? `${ami.state} (${ami.stateReason})` : ami.state);
  add(
    'Owner',
    ami.ownerAlias && ami.ownerId
      ? `${ami.ownerId} (${ami.ownerAlias})`
      : (ami.ownerId ?? ami.ownerAlias),
  );
  add('Created', ami.creationDate);
  add('Architecture', ami.architecture);
  add('Platform', ami.platformDetails ?? ami.platform ?? 'Linux/UNIX');
  add('Virtualization', ami.virtualizationType);
  add(
    'Root device',
    [ami.rootDeviceName, ami.rootDeviceType].filter((v) => v !== undefined).join(' · '),
  );
  add('Visibility', ami.isPublic ? 'Public' : 'Private');
  const encrypted = allVolumesEncrypted(ami);
  add(
    'Encryption',
    encrypted === undefined
      ? 'No EBS volumes'
      : encrypted
        ? 'All volumes encrypted'
        : 'Not all volumes encrypted',
  );
  if (ami.deprecationTime) {
    add(
      'Deprecation',
      `${isDeprecated(ami, now) ? 'Deprecated since' : 'Deprecates on'} ${ami.deprecationTime}`,
    );
  } else {
    add('Deprecation', 'Not scheduled');
  }
  add('Deregistration protection', ami.deregistrationProtection ?? 'disabled');
  add('Image location', ami.imageLocation);
  add('Description', ami.description);
  return facts;
}
