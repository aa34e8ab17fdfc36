import * as l10n from '@vscode/l10n';
/**
 * Deregistration protection as DescribeImages reports it (`DeregistrationProtection`):
 * `enabled-with-cooldown`, `enabled-without-cooldown`, `disabled`, or — after disabling protection
 * that had a cooldown — `disabled-until-<ISO time>`, during which EC2 still refuses to deregister.
 */
export type ProtectionStatus =
  | { kind: 'enabled'; cooldown: boolean }
  | { kind: 'cooldown'; until: string }
  | { kind: 'disabled' };

/** Parses EC2's text; anything unknown that starts with `enabled` counts as enabled. */
export function parseProtection(text: string | undefined): ProtectionStatus {
  if (!text || text === 'disabled') return { kind: 'disabled' };
  const until = /^disabled-until-(.+)$/.exec(text);
  if (until?.[1]) return { kind: 'cooldown', until: until[1] };
  if (text.startsWith('enabled'))
    return {
      kind: 'enabled',
      cooldown: text.includes('with-cooldown') && !text.includes('without'),
    };
  return { kind: 'disabled' };
}

/** Whether EC2 would refuse DeregisterImage right now because of protection or its cooldown. */
export function blocksDeregistration(status: ProtectionStatus, now: Date): boolean {
  if (status.kind === 'enabled') return true;
  if (status.kind === 'cooldown') {
    const until = Date.parse(status.until);
    return Number.isNaN(until) || until > now.getTime();
  }
  return false;
}

/** The two ways to enable protection, explained for the quick pick. */
export const PROTECTION_CHOICES = [
  {
    withCooldown: true,
    label: l10n.t('With 24-hour cooldown'),
    detail: l10n.t(
      'Recommended. After protection is disabled, the AMI stays protected for another 24 hours, so a mistaken or malicious disable cannot be followed by an immediate deregistration.',
    ),
  },
  {
    withCooldown: false,
    label: l10n.t('Without cooldown'),
    detail: l10n.t(
      'Protection ends as soon as it is disabled; the AMI can then be deregistered at once.',
    ),
  },
] as const;

/** One sentence on what the protection state means, for reports. */
export function describeProtection(status: ProtectionStatus): string {
  switch (status.kind) {
    case 'enabled':
      return status.cooldown
        ? l10n.t('Deregistration protection is on, with a 24-hour cooldown after it is disabled.')
        : l10n.t('Deregistration protection is on, without cooldown.');
    case 'cooldown':
      return l10n.t(
        'Deregistration protection is disabled, but the cooldown keeps the AMI protected until {0}.',
        status.until,
      );
    case 'disabled':
      return l10n.t('Deregistration protection is off: the AMI can be deregistered.');
  }
}
