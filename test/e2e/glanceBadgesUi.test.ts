import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { startE2eSession, type E2eSession } from './e2eSession';

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
  let session: E2eSession;

  before(async () => {
    session = await startE2eSession();
  });
  after(async () => {
    await session?.dispose();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await session.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    }
  });

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
