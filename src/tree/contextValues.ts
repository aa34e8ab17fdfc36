import type { ImageCapability } from '../core/model/capabilities';

/**
 * Every token a tree item's contextValue may carry. A contextValue is a kind token followed by
 * capability tokens, joined by `;` (e.g. `image;ebs;owned;available`); menus in package.json match
 * them with `viewItem =~ /\btoken\b/`. A unit test checks that package.json uses only these.
 */
export const CONTEXT_TOKENS = {
  // Kinds
  region: 'region',
  imagesRegion: 'imagesRegion',
  instancesRegion: 'instancesRegion',
  notEnabledRegion: 'notEnabledRegion',
  /** A configured opt-in region whose status is being asked (no menus). */
  checkingRegion: 'checkingRegion',
  backingGroup: 'backingGroup',
  image: 'image',
  instance: 'instance',
  // eslint-disable-next-line l10n/user-text -- a context value (menus' when clauses), not text
  message: 'message',
  /** The AMI Families view: a family, one of its versions, a version's AMI in one region. */
  family: 'family',
  familyVersion: 'familyVersion',
  familyImage: 'familyImage',
  /** A region's Recycle Bin (deregistered AMIs a retention rule kept). */
  recycleBin: 'recycleBin',
  /** An AMI in a Recycle Bin (Restore). */
  recycledImage: 'recycledImage',
  // Backing type
  ebs: 'ebs',
  instanceStore: 'instanceStore',
  // Ownership and visibility
  owned: 'owned',
  notOwned: 'notOwned',
  public: 'public',
  // States
  available: 'available',
  pending: 'pending',
  failed: 'failed',
  disabled: 'disabled',
  deprecated: 'deprecated',
  running: 'running',
  stopped: 'stopped',
  // Capabilities (what the menus offer on a node)
  hasName: 'hasName',
  canCreateImage: 'canCreateImage',
  /** Instance store-backed instances: Create Image… explains bundling and offers Register Image…. */
  canBundleImage: 'canBundleImage',
  canCopy: 'canCopy',
  canDeregister: 'canDeregister',
  canReregister: 'canReregister',
  canEditTags: 'canEditTags',
  canEditDescription: 'canEditDescription',
  canDeprecate: 'canDeprecate',
  canCancelDeprecation: 'canCancelDeprecation',
  canProtect: 'canProtect',
  canUnprotect: 'canUnprotect',
  canDisable: 'canDisable',
  canEnable: 'canEnable',
  canEditPermissions: 'canEditPermissions',
  canViewBlockDevices: 'canViewBlockDevices',
  /** A family whose newest version is missing in a listed region and may be copied. */
  canCopyNewest: 'canCopyNewest',
  /** A family version (or its AMI) with an older version to compare with. */
  hasPrevious: 'hasPrevious',
  error: 'error',
  retryable: 'retryable',
  /** A row that is there only while its region loads ("Loading…", "Loading more…"). */
  loading: 'loading',
  /** "Show 1000 more" under a backing group that lists only its first rows. */
  showMore: 'showMore',
} as const;

/** The token each image capability shows as (menus test `viewItem =~ /\bcanCopy\b/`). */
export const CAPABILITY_TOKENS: Record<ImageCapability, ContextToken> = {
  copy: CONTEXT_TOKENS.canCopy,
  deregister: CONTEXT_TOKENS.canDeregister,
  reregister: CONTEXT_TOKENS.canReregister,
  editTags: CONTEXT_TOKENS.canEditTags,
  editDescription: CONTEXT_TOKENS.canEditDescription,
  deprecate: CONTEXT_TOKENS.canDeprecate,
  cancelDeprecation: CONTEXT_TOKENS.canCancelDeprecation,
  protect: CONTEXT_TOKENS.canProtect,
  unprotect: CONTEXT_TOKENS.canUnprotect,
  disable: CONTEXT_TOKENS.canDisable,
  enable: CONTEXT_TOKENS.canEnable,
  editPermissions: CONTEXT_TOKENS.canEditPermissions,
  viewBlockDevices: CONTEXT_TOKENS.canViewBlockDevices,
};

/** One context token. */
export type ContextToken = (typeof CONTEXT_TOKENS)[keyof typeof CONTEXT_TOKENS];

/** Joins tokens into a contextValue, leaving out `false`/`undefined` entries. */
export function contextValue(...tokens: (ContextToken | false | undefined)[]): string {
  return tokens.filter((t): t is ContextToken => typeof t === 'string').join(';');
}

/** All known tokens, for the package.json check. */
export const ALL_CONTEXT_TOKENS: ReadonlySet<string> = new Set(Object.values(CONTEXT_TOKENS));
