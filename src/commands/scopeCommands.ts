import type { Ask } from '../ui/userInput';
import type { ImageSortOrder } from '../core/model/grouping';
import { IMAGE_SORT_ORDERS } from '../core/model/grouping';
import type { ScopeKind } from '../core/model/scope';
import { SCOPE_LABELS } from '../core/model/scope';
import { parseAccountIds, splitNameFilter, validateNameFilter } from '../core/model/validation';
import { readSettings, updateSetting } from '../settings';
import * as l10n from '@vscode/l10n';

const SCOPE_DETAILS: Record<ScopeKind, string> = {
  owned: l10n.t('AMIs your account owns (Owners=self)'),
  shared: l10n.t(
    'AMIs other accounts share with you, directly or through your organization or OU (ExecutableUsers=self)',
  ),
  amazon: l10n.t('AMIs published by Amazon (Owners=amazon)'),
  'aws-marketplace': l10n.t('AWS Marketplace AMIs (Owners=aws-marketplace); needs a name filter'),
  accounts: l10n.t('AMIs owned by account ids you give'),
  public: l10n.t('Every public AMI (ExecutableUsers=all); needs a name filter'),
};

/** `amiExplorer.scope.select`: whose AMIs to list. */
export async function selectScope(ui: Ask): Promise<void> {
  const current = readSettings().scope;
  const items = (Object.keys(SCOPE_LABELS) as ScopeKind[]).map((kind) => ({
    label: `${kind === current.kind ? '$(check) ' : ''}${SCOPE_LABELS[kind]}`,
    detail: SCOPE_DETAILS[kind],
    scope: kind,
  }));
  const picked = await ui.pick({
    title: l10n.t('AMI Explorer: list which AMIs?'),
    placeholder: l10n.t('Currently: {0}', SCOPE_LABELS[current.kind]),
    items,
    matchOnDetail: true,
  });
  if (picked.scope === 'accounts') {
    const value = await ui.text({
      title: l10n.t('Owner account ids'),
      prompt: l10n.t('One or more 12-digit account ids, separated by commas or spaces'),
      value: current.accountIds.join(', '),
      validate: (v) => {
        const { ids, errors } = parseAccountIds(v);
        if (errors.length > 0) return errors.join(' ');
        return ids.length === 0 ? l10n.t('Enter at least one account id.') : undefined;
      },
    });
    await updateSetting('listing.accountIds', parseAccountIds(value).ids);
  }
  if (
    (picked.scope === 'public' || picked.scope === 'aws-marketplace') &&
    splitNameFilter(current.nameFilter).length === 0
  ) {
    // Listing these without a filter is refused; ask for one now rather than show an empty view.
    const filter = await askNameFilter(ui, current.nameFilter, true);
    await updateSetting('listing.nameFilter', filter);
  }
  await updateSetting('listing.scope', picked.scope);
}

/** `amiExplorer.scope.setNameFilter`: EC2 name wildcards. */
export async function setNameFilter(ui: Ask): Promise<void> {
  const current = readSettings().scope;
  const required = current.kind === 'public' || current.kind === 'aws-marketplace';
  await updateSetting('listing.nameFilter', await askNameFilter(ui, current.nameFilter, required));
}

/** `amiExplorer.scope.clearNameFilter`. */
export async function clearNameFilter(): Promise<void> {
  await updateSetting('listing.nameFilter', '');
}

async function askNameFilter(ui: Ask, current: string, required: boolean): Promise<string> {
  const value = await ui.text({
    title: l10n.t('Filter AMIs by name'),
    prompt:
      l10n.t(
        'EC2 name pattern: * matches any characters, ? one character; separate several patterns with commas.',
      ) + (required ? l10n.t(' Required for this scope.') : l10n.t(' Leave empty for no filter.')),
    placeholder: l10n.t('e.g. web-server-*, al2023-ami-*'),
    value: current,
    validate: (v) => {
      if (required && splitNameFilter(v).length === 0)
        return l10n.t('This scope needs a name filter.');
      return validateNameFilter(v);
    },
  });
  return value.trim();
}

/** `amiExplorer.scope.options`: deprecated/disabled images, then the sort order. */
export async function listingOptions(ui: Ask): Promise<void> {
  const s = readSettings();
  const items = [
    {
      label: l10n.t('Include deprecated AMIs'),
      picked: s.scope.includeDeprecated,
      key: 'listing.includeDeprecated',
    },
    {
      label: l10n.t('Include disabled AMIs'),
      picked: s.scope.includeDisabled,
      key: 'listing.includeDisabled',
    },
  ];
  const picked = await ui.pickMany({
    title: l10n.t('AMI Explorer: listing options'),
    placeholder: l10n.t('Tick what the Images view should include, then press Enter'),
    items,
    active: items.filter((i) => i.picked),
  });
  const on = new Set(picked.map((p) => p.key));
  await updateSetting('listing.includeDeprecated', on.has('listing.includeDeprecated'));
  await updateSetting('listing.includeDisabled', on.has('listing.includeDisabled'));
  const orders = IMAGE_SORT_ORDERS.map((order) => ({
    label: `${order === s.sortBy ? '$(check) ' : ''}${SORT_LABELS[order]}`,
    order,
  }));
  const sort = await ui.pick({
    title: l10n.t('AMI Explorer: sort AMIs'),
    placeholder: l10n.t('Currently: {0}', SORT_LABELS[s.sortBy]),
    items: orders,
  });
  await updateSetting('sortBy', sort.order);
}

const SORT_LABELS: Record<ImageSortOrder, string> = {
  newest: l10n.t('Newest first (creation date)'),
  name: l10n.t('By name'),
  lastLaunched: l10n.t('Last launched first (never-launched last)'),
};
