import * as vscode from 'vscode';
import {
  parseResourceDocumentPath,
  RESOURCE_DOCUMENT_SCHEME,
} from './core/model/resourceDocumentPath';
import { BLOCK_DEVICES_VIEW_TYPE } from './webviews/blockDevices/protocol';
import { LAUNCH_PERMISSIONS_VIEW_TYPE } from './webviews/launchPermissions/protocol';
import { WALKTHROUGH_CONTEXT_KEYS } from './contextKeys';

/** One of the walkthrough's milestones. */
export type WalkthroughMilestone = keyof typeof WALKTHROUGH_CONTEXT_KEYS;

const IMAGE_PANEL_VIEW_TYPES: readonly string[] = [
  BLOCK_DEVICES_VIEW_TYPE,
  LAUNCH_PERMISSIONS_VIEW_TYPE,
];

/** Sets each milestone's context key once, when it is first reached in this window. */
export class WalkthroughProgress implements vscode.Disposable {
  private readonly reached = new Set<WalkthroughMilestone>();
  private readonly tabs: vscode.Disposable;

  constructor() {
    // Tabs are where an AMI JSON or a panel shows, however it was opened (tree, keyboard, palette,
    // a hover's link, a restored panel).
    this.tabs = vscode.window.tabGroups.onDidChangeTabs((change) => {
      this.sawTabs([...change.opened, ...change.changed]);
    });
    this.sawTabs(vscode.window.tabGroups.all.flatMap((group) => group.tabs));
  }

  /** Whether the milestone has been reached in this window. */
  has(milestone: WalkthroughMilestone): boolean {
    return this.reached.has(milestone);
  }

  reach(milestone: WalkthroughMilestone): void {
    if (this.reached.has(milestone)) return;
    this.reached.add(milestone);
    void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT_KEYS[milestone], true);
  }

  /** A region listed its AMIs: the credentials work too. */
  regionListed(): void {
    this.reach('credentialsFound');
    this.reach('regionListed');
  }

  dispose(): void {
    this.tabs.dispose();
  }

  private sawTabs(tabs: readonly vscode.Tab[]): void {
    for (const tab of tabs) {
      const input = tab.input;
      if (
        input instanceof vscode.TabInputText &&
        input.uri.scheme === RESOURCE_DOCUMENT_SCHEME &&
        parseResourceDocumentPath(input.uri.path)?.kind === 'image'
      ) {
        this.reach('amiJsonOpened');
      } else if (
        input instanceof vscode.TabInputWebview &&
        IMAGE_PANEL_VIEW_TYPES.some((type) => input.viewType.endsWith(type))
      ) {
        this.reach('panelOpened');
      }
    }
  }
}
