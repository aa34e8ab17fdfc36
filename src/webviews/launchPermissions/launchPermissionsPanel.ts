import type * as vscode from 'vscode';
import { amiDisplayName } from '../../core/model/ami';
import { errorSentence } from '../../core/model/errorSentence';
import type { PermissionEntry } from '../../core/model/launchPermissionEntries';
import { confirmAppliedSharing } from '../../core/model/appliedSharing';
import { diffPermissions } from '../../core/model/launchPermissionEntries';
import type { ApplyOutcome, SharingState } from '../../core/services/imageSharingService';
import { PermissionChangeError } from '../../core/services/imageSharingService';
import { snapshotSharingWarning } from '../../core/model/snapshotSharing';
import { logError } from '../../log';
import { confirmMakePublic } from '../confirmMakePublic';
import { openResourceDocument } from '../openResourceDocument';
import type { PanelDeps } from '../panelDeps';
import { PanelController } from '../panelHost';
import type { PanelIdentity } from '../panelState';
import type { HostToPermissions, PermissionsInit, PermissionsToHost } from './protocol';
import { isPermissionsToHost } from './protocol';
import * as l10n from '@vscode/l10n';

/** The host side of one launch-permissions panel (one per image). */
export class LaunchPermissionsPanel extends PanelController<PermissionsToHost, HostToPermissions> {
  /** What the user is editing against: the state last sent in `init`. */
  private baseline: SharingState | undefined;
  private busy = false;
  private publishing = false;

  constructor(
    panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
    readonly identity: PanelIdentity,
  ) {
    super(panel, deps.log, isPermissionsToHost);
  }

  /** Something changed the AMI elsewhere (a command, another panel): show what EC2 now says. */
  imageChanged(): void {
    if (this.busy || this.publishing) return;
    void this.load();
  }

  protected async handle(message: PermissionsToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        return this.load();
      case 'openImageJson':
        try {
          await openResourceDocument(this.deps.documents, {
            region: this.identity.region,
            resourceId: this.identity.imageId,
            ...(this.baseline?.ami.name ? { label: this.baseline.ami.name } : {}),
          });
        } catch (error) {
          logError(this.log, `Opening ${this.identity.imageId}`, error);
        }
        return;
      case 'apply':
        return this.apply(message.desired, message.syncSnapshots);
    }
  }

  /**
   * Reads the AMI's sharing state and shows it; `extra` adds a status line and warnings, computed
   * from what was read (so a claim can be checked against it). `afterApply`: the re-read follows an
   * Apply, and its failure must not hide that EC2 accepted the change.
   */
  private async load(
    extra?: Extra | ((state: SharingState) => Extra),
    afterApply?: string,
  ): Promise<void> {
    const { region, imageId } = this.identity;
    this.post({ type: 'loading' });
    try {
      const state = await this.deps.sharing.getSharingState(region, imageId);
      this.baseline = state;
      this.panel.title = l10n.t('Launch Permissions: {0}', amiDisplayName(state.ami));
      this.post(toInit(this.identity, state, typeof extra === 'function' ? extra(state) : extra));
    } catch (error) {
      logError(this.log, `Launch permissions of ${imageId} in ${region}`, error);
      this.post({
        type: 'loadFailed',
        message: afterApply
          ? l10n.t('{0} Re-reading the result failed: {1}', afterApply, messageOf(error))
          : messageOf(error),
      });
    }
  }

  private async apply(desired: PermissionEntry[], syncSnapshots: boolean): Promise<void> {
    const baseline = this.baseline;
    if (!baseline || this.busy) return;
    const { region, imageId } = this.identity;
    const diff = diffPermissions(baseline.entries, desired);
    if (baseline.ami.state === 'disabled' && diff.add.length > 0) {
      this.post({
        type: 'applyFailed',
        message: l10n.t(
          'This AMI is disabled, and a disabled AMI cannot be shared. Enable it first.',
        ),
      });
      return;
    }
    this.busy = true;
    this.post({ type: 'applying' });
    let outcome: ApplyOutcome;
    try {
      outcome = await this.deps.sharing.apply(
        region,
        imageId,
        baseline.entries,
        desired,
        baseline.snapshots,
        {
          syncSnapshots: syncSnapshots && baseline.ami.rootDeviceType === 'ebs',
          confirmPublic: () =>
            confirmMakePublic(this.deps.ui, {
              name: amiDisplayName(baseline.ami),
              imageId,
              region,
            }),
        },
      );
    } catch (error) {
      this.busy = false;
      logError(this.log, `Applying launch permissions of ${imageId} in ${region}`, error);
      this.post({
        type: 'applyFailed',
        message: messageOf(error),
        ...(error instanceof PermissionChangeError && error.failedEntry
          ? { failedEntry: error.failedEntry }
          : {}),
      });
      return;
    }
    this.busy = false;
    switch (outcome.outcome) {
      case 'cancelled':
        this.post({ type: 'applyCancelled' });
        return;
      case 'blocked':
        this.post({ type: 'applyFailed', message: outcome.message });
        return;
      case 'nothing-to-do':
        await this.load({
          notice: l10n.t('Nothing to change: the launch permissions are as shown.'),
        });
        return;
      case 'applied': {
        // This panel reads its own result below; the event is for everyone else showing the AMI.
        this.publishing = true;
        try {
          this.deps.events.publish({ kind: 'touched', region, imageId });
        } finally {
          this.publishing = false;
        }
        // The status line claims only what the re-read below shows.
        await this.load((state) => {
          const { notice, warnings } = confirmAppliedSharing(outcome, state);
          this.log.info(`Launch permissions of ${imageId} in ${region}: ${notice}`);
          for (const w of warnings) this.log.warn(`Launch permissions of ${imageId}: ${w}`);
          const all = [...outcome.snapshotErrors, ...warnings];
          return { notice, ...(all.length > 0 ? { warnings: all } : {}) };
        }, l10n.t('EC2 accepted the change.'));
        return;
      }
    }
  }
}

/** A status line and warnings shown with the state. */
type Extra = { notice?: string; warnings?: string[] };

function toInit(
  identity: PanelIdentity,
  state: SharingState,
  extra?: { notice?: string; warnings?: string[] },
): PermissionsInit {
  const ami = state.ami;
  return {
    type: 'init',
    identity,
    name: amiDisplayName(ami),
    imageId: ami.imageId,
    region: ami.region,
    state: ami.state,
    backingType: ami.rootDeviceType,
    disabled: ami.state === 'disabled',
    entries: state.entries,
    ...(state.blockPublicAccess ? { blockPublicAccess: state.blockPublicAccess } : {}),
    ...(state.blockPublicAccessError
      ? { blockPublicAccessError: state.blockPublicAccessError }
      : {}),
    snapshots: state.snapshots.map((s) => {
      const warning = snapshotSharingWarning(s);
      return { ...s, ...(warning ? { warning } : {}) };
    }),
    ...(extra?.notice ? { notice: extra.notice } : {}),
    ...(extra?.warnings ? { warnings: extra.warnings } : {}),
  };
}

function messageOf(error: unknown): string {
  return error instanceof PermissionChangeError ? error.message : errorSentence(error);
}
