import { shown } from './inputText';
import { isAccountId, splitNameFilter, validateNameFilter } from './validation';
import * as l10n from '@vscode/l10n';

/** Whose images the Images view lists. */
export type ScopeKind = 'owned' | 'shared' | 'amazon' | 'aws-marketplace' | 'accounts' | 'public';

/** What the Images view lists: the scope plus its options. */
export interface ListingScope {
  kind: ScopeKind;
  /** Owner account ids, used when `kind` is `accounts`. */
  accountIds: string[];
  /** EC2 name wildcards (`*`, `?`), comma separated for several; empty means no filter. */
  nameFilter: string;
  includeDeprecated: boolean;
  includeDisabled: boolean;
}

/** The DescribeImages input a scope maps to (SDK-shaped, but plain data). */
export interface DescribeImagesParams {
  Owners?: string[];
  ExecutableUsers?: string[];
  Filters?: { Name: string; Values: string[] }[];
  IncludeDeprecated?: boolean;
  IncludeDisabled?: boolean;
  MaxResults: number;
}

/** Page size for every listing: the largest EC2 allows, never one call per image. */
export const LIST_PAGE_SIZE = 1000;

/** Labels for each scope kind, as the quick pick and the view description show them. */
export const SCOPE_LABELS: Readonly<Record<ScopeKind, string>> = {
  owned: l10n.t('Owned by me'),
  shared: l10n.t('Shared with me'),
  amazon: l10n.t('Amazon'),
  'aws-marketplace': l10n.t('AWS Marketplace'),
  accounts: l10n.t('Owned by accounts'),
  public: l10n.t('All public images'),
};

/** Explains why a scope cannot be listed, or returns `undefined` when it can. */
export function validateScope(scope: ListingScope): string | undefined {
  const filterProblem = validateNameFilter(scope.nameFilter);
  if (filterProblem) return filterProblem;
  const hasFilter = splitNameFilter(scope.nameFilter).length > 0;
  if ((scope.kind === 'public' || scope.kind === 'aws-marketplace') && !hasFilter) {
    return l10n.t(
      'Listing {0} needs a name filter: there are tens of thousands of them in every region. Set a name filter (for example "ubuntu/images/*") first.',
      scope.kind === 'public' ? l10n.t('all public images') : l10n.t('AWS Marketplace images'),
    );
  }
  if (scope.kind === 'accounts') {
    if (scope.accountIds.length === 0)
      return l10n.t('Add at least one account id to list its images.');
    const bad = scope.accountIds.filter((id) => !isAccountId(id));
    if (bad.length > 0) {
      return l10n.t('Not account ids (12 digits): {0}.', bad.map((id) => shown(id)).join(', '));
    }
  }
  return undefined;
}

/**
 * Maps a scope to DescribeImages parameters. Throws if the scope is not valid: call `validateScope`
 * first to get the message.
 */
export function scopeToDescribeImagesParams(scope: ListingScope): DescribeImagesParams {
  const problem = validateScope(scope);
  if (problem) throw new Error(problem);
  const params: DescribeImagesParams = { MaxResults: LIST_PAGE_SIZE };
  switch (scope.kind) {
    case 'owned':
      params.Owners = ['self'];
      break;
    case 'shared':
      // `self` as executable user covers explicit account shares and organization/OU shares.
      params.ExecutableUsers = ['self'];
      break;
    case 'amazon':
      params.Owners = ['amazon'];
      break;
    case 'aws-marketplace':
      params.Owners = ['aws-marketplace'];
      break;
    case 'accounts':
      params.Owners = [...scope.accountIds];
      break;
    case 'public':
      params.ExecutableUsers = ['all'];
      break;
  }
  const filters: { Name: string; Values: string[] }[] = [];
  const patterns = splitNameFilter(scope.nameFilter);
  if (patterns.length > 0) filters.push({ Name: 'name', Values: patterns });
  if (scope.kind === 'public') filters.push({ Name: 'is-public', Values: ['true'] });
  if (filters.length > 0) params.Filters = filters;
  if (scope.includeDeprecated) params.IncludeDeprecated = true;
  if (scope.includeDisabled) params.IncludeDisabled = true;
  return params;
}

/** A short description of the active scope for the view's description line. */
export function describeScope(scope: ListingScope): string {
  const parts: string[] = [
    scope.kind === 'accounts' && scope.accountIds.length > 0
      ? l10n.t('Owned by {0}', scope.accountIds.join(', '))
      : SCOPE_LABELS[scope.kind],
  ];
  const patterns = splitNameFilter(scope.nameFilter);
  if (patterns.length > 0) parts.push(l10n.t('name: {0}', patterns.join(', ')));
  if (scope.includeDeprecated) parts.push('+deprecated');
  if (scope.includeDisabled) parts.push('+disabled');
  return parts.join(' · ');
}

/** Turns one EC2 name pattern (`*`, `?`) into an anchored, case-sensitive regular expression. */
function wildcardToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

/** Whether a name matches a name filter (any of its comma-separated patterns); empty matches all. */
export function matchesNameFilter(name: string | undefined, nameFilter: string): boolean {
  const patterns = splitNameFilter(nameFilter);
  if (patterns.length === 0) return true;
  return patterns.some((p) => wildcardToRegExp(p).test(name ?? ''));
}

/**
 * Whether an image the caller just created or copied (owned by the caller) belongs in a listing of
 * `scope`, so the tree can show it at once without listing the region again.
 */
export function ownImageMatchesScope(
  image: { name?: string; state: string; deprecationTime?: string },
  scope: ListingScope,
): boolean {
  if (scope.kind !== 'owned') return false;
  if (image.state === 'disabled' && !scope.includeDisabled) return false;
  return matchesNameFilter(image.name, scope.nameFilter);
}
