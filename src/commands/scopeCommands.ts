import * as vscode from 'vscode';
import { CancelledError } from '../core/model/errors';
import type { ScopeKind } from '../core/model/scope';
import { SCOPE_LABELS } from '../core/model/scope';
import { parseAccountIds, splitNameFilter, validateNameFilter } from '../core/model/validation';
import { readSettings, updateSetting } from '../settings';

const SCOPE_DETAILS: Record<ScopeKind, string> = {
  owned: 'AMIs your account owns (Owners=self)',
  shared:
    'AMIs other accounts share with you, directly or through your organization or OU (ExecutableUsers=self)',
  amazon: 'AMIs published by Amazon (Owners=amazon)',
  'aws-marketplace': 'AWS Marketplace AMIs (Owners=aws-marketplace); needs a name filter',
  accounts: 'AMIs owned by account ids you give',
  public: 'Every public AMI (ExecutableUsers=all); needs a name filter',
};

/** `amiExplorer.scope.select`: whose AMIs to list. */
export async function selectScope(): Promise<void> {
  const current = readSettings().scope;
  const items = (Object.keys(SCOPE_LABELS) as ScopeKind[]).map((kind) => ({
    label: `${kind === current.kind ? '$(check) ' : ''}${SCOPE_LABELS[kind]}`,
    detail: SCOPE_DETAILS[kind],
    scope: kind,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'AMI Explorer: list which AMIs?',
    placeHolder: `Currently: ${SCOPE_LABELS[current.kind]}`,
    matchOnDetail: true,
  });
  if (!picked) throw new CancelledError();
  if (picked.scope === 'accounts') {
    const value = await vscode.window.showInputBox({
      title: 'Owner account ids',
      prompt: 'One or more 12-digit account ids, separated by commas or spaces',
      value: current.accountIds.join(', '),
      ignoreFocusOut: true,
      validateInput: (v) => {
        const { ids, errors } = parseAccountIds(v);
        if (errors.length > 0) return errors.join(' ');
        return ids.length === 0 ? 'Enter at least one account id.' : undefined;
      },
    });
    if (value === undefined) throw new CancelledError();
    await updateSetting('listing.accountIds', parseAccountIds(value).ids);
  }
  if (
    (picked.scope === 'public' || picked.scope === 'aws-marketplace') &&
    splitNameFilter(current.nameFilter).length === 0
  ) {
    // Listing these without a filter is refused; ask for one now rather than show an empty view.
    const filter = await askNameFilter(current.nameFilter, true);
    await updateSetting('listing.nameFilter', filter);
  }
  await updateSetting('listing.scope', picked.scope);
}

/** `amiExplorer.scope.setNameFilter`: EC2 name wildcards. */
export async function setNameFilter(): Promise<void> {
  const current = readSettings().scope;
  const required = current.kind === 'public' || current.kind === 'aws-marketplace';
  await updateSetting('listing.nameFilter', await askNameFilter(current.nameFilter, required));
}

/** `amiExplorer.scope.clearNameFilter`. */
export async function clearNameFilter(): Promise<void> {
  await updateSetting('listing.nameFilter', '');
}

async function askNameFilter(current: string, required: boolean): Promise<string> {
  const value = await vscode.window.showInputBox({
    title: 'Filter AMIs by name',
    prompt:
      'EC2 name pattern: * matches any characters, ? one character; separate several patterns with commas.' +
      (required ? ' Required for this scope.' : ' Leave empty for no filter.'),
    placeHolder: 'e.g. web-server-*, al2023-ami-*',
    value: current,
    ignoreFocusOut: true,
    validateInput: (v) => {
      if (required && splitNameFilter(v).length === 0) return 'This scope needs a name filter.';
      return validateNameFilter(v);
    },
  });
  if (value === undefined) throw new CancelledError();
  return value.trim();
}

/** `amiExplorer.scope.options`: deprecated/disabled images and the sort order. */
export async function listingOptions(): Promise<void> {
  const s = readSettings();
  const items = [
    {
      label: 'Include deprecated AMIs',
      picked: s.scope.includeDeprecated,
      key: 'listing.includeDeprecated',
    },
    {
      label: 'Include disabled AMIs',
      picked: s.scope.includeDisabled,
      key: 'listing.includeDisabled',
    },
    { label: 'Sort by name (instead of newest first)', picked: s.sortBy === 'name', key: 'sortBy' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'AMI Explorer: listing options',
    canPickMany: true,
  });
  if (!picked) throw new CancelledError();
  const on = new Set(picked.map((p) => p.key));
  await updateSetting('listing.includeDeprecated', on.has('listing.includeDeprecated'));
  await updateSetting('listing.includeDisabled', on.has('listing.includeDisabled'));
  await updateSetting('sortBy', on.has('sortBy') ? 'name' : 'newest');
}
