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
  'amiExplorer.scope.select',
  'amiExplorer.scope.setNameFilter',
  'amiExplorer.scope.clearNameFilter',
  'amiExplorer.scope.options',
  'amiExplorer.profile.select',
  'amiExplorer.log.show',
  // Webview panels (issue 6)
  'amiExplorer.image.showBlockDevices',
  'amiExplorer.image.editPermissions',
] as const;

/** One contributed command id. */
export type CommandId = (typeof COMMAND_IDS)[number];
