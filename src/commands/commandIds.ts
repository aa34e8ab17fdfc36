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
  'amiExplorer.image.editTags',
  'amiExplorer.image.editDescription',
  'amiExplorer.image.deprecate',
  'amiExplorer.image.cancelDeprecation',
  'amiExplorer.image.enableProtection',
  'amiExplorer.image.disableProtection',
  'amiExplorer.image.disable',
  'amiExplorer.image.enable',
  'amiExplorer.instance.createImage',
  'amiExplorer.image.register',
  'amiExplorer.image.reregister',
  'amiExplorer.image.showBlockDevices',
  'amiExplorer.image.editPermissions',
] as const;

/** One contributed command id. */
export type CommandId = (typeof COMMAND_IDS)[number];
