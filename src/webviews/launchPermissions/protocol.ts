import type { PermissionEntry } from '../../core/model/launchPermissionEntries';
import { parsePermissionToken } from '../../core/model/launchPermissionEntries';
import type { PanelIdentity } from '../panelState';
import { hasOnlyKeys, isRecord } from '../protocolGuards';

/** The panel's view type (serializer, activation event `onWebviewPanel:amiExplorer.launchPermissions`). */
export const LAUNCH_PERMISSIONS_VIEW_TYPE = 'amiExplorer.launchPermissions';

/** One snapshot of an EBS-backed image, as the panel shows it. */
export interface SnapshotView {
  snapshotId: string;
  deviceName: string;
  encrypted: boolean;
  kmsKeyId?: string;
  /** Accounts that may create volumes from it; undefined when unknown (see `error`). */
  accounts?: string[];
  /** Everyone may create volumes from it. */
  public?: boolean;
  /** Why the permissions could not be read. */
  error?: string;
  /** What sharing this snapshot implies (encryption, keys). */
  warning?: string;
}

/** Host → webview: the current sharing state of the image. */
export interface PermissionsInit {
  type: 'init';
  /** Which image this panel is about (the webview keeps it with setState). */
  identity: PanelIdentity;
  /** The AMI's name, or its id. */
  name: string;
  imageId: string;
  region: string;
  /** EC2's image state. */
  state: string;
  backingType: 'ebs' | 'instance-store';
  /** Disabled images cannot be shared. */
  disabled: boolean;
  /** Who may launch it now (EC2's launch permissions; `public` for group all). */
  entries: PermissionEntry[];
  /** `block-new-sharing`, `unblocked`, or undefined when it could not be read. */
  blockPublicAccess?: string;
  blockPublicAccessError?: string;
  /** The image's snapshots (EBS-backed images only). */
  snapshots: SnapshotView[];
  /** A line to show after an Apply (what changed), when this init follows one. */
  notice?: string;
  /** Problems of the snapshot part of the last Apply (launch permissions were applied). */
  warnings?: string[];
}

/** Host → webview messages. */
export type HostToPermissions =
  | PermissionsInit
  | { type: 'loading' }
  | { type: 'loadFailed'; message: string }
  /** Apply is running. */
  | { type: 'applying' }
  /** Apply failed or was refused; the webview keeps the user's edits. */
  | { type: 'applyFailed'; message: string; failedEntry?: PermissionEntry }
  /** The user said no to the confirmation; nothing was sent. */
  | { type: 'applyCancelled' };

/** Webview → host messages. */
export type PermissionsToHost =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'openImageJson' }
  /**
   * Make the launch permissions equal to `desired`. The host diffs it against the state it last sent,
   * and with `syncSnapshots` also grants/revokes createVolumePermission on the snapshots.
   */
  | { type: 'apply'; desired: PermissionEntry[]; syncSnapshots: boolean };

/** At most this many entries in one Apply (EC2 allows far fewer shares per image anyway). */
const MAX_ENTRIES = 1000;

/** Runtime check of one permission entry, including the shape of its value. */
export function isPermissionEntry(value: unknown): value is PermissionEntry {
  if (!isRecord(value)) return false;
  if (value.kind === 'public') return hasOnlyKeys(value, ['kind']);
  if (!hasOnlyKeys(value, ['kind', 'value']) || typeof value.value !== 'string') return false;
  const parsed = parsePermissionToken(value.value);
  return parsed.ok && parsed.entry.kind === value.kind && parsed.entry.value === value.value;
}

/** Runtime check of a message from the webview; anything else is ignored (and logged). */
export function isPermissionsToHost(message: unknown): message is PermissionsToHost {
  if (!isRecord(message)) return false;
  switch (message.type) {
    case 'ready':
    case 'refresh':
    case 'openImageJson':
      return hasOnlyKeys(message, ['type']);
    case 'apply':
      return (
        hasOnlyKeys(message, ['type', 'desired', 'syncSnapshots']) &&
        typeof message.syncSnapshots === 'boolean' &&
        Array.isArray(message.desired) &&
        message.desired.length <= MAX_ENTRIES &&
        message.desired.every(isPermissionEntry)
      );
    default:
      return false;
  }
}
