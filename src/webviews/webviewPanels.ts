import * as vscode from 'vscode';
import { eventImageId, eventRegion } from '../core/services/imageEvents';
import { BlockDevicesPanel } from './blockDevices/blockDevicesPanel';
import { BLOCK_DEVICES_VIEW_TYPE } from './blockDevices/protocol';
import type { CleanupPanelDeps } from './cleanup/cleanupPanel';
import { CleanupPanel } from './cleanup/cleanupPanel';
import { CLEANUP_VIEW_TYPE } from './cleanup/protocol';
import { LaunchPermissionsPanel } from './launchPermissions/launchPermissionsPanel';
import { LAUNCH_PERMISSIONS_VIEW_TYPE } from './launchPermissions/protocol';
import type { PanelDeps } from './panelDeps';
import { applyPanelOptions, panelHtml, panelOptions } from './panelHost';
import type { PanelIdentity } from './panelState';
import { identityFrom } from './panelState';
import * as l10n from '@vscode/l10n';

type AnyPanel = BlockDevicesPanel | LaunchPermissionsPanel;

/** The panels AMI Explorer opens, by view type. */
const PANEL_KINDS = {
  [BLOCK_DEVICES_VIEW_TYPE]: {
    script: 'blockDevices.js',
    title: (id: PanelIdentity) => l10n.t('Block Devices: {0}', id.imageId),
    create: (panel: vscode.WebviewPanel, deps: PanelDeps, id: PanelIdentity): AnyPanel =>
      new BlockDevicesPanel(panel, deps, id),
  },
  [LAUNCH_PERMISSIONS_VIEW_TYPE]: {
    script: 'launchPermissions.js',
    title: (id: PanelIdentity) => l10n.t('Launch Permissions: {0}', id.imageId),
    create: (panel: vscode.WebviewPanel, deps: PanelDeps, id: PanelIdentity): AnyPanel =>
      new LaunchPermissionsPanel(panel, deps, id),
  },
} as const;

/** A view type of one of AMI Explorer's panels. */
export type PanelViewType = keyof typeof PANEL_KINDS;

/**
 * Opens panels (one per image and purpose: opening one again reveals it) and brings them back after
 * a window reload through panel serializers.
 */
export class WebviewPanels implements vscode.Disposable {
  private readonly open = new Map<string, AnyPanel>();
  /** The cleanup assistant: one for the window, not per image (not restored after a reload). */
  private cleanup: CleanupPanel | undefined;

  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: PanelDeps) {
    this.subscription = deps.events.subscribe((event) => {
      const region = eventRegion(event);
      const imageId = eventImageId(event);
      for (const panel of this.open.values()) {
        if (panel.identity.region === region && panel.identity.imageId === imageId)
          panel.imageChanged();
      }
    });
  }

  /** Opens (or reveals) the block-device mappings panel of an image. */
  showBlockDevices(identity: PanelIdentity): BlockDevicesPanel {
    return this.show(BLOCK_DEVICES_VIEW_TYPE, identity) as BlockDevicesPanel;
  }

  /** Opens (or reveals) the launch-permissions panel of an image. */
  showLaunchPermissions(identity: PanelIdentity): LaunchPermissionsPanel {
    return this.show(LAUNCH_PERMISSIONS_VIEW_TYPE, identity) as LaunchPermissionsPanel;
  }

  /**
   * Opens (or reveals) the cleanup assistant; `selected`: the regions ticked at first (all when
   * undefined).
   */
  showCleanup(deps: CleanupPanelDeps, selected?: string[]): CleanupPanel {
    if (this.cleanup && !this.cleanup.isDisposed) {
      this.cleanup.panel.reveal();
      if (selected) this.cleanup.select(selected);
      return this.cleanup;
    }
    const title = l10n.t('AMI Cleanup Assistant');
    const panel = vscode.window.createWebviewPanel(
      CLEANUP_VIEW_TYPE,
      title,
      { viewColumn: vscode.ViewColumn.Active },
      panelOptions(this.deps.extensionUri),
    );
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'ami-explorer.svg');
    const controller = new CleanupPanel(panel, deps, selected);
    this.cleanup = controller;
    controller.onDidDispose(() => {
      if (this.cleanup === controller) this.cleanup = undefined;
    });
    panel.webview.html = panelHtml(panel.webview, this.deps.extensionUri, {
      script: 'cleanup.js',
      title,
    });
    return controller;
  }

  /** The open cleanup assistant (tests drive it). */
  get cleanupPanel(): CleanupPanel | undefined {
    return this.cleanup;
  }

  /** The open panel of a kind for an image (tests inspect what it posted). */
  find(viewType: PanelViewType, identity: PanelIdentity): AnyPanel | undefined {
    return this.open.get(key(viewType, identity));
  }

  /** How many panels are open. */
  get size(): number {
    return this.open.size;
  }

  /** Closes every open panel. */
  closeAll(): void {
    for (const panel of [...this.open.values()]) panel.dispose();
    this.open.clear();
    this.cleanup?.dispose();
    this.cleanup = undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.closeAll();
  }

  private show(viewType: PanelViewType, identity: PanelIdentity): AnyPanel {
    const existing = this.open.get(key(viewType, identity));
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const kind = PANEL_KINDS[viewType];
    const panel = vscode.window.createWebviewPanel(
      viewType,
      kind.title(identity),
      { viewColumn: vscode.ViewColumn.Active },
      panelOptions(this.deps.extensionUri),
    );
    return this.attach(viewType, panel, identity);
  }

  /** Brings back a panel VS Code restored after a reload (called from the panel serializers). */
  restore(viewType: PanelViewType, panel: vscode.WebviewPanel, state: unknown): void {
    const identity = identityFrom(state);
    if (!identity || this.open.has(key(viewType, identity))) {
      // Nothing to show (the page never got its init) or a duplicate: close it.
      panel.dispose();
      return;
    }
    applyPanelOptions(panel, this.deps.extensionUri);
    this.attach(viewType, panel, identity);
  }

  private attach(
    viewType: PanelViewType,
    panel: vscode.WebviewPanel,
    identity: PanelIdentity,
  ): AnyPanel {
    const kind = PANEL_KINDS[viewType];
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'ami-explorer.svg');
    const controller = kind.create(panel, this.deps, identity);
    const id = key(viewType, identity);
    this.open.set(id, controller);
    controller.onDidDispose(() => {
      if (this.open.get(id) === controller) this.open.delete(id);
    });
    panel.webview.html = panelHtml(panel.webview, this.deps.extensionUri, {
      script: kind.script,
      title: kind.title(identity),
    });
    return controller;
  }
}

function key(viewType: string, identity: PanelIdentity): string {
  return `${viewType}|${identity.region}|${identity.imageId}`;
}
