import type { LaunchPermission } from './ami';
import * as l10n from '@vscode/l10n';

/** A launch permission in words: "everyone (public)", "account 222222222222", an org/OU ARN. */
export function describeLaunchPermission(permission: LaunchPermission): string {
  if (permission.group === 'all') return l10n.t('everyone (public)');
  if (permission.userId) return l10n.t('account {0}', permission.userId);
  if (permission.organizationArn) return l10n.t('organization {0}', permission.organizationArn);
  if (permission.organizationalUnitArn) {
    return l10n.t('organizational unit {0}', permission.organizationalUnitArn);
  }
  return l10n.t('an unknown principal');
}

/** What disabling will take away, as one sentence (the confirmation dialog's detail). */
export function describePermissionsLost(permissions: readonly LaunchPermission[]): string {
  if (permissions.length === 0)
    return l10n.t('It has no launch permissions to lose: it is private.');
  const list = permissions.map(describeLaunchPermission);
  return permissions.length === 1
    ? l10n.t('It loses {0} launch permission: {1}.', permissions.length, list.join('; '))
    : l10n.t('It loses {0} launch permissions: {1}.', permissions.length, list.join('; '));
}
