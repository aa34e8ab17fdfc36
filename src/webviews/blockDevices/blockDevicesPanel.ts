import * as vscode from 'vscode';
import { amiDisplayName } from '../../core/model/ami';
import { errorSentence } from '../../core/model/errorSentence';
import { logError } from '../../log';
import { openResourceDocument } from '../openResourceDocument';
import type { PanelDeps } from '../panelDeps';
import { PanelController } from '../panelHost';
import type { PanelIdentity } from '../panelState';
import type { BlockDevicesToHost, HostToBlockDevices } from './protocol';
import { isBlockDevicesToHost } from './protocol';
import * as l10n from '@vscode/l10n';

/** The host side of one block-device mappings panel (one per image). */
export class BlockDevicesPanel extends PanelController<BlockDevicesToHost, HostToBlockDevices> {
  private label: string | undefined;
  private loading: AbortController | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
    readonly identity: PanelIdentity,
  ) {
    super(panel, deps.log, isBlockDevicesToHost);
  }

  /** Something changed the AMI (a command, polling): show what EC2 now says. */
  imageChanged(): void {
    void this.load();
  }

  protected async handle(message: BlockDevicesToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        return this.load();
      case 'openImageJson':
        return this.open(this.identity.imageId, this.label);
      case 'openSnapshotJson':
        return this.open(message.snapshotId);
      case 'copy':
        await vscode.env.clipboard.writeText(message.value);
        this.post({ type: 'notice', message: l10n.t('Copied {0}', message.value) });
        return;
    }
  }

  private async load(): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    const { region, imageId } = this.identity;
    this.post({ type: 'loading' });
    try {
      const view = await this.deps.sharing.getBlockDevices(region, imageId, controller.signal);
      if (controller.signal.aborted) return;
      const ami = view.ami;
      this.label = ami.name;
      this.panel.title = l10n.t('Block Devices: {0}', amiDisplayName(ami));
      this.post({
        type: 'init',
        identity: this.identity,
        header: {
          name: amiDisplayName(ami),
          imageId: ami.imageId,
          region,
          backingType: ami.rootDeviceType,
          state: ami.state,
          ...(ami.rootDeviceName ? { rootDeviceName: ami.rootDeviceName } : {}),
          ...(ami.architecture ? { architecture: ami.architecture } : {}),
          ...(ami.bootMode ? { bootMode: ami.bootMode } : {}),
          ...(ami.virtualizationType ? { virtualizationType: ami.virtualizationType } : {}),
          ...(ami.imageLocation ? { imageLocation: ami.imageLocation } : {}),
        },
        rows: view.summary.rows,
        totals: view.summary.totals,
        ...(view.snapshotsError ? { snapshotsError: view.snapshotsError } : {}),
      });
    } catch (error) {
      if (controller.signal.aborted) return;
      logError(this.log, `Block devices of ${imageId} in ${region}`, error);
      this.post({ type: 'loadFailed', message: errorSentence(error) });
    }
  }

  private async open(resourceId: string, label?: string): Promise<void> {
    try {
      await openResourceDocument(this.deps.documents, {
        region: this.identity.region,
        resourceId,
        ...(label ? { label } : {}),
      });
    } catch (error) {
      logError(this.log, `Opening ${resourceId}`, error);
      this.post({
        type: 'notice',
        message: l10n.t('Could not open {0}: {1}', resourceId, errorSentence(error)),
      });
    }
  }

  override dispose(): void {
    this.loading?.abort();
    super.dispose();
  }
}
