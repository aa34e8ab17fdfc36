/**
 * Every command AMI Explorer contributes. The registration table is typed by this list, so a
 * command without a handler does not compile, and a unit test checks package.json against it.
 */
export const COMMAND_IDS = [
  'amiExplorer.images.refresh',
  'amiExplorer.instances.refresh',
  'amiExplorer.region.refresh',
  'amiExplorer.image.openJson',
  'amiExplorer.image.copyId',
  'amiExplorer.image.copyName',
  'amiExplorer.instance.openJson',
  'amiExplorer.instance.copyId',
  'amiExplorer.image.copy',
  'amiExplorer.image.deregister',
  'amiExplorer.scope.select',
  'amiExplorer.scope.setNameFilter',
  'amiExplorer.scope.clearNameFilter',
  'amiExplorer.scope.options',
  'amiExplorer.profile.select',
  'amiExplorer.credentials.ssoLogin',
  'amiExplorer.log.show',
  // Tags and lifecycle (issue 5)
  'amiExplorer.image.editTags',
  'amiExplorer.image.editDescription',
  'amiExplorer.image.deprecate',
  'amiExplorer.image.cancelDeprecation',
  'amiExplorer.image.enableProtection',
  'amiExplorer.image.disableProtection',
  'amiExplorer.image.disable',
  'amiExplorer.image.enable',
  // Create / register / re-register images (issue 5)
  'amiExplorer.instance.createImage',
  'amiExplorer.image.register',
  'amiExplorer.image.reregister',
  // Webview panels (issue 6)
  'amiExplorer.image.showBlockDevices',
  'amiExplorer.image.editPermissions',
] as const;

/** One contributed command id. */
export type CommandId = (typeof COMMAND_IDS)[number];

/**
 * Commands whose code is in the activation bundle: browsing, documents, scope, profile. Every other
 * command lives in the features bundle (`dist/features.js`), loaded the first time one of them runs.
 */
export const BASIC_COMMAND_IDS = [
  'amiExplorer.images.refresh',
  'amiExplorer.instances.refresh',
  'amiExplorer.region.refresh',
  'amiExplorer.image.openJson',
  'amiExplorer.image.copyId',
  'amiExplorer.image.copyName',
  'amiExplorer.instance.openJson',
  'amiExplorer.instance.copyId',
  'amiExplorer.scope.select',
  'amiExplorer.scope.setNameFilter',
  'amiExplorer.scope.clearNameFilter',
  'amiExplorer.scope.options',
  'amiExplorer.profile.select',
  'amiExplorer.credentials.ssoLogin',
  'amiExplorer.log.show',
] as const satisfies readonly CommandId[];

/** A command of the activation bundle. */
export type BasicCommandId = (typeof BASIC_COMMAND_IDS)[number];

/** A command of the features bundle. */
export type FeatureCommandId = Exclude<CommandId, BasicCommandId>;

/** The feature commands, in COMMAND_IDS order. */
export const FEATURE_COMMAND_IDS = COMMAND_IDS.filter(
  (id): id is FeatureCommandId => !(BASIC_COMMAND_IDS as readonly string[]).includes(id),
);
