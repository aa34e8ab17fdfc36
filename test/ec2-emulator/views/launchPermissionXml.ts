import type { XmlChild } from '../protocol/xmlWriter';
import { listEl, optionalEl } from '../protocol/xmlWriter';
import type { LaunchPermissionEntry } from '../state/imageRecord';

/** `<launchPermission>` list as DescribeImageAttribute returns it. */
export function launchPermissionXml(entries: readonly LaunchPermissionEntry[]): XmlChild {
  return listEl('launchPermission', entries, (p) => [
    optionalEl('group', p.group),
    optionalEl('userId', p.userId),
    optionalEl('organizationArn', p.organizationArn),
    optionalEl('organizationalUnitArn', p.organizationalUnitArn),
  ]);
}
