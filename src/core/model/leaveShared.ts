import * as l10n from '@vscode/l10n';
/**
 * Why an AMI cannot be removed from the account, or undefined. CancelImageLaunchPermission removes
 * the caller's account from an AMI's launch permissions: it applies to someone else's AMI shared
 * with this account, not to the account's own AMIs nor to public ones.
 */
export function leaveRefusal(target: {
  ami: { isPublic: boolean };
  owned: boolean;
}): string | undefined {
  if (target.owned) return l10n.t('your account owns it: only AMIs shared with you can be removed');
  if (target.ami.isPublic) {
    return l10n.t('it is public: every account can see it, so there is nothing to remove');
  }
  return undefined;
}
