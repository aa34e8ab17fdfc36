import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/**
 * Makes every test of the suite open its panel in a new editor group, so no page is hidden while it
 * may still be loading. Tests go on as soon as the host has sent `init`, while the page is still
 * fetching its icons' stylesheet and font through the webview service worker. Hiding a panel
 * discards its page (these panels do not retain context) and VS Code never answers the requests
 * that page had in flight, so the worker holds them until its 30 s timeout. code-server serves all
 * webviews from one origin and each new webview registers the worker anew, which the browser lets
 * take over only once the old worker has nothing in flight: the next panel would wait those 30 s.
 * A person, like the e2e tier, sees the page load before opening the next one.
 */
export function eachPanelInANewGroup(): void {
  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.newGroupRight');
    const group = vscode.window.tabGroups.activeTabGroup;
    assert.equal(
      group.tabs.length,
      0,
      `a new, empty group (group ${group.viewColumn} of ${
        vscode.window.tabGroups.all.length
      } holds: ${group.tabs.map((t) => t.label).join(', ')})`,
    );
  });
}
