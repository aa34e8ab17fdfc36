import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { useE2eSession } from './e2eSession';

const IMAGES = 'Images';

/** What the page's `getComputedStyle` answers, typed here (the e2e code has no DOM typings). */
interface StyleWindow {
  getComputedStyle(element: unknown, pseudo: string): { content: string; color: string };
}

/**
 * The badge VS Code draws on a row from a FileDecorationProvider: the text of the `::after` of the
 * row's label (VS Code renders decorations as generated CSS classes), or undefined.
 */
async function badgeNow(row: Locator): Promise<string | undefined> {
  return row
    .locator('.monaco-icon-label')
    .first()
    .evaluate((label) => {
      const after = (globalThis as unknown as StyleWindow).getComputedStyle(label, '::after');
      const content = after.content;
      if (!content || content === 'none' || content === 'normal') return undefined;
      return content.replace(/^"|"$/g, '');
    });
}

/**
 * The row's badge once VS Code has asked the provider (it does so after the row renders): waits
 * for `expected` and returns what shows; mocha's timeout turns a badge that never comes into a
 * failure.
 */
async function badgeOf(row: Locator, expected: string): Promise<string | undefined> {
  for (;;) {
    const badge = await badgeNow(row);
    if (badge === expected) return badge;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// One VS Code for the whole file: the steps build on each other as a user's session does.
describe('Badges on Images rows in the browser (real VS Code UI)', function () {
  const session = useE2eSession();

  it('shows a C badge on my AMI with critical findings, none on a clean one', async () => {
    const { workbench } = session;
    await workbench.openActivity('AMI Explorer');
    await workbench.expand(IMAGES, 'eu-west-1');
    await workbench.expand(IMAGES, 'EBS-backed');
    const runtime = workbench.row(IMAGES, 'app-runtime-2024.12');
    await runtime.waitFor();
    assert.equal(await badgeOf(runtime, 'C'), 'C', 'the critical findings badge');
    // The clean, scanned AMI next to it has none (its row rendered with the badged one).
    assert.equal(await badgeNow(workbench.row(IMAGES, 'bastion-arm64-2024.08')), undefined);
    // The row still reads name, state and short id.
    const description = (await runtime.locator('.label-description').textContent()) ?? '';
    assert.match(description, /^available · ami-…[0-9a-f]{8}$/);
    await session.screenshot('glance-01-findings-badge');
    // README.md: the tree (regions, backing groups, AMI rows with their state and badges), with
    // no row under the mouse.
    await workbench.parkMouse();
    await session.readmeScreenshot(
      'images-tree',
      workbench.sideBarTitle(),
      workbench.activity('AMI Explorer'),
      workbench.row(IMAGES, 'us-east-1'),
    );
  });

  it('opens the findings behind the badge as a report from the context menu', async () => {
    const { workbench } = session;
    const runtime = workbench.row(IMAGES, 'app-runtime-2024.12');
    await workbench.contextMenu(runtime, 'Show Findings');
    await workbench.activeTabTitle().filter({ hasText: 'app-runtime-2024.12 findings' }).waitFor();
    await workbench.page
      .locator('.editor-group-container.active .monaco-editor .view-lines', {
        hasText: 'CVE-2024-6387',
      })
      .waitFor();
    // Long lines wrap in a markdown editor.
    const text = (await workbench.activeEditorText()).replace(/\s+/g, ' ');
    assert.match(text, /3 findings: 1 critical, 1 high, 1 medium; a fix is available for 2\./);
    assert.match(text, /\| critical \| CVE-2024-6387 \| openssh/);
    // The picture waits for the markdown colouring, which comes after the text: the heading is
    // bold once the document is tokenized.
    await workbench.page
      .locator('.editor-group-container.active .view-line .mtkb')
      .first()
      .waitFor();
    // The mouse stays where the context menu was; its hover would cover the report.
    await workbench.parkMouse();
    await session.screenshot('glance-03-findings-report');
    // README.md: a report, beside the row it is about, down to the tree's last row.
    await session.readmeScreenshot(
      'findings-report',
      workbench.activity('AMI Explorer'),
      workbench.sideBarTitle(),
      workbench.editorTabs(),
      workbench.row(IMAGES, 'us-east-1'),
    );
    await workbench.runCommand('View: Close All Editors');
  });

  it('shows "!" on Amazon AMIs that Allowed AMIs (audit mode) would block in ap-southeast-2', async () => {
    const { workbench } = session;
    await workbench.clickViewAction(IMAGES, 'Choose Scope…');
    await workbench
      .quickPickItems()
      .filter({ hasText: /^Amazon/ })
      .first()
      .click();
    await workbench
      .viewDescription(IMAGES)
      .filter({ hasText: /^Amazon$/ })
      .waitFor();
    // The new scope's listing has reached every region (a row toggled while the tree is being
    // rebuilt for the scope can be rendered again collapsed).
    for (const region of ['ap-southeast-2', 'eu-west-1', 'us-east-1']) {
      await workbench
        .row(IMAGES, region)
        .locator('.label-description')
        .filter({ hasText: /^\d+ AMIs?$/ })
        .waitFor();
    }
    // Only ap-southeast-2 open, so its rows are in view.
    for (const region of ['eu-west-1', 'us-east-1']) {
      const row = workbench.row(IMAGES, region);
      if ((await row.getAttribute('aria-expanded')) === 'true') {
        await row.locator('.monaco-tl-twistie').click();
      }
    }
    await workbench.expand(IMAGES, 'ap-southeast-2');
    const windows = workbench.row(IMAGES, 'Windows_Server-2022-English-Full-Base-2024.10.09');
    await windows.waitFor();
    assert.equal(await badgeOf(windows, '!'), '!');
    const al2023 = workbench.row(IMAGES, 'al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64');
    assert.equal(await badgeNow(al2023), undefined, 'AL2023 is allowed');
    await session.screenshot('glance-02-not-allowed-badge');
  });
});
