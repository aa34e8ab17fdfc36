import type { FrameLocator, Locator, Page } from 'playwright-core';

/**
 * What a user sees and clicks in the VS Code 1.100 workbench, by the selectors that hold on that
 * version. Tests speak in user terms (open a view, expand a row, pick a menu item) and this is the
 * one place that knows the DOM.
 */
export class WorkbenchPage {
  constructor(readonly page: Page) {}

  /** Waits until the workbench has rendered its activity bar, i.e. is usable. */
  async waitUntilReady(): Promise<void> {
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor();
  }

  /** The activity bar entry of a view container, by its title. */
  activity(title: string): Locator {
    return this.page.locator(
      `.part.activitybar .action-item[role="tab"] a.action-label[aria-label^="${cssString(title)}"]`,
    );
  }

  /** Opens a view container from the activity bar unless it is already open. */
  async openActivity(title: string): Promise<void> {
    const entry = this.activity(title);
    await entry.waitFor();
    const tab = entry.locator('xpath=..');
    if ((await tab.getAttribute('aria-selected')) !== 'true') {
      await entry.click();
    }
  }

  /** The tree of a view, by the view's title. */
  tree(viewTitle: string): Locator {
    return this.page.locator(`.monaco-list[aria-label="${cssString(viewTitle)}"]`);
  }

  /** The rows of a view's tree. */
  rows(viewTitle: string): Locator {
    return this.tree(viewTitle).locator('.monaco-list-row[role="treeitem"]');
  }

  /** The row whose label is exactly `label`. */
  row(viewTitle: string, label: string): Locator {
    return this.rows(viewTitle).filter({
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
    });
  }

  /**
   * The full id of an AMI row: the row shows the state and a short id (`available · ami-…9abcdef0`);
   * its accessible label, which screen readers read, has the name, the full id and the state.
   */
  async imageIdOf(row: Locator): Promise<string> {
    await row.waitFor();
    const label = (await row.getAttribute('aria-label')) ?? '';
    const imageId = /\b(ami-[0-9a-f]+)\b/.exec(label)?.[1];
    if (!imageId) throw new Error(`no AMI id in the row's accessible label "${label}"`);
    return imageId;
  }

  /** The visible labels of a view's rows, top to bottom. */
  async rowLabels(viewTitle: string): Promise<string[]> {
    return this.rows(viewTitle).locator('.label-name').allInnerTexts();
  }

  /** Expands a collapsed row (clicking an expanded one would collapse it). */
  async expand(viewTitle: string, label: string): Promise<Locator> {
    const row = this.row(viewTitle, label);
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.locator('.monaco-tl-twistie').click();
    }
    await waitForAttribute(row, 'aria-expanded', 'true');
    return row;
  }

  /** Right-clicks a row and picks a context-menu item. */
  async contextMenu(row: Locator, item: string): Promise<void> {
    await row.click({ button: 'right' });
    const menuItem = this.page.getByRole('menuitem', { name: item });
    // Hovering focuses the item; VS Code's menus run it on Enter. A synthetic click right after
    // the menu opens is sometimes swallowed while the menu is still settling.
    await menuItem.hover();
    await this.page.keyboard.press('Enter');
    await menuItem.waitFor({ state: 'hidden' });
  }

  /** Runs a command from the Command Palette by its title as shown there. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page
      .locator('.quick-input-widget .monaco-list-row', { hasText: title })
      .first()
      .waitFor();
    await input.press('Enter');
  }

  /** The quick pick's items, once it shows some. */
  quickPickItems(): Locator {
    return this.page.locator('.quick-input-widget .monaco-list-row[role="option"]');
  }

  /** The header of a view's pane (title, description, actions). */
  viewHeader(viewTitle: string): Locator {
    return this.page.locator('.pane-header', {
      has: this.page.locator('h3.title', {
        hasText: new RegExp(`^${escapeRegExp(viewTitle)}$`, 'i'),
      }),
    });
  }

  /** The description a view shows next to its title. */
  viewDescription(viewTitle: string): Locator {
    return this.viewHeader(viewTitle).locator('.description');
  }

  /** Clicks a view-title action; they only show while the header is hovered. */
  async clickViewAction(viewTitle: string, actionTitle: string): Promise<void> {
    const header = this.viewHeader(viewTitle);
    await header.hover();
    await header
      .locator(`.actions a.action-label[aria-label^="${cssString(actionTitle)}"]`)
      .click();
  }

  /** The text of the active editor. Monaco renders only the visible lines. */
  async activeEditorText(): Promise<string> {
    const lines = this.page.locator(
      '.editor-group-container.active .monaco-editor .view-lines .view-line',
    );
    await lines.first().waitFor();
    // Monaco keeps lines in render order, not line order; sort by their `top` style.
    const entries: { top: number; text: string }[] = [];
    for (const line of await lines.all()) {
      const style = (await line.getAttribute('style')) ?? '';
      const top = Number(/top:\s*(-?[\d.]+)px/.exec(style)?.[1] ?? 0);
      entries.push({ top, text: ((await line.textContent()) ?? '').replace(/\u00a0/g, ' ') });
    }
    return entries
      .sort((a, b) => a.top - b.top)
      .map((e) => e.text)
      .join('\n');
  }

  /** The title of the active editor tab. */
  activeTabTitle(): Locator {
    return this.page.locator('.editor-group-container.active .tab.active .label-name').first();
  }

  /** The input box of the quick input widget (Command Palette, quick picks, input boxes). */
  quickInputBox(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  /** The validation or help message under the quick input box. */
  quickInputMessage(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-message');
  }

  /** A status bar entry by (part of) its text. */
  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.part.statusbar .statusbar-item', { hasText: text });
  }

  /** The welcome content a view shows when its tree is empty. */
  welcomeContent(viewTitle: string): Locator {
    return this.page
      .locator('.pane', { has: this.viewHeader(viewTitle) })
      .locator('.welcome-view-content');
  }

  /** Notification toasts currently shown. */
  notifications(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast');
  }

  /** The content of a webview panel. */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }
}

function cssString(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function waitForAttribute(locator: Locator, name: string, value: string): Promise<void> {
  await locator.and(locator.page().locator(`[${name}="${value}"]`)).waitFor();
}
