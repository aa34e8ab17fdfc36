import type { BlockDeviceRow, BlockDeviceTotals } from '../../core/model/blockDeviceSummary';
import { isSnapshotId } from '../../core/model/snapshot';
import type { PanelIdentity } from '../panelState';
import { hasOnlyKeys, isRecord, isShortString } from '../protocolGuards';

/** The panel's view type (serializer, activation event `onWebviewPanel:amiExplorer.blockDevices`). */
export const BLOCK_DEVICES_VIEW_TYPE = 'amiExplorer.blockDevices';

/** The image facts in the panel's header. */
export interface BlockDevicesHeader {
  /** The AMI's name, or its id when it has none. */
  name: string;
  imageId: string;
  region: string;
  /** `ebs` or `instance-store`. */
  backingType: 'ebs' | 'instance-store';
  rootDeviceName?: string;
  architecture?: string;
  bootMode?: string;
  virtualizationType?: string;
  /** EC2's image state (`available`, `pending`, `disabled`…). */
  state: string;
  /** S3 manifest of an instance-store image (`bucket/prefix/image.manifest.xml`). */
  imageLocation?: string;
}

/** Host → webview: everything the panel shows. */
export interface BlockDevicesInit {
  type: 'init';
  /** Which image this panel is about (the webview keeps it with setState). */
  identity: PanelIdentity;
  header: BlockDevicesHeader;
  /** One row per mapping, in EC2's order. */
  rows: BlockDeviceRow[];
  totals: BlockDeviceTotals;
  /** Set when the snapshots (and so the KMS keys) could not be read. */
  snapshotsError?: string;
}

/** Host → webview messages. */
export type HostToBlockDevices =
  | BlockDevicesInit
  /** Loading (or reloading) the image. */
  | { type: 'loading' }
  /** Loading failed; the text says why. */
  | { type: 'loadFailed'; message: string }
  /** A short confirmation (copied a value, opened a document). */
  | { type: 'notice'; message: string };

/** Webview → host messages. */
export type BlockDevicesToHost =
  /** The page is ready for `init`. */
  | { type: 'ready' }
  /** Re-read the image. */
  | { type: 'refresh' }
  /** Open the AMI's JSON document. */
  | { type: 'openImageJson' }
  /** Open a snapshot's JSON document. */
  | { type: 'openSnapshotJson'; snapshotId: string }
  /** Copy a shown value to the clipboard. */
  | { type: 'copy'; value: string };

/** Runtime check of a message from the webview; anything else is ignored (and logged). */
export function isBlockDevicesToHost(message: unknown): message is BlockDevicesToHost {
  if (!isRecord(message)) return false;
  switch (message.type) {
    case 'ready':
    case 'refresh':
    case 'openImageJson':
      return hasOnlyKeys(message, ['type']);
    case 'openSnapshotJson':
      return (
        hasOnlyKeys(message, ['type', 'snapshotId']) &&
        typeof message.snapshotId === 'string' &&
        isSnapshotId(message.snapshotId)
      );
    case 'copy':
      return (
        hasOnlyKeys(message, ['type', 'value']) &&
        isShortString(message.value) &&
        message.value.length > 0
      );
    default:
      return false;
  }
}
