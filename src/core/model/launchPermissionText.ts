import type { LaunchPermission } from './ami';

/** A launch permission in words: "everyone (public)", "account 222222222222", an org/OU ARN. */
export function describeLaunchPermission(permission: LaunchPermission): string {
  if (permission.group === 'all') return 'everyone (public)';
  if (permission.userId) return `account ${permission.userId}`;
  if (permission.organizationArn) return `organization ${permission.organizationArn}`;
  if (permission.organizationalUnitArn) {
    return `organizational unit ${permission.organizationalUnitArn}`;
  }
  return 'an unknown principal';
}

/** What disabling will take away, as one sentence (the confirmation dialog's detail). */
export function describePermissionsLost(permissions: readonly LaunchPermission[]): string {
  if (permissions.length === 0) return 'It has no launch permissions to lose: it is private.';
  const list = permissions.map(describeLaunchPermission);
  return `It loses ${permissions.length} launch permission${permissions.length === 1 ? '' : 's'}: ${list.join('; ')}.`;
}
